"""``kg eval carb``: score tabbed extractions against CaRB gold (thin over :mod:`kg.evaluation.carb`)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ..errors import InputNotFound
from . import app
from ._common import reports_errors

eval_app = typer.Typer(help="Evaluate extractions on benchmarks.", no_args_is_help=True)
app.add_typer(eval_app, name="eval")


@eval_app.command("carb")
@reports_errors
def carb_cli(
    gold: Annotated[Path, typer.Option("--gold", help="CaRB gold tuples (sentence, relation, arg1, arg2...).")],
    extractions: Annotated[
        Path, typer.Option("--extractions", help="Tabbed extractions (sentence, confidence, relation, args...).")
    ],
    said_swap: Annotated[bool, typer.Option("--said-swap", help="CaRB's optional 'said' arg swap rule.")] = False,
) -> None:
    """Print precision, recall, best F1 and AUC of CaRB's scoring rule.

    Example: [bold]kg eval carb --gold ../shared/bench/carb/gold/dev.tsv --extractions out/carb-dev.tsv[/]
    """
    from ..evaluation.carb import score_files

    for path in (gold, extractions):
        if not path.is_file():
            raise InputNotFound(f"input not found: {path}")
    s = score_files(gold, extractions, said_swap=said_swap)
    typer.echo(
        f"precision {s.precision:.3f}  recall {s.recall:.3f}  F1 {s.f1:.3f}  AUC {s.auc:.3f}  "
        f"(threshold {float(s.threshold):.4f}; {s.extractions} extractions, {s.ignored_extractions} ignored; "
        f"{s.gold_tuples} gold tuples in {s.gold_sentences} sentences; said swap {'on' if said_swap else 'off'})"
    )
