"""`strife explain EVENT_ID`: which rule joined each pair of an event's reports (and, with --near,
why nearby reports were kept apart)."""

from __future__ import annotations

import json
import sys

import click

from ..errors import StrifeError
from ..records import to_dict

__all__ = ["explain"]


@click.command("explain")
@click.argument("event_id")
@click.option("--near", is_flag=True, help="Also list nearby reports kept apart, with the first rule that failed.")
@click.option("--db", envvar="STRIFE_DB", default=None,
              help="Database: a SQLite file path or a URL (postgresql+psycopg://user:pw@host/db).")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def explain(event_id: str, near: bool, db: str | None, fmt: str) -> None:
    """Why the reports of EVENT_ID were merged into one event."""
    from ..settings import get_settings
    from ..store import Store
    from .explain import explain as explain_fn

    try:
        settings = get_settings(db=db)
        store = Store.open(db or settings.db_url, settings)
        try:
            result = explain_fn(event_id, store, near=near)
        finally:
            store.close()
    except StrifeError as err:
        parent = click.get_current_context().find_root().command
        if type(parent).__name__ == "StrifeGroup":
            raise
        click.echo(f"error: {err}", err=True)
        sys.exit(1)
    if fmt == "json":
        click.echo(json.dumps(to_dict(result), indent=2, ensure_ascii=False))
    else:
        click.echo(result.to_text())
