"""``flask nlp vocab`` and ``flask nlp questions``: a lesson's word list and questions as JSON.

Both are standalone click commands; the app attaches them to the ``nlp`` group. Each reads a
file path or ``-`` (standard input, the default). Bad input (missing file, invalid UTF-8,
empty or non-Arabic text) ends with one ``Error: ...`` line on stderr and exit status 1.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import click

from learn.cli.nlp import analyze_input
from learn.lessons import (
    DistractorPool,
    RankingConfig,
    build_people_places,
    build_vocab,
    generate_questions,
)
from learn.lessons.names import clean_analysis
from learn.nlp.types import AnalyzedText


def _analyze(path: str) -> AnalyzedText:
    return clean_analysis(analyze_input(path))


def _load_json(path: str | None, what: str) -> dict[str, Any]:
    if not path:
        return {}
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as exc:
        raise click.ClickException(f"cannot read {path}: {exc.strerror or exc}") from None
    except (UnicodeDecodeError, ValueError) as exc:
        raise click.ClickException(f"{path}: not a JSON {what} ({exc})") from None
    if not isinstance(data, dict):
        raise click.ClickException(f"{path}: a JSON {what} must be an object")
    return data


def _emit(rows: Iterable[dict[str, Any]]) -> None:
    for row in rows:
        click.echo(json.dumps(row, ensure_ascii=False))


@click.command("vocab")
@click.argument("path", default="-")
@click.option("--config", "config_path", help="JSON file of ranking weights (docs/lessons.md).")
@click.option(
    "--domains", multiple=True, help="Extra domain list (TSV, as learn/lessons/data/domains.tsv)."
)
@click.option("--people", is_flag=True, help="Print the people & places list instead.")
@click.option("--limit", type=int, default=0, help="Print only the first N entries.")
def vocab_command(
    path: str, config_path: str | None, domains: tuple[str, ...], people: bool, limit: int
) -> None:
    """Print the ranked vocabulary of PATH (or standard input), one lemma per JSON line."""
    settings = _load_json(config_path, "ranking configuration")
    settings["extra_domains"] = [*settings.get("extra_domains", []), *domains]
    try:
        config = RankingConfig.from_dict(settings)
    except (TypeError, ValueError) as exc:
        raise click.ClickException(f"bad ranking configuration: {exc}") from None
    analyzed = _analyze(path)
    try:
        rows: list[Any] = (
            list(build_people_places(analyzed)) if people else list(build_vocab(analyzed, config))
        )
    except (OSError, ValueError) as exc:
        raise click.ClickException(str(exc)) from None
    _emit(r.to_dict() for r in (rows[:limit] if limit > 0 else rows))


@click.command("questions")
@click.argument("path", default="-")
@click.option("--pool", "pool_path", help="JSON file of distractor candidates from other articles.")
def questions_command(path: str, pool_path: str | None) -> None:
    """Print the generated questions of PATH (or standard input), one per JSON line."""
    try:
        pool = DistractorPool.from_dict(_load_json(pool_path, "distractor pool"))
    except (TypeError, KeyError) as exc:
        raise click.ClickException(f"bad distractor pool: {exc}") from None
    analyzed = _analyze(path)
    vocab = build_vocab(analyzed)
    _emit(q.to_dict() for q in generate_questions(analyzed, vocab, pool))
