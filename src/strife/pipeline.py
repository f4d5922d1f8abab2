"""The runner: drives the stages over inputs and hands their records to the store.

Stages (ingest, extract, nlp, geo, coding, merge) return records and never touch the database;
this module is the only place that sequences them and persists what they return.  Each document
is saved in one transaction (raw bytes, articles, mentions, statistics, failures), and merging
picks up every mention not yet merged, so a run killed at any moment and started again ends with
the same stored result as an uninterrupted one.
"""

from __future__ import annotations

import logging
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import PurePath
from urllib.parse import urlsplit

from .errors import StrifeError
from .records import Article, Event, Failure, Mention, RawDocument, replace
from .settings import Settings, get_settings

__all__ = ["Pipeline", "RunReport", "code_text", "Progress"]

log = logging.getLogger("strife")

# Progress callback: (stage, advance, total or None, description)
Progress = Callable[[str, int, int | None, str], None]


@dataclass(slots=True)
class RunReport:
    """What one run did.  Counts are NEW rows stored by this run."""

    run_id: str
    documents: int = 0
    articles: int = 0
    mentions: int = 0
    statistics: int = 0
    events: int = 0
    events_updated: int = 0
    failures: int = 0
    skipped_documents: int = 0  # already stored: ingesting the same bytes twice is a no-op
    inputs_ok: int = 0  # documents read (new or known)
    status: str = "ok"  # ok, partial, failed
    timings: dict[str, float] = field(default_factory=dict)
    failure_list: list[Failure] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {
            "run_id": self.run_id,
            "status": self.status,
            "documents": self.documents,
            "articles": self.articles,
            "mentions": self.mentions,
            "statistics": self.statistics,
            "events": self.events,
            "events_updated": self.events_updated,
            "failures": self.failures,
            "skipped_documents": self.skipped_documents,
            "timings": {k: round(v, 3) for k, v in self.timings.items()},
            "failure_list": [
                {"stage": f.stage, "item": f.item, "code": f.code, "message": f.message} for f in self.failure_list
            ],
        }


@dataclass(frozen=True, slots=True)
class Coded:
    """One article after NLP, geocoding and coding."""

    article: Article
    mentions: list[Mention]
    statistics: list
    places: list


class Pipeline:
    """Runs strife's stages.  Heavy parts (model, gazetteer, lexicons) load on first use, once."""

    def __init__(self, settings: Settings | None = None, *, fetcher=None, options=None):
        self.settings = settings or get_settings()
        self.fetcher = fetcher
        self.options = options

    # -- heavy components, loaded once ------------------------------------------------------
    @cached_property
    def geocoder(self):
        from .geo import Geocoder

        return Geocoder.load(self.settings)

    @cached_property
    def coder(self):
        from .coding import EventCoder

        return EventCoder(self.settings)

    # -- in-memory coding ---------------------------------------------------------------------
    def code_articles(self, articles: Iterable[Article], failures: list[Failure] | None = None) -> Iterator[Coded]:
        """NLP, places, events and locations for each article, batched through ``nlp.pipe``.

        An article that makes a stage fail becomes a ``Failure`` (appended to ``failures`` when
        given, else raised) and the others go on.
        """
        from .nlp import parse

        articles = list(articles)
        done: set[str] = set()
        try:
            for article, doc in parse(articles, self.settings):
                done.add(article.id)
                coded = self._code_one(article, doc, failures)
                if coded is not None:
                    yield coded
        except StrifeError:
            raise
        except Exception:
            # A batch failed inside spaCy: redo the rest one by one so only the bad article is lost.
            if failures is None:
                raise
            for article in articles:
                if article.id in done:
                    continue
                done.add(article.id)
                try:
                    pairs = list(parse([article], self.settings))
                except Exception as exc:  # noqa: BLE001 - turned into a failure record
                    failures.append(Failure("nlp", article.id, "N101", f"language model failed: {exc}"))
                    continue
                for art, doc in pairs:
                    coded = self._code_one(art, doc, failures)
                    if coded is not None:
                        yield coded

    def _code_one(self, article: Article, doc, failures: list[Failure] | None) -> Coded | None:
        stage = "geo"
        try:
            places = self.geocoder.find_places(article, doc)
            stage = "code"
            result = self.coder.code(article, doc, places)
            stage = "geo"
            mentions = self.geocoder.locate(article, doc, list(result.mentions), places)
            return Coded(article, list(mentions), list(result.statistics), list(places))
        except Exception as exc:  # noqa: BLE001 - one article must not stop a run
            if failures is None:
                raise
            code = exc.code if isinstance(exc, StrifeError) else ("G101" if stage == "geo" else "C101")
            log.exception("article %s failed in stage %s", article.id, stage)
            failures.append(Failure(stage, article.id, code, f"{type(exc).__name__}: {exc}"))
            return None

    def code_text(self, text: str, published: str | None = None, url: str | None = None) -> list[Event]:
        """Events in one text, in memory (no database)."""
        from .extract import extract_articles
        from .ingest import document_from_text
        from .merge import merge_mentions

        doc = document_from_text(text, published=published, url=url)
        result = extract_articles(doc, self.options)
        mentions = [m for coded in self.code_articles(result.articles) for m in coded.mentions]
        return merge_mentions(mentions, now=int(time.time()))

    # -- the stored run -------------------------------------------------------------------------
    def run(self, inputs: Iterable[str], store, *, progress: Progress | None = None,
            command: str | None = None) -> RunReport:
        """Ingest, code and store ``inputs``; merge every unmerged mention; return the report."""
        from .ingest import read_inputs

        inputs = list(inputs)
        items = read_inputs(inputs, self.settings, fetcher=self.fetcher, options=self.options)
        return self.run_documents(items, store, progress=progress, command=command or "run", inputs=inputs)

    def run_documents(self, items: Iterable[RawDocument | Failure], store, *, progress: Progress | None = None,
                      command: str | None = None, inputs: list[str] | None = None) -> RunReport:
        """Code and store documents already read (e.g. posted to the web API), then merge."""
        progress = progress or (lambda *a: None)
        timings: Counter[str] = Counter()
        run_id = store.begin_run(command or "run-documents", inputs or [])
        report = RunReport(run_id=run_id)
        t_run = time.perf_counter()
        try:
            t = time.perf_counter()
            for item in items:
                timings["ingest"] += time.perf_counter() - t
                if isinstance(item, Failure):
                    self._failed(store, report, item)
                    progress("documents", 1, None, item.item)
                    t = time.perf_counter()
                    continue
                report.inputs_ok += 1
                progress("documents", 0, None, item.source)
                if store.has_document(item.id):
                    report.skipped_documents += 1
                    progress("documents", 1, None, item.source)
                    t = time.perf_counter()
                    continue
                self._process_document(store, report, item, timings, progress)
                progress("documents", 1, None, item.source)
                t = time.perf_counter()
            t = time.perf_counter()
            progress("merge", 0, None, "merging")
            merged = self._merge(store, run_id)
            timings["merge"] += time.perf_counter() - t
            report.events = merged.get("created", 0)
            report.events_updated = merged.get("updated", 0)
        except BaseException:
            store.finish_run(run_id, "interrupted", self._counts(report), dict(timings))
            raise
        timings["total"] = time.perf_counter() - t_run
        report.timings = dict(timings)
        # Status counts every failure met in this run, new or already recorded, so a re-run over
        # the same bad inputs is still "partial" although it stores no new failure rows.
        if report.failure_list and report.inputs_ok:
            report.status = "partial"
        elif report.failure_list:
            report.status = "failed"
        store.finish_run(run_id, report.status, self._counts(report), report.timings)
        return report

    def _process_document(self, store, report: RunReport, doc: RawDocument, timings, progress):
        from .extract import extract_articles

        failures: list[Failure] = []
        t = time.perf_counter()
        try:
            extracted = extract_articles(doc, self.options)
            articles = list(extracted.articles)
            failures.extend(extracted.failures)
        except StrifeError as exc:
            articles = []
            failures.append(Failure("extract", doc.source, exc.code, exc.message))
        timings["extract"] += time.perf_counter() - t
        t = time.perf_counter()
        mentions: list[Mention] = []
        statistics: list = []
        fallback = _source_label(doc)
        for coded in self.code_articles(articles, failures):
            mentions.extend(m if m.outlet else replace(m, outlet=_outlet_of(coded.article) or fallback)
                            for m in coded.mentions)
            statistics.extend(coded.statistics)
            progress("articles", 1, None, coded.article.title or "")
        timings["code"] += time.perf_counter() - t
        t = time.perf_counter()
        counts = store.save_document(report.run_id, doc, articles, mentions, statistics, failures)
        timings["store"] += time.perf_counter() - t
        report.documents += counts.documents
        report.articles += counts.articles
        report.mentions += counts.mentions
        report.statistics += counts.statistics
        report.failures += counts.failures
        report.failure_list.extend(failures)

    def _failed(self, store, report: RunReport, failure: Failure) -> None:
        if store.record_failure(report.run_id, failure):
            report.failures += 1
        report.failure_list.append(failure)

    def _merge(self, store, run_id: str) -> dict[str, int]:
        from .store import merging

        return merging.merge_pending(store, run_id=run_id, now=int(time.time()))

    @staticmethod
    def _counts(report: RunReport) -> dict[str, int]:
        return {
            "documents": report.documents,
            "articles": report.articles,
            "mentions": report.mentions,
            "events": report.events,
            "failures": report.failures,
        }


def _outlet_of(article: Article) -> str | None:
    """The outlet named by the article, else its URL's host."""
    if article.outlet:
        return article.outlet
    if article.url:
        host = urlsplit(article.url).hostname or ""
        return host.removeprefix("www.") or None
    return None


def _source_label(doc: RawDocument) -> str | None:
    """Where a report came from when no outlet is known: the URL host or the file's name."""
    if doc.source.startswith(("http://", "https://")):
        return (urlsplit(doc.source).hostname or "").removeprefix("www.") or None
    if doc.source.startswith("<"):
        return None
    return PurePath(doc.source).name or None


def code_text(text: str, published: str | None = None, url: str | None = None, *,
              settings: Settings | None = None) -> list[Event]:
    """Code one text into events, in memory.

    >>> events = code_text("On 3 May 2020, gunmen killed two farmers in Ghazni.", published="2020-05-04")
    """
    return _default_pipeline(settings).code_text(text, published=published, url=url)


_PIPELINES: dict[Settings, Pipeline] = {}


def _default_pipeline(settings: Settings | None) -> Pipeline:
    settings = settings or get_settings()
    if settings not in _PIPELINES:
        _PIPELINES[settings] = Pipeline(settings)
    return _PIPELINES[settings]
