"""`strife db upgrade` and `strife db status`: the store's schema migrations from the command line."""

from __future__ import annotations

import sys

import click

from ..cli_support import db_option, one_line_errors, open_store

__all__ = ["db"]

def _open(db_arg: str | None):
    return open_store(db_arg, check_schema=False)


@click.group("db")
def db() -> None:
    """Create or upgrade the database schema."""


@db.command("upgrade")
@db_option(param="db_arg")
@one_line_errors
def upgrade_cmd(db_arg: str | None) -> None:
    """Apply the missing schema migrations (safe to run again; does nothing when up to date)."""
    from . import migrations
    from ..errors import StoreError

    with _open(db_arg) as store:
        state = migrations.status(store)
        if state.unknown:
            raise StoreError(f"{store.display_url} has migrations this strife does not know: "
                             f"{', '.join(state.unknown)}", code="S103")
        applied = migrations.upgrade(store)
        if applied:
            for name in applied:
                click.echo(f"applied {name}")
        click.echo(f"{store.display_url}: up to date ({len(state.applied) + len(applied)} migrations)")


@db.command("status")
@db_option(param="db_arg")
@one_line_errors
def status_cmd(db_arg: str | None) -> None:
    """Show applied and pending migrations.  Exit status 0 when up to date, 3 when not."""
    from . import migrations

    with _open(db_arg) as store:
        state = migrations.status(store)
        click.echo(f"database: {store.display_url} ({store.dialect})")
        for name in state.applied:
            click.echo(f"applied  {name}" + ("  (unknown to this strife)" if name in state.unknown else ""))
        for name in state.pending:
            click.echo(f"pending  {name}")
        if state.unknown:
            click.echo("the database is newer than this strife: upgrade strife")
        elif state.pending:
            click.echo("run `strife db upgrade` to apply the pending migrations")
        else:
            click.echo("up to date")
    if not state.up_to_date:
        sys.exit(3)


@db.command("reindex")
@db_option(param="db_arg")
@one_line_errors
def reindex_cmd(db_arg: str | None) -> None:
    """Rebuild the text-search index of events (on SQLite, needed after a VACUUM)."""
    from . import migrations

    with _open(db_arg) as store:
        migrations.rebuild_search_index(store)
        click.echo(f"{store.display_url}: search index rebuilt")
