"""``strife eval`` and ``strife train``.

``eval`` is a click group that also takes a file: ``strife eval EXPORT.csv [--json] [--country C]
[--limit N]`` scores event coding against an ACLED export; subcommands (``strife eval geoparse
FILE.xml``, owned by the geocoding module) are looked up first, so a subcommand name always wins
over a file of the same name (write ``./geoparse`` for such a file).
"""

from __future__ import annotations

import json
import sys

import click

from ..errors import EvalError

__all__ = ["eval_cmd", "train_cmd", "render_table"]


class _EvalGroup(click.Group):
    """A group whose first argument may be a subcommand or an ACLED CSV to evaluate."""

    _VALUED = {"--country", "--limit"}

    def parse_args(self, ctx, args):
        # the first positional argument that is not a known subcommand is the CSV to evaluate
        args = list(args)
        i = 0
        while i < len(args):
            a = args[i]
            if a == "--":
                break
            if a.startswith("-"):
                i += 2 if a in self._VALUED else 1
                continue
            if a not in self.commands:
                ctx.meta["strife_eval_csv"] = a
                del args[i]
            break
        return super().parse_args(ctx, args)


@click.group("eval", cls=_EvalGroup, invoke_without_command=True,
             context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--json", "as_json", is_flag=True, help="Print the scores as one JSON object.")
@click.option("--country", default=None, help="Only rows of this country (as spelled in the export).")
@click.option("--limit", type=int, default=None, help="Only the first N rows with notes.")
@click.pass_context
def eval_cmd(ctx, as_json: bool, country: str | None, limit: int | None):
    """Score strife against human coding: `strife eval EXPORT.csv` (an ACLED export with notes).

    Each row's notes are coded as an article published on the row's event date; the best-matching
    mention is compared with the row.  The location.* and admin1.match keys count a row strife coded no
    event for as a miss; location.coded.* score the geocoder alone, over the rows that got an event.
    Subcommands: `strife eval geoparse FILE.xml`.
    """
    if ctx.invoked_subcommand is not None:
        return
    path = ctx.meta.get("strife_eval_csv")
    if not path:
        click.echo(ctx.get_help())
        ctx.exit(2)
    from ..settings import get_settings
    from .acled import evaluate

    result = evaluate(path, get_settings(), country=country, limit=limit)
    if as_json:
        click.echo(json.dumps(result, indent=2, sort_keys=True))
    else:
        render_table(result)


def _register_geoparse() -> None:
    try:
        from .geoparse import run_geoparse_eval  # noqa: F401
    except ImportError:
        return

    @eval_cmd.command("geoparse")
    @click.argument("path", type=click.Path(exists=True, dir_okay=False))
    @click.option("--json", "as_json", is_flag=True, help="Print the scores as one JSON object.")
    def geoparse(path: str, as_json: bool):
        """Score the geocoder on an LGL/GeoVirus-style XML corpus."""
        from ..settings import get_settings
        from .geoparse import run_geoparse_eval

        result = run_geoparse_eval(path, get_settings())
        if as_json:
            click.echo(json.dumps(result, indent=2, sort_keys=True))
        else:
            for k, v in sorted(result.items()):
                click.echo(f"{k:32} {v}")


_register_geoparse()


def render_table(result: dict) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console()
    table = Table(title=f"strife vs ACLED: {result.get('file', '')} ({result['rows']} rows)")
    table.add_column("metric")
    table.add_column("value", justify="right")
    for k, v in result.items():
        if isinstance(v, float):
            table.add_row(k, f"{v:.3f}")
        elif isinstance(v, int) and k != "rows":
            table.add_row(k, str(v))
    console.print(table)
    conf = result.get("confusion") or {}
    if conf:
        cm = Table(title="sub-event confusion (gold rows -> predicted, top 3)")
        cm.add_column("gold")
        cm.add_column("n", justify="right")
        cm.add_column("correct", justify="right")
        cm.add_column("most common predictions")
        for gold, preds in sorted(conf.items(), key=lambda kv: -sum(kv[1].values())):
            n = sum(preds.values())
            top = ", ".join(f"{p} {c}" for p, c in sorted(preds.items(), key=lambda kv: -kv[1])[:3])
            cm.add_row(gold, str(n), str(preds.get(gold, 0)), top)
        console.print(cm)


@click.command("train", context_settings={"help_option_names": ["-h", "--help"]})
@click.argument("export", type=click.Path(exists=True, dir_okay=False))
@click.option("--test", "test_path", type=click.Path(exists=True, dir_okay=False), default=None,
              help="A second export to measure the model on (held-out rows).")
def train_cmd(export: str, test_path: str | None):
    """Train the optional learned sub-event typer on an ACLED export's notes (saved in the data dir)."""
    from ..coding.learned import save_model, train_model
    from ..settings import get_settings
    from .acled import read_rows

    settings = get_settings()
    rows = read_rows(export)
    if len({r.sub_event_type for r in rows}) < 2:
        raise EvalError("the export needs at least two sub-event types to learn from", code="E101")
    if test_path is None:
        # hold out the latest dates: a split by date, never a random split of one campaign
        rows.sort(key=lambda r: r.event_date or "")
        cut = int(len(rows) * 0.8)
        train, test = rows[:cut], rows[cut:]
    else:
        train, test = rows, read_rows(test_path)
    pipe = train_model([r.notes for r in train], [r.sub_event_type for r in train])
    pred = pipe.predict([r.notes for r in test])
    acc = sum(p == r.sub_event_type for p, r in zip(pred, test)) / len(test) if test else 0.0
    # the saved model learns from every row given
    if test_path is None:
        pipe = train_model([r.notes for r in rows], [r.sub_event_type for r in rows])
    path = save_model(pipe, settings)
    click.echo(f"trained on {len(train)} rows; held-out sub-event accuracy {acc:.3f} on {len(test)} rows; saved {path}",
               file=sys.stdout)
