"""Merging: mentions (one report each) into events (one real event each), with stable ids.

    plan_merge(mentions, existing, existing_mentions, now) -> MergePlan    pure, deterministic
    merge_mentions(mentions, now=0) -> list[Event]                         in memory
    explain(event_id, store, near=False) -> Explanation                    why merged / kept apart
    false_merge_rate(row_mentions) -> float                                quality on ACLED rows
    false_merge_pairs(row_mentions) -> list[FalseMergePair]                the pairs, to read by hand

The rules live in ``strife.merge.rules``, clustering and ids in ``strife.merge.cluster``, event
fields in ``strife.merge.build``; the store side is ``strife.store.merging``.
"""

from .build import build_event, source_scale
from .cluster import Change, MergePlan, cluster_mentions, merge_mentions, plan_merge
from .evaluate import FalseMergePair, false_merge_pairs, false_merge_rate, false_merges
from .explain import Explanation, KeptApart, PairExplanation, explain, explain_event, explain_mentions
from .rules import PLACE_MAX_KM, RuleResult, check_pair, compatible

__all__ = [
    "plan_merge",
    "merge_mentions",
    "cluster_mentions",
    "MergePlan",
    "Change",
    "build_event",
    "source_scale",
    "explain",
    "explain_event",
    "explain_mentions",
    "Explanation",
    "PairExplanation",
    "KeptApart",
    "false_merge_rate",
    "false_merges",
    "false_merge_pairs",
    "FalseMergePair",
    "check_pair",
    "compatible",
    "RuleResult",
    "PLACE_MAX_KM",
]
