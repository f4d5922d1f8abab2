"""Shared test fixtures.  Marked tests (nlp, postgres, browser, dask, shared) all run in CI."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("STRIFE_SHARED", ROOT.parent / "shared"))


def shared_path(*parts: str) -> Path:
    """A path under ../shared, or skip the test with a clear reason when it is absent."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is absent: this check reads the team's shared data at run time")
    return path


@pytest.fixture(scope="session", autouse=True)
def _isolated_data_dir(tmp_path_factory):
    """Every test session gets its own data directory (gazetteer index, models, default db)."""
    data = tmp_path_factory.mktemp("strife-data")
    old = os.environ.get("STRIFE_DATA_DIR")
    os.environ["STRIFE_DATA_DIR"] = str(data)
    yield data
    if old is None:
        os.environ.pop("STRIFE_DATA_DIR", None)
    else:
        os.environ["STRIFE_DATA_DIR"] = old


@pytest.fixture()
def settings(tmp_path):
    from strife.settings import get_settings

    return get_settings(db=str(tmp_path / "test.db"))


@pytest.fixture(scope="session")
def geo():
    """The geocoder over the packaged gazetteer (built on first use, loaded once per test session)."""
    from strife.geo import Geocoder
    from strife.settings import get_settings

    return Geocoder.load(get_settings())


@pytest.fixture(scope="session")
def nlp():
    from strife.nlp import load_nlp
    from strife.settings import get_settings

    return load_nlp(get_settings())


# ---- store fixtures (owner: store/migrations/exports) -------------------------------------------
# `pg_url`: a PostgreSQL server URL for the session (STRIFE_TEST_PG_URL, else scripts/pg.sh start).
# `empty_db_url`: an empty database, parametrized over sqlite and postgresql (a fresh schema per
#  test on PostgreSQL, dropped afterwards).  `store`: a migrated, empty Store on that database.

import subprocess  # noqa: E402
import uuid  # noqa: E402


@pytest.fixture(scope="session")
def pg_url():
    """URL of a PostgreSQL server; skips when none can start, except in CI where that fails."""
    from strife.settings import database_url

    env_url = os.environ.get("STRIFE_TEST_PG_URL")
    if env_url:
        return database_url(env_url)
    script = ROOT / "scripts" / "pg.sh"
    try:
        proc = subprocess.run(["bash", str(script), "start"], capture_output=True, text=True, timeout=240)
        reason = (proc.stderr.strip().splitlines() or [f"exit status {proc.returncode}"])[-1]
        if proc.returncode == 0 and proc.stdout.strip():
            return proc.stdout.strip().splitlines()[-1]
    except (OSError, subprocess.TimeoutExpired) as exc:
        reason = str(exc)
    message = f"PostgreSQL could not start ({script} start: {reason}); set STRIFE_TEST_PG_URL to use a server"
    if os.environ.get("CI"):
        pytest.fail(f"CI requires PostgreSQL: {message}")
    pytest.skip(message)


@pytest.fixture()
def pg_database_url(pg_url):
    """A fresh, empty PostgreSQL schema on the test server, as a URL whose search_path points at it.

    A schema per test costs about a millisecond; a database per test cost 0.27 s each (measured on
    the 2-core dev machine), which the many store tests would pay over and over.
    """
    import sqlalchemy as sa
    from sqlalchemy.engine import make_url

    name = f"strife_test_{uuid.uuid4().hex[:16]}"
    admin = sa.create_engine(pg_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.exec_driver_sql(f'CREATE SCHEMA "{name}"')
    url = make_url(pg_url).update_query_dict({"options": f"-csearch_path={name}"})
    try:
        yield url.render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.exec_driver_sql(f'DROP SCHEMA IF EXISTS "{name}" CASCADE')
        admin.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def empty_db_url(request, tmp_path):
    """An empty database, as the URL a user would pass to --db: SQLite file or PostgreSQL."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'store.db'}"
    return request.getfixturevalue("pg_database_url")


@pytest.fixture()
def store(empty_db_url, settings):
    """A migrated, empty Store on SQLite and on PostgreSQL."""
    from strife.store import Store

    s = Store.open(empty_db_url, settings, auto_upgrade=True)
    try:
        yield s
    finally:
        s.close()
# ---- end store fixtures -------------------------------------------------------------------------
