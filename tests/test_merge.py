"""Merging mentions into events: rules, every claim kept, stable ids, the change log (no database)."""

from __future__ import annotations

import random
import time

import pytest
from test_merge_support import AFG_ARMY, HADI, HOUTHI, TALIBAN, mention, place, province

from strife.merge import (
    PLACE_MAX_KM,
    cluster_mentions,
    explain_mentions,
    false_merge_rate,
    false_merges,
    merge_mentions,
    plan_merge,
    source_scale,
)
from strife.merge.build import fatalities_summary
from strife.merge.rules import date_window


def partition(events):
    return sorted(tuple(e.mention_ids) for e in events)


# -- several reports of one event --------------------------------------------------------------

def test_differently_worded_reports_merge_into_one_event_with_both_sources():
    a = mention("Houthi fighters stormed government lines at Al Hazm on Sunday; eleven soldiers died.",
                outlet="Saba", fatalities=11, deaths=((11, "Houthi spokesman"),), claimant="Houthi spokesman",
                confidence=0.8)
    b = mention("Pro-Hadi troops fought off an assault by Ansar Allah near the Al Hazm market, losing four men.",
                outlet="Aden Post", fatalities=4, deaths=((4, "army source"),), claimant="army source")
    c = mention("Clashes between the two camps shook Al Hazm, residents said, without giving a toll.",
                outlet="Wire Agency", actor2=None)
    events = merge_mentions([a, b, c], now=100)
    assert len(events) == 1
    e = events[0]
    assert set(e.mention_ids) == {a.id, b.id, c.id}
    assert e.source == "Aden Post; Saba; Wire Agency"
    # ACLED: the lowest reported figure; the report without a number does not pull it to 0
    assert e.fatalities == 4
    assert (e.fatalities_low, e.fatalities_high) == (4, 11)
    assert {(cl.value, cl.claimant) for cl in e.claims} == {(11, "Houthi spokesman"), (4, "army source")}
    assert e.notes == a.notes  # the most confident report speaks for the event
    assert all(ev.article_id in {a.article_id, b.article_id, c.article_id} for ev in e.evidence)
    assert e.timestamp == 100
    assert e.actor1 == HOUTHI and e.actor2 == HADI


def test_co_occurring_tactics_take_the_higher_rank():
    ground = mention("Fighters overran the hilltop post at Al Hazm after a day of fighting and air raids.",
                     kind="takeover", outlet="One")
    air = mention("Jets struck the hilltop post outside Al Hazm while the ground fight for it went on.",
                  kind="airstrike", outlet="Two")
    events = merge_mentions([ground, air])
    assert len(events) == 1
    assert (events[0].event_type, events[0].sub_event_type) == ("Battles", "Non-state actor overtakes territory")


def test_reports_of_different_types_need_shared_details_and_the_same_means():
    # different event types are one event only when the texts agree on what happened
    ground = mention("Fighters overran an army post at Al Hazm after a day of fighting.", kind="takeover", outlet="One")
    unrelated_air = mention("Jets struck a fuel depot outside Al Hazm.", kind="airstrike", outlet="Two")
    assert len(merge_mentions([ground, unrelated_air])) == 2
    # a roadside bomb and a sniper: two attacks, even on one day, place and pair of actors
    bomb = mention("A roadside bomb planted by Houthi fighters killed two soldiers of an army patrol in Al Hazm.",
                   kind="shelling", outlet="One")
    sniper = mention("A Houthi sniper killed two soldiers of an army patrol in Al Hazm.", outlet="Two")
    assert len(merge_mentions([bomb, sniper])) == 2


def test_fatalities_ignore_reports_without_a_number_but_keep_an_explicit_zero():
    quiet = mention("A skirmish was reported in Al Hazm.", outlet="One")
    six = mention("Six fighters were killed in the Al Hazm skirmish.", outlet="Two", fatalities=6, deaths=((6, None),))
    assert fatalities_summary([quiet, six]) == (6, 6, 6, 6)
    zero = mention("Nobody died in the Al Hazm skirmish, a local official said.", outlet="Three", deaths=((0, "official"),))
    assert fatalities_summary([quiet, six, zero])[0] == 0
    assert fatalities_summary([quiet]) == (0, None, None, None)
    # best: the figure most reports give
    six_again = mention("Local sources also counted six dead at Al Hazm.", outlet="Four", fatalities=6)
    nine = mention("Nine died at Al Hazm, said the rebels.", outlet="Five", fatalities=9)
    assert fatalities_summary([six, six_again, nine]) == (6, 6, 6, 9)


def test_source_scale_in_acled_style():
    assert source_scale(["Some Paper"]) == "Other"
    assert source_scale(["Twitter"]) == "New media"
    assert source_scale(["Reuters", "Twitter"], {"Reuters": "International"}) == "New media-International"
    assert source_scale([]) is None


# -- distinct events stay apart ------------------------------------------------------------------

def test_distinct_actors_places_and_days_stay_apart():
    base = mention("Houthi and government forces fought in Al Hazm.", outlet="One")
    other_actor = mention("Tribesmen clashed with Houthi units in Al Hazm.", outlet="Two",
                          actor2="Tribal Militia (Yemen)")
    other_place = mention("Houthi and government forces fought in Al Ghayl.", outlet="Three", loc=place("Al Ghayl"))
    other_day = mention("Houthi and government forces fought again in Al Hazm.", outlet="Four", date="2020-03-02")
    other_type = mention("Government police detained Houthi supporters in Al Hazm.", kind="arrests", outlet="Five")
    events = merge_mentions([base, other_actor, other_place, other_day, other_type])
    assert len(events) == 5


def test_place_threshold_and_district_boundary():
    a = mention("Rebels and army units traded fire in Saraqib.", actor1="Hayat Tahrir al-Sham",
                actor2="Military Forces of Syria (2000-)", loc=place("Saraqib"), outlet="One")
    near = mention("Fighting on the eastern edge of Saraqib.", actor1="Hayat Tahrir al-Sham",
                   actor2="Military Forces of Syria (2000-)", loc=place("Saraqib East"), outlet="Two")
    far = mention("Fighting near Sarmin.", actor1="Hayat Tahrir al-Sham", actor2="Military Forces of Syria (2000-)",
                  loc=place("Sarmin"), outlet="Three")
    assert PLACE_MAX_KM >= 1.0  # Saraqib East is 1.0 km from Saraqib
    assert partition(merge_mentions([a, near, far])) == sorted([tuple(sorted((a.id, near.id))), (far.id,)])
    kabul_a = mention("Taliban attacked an army post in Ghazni city.", actor1=TALIBAN, actor2=AFG_ARMY,
                      loc=place("Ghazni"), outlet="One")
    andar = mention("Taliban attacked an army post in Andar.", actor1=TALIBAN, actor2=AFG_ARMY,
                    loc=place("Andar"), outlet="Two")
    assert len(merge_mentions([kabul_a, andar])) == 2


def test_date_precision_windows():
    day = mention("Fighting in Al Hazm on Sunday.", outlet="One")
    week = mention("Fighting in Al Hazm during the week.", outlet="Two", tp=2, date="2020-03-03")
    month = mention("Fighting in Al Hazm earlier this month.", outlet="Three", tp=3, date="2020-03-15")
    later = mention("Fighting in Al Hazm in April.", outlet="Four", tp=3, date="2020-04-15")
    assert date_window(week)[1] - date_window(week)[0] == 10
    assert date_window(month)[0] <= date_window(day)[0] <= date_window(month)[1]
    events = merge_mentions([day, week, month, later])
    assert partition(events) == sorted([tuple(sorted((day.id, week.id, month.id))), (later.id,)])


def test_unidentified_actor_may_join_named_one_but_never_civilians():
    named = mention("Houthi gunmen attacked a checkpoint at the northern gate of Al Hazm.", outlet="One")
    unknown = mention("Unknown gunmen hit a checkpoint by the northern gate of Al Hazm.", outlet="Two",
                      actor1="Unidentified Armed Group (Yemen)")
    assert len(merge_mentions([named, unknown])) == 1
    # an unidentified group stands for a named actor only when the reports share what happened
    other = mention("Unknown gunmen kidnapped an aid worker in Al Hazm.", outlet="Four",
                    actor1="Unidentified Armed Group (Yemen)")
    assert len(merge_mentions([named, other])) == 2
    civ = mention("Gunmen shot a shepherd in Al Hazm.", kind="attack", actor1="Unidentified Armed Group (Yemen)",
                  actor2="Civilians (Yemen)", outlet="Three")
    assert all(civ.id not in e.mention_ids or len(e.mention_ids) == 1 for e in merge_mentions([named, civ]))


def test_generic_actor_events_need_agreeing_details():
    one = mention("Teachers rallied in Marib against long power cuts at schools.", kind="protest",
                  actor1="Protesters (Yemen)", actor2=None, loc=place("Marib"), outlet="One", assoc1="Teachers (Yemen)")
    same = mention("Hundreds of teachers rallied in Marib to protest power cuts at schools, a rights group said.",
                   kind="protest", actor1="Protesters (Yemen)", actor2=None, loc=place("Marib"), outlet="Three",
                   assoc1="Teachers (Yemen)")
    other_group = mention("Workers rallied in Marib against long power cuts at schools.", kind="protest",
                          actor1="Protesters (Yemen)", actor2=None, loc=place("Marib"), outlet="Two",
                          assoc1="Labour Group (Yemen)")
    other_topic = mention("Taxi drivers blocked a road in Marib demanding cheaper fuel.", kind="protest",
                          actor1="Protesters (Yemen)", actor2=None, loc=place("Marib"), outlet="Four")
    events = merge_mentions([one, other_group, same, other_topic])
    assert partition(events) == sorted([tuple(sorted((one.id, same.id))), (other_group.id,), (other_topic.id,)])


def test_reports_naming_different_sub_places_stay_apart():
    a = mention("Gunmen shot a trader dead in the Old Market area of Marib city.", kind="attack",
                actor1="Unidentified Armed Group (Yemen)", actor2="Civilians (Yemen)", loc=place("Marib"), outlet="One")
    b = mention("Gunmen shot a trader dead in the Rawdah neighbourhood of Marib city.", kind="attack",
                actor1="Unidentified Armed Group (Yemen)", actor2="Civilians (Yemen)", loc=place("Marib"), outlet="Two")
    c = mention("A trader was shot dead by gunmen at the Old Market in Marib on Sunday.", kind="attack",
                actor1="Unidentified Armed Group (Yemen)", actor2="Civilians (Yemen)", loc=place("Marib"),
                outlet="Three")
    assert partition(merge_mentions([a, b, c])) == sorted([tuple(sorted((a.id, c.id))), (b.id,)])


def test_one_sided_attacks_by_opposite_sides_stay_apart():
    ied = mention("A roadside bomb planted by Houthi fighters hit an army truck in Al Hazm.", kind="shelling",
                  outlet="One")
    strike = mention("Government artillery pounded Houthi positions in Al Hazm.", kind="shelling", actor1=HADI,
                     actor2=HOUTHI, outlet="Two")
    assert len(merge_mentions([ied, strike])) == 2


# -- the al-Jawf shape: province-level statements and a town report ---------------------------

def _jawf_reports():
    """The shape of the sample page: two statements by one party about a province-wide operation
    (one undated, so dated by its report with week precision; one dated to a weekday) and a third
    outlet's report from the provincial capital, undated and naming no actor."""
    capital = (16.1641, 44.7769)
    st1 = mention("The armed forces statement said all districts of Jawf province were freed in five days.",
                  kind="takeover", tp=2, date="2020-03-09", loc=province("Al Jawf", *capital), outlet="Statement Desk",
                  claimant="Yemeni Armed Forces", confidence=0.6)
    st2 = mention("The military spokesman announced on Tuesday that Jawf governorate had been liberated.",
                  kind="takeover", date="2020-03-03", loc=province("Al Jawf", *capital), outlet="Spokesman Channel",
                  claimant="military spokesman", confidence=0.65)
    town = mention("Footage from Al Hazm shows the city back under the control of its new masters.",
                   kind="takeover", tp=2, date="2020-03-09", loc=place("Al Hazm"), outlet="Front Report",
                   actor1=None, actor2=None)
    marib = mention("Fighting went on west of Marib.", kind="clash", date="2020-03-03", loc=place("Marib"),
                    outlet="Front Report")
    return st1, st2, town, marib


def test_al_jawf_operation_is_one_event_with_both_statements_as_sources():
    st1, st2, town, marib = _jawf_reports()
    events = merge_mentions([st1, st2, town, marib])
    assert len(events) == 2
    jawf = next(e for e in events if town.id in e.mention_ids)
    assert set(jawf.mention_ids) == {st1.id, st2.id, town.id}
    assert "Statement Desk" in jawf.source and "Spokesman Channel" in jawf.source
    assert jawf.location == "Al Hazm" and jawf.geo_precision == 1  # the most precise place
    assert jawf.event_date == "2020-03-03" and jawf.time_precision == 1  # the most precise date


def test_province_level_report_stays_apart_when_two_events_could_claim_it():
    st1, st2, town, _ = _jawf_reports()
    ghayl = mention("Ansar Allah fighters also seized positions in Al Ghayl in Jawf province.", kind="takeover", date="2020-03-03",
                    loc=place("Al Ghayl"), outlet="Front Report")
    events = merge_mentions([st1, town, ghayl])
    assert len(events) == 3  # the statement could be either town's event: it is kept on its own
    exp = explain_mentions(next(e.id for e in events if st1.id in e.mention_ids), [st1],
                           [(town, "e1"), (ghayl, "e2")])
    assert {k.rule for k in exp.kept_apart} == {"unique"}


# -- determinism, idempotence, incremental = all at once ------------------------------------------

def _corpus():
    st1, st2, town, marib = _jawf_reports()
    a = mention("Houthi fighters stormed government lines at Al Hazm on Sunday.", outlet="Saba", date="2020-03-08")
    b = mention("Pro-Hadi troops fought off an assault near the Al Hazm market.", outlet="Aden Post", date="2020-03-08")
    c = mention("Houthi and government forces fought in Al Ghayl.", outlet="Three", loc=place("Al Ghayl"),
                date="2020-03-08")
    d = mention("Taliban attacked an army post in Ghazni city.", actor1=TALIBAN, actor2=AFG_ARMY, loc=place("Ghazni"),
                outlet="Pajhwok", date="2020-03-08")
    e = mention("Insurgents raided a police post in Ghazni, officials said.", actor1=TALIBAN, actor2=AFG_ARMY,
                loc=place("Ghazni"), outlet="Tolo", date="2020-03-08")
    return [st1, st2, town, marib, a, b, c, d, e]


def _apply(state, plan):
    """Apply a plan to an in-memory store: (events by id, mentions by event id)."""
    events, members = state
    for eid in plan.deleted:
        events.pop(eid, None)
        members.pop(eid, None)
    for e in plan.upserts:
        events[e.id] = e
        members[e.id] = list(e.mention_ids)
    return events, members


def test_plan_is_deterministic_and_rerun_changes_nothing():
    ms = _corpus()
    p1 = plan_merge(ms, [], {}, now=10)
    p2 = plan_merge(list(reversed(ms)), [], {}, now=10)
    assert [e for e in p1.upserts] == [e for e in p2.upserts]
    assert {c.change for c in p1.changes} == {"created"}
    by_id = {m.id: m for m in ms}
    existing_mentions = {e.id: [by_id[i] for i in e.mention_ids] for e in p1.upserts}
    again = plan_merge(ms, p1.upserts, existing_mentions, now=20)
    assert again.upserts == [] and again.changes == [] and again.assignments == {}


def _one_by_one(order):
    events: dict = {}
    members: dict = {}
    by_id = {m.id: m for m in order}
    kinds = set()
    for t, m in enumerate(order, start=2):
        plan = plan_merge([m], list(events.values()), {k: [by_id[i] for i in v] for k, v in members.items()}, t)
        kinds |= {c.change for c in plan.changes}
        _apply((events, members), plan)
    return events, kinds


def test_one_by_one_equals_all_at_once():
    ms = _corpus()
    whole = plan_merge(ms, [], {}, now=1).upserts
    for seed in range(5):
        events, _ = _one_by_one(random.Random(seed).sample(ms, len(ms)))
        assert partition(events.values()) == partition(whole)
    # without the report that first joins one event and later moves to another, arriving in id order
    # (each event's first report has its smallest id) also gives the same ids
    calm = [m for m in ms if m.id != _jawf_reports()[2].id]
    events, kinds = _one_by_one(sorted(calm, key=lambda m: m.id))
    assert not kinds & {"split", "deleted"}
    assert sorted(events) == sorted(e.id for e in plan_merge(calm, [], {}, now=1).upserts)


def test_ids_survive_a_split_on_the_way_and_partition_still_matches():
    st1, _st2, town, _ = _jawf_reports()
    a = mention("Houthi fighters stormed government lines at Al Hazm.", outlet="Saba", date="2020-03-08")
    town_month = mention("Al Hazm is now held by Ansar Allah, who took it in recent weeks.", kind="takeover", tp=3,
                         date="2020-03-15", loc=place("Al Hazm"), outlet="Front Report")
    ms = [st1, town_month, a]
    whole = merge_mentions(ms)
    events: dict = {}
    members: dict = {}
    by_id = {m.id: m for m in ms}
    changes = []
    for t, m in enumerate(ms, start=2):
        plan = plan_merge([m], list(events.values()), {k: [by_id[i] for i in v] for k, v in members.items()}, t)
        changes += plan.changes
        _apply((events, members), plan)
    assert partition(events.values()) == partition(whole)
    # the month-level town report first joined the statement, then moved to the dated battle
    assert any(c.change == "split" for c in changes)


def test_new_report_attaches_to_known_event_and_updates_it():
    a = mention("Houthi fighters stormed government lines at Al Hazm.", outlet="Saba")
    first = plan_merge([a], [], {}, now=5)
    ev = first.upserts[0]
    b = mention("Government troops repelled an Ansar Allah assault in Al Hazm, killing three.", outlet="Aden Post",
                fatalities=3)
    plan = plan_merge([b], [ev], {ev.id: [a]}, now=9)
    assert [e.id for e in plan.upserts] == [ev.id]
    assert plan.upserts[0].timestamp == 9 and plan.upserts[0].fatalities == 3
    assert plan.assignments == {b.id: ev.id}
    assert [(c.event_id, c.change) for c in plan.changes] == [(ev.id, "updated")]


def test_split_is_recorded():
    st1, _st2, town, _ = _jawf_reports()
    first = plan_merge([st1, town], [], {}, now=5)
    assert len(first.upserts) == 1
    ev = first.upserts[0]
    ghayl = mention("Ansar Allah fighters also seized positions in Al Ghayl in Jawf province.", kind="takeover", date="2020-03-03",
                    loc=place("Al Ghayl"), outlet="Front Report")
    plan = plan_merge([ghayl], [ev], {ev.id: [st1, town]}, now=9)
    kinds = {(c.event_id, c.change) for c in plan.changes}
    assert (ev.id, "split") in kinds and (ev.id, "updated") in kinds
    kept = next(e for e in plan.upserts if e.id == ev.id)
    assert kept.mention_ids == (town.id,)  # the event keeps the precise report and its id
    split_to = next(c.other_id for c in plan.changes if c.change == "split")
    assert plan.assignments[st1.id] == split_to


def test_duplicate_events_found_later_are_deleted_and_logged():
    a = mention("Houthi fighters stormed government lines at Al Hazm.", outlet="Saba")
    b = mention("Government troops repelled an Ansar Allah assault in Al Hazm.", outlet="Aden Post")
    # two stored events that hold reports of one event (e.g. written by an older, stricter strife)
    ea, eb = merge_mentions([a], now=1)[0], merge_mentions([b], now=1)[0]
    c = mention("Both sides claimed gains after the battle for Al Hazm.", outlet="Wire")
    plan = plan_merge([c], [ea, eb], {ea.id: [a], eb.id: [b]}, now=7)
    assert len(plan.deleted) == 1
    gone = plan.deleted[0]
    survivor = ({ea.id, eb.id} - {gone}).pop()
    kinds = {(ch.event_id, ch.change, ch.other_id) for ch in plan.changes}
    assert (gone, "deleted", survivor) in kinds and (survivor, "merged", gone) in kinds
    assert set(plan.upserts[0].mention_ids) == {a.id, b.id, c.id}


# -- explain, false merges, scale ------------------------------------------------------------------

def test_explain_names_the_rule_for_each_pair_and_the_first_failure_nearby():
    a = mention("Houthi fighters stormed government lines at Al Hazm.", outlet="Saba")
    b = mention("Pro-Hadi troops fought off an assault near the Al Hazm market.", outlet="Aden Post")
    far = mention("Houthi and government forces fought in Al Ghayl.", outlet="Three", loc=place("Al Ghayl"))
    ev = merge_mentions([a, b])[0]
    exp = explain_mentions(ev.id, [a, b], [(far, "other")])
    assert len(exp.pairs) == 1 and exp.pairs[0].ok
    assert [r.rule for r in exp.pairs[0].results] == ["type", "date", "place", "actors", "detail"]
    assert "same gazetteer entry" in exp.pairs[0].results[2].detail
    assert exp.kept_apart[0].rule == "place" and "Al Ghayl" in exp.kept_apart[0].detail
    assert "place" in exp.to_text()


def test_false_merge_rate_on_synthetic_rows():
    rows = {
        "r1": [mention("Taliban attacked an army post in Ghazni city.", actor1=TALIBAN, actor2=AFG_ARMY,
                       loc=place("Ghazni"), outlet="x")],
        "r2": [mention("Taliban attacked an army post in Andar.", actor1=TALIBAN, actor2=AFG_ARMY, loc=place("Andar"),
                       outlet="x")],
        "r3": [mention("Houthi and government forces fought in Al Hazm.", outlet="x")],
        "r4": [],
    }
    assert false_merge_rate(rows) == 0.0
    rows["r5"] = [mention("Fighting between Houthis and the army in Al Hazm left no dead.", outlet="y")]
    assert false_merges(rows) == {"r3": ["r5"], "r5": ["r3"]}
    assert false_merge_rate(rows) == pytest.approx(2 / 4)
    # rows with the same notes are duplicates in ACLED, not false merges
    dup = {"a": rows["r3"], "b": list(rows["r3"])}
    assert false_merge_rate(dup) == 0.0


def test_twenty_thousand_mentions_merge_in_seconds(capsys):
    rng = random.Random(3)
    towns = [(f"Town{i}", 30 + i * 0.05, 40 + (i % 7) * 0.05) for i in range(200)]
    ms = []
    truth = {}
    from strife.records import Location
    for k in range(5000):  # 5000 real events, 4 reports each
        name, lat, lon = towns[rng.randrange(len(towns))]
        day = f"2020-03-{rng.randrange(1, 29):02d}"
        actors = rng.choice([(HOUTHI, HADI), (TALIBAN, AFG_ARMY), ("Group A", "Group B"), ("Group C", None)])
        loc = Location(name=name, country="Testland", admin1=f"P{int(lat) % 5}", admin2=name, latitude=lat,
                       longitude=lon, geo_precision=1, method="gazetteer", confidence=0.9, gazetteer_id=name)
        for r in range(4):
            m = mention(f"event {k} report {r}", date=day, actor1=actors[0], actor2=actors[1], loc=loc,
                        outlet=f"Outlet {r}", title=f"t{k}-{r}")
            truth[m.id] = (name, day, actors)
            ms.append(m)
    t = time.perf_counter()
    clusters = cluster_mentions(ms)
    took = time.perf_counter() - t
    with capsys.disabled():
        print(f"\n[merge] {len(ms)} mentions -> {len(clusters)} events in {took:.2f} s")
    # every cluster holds reports of one (place, day, actors) key, and each key is one cluster
    assert all(len({truth[m.id] for m in c}) == 1 for c in clusters)
    assert len(clusters) == len(set(truth.values()))


def test_fast_path_decides_exactly_like_the_explained_rules():
    from strife.merge.rules import compatible, fast_compatible, features

    rng = random.Random(11)
    kinds = ["clash", "takeover", "airstrike", "attack", "protest", "arrests"]
    actors = [(HOUTHI, HADI), (HADI, HOUTHI), (HOUTHI, None), ("Unidentified Armed Group (Yemen)", HADI),
              ("Protesters (Yemen)", None), ("Unidentified Armed Group (Yemen)", "Civilians (Yemen)"), (None, None)]
    locs = [place("Al Hazm"), place("Al Ghayl"), place("Marib"), province("Al Jawf", 16.16, 44.77), None,
            place("Al Hazm", precision=2)]
    pool = []
    for k in range(160):
        a1, a2 = rng.choice(actors)
        pool.append(mention(f"report {k}", kind=rng.choice(kinds), date=rng.choice(["2020-03-01", "2020-03-03", None]),
                            tp=rng.choice([1, 2, 3]), actor1=a1, actor2=a2, loc=rng.choice(locs),
                            fatalities=rng.choice([0, 2]), assoc1=rng.choice([None, "Teachers (Yemen)"]),
                            outlet=f"o{k}"))
    agree = 0
    for a in pool:
        for b in pool[:40]:
            assert fast_compatible(features(a), features(b)) == compatible(a, b), (a, b)
            agree += compatible(a, b)
    assert agree > 50  # the sample holds compatible pairs too, not only trivial rejections


# -- positive evidence and conflicting details (round 2) ------------------------------------------

def test_reports_naming_different_districts_or_towns_stay_apart():
    a = mention("Taliban fighters ambushed an army convoy in Andar district on Monday.", actor1=TALIBAN,
                actor2=AFG_ARMY, loc=place("Ghazni"), outlet="One")
    b = mention("Taliban fighters attacked an army convoy in Deh Yak district, Ghazni.", actor1=TALIBAN,
                actor2=AFG_ARMY, loc=place("Ghazni"), outlet="Two")
    assert len(merge_mentions([a, b])) == 2
    # a town-level report is no coarser version of another town's report that names its province
    protest_town = mention("Residents rallied in Marib city over fuel prices.", kind="protest",
                           actor1="Protesters (Yemen)", actor2=None, loc=place("Marib"), outlet="One")
    protest_other = mention("Residents rallied in Sirwah, Marib, over fuel prices.", kind="protest",
                            actor1="Protesters (Yemen)", actor2=None, loc=place("Marib"), outlet="Two")
    assert len(merge_mentions([protest_town, protest_other])) == 2
    same_town = mention("Fuel prices brought residents of Marib out in a rally in the city.", kind="protest",
                        actor1="Protesters (Yemen)", actor2=None, loc=place("Marib"), outlet="Three")
    assert len(merge_mentions([protest_town, same_town])) == 1
    # particles belong to the name: "La Plata" is not found inside "Mar del Plata"
    from strife.merge.rules import _place_names

    assert _place_names("Crowds banged pots in La Plata.")[0][0] == "la plata"
    assert _place_names("Crowds banged pots in Mar del Plata.")[0][0] != "la plata"


def test_a_spot_named_by_one_report_only_keeps_it_apart():
    village = mention("Taliban fighters hit an army post in the Sardeh village of Andar district.", actor1=TALIBAN,
                      actor2=AFG_ARMY, loc=place("Andar"), outlet="One")
    district = mention("Taliban fighters hit an army post in Andar district.", actor1=TALIBAN, actor2=AFG_ARMY,
                       loc=place("Andar"), outlet="Two")
    same_village = mention("An army post near Sardeh village in Andar came under Taliban fire.", actor1=TALIBAN,
                           actor2=AFG_ARMY, loc=place("Andar"), outlet="Three")
    assert partition(merge_mentions([village, district, same_village])) == sorted(
        [tuple(sorted((village.id, same_village.id))), (district.id,)])


def test_generic_reports_need_several_specific_words_in_common():
    # a sentence repeated under several reports ("the call came from group X") identifies nothing
    a = mention("The rally was called by the Marib Youth Front.", kind="protest", actor1="Protesters (Yemen)",
                actor2=None, loc=place("Marib"), outlet="One")
    b = mention("The rally was called by the Marib Youth Front.", kind="protest", actor1="Protesters (Yemen)",
                actor2=None, loc=place("Marib"), outlet="Two", title="other")
    assert len(merge_mentions([a, b])) == 2
    c = mention("Nurses rallied outside the Marib general hospital over unpaid salaries.", kind="protest",
                actor1="Protesters (Yemen)", actor2=None, loc=place("Marib"), outlet="One")
    d = mention("Dozens of nurses protested unpaid salaries in front of the general hospital in Marib.",
                kind="protest", actor1="Protesters (Yemen)", actor2=None, loc=place("Marib"), outlet="Two")
    assert len(merge_mentions([c, d])) == 1


def test_explain_names_the_evidence_rule():
    ground = mention("Fighters overran an army post at Al Hazm after a day of fighting.", kind="takeover", outlet="One")
    air = mention("Jets struck a fuel depot outside Al Hazm.", kind="airstrike", outlet="Two")
    exp = explain_mentions("e", [ground], [(air, "other")])
    assert exp.kept_apart[0].rule == "detail" and "specific words" in exp.kept_apart[0].detail
