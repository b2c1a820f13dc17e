"""``flask nlp ...``: analyse a text, list its entities, or score the tagger on a treebank.

Registered by the app factory (``app.cli.add_command(nlp_cli)``). Every command reads a
file path or ``-`` (standard input, the default). Bad input ends with one ``Error: ...``
line on stderr and exit status 1, never a traceback.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterator
from dataclasses import asdict
from pathlib import Path
from typing import Any

import click
from flask import current_app, has_app_context

from learn.nlp.engine import Engine, get_engine
from learn.nlp.text import TextError
from learn.nlp.types import AnalyzedText, Entity, Quotation

DATA_DIR_ENV = "SAHIFA_DATA_DIR"


def nlp_data_dir() -> Path:
    """The analysis data folder for CLI commands.

    Under Flask: the app's ``SAHIFA_DATA_DIR`` setting (itself from the environment, else
    ``<instance>/nlp``), else ``<instance path>/nlp``. Outside an app: ``$SAHIFA_DATA_DIR``,
    else ``$FLASK_INSTANCE_PATH/nlp``, else ``./instance/nlp``.
    """
    if has_app_context():
        configured = current_app.config.get(DATA_DIR_ENV)
        if configured:
            return Path(configured)
        if os.environ.get(DATA_DIR_ENV):
            return Path(os.environ[DATA_DIR_ENV])
        return Path(current_app.instance_path) / "nlp"
    if os.environ.get(DATA_DIR_ENV):
        return Path(os.environ[DATA_DIR_ENV])
    instance = os.environ.get("FLASK_INSTANCE_PATH") or Path.cwd() / "instance"
    return Path(instance) / "nlp"


def cli_engine() -> Engine:
    return get_engine(nlp_data_dir())


@click.group("nlp", help="Arabic analysis: tokens, entities, evaluation.")
def nlp_cli() -> None:
    pass


def read_input(path: str) -> bytes:
    """The bytes of PATH, or of standard input for '-'; a clear error if unreadable."""
    if path == "-":
        return sys.stdin.buffer.read()
    try:
        return Path(path).read_bytes()
    except OSError as exc:
        raise click.ClickException(f"cannot read {path}: {exc.strerror or exc}") from None


def analyze_input(path: str) -> AnalyzedText:
    """Analyse PATH (or stdin); unusable text is a one-line CLI error, never a traceback."""
    data = read_input(path)
    try:
        return cli_engine().analyze(data)
    except TextError as exc:
        raise click.ClickException(f"{path}: {exc}") from None


def _emit(rows: Iterator[dict[str, Any]]) -> None:
    for row in rows:
        click.echo(json.dumps(row, ensure_ascii=False))


def token_rows(analysed: AnalyzedText) -> Iterator[dict[str, Any]]:
    """One JSON-ready object per token, in text order (the ``analyze`` command's lines)."""
    for tok in analysed.tokens:
        yield {
            "s": tok.sentence,
            "i": tok.index,
            "start": tok.start,
            "end": tok.end,
            "surface": tok.surface,
            "diac": tok.diac,
            "lemma": tok.lemma,
            "pos": tok.pos,
            "gloss": tok.gloss,
            "root": tok.root,
            "entity": tok.entity,
            "root_note": tok.root_note,
            "parts": [asdict(part) for part in tok.parts],
            "alternatives": [asdict(alt) for alt in tok.alternatives],
        }


def entity_row(entity: Entity) -> dict[str, Any]:
    return {
        "type": entity.type,
        "text": entity.text,
        "start": entity.start,
        "end": entity.end,
        "s": entity.sentence,
        "key": entity.key,
        "title": entity.title,
        "gloss": entity.gloss,
    }


def quotation_row(quotation: Quotation) -> dict[str, Any]:
    speaker = quotation.speaker
    return {
        "type": "QUOTATION",
        "text": quotation.text,
        "start": quotation.start,
        "end": quotation.end,
        "s": quotation.sentence,
        "speaker": speaker.text if speaker else None,
        "speaker_key": speaker.key if speaker else None,
    }


def entity_rows(analysed: AnalyzedText) -> Iterator[dict[str, Any]]:
    """Entities and quotations in text order (the ``entities`` command's lines)."""
    rows = [entity_row(e) for e in analysed.entities]
    rows += [quotation_row(q) for q in analysed.quotations]
    yield from sorted(rows, key=lambda r: (r["start"], r["end"]))


@nlp_cli.command("analyze")
@click.argument("path", default="-")
def analyze_command(path: str) -> None:
    """Print one JSON object per token of PATH (or standard input)."""
    _emit(token_rows(analyze_input(path)))


@nlp_cli.command("entities")
@click.argument("path", default="-")
def entities_command(path: str) -> None:
    """Print the entities and quotations of PATH (or standard input) as JSON lines."""
    _emit(entity_rows(analyze_input(path)))


@nlp_cli.command("eval")
@click.argument("gold")
@click.option(
    "--details", default=10, show_default=True, help="Mistakes to list (tuning half only)."
)
@click.option(
    "--half",
    type=click.Choice(["tuning", "checking", "both"]),
    default="both",
    show_default=True,
    help="Which half of the documents to report.",
)
def eval_command(gold: str, details: int, half: str) -> None:
    """Score lemma, POS, gloss and vocalization against a CoNLL-U file, in two halves."""
    from learn.nlp.evaluate import HALVES, read_conllu, report

    try:
        sentences = read_conllu(Path(gold).read_text(encoding="utf-8"))
    except OSError as exc:
        raise click.ClickException(f"cannot read {gold}: {exc.strerror or exc}") from None
    except (UnicodeDecodeError, ValueError) as exc:
        raise click.ClickException(f"{gold}: not a readable CoNLL-U file ({exc})") from None
    if not sentences:
        raise click.ClickException(f"{gold}: no CoNLL-U sentences found")
    halves = HALVES if half == "both" else (half,)
    click.echo(report(sentences, cli_engine().tagger.tag, details, halves))
