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
def nlp():
    from strife.nlp import load_nlp
    from strife.settings import get_settings

    return load_nlp(get_settings())
