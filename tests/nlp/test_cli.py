"""``flask nlp analyze|entities|eval`` through click's runner (real engine, no mocks)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from flask import Flask

from learn.cli.nlp import nlp_cli, nlp_data_dir
from tests.conftest import NLP_TEST_DATA_DIR

SEED = Path(__file__).resolve().parents[2] / "seeds" / "russia-iran-treaty.ar.txt"
PADT_DEV = Path("/work/shared/eval/padt-dev/ar_padt-dev-sample.conllu")
TOKEN_KEYS = [
    "s",
    "i",
    "start",
    "end",
    "surface",
    "diac",
    "lemma",
    "pos",
    "gloss",
    "root",
    "entity",
    "root_note",
    "parts",
    "alternatives",
]


@pytest.fixture
def runner(monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    monkeypatch.setenv("SAHIFA_DATA_DIR", str(NLP_TEST_DATA_DIR))
    return CliRunner()


def lines(output: str) -> list[dict[str, object]]:
    return [json.loads(line) for line in output.splitlines() if line.strip()]


def test_analyze_prints_one_token_per_line_with_exact_keys(runner: CliRunner) -> None:
    result = runner.invoke(nlp_cli, ["analyze", str(SEED)])
    assert result.exit_code == 0, result.output
    rows = lines(result.stdout)
    text = SEED.read_text(encoding="utf-8")
    assert all(list(row) == TOKEN_KEYS for row in rows)
    assert all(text[row["start"] : row["end"]] == row["surface"] for row in rows)  # type: ignore[misc]
    assert "موسكو" in result.stdout  # ensure_ascii=False: Arabic, not \u escapes
    waqqa = next(r for r in rows if r["surface"] == "وقع")
    assert waqqa["pos"] == "verb" and str(waqqa["gloss"]).startswith("sign")
    putin = next(r for r in rows if r["surface"] == "بوتين")
    assert putin["entity"] == "PERSON" and putin["root"] is None
    roots = [r["root"] for r in rows if r["root"]]
    assert "و.ق.ع" in roots
    assert all(len(radical) == 1 for root in roots for radical in str(root).split("."))


def test_analyze_reads_standard_input(runner: CliRunner) -> None:
    result = runner.invoke(nlp_cli, ["analyze", "-"], input="وصل الرئيس إلى طهران.".encode())
    assert result.exit_code == 0, result.output
    rows = lines(result.stdout)
    assert [r["surface"] for r in rows] == ["وصل", "الرئيس", "إلى", "طهران", "."]
    assert rows[3]["entity"] == "LOCATION"


def test_entities_lists_entities_and_quotations_in_text_order(runner: CliRunner) -> None:
    result = runner.invoke(nlp_cli, ["entities", str(SEED)])
    assert result.exit_code == 0, result.output
    rows = lines(result.stdout)
    starts = [r["start"] for r in rows]
    assert starts == sorted(starts)  # type: ignore[type-var]
    duration = next(r for r in rows if r["type"] == "DURATION")
    assert (duration["text"], duration["key"]) == ("العشرين عاما", "20 year")
    quote = next(r for r in rows if r["type"] == "QUOTATION" and "اختراق" in str(r["text"]))
    assert quote["speaker_key"] == "فلاديمير بوتين"


@pytest.mark.parametrize(
    ("args", "stdin", "message"),
    [
        (["analyze", "-"], b"", "the text is empty"),
        (["analyze", "-"], b"Hello world", "no Arabic letters"),
        (["entities", "-"], b"\xd9\x88\xff", "not valid UTF-8"),
        (["analyze", "does/not/exist.txt"], None, "cannot read does/not/exist.txt"),
        (["eval", "does/not/exist.conllu"], None, "cannot read does/not/exist.conllu"),
    ],
)
def test_bad_input_is_one_clear_line(
    runner: CliRunner, args: list[str], stdin: bytes | None, message: str
) -> None:
    result = runner.invoke(nlp_cli, args, input=stdin)
    assert result.exit_code == 1
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1
    assert result.stderr.startswith("Error: ") and message in result.stderr
    assert "Traceback" not in result.output


def test_eval_on_a_tiny_treebank(runner: CliRunner, tmp_path: Path) -> None:
    # Written for this test: one sentence, gold lemma/POS/gloss in the PADT style.
    gold = tmp_path / "tiny.conllu"
    gold.write_text(
        "# sent_id = tiny-1\n"
        "# text = وصل الرئيس\n"
        "1\tوصل\tوَصَل\tVERB\t_\t_\t0\troot\t_\tGloss=arrive\n"
        "2\tالرئيس\tرَئِيس\tNOUN\t_\t_\t1\tnsubj\t_\tGloss=president\n"
        "\n",
        encoding="utf-8",
    )
    result = runner.invoke(nlp_cli, ["eval", str(gold)])
    assert result.exit_code == 0, result.output
    assert "sentences: 1" in result.stdout
    assert "coarse POS:" in result.stdout and "(2/2)" in result.stdout


@pytest.mark.skipif(not PADT_DEV.is_file(), reason="PADT dev sample not available")
def test_eval_on_the_padt_dev_sample(runner: CliRunner) -> None:
    result = runner.invoke(nlp_cli, ["eval", str(PADT_DEV), "--details", "0"])
    assert result.exit_code == 0, result.output
    assert "lemma (undiacritized):" in result.stdout


def test_under_flask_the_data_dir_comes_from_the_app(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("SAHIFA_DATA_DIR", raising=False)
    app = Flask("nlp-cli-test", instance_path=str(tmp_path / "instance"))
    with app.app_context():
        assert nlp_data_dir() == tmp_path / "instance" / "nlp"
    app.config["SAHIFA_DATA_DIR"] = str(NLP_TEST_DATA_DIR)
    with app.app_context():
        assert nlp_data_dir() == NLP_TEST_DATA_DIR
    app.cli.add_command(nlp_cli)
    result = app.test_cli_runner().invoke(args=["nlp", "analyze", "-"], input="قال بوتين.".encode())
    assert result.exit_code == 0, result.output
    assert lines(result.stdout)[1]["entity"] == "PERSON"


def test_outside_flask_the_data_dir_comes_from_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SAHIFA_DATA_DIR", str(tmp_path / "data"))
    assert nlp_data_dir() == tmp_path / "data"
    monkeypatch.delenv("SAHIFA_DATA_DIR")
    monkeypatch.setenv("FLASK_INSTANCE_PATH", str(tmp_path / "inst"))
    assert nlp_data_dir() == tmp_path / "inst" / "nlp"
