"""Packaged data tables (``src/strife/data``), read one way by every stage."""

from __future__ import annotations

from importlib import resources

from .errors import ConfigError

__all__ = ["data_text", "data_rows"]


def data_text(name: str) -> str:
    """The text of ``strife/data/NAME``; a missing file is a broken install (ConfigError K103)."""
    try:
        return resources.files("strife").joinpath("data", name).read_text(encoding="utf-8")
    except (FileNotFoundError, OSError) as exc:
        raise ConfigError(f"data file {name} is missing", code="K103") from exc


def data_rows(name: str) -> list[list[str]]:
    """The tab-separated rows of a data table: blank and ``#`` comment lines skipped, and the first other
    line, which names the columns."""
    lines = [ln for ln in data_text(name).splitlines() if ln.strip() and not ln.startswith("#")]
    return [ln.split("\t") for ln in lines[1:]]
