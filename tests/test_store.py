"""The store on SQLite and PostgreSQL: opening, migrations, idempotent writes, crash safety."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time

import pytest
import sqlalchemy as sa

from strife.errors import StoreError
from strife.records import (
    Article,
    Claim,
    Evidence,
    Failure,
    Location,
    Mention,
    RawDocument,
    Statistic,
    content_id,
)
from strife.store import SaveCounts, Store, migrations, schema
from strife.store.writes import failure_id, row_to_mention

# -- test data: short reports written for these tests ------------------------------------------

TOWNS = [("Idlib", 35.9306, 36.6339), ("Maarat al-Numan", 35.6433, 36.6736), ("Saraqib", 35.8647, 36.8006),
         ("Ariha", 35.8131, 36.6097), ("Jisr al-Shughur", 35.8117, 36.3181), ("Kafr Nabl", 35.6136, 36.5614)]


def make_document(i: int):
    """One document with one article, a mention (or two), a statistic and a failure."""
    town, lat, lon = TOWNS[i % len(TOWNS)]
    text = (f"Government troops and opposition fighters traded fire near {town} on Tuesday, "
            f"local monitors said. At least {i + 2} fighters died, according to a rebel spokesman. "
            f"Monitors have logged over {1000 + i} such clashes since the spring.")
    content = f"report {i}\n{text}".encode()
    doc = RawDocument(id=RawDocument.make_id(content), source=f"reports/{i}.txt", content=content,
                      media_type="text/plain", fetched_at="2026-03-01T10:00:00+00:00",
                      source_date="2026-03-01", meta={"n": i, "tags": ("a", "b")})
    art = Article(id=Article.make_id(f"Report {i}", text), document_id=doc.id, position=0, title=f"Report {i}",
                  text=text, outlet="Test Wire", published="2026-03-01", published_precision="explicit",
                  meta={"lines": [1, 2]})
    t0 = text.index(town)
    loc = Location(name=town, country="Syria", iso=760, iso3="SYR", region="Middle East", admin1="Idlib",
                   latitude=lat, longitude=lon, geo_precision=2, method="gazetteer", confidence=0.8,
                   gazetteer_id=f"gn:{i}", start=t0, end=t0 + len(town))
    sentence_end = text.index(".") + 1
    claim = Claim(kind="fatalities", value=i + 2, low=i + 2, claimant="rebel spokesman", hedges=("at least",),
                  start=text.index("At least"), end=text.index("fighters died") + 13, text="x", article_id=art.id)
    mentions = [Mention(
        id=Mention.make_id(art.id, 0, sentence_end, "Armed clash"), article_id=art.id, start=0, end=sentence_end,
        text=text[:sentence_end], event_type="Battles", sub_event_type="Armed clash",
        disorder_type="Political violence", event_date="2026-02-24", time_precision=1,
        actor1="Military Forces of Syria (2024-)", inter1=1, actor2="Opposition fighters", inter2=2,
        interaction=12, location=loc, fatalities=i + 2, claims=(claim,), claimant="local monitors",
        hedges=("said",), evidence=(Evidence("event_type", 0, 40, text[:40], art.id),
                                    Evidence("location", t0, t0 + len(town), town, art.id)),
        trigger="traded fire", confidence=0.7, outlet="Test Wire")]
    if i % 2:  # some documents have a second mention without any location
        mentions.append(Mention(
            id=Mention.make_id(art.id, 1, 5, "Attack"), article_id=art.id, start=1, end=5, text=text[1:5],
            event_type="Violence against civilians", sub_event_type="Attack", disorder_type="Political violence",
            civilian_targeting=True))
    stat_at = text.index("over")
    stats = [Statistic(id=content_id("statistic", art.id, stat_at), article_id=art.id, start=stat_at,
                       end=stat_at + 10, text=text[stat_at:stat_at + 10], kind="clashes", value=1000 + i,
                       period="since the spring", claimant="monitors")]
    fails = [Failure(stage="geo", item=art.id, code="G101", message=f"no place for sentence {i}")]
    return doc, [art], mentions, stats, fails


def dump(store: Store) -> dict[str, list[tuple]]:
    """Every stored row, minus provenance (run ids, wall-clock times), ordered by primary key."""
    skip_tables = {"runs", "schema_migrations"}
    skip_columns = {"run_id", "created_at", "applied_at"}
    out = {}
    with store.connect() as conn:
        for table in schema.metadata.sorted_tables:
            if table.name in skip_tables:
                continue
            cols = [c for c in table.columns if c.name not in skip_columns]
            rows = conn.execute(sa.select(*cols).order_by(*table.primary_key.columns)).all()
            out[table.name] = [tuple(r) for r in rows]
    return out


def wipe(store: Store) -> None:
    with store.begin() as conn:
        for table in reversed(schema.metadata.sorted_tables):
            if table.name != "schema_migrations":
                conn.execute(table.delete())


def save_all(store: Store, n: int) -> SaveCounts:
    run = store.begin_run("test", [f"reports/{i}.txt" for i in range(n)])
    total = SaveCounts()
    for i in range(n):
        doc, arts, ments, stats, fails = make_document(i)
        if not store.has_document(doc.id):
            total = total + store.save_document(run, doc, arts, ments, stats, fails)
    store.finish_run(run, "ok", total)
    return total


# -- opening -------------------------------------------------------------------------------------

def test_sqlite_open_creates_folders_and_uses_wal(tmp_path, settings):
    path = tmp_path / "deep" / "er" / "strife.db"
    with Store.open(str(path), settings) as store:
        assert path.exists()
        assert store.dialect == "sqlite"
        assert store.url == f"sqlite:///{path}"
        with store.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
            assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 1  # NORMAL
            assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 1000
        # a laptop user needs no `db upgrade`: opening applied the migrations
        assert store.migration_status().up_to_date


def test_default_database_lives_in_the_data_dir(tmp_path):
    from strife.settings import get_settings

    settings = get_settings(data_dir=str(tmp_path / "data"))
    with Store.open(None, settings) as store:
        assert store.url == f"sqlite:///{tmp_path / 'data' / 'strife.db'}"
        assert (tmp_path / "data" / "strife.db").exists()


def test_sqlite_foreign_keys_are_enforced(store):
    doc, arts, *_ = make_document(0)
    orphan = Article(id="x" * 32, document_id="not-stored", position=0, title=None, text="t")
    with pytest.raises(sa.exc.IntegrityError):
        store.save_document(None, doc, [arts[0], orphan])
    assert not store.has_document(doc.id)  # the whole document rolled back


@pytest.mark.parametrize("url", ["mysql://u:p@localhost/db", "oracle+cx://u:p@x/y",
                                 "postgresql+nosuchdriver://u:p@h/d"])
def test_bad_url_is_s104(url, settings):
    with pytest.raises(StoreError) as err:
        Store.open(url, settings)
    assert err.value.code == "S104"
    assert "p@" not in str(err.value)  # never print passwords


def test_unreachable_postgresql_is_s101(settings):
    with pytest.raises(StoreError) as err:
        Store.open("postgresql://strife:secret@127.0.0.1:1/strife", settings)
    assert err.value.code == "S101"
    assert "secret" not in str(err.value)


def test_unusable_sqlite_file_is_s101(tmp_path, settings):
    bad = tmp_path / "notadb.db"
    bad.write_bytes(b"this is not a database, just text " * 100)
    with pytest.raises(StoreError) as err:
        Store.open(str(bad), settings)
    assert err.value.code == "S101"
    with pytest.raises(StoreError) as err:
        Store.open(str(tmp_path), settings)  # a folder
    assert err.value.code == "S101"


# -- migrations ----------------------------------------------------------------------------------

def test_migrations_apply_once_and_are_recorded(empty_db_url, settings):
    store = Store.open(empty_db_url, settings, check_schema=False)
    try:
        before = migrations.status(store)
        assert before.applied == () and before.pending == tuple(n for n, _ in migrations.MIGRATIONS)
        assert store.upgrade() == [n for n, _ in migrations.MIGRATIONS]
        assert store.upgrade() == []
        with store.connect() as conn:
            recorded = conn.execute(sa.select(schema.schema_migrations.c.name)).scalars().all()
            inspector = sa.inspect(conn)
            # the database has every table and column the code declares
            for table in schema.metadata.sorted_tables:
                have = {c["name"] for c in inspector.get_columns(table.name)}
                assert have == {c.name for c in table.columns}, table.name
        assert sorted(recorded) == sorted(n for n, _ in migrations.MIGRATIONS)
        assert migrations.status(store).up_to_date
    finally:
        store.close()


def test_postgresql_requires_db_upgrade_sqlite_does_not(empty_db_url, settings):
    if empty_db_url.startswith("sqlite"):
        with Store.open(empty_db_url, settings) as store:
            assert store.migration_status().up_to_date
        return
    with pytest.raises(StoreError) as err:
        Store.open(empty_db_url, settings)
    assert err.value.code == "S102"
    assert "strife db upgrade" in str(err.value)
    with Store.open(empty_db_url, settings, auto_upgrade=True) as store:
        assert store.migration_status().up_to_date
    with Store.open(empty_db_url, settings) as store:  # now fine without the flag
        assert store.dialect == "postgresql"


def test_store_newer_than_code_is_s103(store, settings):
    with store.begin() as conn:
        conn.execute(schema.schema_migrations.insert().values(name="9999_from_the_future",
                                                              applied_at="2999-01-01T00:00:00"))
    with pytest.raises(StoreError) as err:
        Store.open(store.url, settings)
    assert err.value.code == "S103"
    assert "9999_from_the_future" in str(err.value)


def test_add_column_if_missing(store):
    t = sa.Table("extra_things", sa.MetaData(), sa.Column("id", sa.Integer, primary_key=True))
    with store.begin() as conn:
        t.create(conn)
        col = sa.Column("note", sa.Text)
        t.append_column(col)
        assert migrations.add_column_if_missing(conn, t, col) is True
        assert migrations.add_column_if_missing(conn, t, col) is False
        assert {c["name"] for c in sa.inspect(conn).get_columns("extra_things")} == {"id", "note"}


def test_db_commands(empty_db_url):
    from click.testing import CliRunner

    from strife.store.commands import db

    runner = CliRunner()
    result = runner.invoke(db, ["status", "--db", empty_db_url])
    assert result.exit_code == 3, result.output
    assert "pending  0001_initial" in result.output
    result = runner.invoke(db, ["upgrade", "--db", empty_db_url])
    assert result.exit_code == 0, result.output
    assert "applied 0001_initial" in result.output
    result = runner.invoke(db, ["upgrade", "--db", empty_db_url])
    assert result.exit_code == 0 and "applied" not in result.output.replace("up to date", "")
    result = runner.invoke(db, ["status", "--db", empty_db_url])
    assert result.exit_code == 0 and "up to date" in result.output
    result = runner.invoke(db, ["status", "--db", "mysql://x/y"])
    assert result.exit_code == 1 and "[S104]" in result.output


# -- writes --------------------------------------------------------------------------------------

def test_save_document_counts_new_rows_and_is_idempotent(store):
    doc, arts, ments, stats, fails = make_document(1)
    assert not store.has_document(doc.id)
    run = store.begin_run("test", ["reports/1.txt"])
    first = store.save_document(run, doc, arts, ments, stats, fails)
    assert first == SaveCounts(documents=1, articles=1, mentions=2, statistics=1, failures=1)
    assert store.has_document(doc.id)
    before = dump(store)
    again = store.save_document(store.begin_run("test", []), doc, arts, ments, stats, fails)
    assert again == SaveCounts()
    assert dump(store) == before
    with store.connect() as conn:
        stored = conn.execute(sa.select(schema.documents)).mappings().one()
    assert bytes(stored["content"]) == doc.content and stored["size"] == len(doc.content)
    assert stored["meta"] == {"n": 1, "tags": ["a", "b"]} and stored["run_id"] == run
    assert stored["articles"] == 1 and stored["status"] == "done"


def test_mentions_round_trip(store):
    doc, arts, ments, stats, fails = make_document(3)
    store.save_document(None, doc, arts, ments, stats, fails)
    loaded = store.load_mentions([m.id for m in ments] + ["no-such-id"])
    expected = sorted(ments, key=lambda m: m.id)
    assert loaded == expected  # Location (iso3 from the numeric code), Claim and Evidence tuples included
    located = next(m for m in loaded if m.location)
    assert located.location.latitude == pytest.approx(TOWNS[3][1])
    assert located.claims[0].hedges == ("at least",) and isinstance(located.evidence, tuple)
    assert next(m for m in loaded if not m.location).civilian_targeting is True
    # a where-clause over the mentions table works too
    by_type = store.load_mentions(where=schema.mentions.c.sub_event_type == "Attack")
    assert [m.sub_event_type for m in by_type] == ["Attack"]
    with store.connect() as conn:
        row = conn.execute(sa.select(schema.mentions).where(schema.mentions.c.id == located.id)).mappings().one()
    assert row["location"] == "Ariha" and row["geo_method"] == "gazetteer" and row["country"] == "Syria"
    assert row_to_mention(row) == located


def test_record_failure_is_new_once(store):
    f = Failure(stage="ingest", item="/tmp/missing.txt", code="I101", message="input path does not exist")
    assert store.record_failure("r1", f) is True
    assert store.record_failure("r2", f) is False
    with store.connect() as conn:
        rows = conn.execute(sa.select(schema.failures)).mappings().all()
    assert len(rows) == 1 and rows[0]["id"] == failure_id(f) and rows[0]["run_id"] == "r1"
    assert failure_id(f) == content_id("failure", "ingest", "/tmp/missing.txt", "I101")


def test_runs_are_recorded(store):
    run = store.begin_run("run reports/", ["reports/"])
    with store.connect() as conn:
        row = conn.execute(sa.select(schema.runs).where(schema.runs.c.id == run)).mappings().one()
    assert row["status"] == "running" and row["inputs"] == ["reports/"] and row["finished_at"] is None
    store.finish_run(run, "partial", SaveCounts(documents=2, articles=3, failures=1), {"code": 1.5})
    with store.connect() as conn:
        row = conn.execute(sa.select(schema.runs).where(schema.runs.c.id == run)).mappings().one()
    assert row["status"] == "partial" and row["finished_at"] is not None
    assert (row["documents"], row["articles"], row["failures"]) == (2, 3, 1)
    assert row["timings"] == {"code": 1.5}
    assert store.begin_run("run", []) != run
    with pytest.raises(ValueError):
        store.finish_run(run, "great")


def test_a_run_whose_process_died_is_marked_interrupted_by_the_next_run(store):
    import socket
    import subprocess
    import sys

    gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True,
                          text=True, check=True)
    dead_pid = int(gone.stdout)  # that process has exited
    live = store.begin_run("live", [])  # this process: alive, must stay 'running'
    with store.begin() as conn:
        conn.execute(schema.runs.insert().values(id="killed", started_at="2026-01-01T00:00:00+00:00",
                                                 status="running", command="run big/", inputs=[],
                                                 host=socket.gethostname(), pid=dead_pid))
        conn.execute(schema.runs.insert().values(id="elsewhere", started_at="2026-01-01T00:00:00+00:00",
                                                 status="running", command="run big/", inputs=[],
                                                 host="another-host.invalid", pid=dead_pid))
    store.begin_run("next", [])
    with store.connect() as conn:
        status = dict(conn.execute(sa.select(schema.runs.c.id, schema.runs.c.status)).all())
    assert status["killed"] == "interrupted"
    assert status[live] == "running"  # its process (this one) is alive
    assert status["elsewhere"] == "running"  # another machine's process table is not ours to judge


def test_tokens_store_only_a_hash(store):
    token = store.create_token("newsroom")
    other = store.create_token("lab")
    assert store.check_token(token) and store.check_token(other)
    assert not store.check_token(token + "x") and not store.check_token("")
    with store.connect() as conn:
        stored = conn.execute(sa.select(schema.api_tokens)).mappings().all()
    assert all(token not in str(dict(r)) for r in stored)
    assert [t["name"] for t in store.list_tokens()] in (["newsroom", "lab"], ["lab", "newsroom"])
    assert store.revoke_token("newsroom") == 1
    assert not store.check_token(token) and store.check_token(other)
    assert store.revoke_token("newsroom") == 0


def test_uncommitted_transaction_leaves_nothing(store):
    doc, arts, ments, stats, fails = make_document(2)
    from strife.store.writes import _article_row, _document_row, insert_new

    with pytest.raises(RuntimeError):
        with store.begin() as conn:
            assert insert_new(conn, schema.documents, [_document_row(doc, None, 1)]) == 1
            assert insert_new(conn, schema.articles, [_article_row(arts[0], None)]) == 1
            raise RuntimeError("power cut")
    assert not store.has_document(doc.id)
    assert all(rows == [] for rows in dump(store).values())
    assert store.save_document(None, doc, arts, ments, stats, fails).documents == 1


# -- crash safety: kill -9 mid-transaction, re-run, same result ---------------------------------

_CHILD = textwrap.dedent("""
    import sys, time
    sys.path[:0] = [{tests!r}]
    from strife.settings import get_settings
    from strife.store import Store, writes
    from test_store import save_all

    crash_at = {crash_at}
    state = {{"docs": 0}}
    original = writes.insert_new

    def insert_new(conn, table, rows):
        n = original(conn, table, rows)
        if table.name == "documents":
            state["docs"] += 1
        if table.name == "mentions" and state["docs"] == crash_at:
            # document and articles are written, the transaction is open: wait to be killed
            print("inside-transaction", flush=True)
            time.sleep(120)
        return n

    writes.insert_new = insert_new
    save_all(Store.open({url!r}, get_settings()), {n})
    print("finished", flush=True)
""")


def test_kill_9_mid_transaction_then_rerun_equals_uninterrupted(store):
    n = 6
    assert save_all(store, n).documents == n
    reference = dump(store)
    assert len(reference["documents"]) == n and len(reference["mentions"]) == 9
    wipe(store)

    code = _CHILD.format(tests=os.path.dirname(__file__), crash_at=4, url=store.url, n=n)
    child = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             text=True)
    try:
        line = child.stdout.readline()
        assert line.strip() == "inside-transaction", child.stderr.read()
        os.kill(child.pid, signal.SIGKILL)
        assert child.wait(timeout=30) == -signal.SIGKILL
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
    child.stdout.close()
    child.stderr.close()

    # committed: documents 0-2; the 4th died inside its transaction and left nothing visible (on
    # PostgreSQL its locks last until the server sees the client gone; the re-run waits for that)
    partial = dump(store)
    assert len(partial["documents"]) == 3
    assert len(partial["articles"]) == 3
    assert {r[0] for r in partial["mentions"]} <= {r[0] for r in reference["mentions"]}

    counts = save_all(store, n)  # the re-run skips stored documents and finishes the rest
    assert counts.documents == 3
    assert dump(store) == reference


def test_nul_characters_and_odd_metadata_are_stored(store):
    from pathlib import Path

    text = "Shelling hit the\x00 market in Ariha."
    content = text.encode()
    doc = RawDocument(id=RawDocument.make_id(content), source="odd\x00name.txt", content=content + b"\x00",
                      media_type="text/plain", fetched_at="2026-03-01T10:00:00+00:00",
                      meta={"path": Path("/data/odd.txt")})
    art = Article(id=Article.make_id(None, text), document_id=doc.id, position=0, title=None, text=text)
    assert store.save_document(None, doc, [art]).articles == 1
    with store.connect() as conn:
        stored_text = conn.execute(sa.select(schema.articles.c.text)).scalar()
        stored = conn.execute(sa.select(schema.documents)).mappings().one()
    assert len(stored_text) == len(text)  # offsets stay valid
    assert stored_text.index("market") == text.index("market")
    assert bytes(stored["content"]).endswith(b"\x00")  # raw bytes are kept exactly
    assert stored["meta"] == {"path": "/data/odd.txt"}


def test_concurrent_writers_store_each_row_once(store, settings):
    """Four writers saving the same documents in different orders: every row stored once."""
    import threading

    n = 6
    docs = [make_document(i) for i in range(n)]
    totals: list[SaveCounts] = []
    errors: list[BaseException] = []

    def writer(order):
        try:
            with Store.open(store.url, settings) as s:
                total = SaveCounts()
                for i in order:
                    total = total + s.save_document(None, *docs[i])
                totals.append(total)
        except BaseException as exc:  # reported below: a thread's exception is otherwise lost
            errors.append(exc)

    orders = [list(range(n)), list(reversed(range(n))), [1, 3, 5, 0, 2, 4], [4, 2, 0, 5, 3, 1]]
    threads = [threading.Thread(target=writer, args=(o,)) for o in orders]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert not errors, errors
    grand = SaveCounts()
    for t in totals:
        grand = grand + t
    assert grand == SaveCounts(documents=n, articles=n, mentions=9, statistics=n, failures=n)
    concurrent = dump(store)
    wipe(store)
    save_all(store, n)
    assert dump(store) == concurrent


def test_sqlite_writer_waits_then_reports_s101(tmp_path, settings, monkeypatch):
    """A second writer queues on the lock (BEGIN IMMEDIATE); past the busy timeout it gets S101."""
    import sqlite3

    from strife.store import db as store_db

    monkeypatch.setattr(store_db, "SQLITE_BUSY_TIMEOUT_MS", 200)
    path = tmp_path / "locked.db"
    store = Store.open(str(path), settings)
    other = sqlite3.connect(path, isolation_level=None)
    try:
        other.execute("BEGIN IMMEDIATE")
        doc = make_document(0)
        t0 = time.monotonic()
        with pytest.raises(StoreError) as err:
            store.save_document(None, *doc)
        assert err.value.code == "S101" and "locked" in str(err.value)
        assert time.monotonic() - t0 >= 0.15  # it waited for the lock before giving up
        with store.connect() as conn:  # readers are not blocked by the writer (WAL)
            assert conn.execute(sa.select(sa.func.count()).select_from(schema.documents)).scalar() == 0
        other.execute("ROLLBACK")
        assert store.save_document(None, *doc).documents == 1
    finally:
        other.close()
        store.close()


def test_upsert_inserts_then_updates_chosen_columns(store):
    from strife.store.writes import insert_new, upsert

    def event(i, **kw):
        row = {"id": f"ev{i}", "event_type": "Battles", "sub_event_type": "Armed clash", "timestamp": 100,
               "created_at": 100, "fatalities": i, "notes": f"first {i}"}
        row.update(kw)
        return row

    ev = schema.events
    with store.begin() as conn:
        assert upsert(conn, ev, [event(1), event(2)]) == 2
        # same key twice in one call: the last row wins
        assert upsert(conn, ev, [event(2, fatalities=20), event(3), event(2, fatalities=22)],
                      update_columns=["fatalities"]) == 2
        assert insert_new(conn, ev, [event(1, notes="ignored"), event(4)]) == 1
    with store.connect() as conn:
        got = conn.execute(sa.select(ev.c.id, ev.c.fatalities, ev.c.notes).order_by(ev.c.id)).all()
    assert [tuple(r) for r in got] == [("ev1", 1, "first 1"), ("ev2", 22, "first 2"), ("ev3", 3, "first 3"),
                                       ("ev4", 4, "first 4")]


_CHAOS_CHILD = textwrap.dedent("""
    import sys
    sys.path[:0] = [{tests!r}]
    from strife.settings import get_settings
    from strife.store import Store
    from test_store import save_all

    store = Store.open({url!r}, get_settings())
    print("started", flush=True)
    save_all(store, {n})
""")


@pytest.mark.slow
def test_kill_9_at_random_moments_then_rerun_equals_uninterrupted(store):
    """Killed three times at arbitrary moments (inside a commit too, by chance), then run to the end."""
    import random

    n = 12
    save_all(store, n)
    reference = dump(store)
    wipe(store)
    rng = random.Random(20260301)
    code = _CHAOS_CHILD.format(tests=os.path.dirname(__file__), url=store.url, n=n)
    stored_at_kill = []
    for _ in range(3):
        child = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
        try:
            assert child.stdout.readline().strip() == "started"
            time.sleep(rng.uniform(0.0, 0.06))
            os.kill(child.pid, signal.SIGKILL)
            child.wait(timeout=30)
        finally:
            if child.poll() is None:
                child.kill()
                child.wait()
            child.stdout.close()
        stored_at_kill.append(len(dump(store)["documents"]))
    save_all(store, n)
    assert dump(store) == reference, stored_at_kill
    assert stored_at_kill == sorted(stored_at_kill)  # never lost what an earlier attempt committed


def test_concurrent_upgrades_apply_each_migration_once(empty_db_url, settings):
    import threading

    applied: list[str] = []
    errors: list[BaseException] = []
    barrier = threading.Barrier(4)

    def upgrade():
        try:
            with Store.open(empty_db_url, settings, check_schema=False) as s:
                barrier.wait(timeout=30)
                applied.extend(s.upgrade())
        except BaseException as exc:  # reported below
            errors.append(exc)

    threads = [threading.Thread(target=upgrade) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert not errors, errors
    assert sorted(applied) == sorted(n for n, _ in migrations.MIGRATIONS)
    with Store.open(empty_db_url, settings) as s:
        assert s.migration_status().up_to_date


def test_reindex_command_rebuilds_search(tmp_path):
    from click.testing import CliRunner

    from strife.store.commands import db

    path = str(tmp_path / "reindex.db")
    result = CliRunner().invoke(db, ["upgrade", "--db", path])
    assert result.exit_code == 0, result.output
    result = CliRunner().invoke(db, ["reindex", "--db", path])
    assert result.exit_code == 0, result.output
    assert "search index rebuilt" in result.output
