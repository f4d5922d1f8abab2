"""`strife serve` (the API and the map) and `strife token` (bearer tokens for writes)."""

from __future__ import annotations

import json

import click

from ..cli_support import db_option, one_line_errors, open_store
from ..settings import get_settings

__all__ = ["serve", "token"]


def _open(db: str | None):
    settings = get_settings(db=db)
    return settings, open_store(db, settings)


@click.command("serve")
@db_option
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on (0.0.0.0 exposes the server to the network).")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535), help="Port to listen on.")
@one_line_errors
def serve(db: str | None, host: str, port: int) -> None:
    """Serve the REST API (/api, docs at /docs) and the web map (/) over the database."""
    import uvicorn

    from .app import create_app

    settings, store = _open(db)
    app = create_app(settings, store)
    click.echo(f"strife: map at http://{host}:{port}/  API docs at http://{host}:{port}/docs  "
               f"database {store.display_url}", err=True)
    uvicorn.run(app, host=host, port=port, log_level="info")


@click.group("token")
def token() -> None:
    """Bearer tokens for the API's writes (POST /api/ingest)."""


@token.command("create")
@click.argument("name")
@db_option
@one_line_errors
def token_create(name: str, db: str | None) -> None:
    """Create a token called NAME and print it (shown once: only its hash is stored)."""
    _, store = _open(db)
    with store:
        secret = store.create_token(name)
    click.echo(secret)
    click.echo(f"token {name!r} created; send it as 'Authorization: Bearer <token>'", err=True)


@token.command("list")
@db_option
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
@one_line_errors
def token_list(db: str | None, as_json: bool) -> None:
    """List tokens (id, name, created, revoked); the secrets themselves are never stored."""
    _, store = _open(db)
    with store:
        rows = store.list_tokens()
    if as_json:
        click.echo(json.dumps(rows, indent=2))
        return
    for r in rows:
        click.echo(f"{r['id']}  {r['name']}  {r['created_at']}  {'revoked' if r['revoked'] else 'active'}")
    if not rows:
        click.echo("no tokens; create one with `strife token create NAME`", err=True)


@token.command("revoke")
@click.argument("name_or_id")
@db_option
@one_line_errors
def token_revoke(name_or_id: str, db: str | None) -> None:
    """Revoke the token(s) with this name or id; exit 1 when none matched."""
    from ..errors import APIError

    _, store = _open(db)
    with store:
        n = store.revoke_token(name_or_id)
    if not n:
        raise APIError(f"no active token named {name_or_id!r}", code="W101", hint="list them with `strife token list`")
    click.echo(f"revoked {n} token(s)", err=True)
