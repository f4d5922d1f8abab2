"""`strife explain EVENT_ID`: which rule joined each pair of an event's reports (and, with --near,
why nearby reports were kept apart)."""

from __future__ import annotations

import json

import click

from ..cli_support import db_option, one_line_errors, open_store
from ..records import to_dict

__all__ = ["explain"]


@click.command("explain")
@click.argument("event_id")
@click.option("--near", is_flag=True, help="Also list nearby reports kept apart, with the first rule that failed.")
@db_option
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@one_line_errors
def explain(event_id: str, near: bool, db: str | None, fmt: str) -> None:
    """Why the reports of EVENT_ID were merged into one event."""
    from .explain import explain as explain_fn

    store = open_store(db)
    try:
        result = explain_fn(event_id, store, near=near)
    finally:
        store.close()
    if fmt == "json":
        click.echo(json.dumps(to_dict(result), indent=2, ensure_ascii=False))
    else:
        click.echo(result.to_text())
