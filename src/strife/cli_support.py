"""What every command module shares: the --db option, opening the store, one-line errors.

Command groups live beside the code they drive (``strife.store.commands``, ``strife.geo.commands``,
...) and are registered lazily by ``strife.cli``; they can also run on their own (tests invoke
them directly), so each command turns a ``StrifeError`` into one line here unless it runs under
the ``strife`` group, which does that itself.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from functools import wraps

import click

from .errors import StrifeError

__all__ = ["DB_HELP", "db_option", "open_store", "one_line_errors"]

DB_HELP = ("Database: a SQLite file path or a URL (postgresql+psycopg://user:pw@host/db). "
           "Default: STRIFE_DB, else strife.db in the data directory.")


def db_option(f=None, *, param: str = "db"):
    """``--db PATH_OR_URL`` (also read from STRIFE_DB)."""
    option = click.option("--db", param, envvar="STRIFE_DB", default=None, metavar="PATH_OR_URL", help=DB_HELP)
    return option(f) if f is not None else option


def open_store(db: str | None, settings=None, **kwargs):
    """The store named by ``db`` (a path or URL), else by the settings."""
    from .settings import get_settings
    from .store import Store

    settings = settings or get_settings(db=db)
    return Store.open(db or settings.db_url, settings, **kwargs)


def one_line_errors(fn: Callable) -> Callable:
    """``error: [CODE] message: hint`` on stderr and exit 1 when the command runs on its own."""

    @wraps(fn)
    def wrapper(*args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except StrifeError as err:
            root = click.get_current_context().find_root().command
            if type(root).__name__ == "StrifeGroup":
                raise
            click.echo(f"error: {err}", err=True)
            sys.exit(1)

    return wrapper
