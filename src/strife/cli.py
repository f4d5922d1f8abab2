"""The ``strife`` command: a thin layer over the Python API.

Exit codes: 0 done; 1 failed (nothing could be done, or an error); 2 usage error;
3 partial (the run stored what it could, and some inputs failed: see the failures).
Library errors become one line ``[CODE] message: hint`` on stderr, here and nowhere else.
"""

from __future__ import annotations

import importlib
import json
import sys
from pathlib import Path

import click

from .cli_support import db_option, open_store
from .errors import StrifeError

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_PARTIAL = 0, 1, 2, 3

# Subcommands that live beside the code they drive; imported only when used, so `strife --help`
# stays fast and a broken optional part cannot break the others.
LAZY_COMMANDS = {
    "db": ("strife.store.commands", "db"),
    "eval": ("strife.eval.commands", "eval_cmd"),
    "train": ("strife.eval.commands", "train_cmd"),
    "gazetteer": ("strife.geo.commands", "gazetteer"),
    "explain": ("strife.merge.commands", "explain"),
    "serve": ("strife.web.commands", "serve"),
    "token": ("strife.web.commands", "token"),
}


class StrifeGroup(click.Group):
    def list_commands(self, ctx):
        return sorted(set(super().list_commands(ctx)) | set(LAZY_COMMANDS))

    def get_command(self, ctx, name):
        cmd = super().get_command(ctx, name)
        if cmd is not None or name not in LAZY_COMMANDS:
            return cmd
        module, attr = LAZY_COMMANDS[name]
        return getattr(importlib.import_module(module), attr)

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except StrifeError as exc:
            click.echo(f"error: {exc}", err=True)
            ctx.exit(EXIT_FAILED)


def make_settings(**overrides):
    from .settings import get_settings

    return get_settings(**overrides)


@click.group(cls=StrifeGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="strife")
def main():
    """strife: raw conflict news in, a geocoded, source-attributed, de-duplicated event dataset out.

    Start with `strife run PAGE.txt` and then `strife events`.
    """


@main.command()
@click.argument("inputs", nargs=-1, required=True)
@db_option
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object with the run's counts.")
@click.option("--text-column", default=None, help="CSV/JSONL column holding the article text (default: text).")
@click.option("--title-column", default=None, help="CSV/JSONL column holding the title (default: title).")
@click.option("--url-column", default=None, help="CSV/JSONL column holding the URL (default: url).")
@click.option("--date-column", default=None, help="CSV/JSONL column holding the publication date (default: published).")
@click.option("--published", type=click.DateTime(formats=["%Y-%m-%d"]), default=None,
              help="Publication date (YYYY-MM-DD) for inputs that carry none of their own. A file's "
                   "modification time is never used as one: without a date, relative dates "
                   "(\"on Saturday\") cannot be resolved and such reports are not coded as events.")
@click.option("--allow-private-urls", is_flag=True, default=None,
              help="Allow fetching loopback/private addresses (off by default).")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar.")
def run(inputs, db, as_json, text_column, title_column, url_column, date_column, published, allow_private_urls,
        quiet):
    """Ingest, code and store INPUTS (files, folders, URLs, feeds), then merge events.

    Exit status: 0 done, 3 partial (some inputs failed; see `failures`), 1 nothing could be done.
    """
    from .ingest import IngestOptions
    from .pipeline import Pipeline

    settings = make_settings(db=db, allow_private_urls=allow_private_urls)
    store = open_store(db, settings)
    opts = {k: v for k, v in dict(text_column=text_column, title_column=title_column,
                                  url_column=url_column, date_column=date_column).items() if v}
    if published is not None:
        opts["published"] = published.date().isoformat()
    pipeline = Pipeline(settings, options=IngestOptions(**opts))
    command = "strife run " + " ".join(inputs)
    if quiet or as_json or not sys.stderr.isatty():
        report = pipeline.run(inputs, store, command=command)
    else:
        report = _run_with_progress(pipeline, inputs, store, command)
    if as_json:
        click.echo(json.dumps(report.as_dict(), indent=2))
    else:
        _print_report(report, store)
    if report.status == "partial":
        sys.exit(EXIT_PARTIAL)
    if report.status == "failed":
        sys.exit(EXIT_FAILED)


def _run_with_progress(pipeline, inputs, store, command):
    from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    with Progress(SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), TextColumn("{task.completed}"),
                  TimeElapsedColumn(), transient=True) as bar:
        tasks = {
            "documents": bar.add_task("documents", total=None),
            "articles": bar.add_task("articles", total=None),
        }

        def progress(stage, advance, total, desc):
            if stage not in tasks:
                tasks[stage] = bar.add_task(stage, total=None)
            label = f"{stage}: {desc[:50]}" if desc else stage
            bar.update(tasks[stage], advance=advance, description=label)

        return pipeline.run(inputs, store, progress=progress, command=command)


def _print_report(report, store):
    from rich.console import Console

    console = Console(stderr=False)
    console.print(
        f"run {report.run_id}: {report.status} — {report.documents} new documents "
        f"({report.skipped_documents} already stored), {report.articles} new articles, "
        f"{report.mentions} new event reports, {report.events} new events "
        f"({report.events_updated} updated), {report.failures} new failures "
        f"in {report.timings.get('total', 0):.1f} s"
    )
    for failure in report.failure_list[:20]:
        console.print(f"  [{failure.code}] {failure.stage} {failure.item}: {failure.message}", markup=False)
    if len(report.failure_list) > 20:
        console.print(f"  ... {len(report.failure_list) - 20} more failures")
    console.print(f"database: {store.url}")
    console.print("next: strife events   |   strife serve", markup=False)


def _filter_options(f):
    for opt in reversed([
        click.option("--country", multiple=True, help="Country name (repeatable)."),
        click.option("--event-type", multiple=True, help="ACLED event type (repeatable)."),
        click.option("--sub-event-type", multiple=True, help="ACLED sub-event type (repeatable)."),
        click.option("--since", default=None, help="First event date, YYYY-MM-DD."),
        click.option("--until", default=None, help="Last event date, YYYY-MM-DD."),
        click.option("--actor", default=None, help="Words of an actor's name, in order (the last may be cut short)."),
        click.option("--q", "q", default=None, help="Text search over notes, places and actors (words match word starts)."),
        click.option("--changed-since", default=None,
                     help="Only events changed since this unix time or ISO time (for syncing)."),
    ]):
        f = opt(f)
    return f


def _make_filter(country, event_type, sub_event_type, since, until, actor, q, changed_since):
    from .store.query import EventFilter

    return EventFilter(
        country=tuple(country) or None,
        event_type=tuple(event_type) or None,
        sub_event_type=tuple(sub_event_type) or None,
        since=since,
        until=until,
        actor=actor,
        q=q,
        changed_since=_parse_time(changed_since),
    )


def _parse_time(value: str | None) -> int | None:
    if value is None:
        return None
    if value.isdigit():
        return int(value)
    from datetime import datetime, timezone

    try:
        parsed = datetime.fromisoformat(value)
    except ValueError as exc:
        raise click.BadParameter(f"{value!r} is neither unix time nor ISO time") from exc
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=timezone.utc)
    return int(parsed.timestamp())


@main.command()
@db_option
@_filter_options
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table", show_default=True)
@click.option("--limit", default=1000, show_default=True, help="At most this many events.")
@click.option("--deleted", is_flag=True, help="List deleted event ids (the deletions list) instead.")
def events(db, country, event_type, sub_event_type, since, until, actor, q, changed_since, fmt, limit, deleted):
    """Query stored events.  json: a list of objects with ACLED column names plus evidence and sources."""
    from .store import query

    store = open_store(db)
    if deleted:
        rows = query.deletions(store, since=_parse_time(changed_since))
        click.echo(json.dumps(rows, indent=2))
        return
    flt = _make_filter(country, event_type, sub_event_type, since, until, actor, q, changed_since)
    rows = query.query_events(store, flt, limit=limit, with_details=(fmt == "json"))
    if fmt == "json":
        click.echo(json.dumps([_acled_row(r) for r in rows], indent=2, ensure_ascii=False))
    elif fmt == "csv":
        from .export import export_events

        export_events(rows, "acled-csv", sys.stdout.buffer)
    else:
        _print_table(rows)


def _acled_row(row: dict) -> dict:
    """ACLED column names first (event_id_cnty = strife's id), then strife's extras."""
    from .records import ACLED_COLUMNS

    out = {"event_id_cnty": row.get("id")}
    for col in ACLED_COLUMNS[1:]:
        out[col] = row.get(col)
    for extra in ("fatalities_low", "fatalities_best", "fatalities_high", "mention_count", "claims",
                  "evidence", "sources"):
        if extra in row:
            out[extra] = row[extra]
    return out


def _print_table(rows):
    from rich.console import Console
    from rich.table import Table

    # A pipe gets a wide table rather than one folded into 80 columns.
    console = Console(width=None if sys.stdout.isatty() else 220)
    table = Table(show_lines=False, pad_edge=False)
    columns = (("event_date", 10), ("sub_event_type", 26), ("actor1", 34), ("actor2", 30), ("location", 24),
               ("country", 12), ("fatalities", 5), ("source", 24))
    for name, width in columns:
        table.add_column(name, max_width=width, no_wrap=True, overflow="ellipsis")
    for r in rows:
        table.add_row(*["" if r.get(c) is None else str(r.get(c)) for c, _ in columns])
    console.print(table)
    console.print(f"{len(rows)} events")


@main.command()
@db_option
@_filter_options
@click.option("--format", "fmt", type=click.Choice(["acled-csv", "geojson", "jsonl", "parquet"]),
              default="acled-csv", show_default=True)
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Write here (default: standard output; parquet needs a file).")
def export(db, country, event_type, sub_event_type, since, until, actor, q, changed_since, fmt, output):
    """Export events as ACLED CSV, GeoJSON, JSON lines or Parquet."""
    from .export import export_events
    from .store import query

    store = open_store(db)
    flt = _make_filter(country, event_type, sub_event_type, since, until, actor, q, changed_since)
    rows = query.iter_events(store, flt, with_details=fmt in ("jsonl", "geojson"))
    if output is None:
        if fmt == "parquet":
            raise click.UsageError("parquet needs --output FILE")
        export_events(rows, fmt, sys.stdout.buffer)
    else:
        with open(output, "wb") as fh:
            n = export_events(rows, fmt, fh)
        skipped = f" ({n.skipped} without coordinates left out)" if getattr(n, "skipped", 0) else ""
        click.echo(f"wrote {int(n)} events to {output}{skipped}", err=True)


if __name__ == "__main__":  # pragma: no cover
    main()
