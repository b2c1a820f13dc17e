"""The ``vocab`` and ``questions`` commands: JSON lines out, one-line errors in."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from learn.cli.lessons import questions_command, vocab_command
from tests.lessons.conftest import ARTICLES, NLP_TEST_DATA_DIR, SEED


@pytest.fixture
def runner(monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    monkeypatch.setenv("SAHIFA_DATA_DIR", str(NLP_TEST_DATA_DIR))
    return CliRunner()


def _lines(output: str) -> list[dict]:  # type: ignore[type-arg]
    return [json.loads(line) for line in output.splitlines() if line.strip()]


def test_vocab_prints_one_ranked_lemma_per_line(runner: CliRunner) -> None:
    result = runner.invoke(vocab_command, [str(SEED)])
    assert result.exit_code == 0, result.output
    rows = _lines(result.output)
    keys = {"lemma", "gloss", "root", "pos", "count", "forms", "examples", "zipf", "domain", "rank"}
    assert rows and all(keys <= set(r) for r in rows)
    assert [r["rank"] for r in rows] == list(range(1, len(rows) + 1))
    assert any(r["lemma"] == "مُعاهَدَة" for r in rows[:10])


def test_vocab_reads_stdin_and_lists_people(runner: CliRunner) -> None:
    text = (ARTICLES / "summit.ar.txt").read_text(encoding="utf-8")
    result = runner.invoke(vocab_command, ["-", "--people", "--limit", "3"], input=text)
    assert result.exit_code == 0, result.output
    rows = _lines(result.output)
    assert len(rows) == 3 and all(r["type"] in {"PERSON", "LOCATION", "ORGANIZATION"} for r in rows)


def test_vocab_takes_a_ranking_config_and_teacher_domains(
    runner: CliRunner, tmp_path: Path
) -> None:
    config = tmp_path / "rank.json"
    config.write_text(json.dumps({"domain_weights": {"politics": 10}}), encoding="utf-8")
    domains = tmp_path / "extra.tsv"
    domains.write_text("law\tlemma\tشراكة\n", encoding="utf-8")
    result = runner.invoke(
        vocab_command, [str(SEED), "--config", str(config), "--domains", str(domains)]
    )
    assert result.exit_code == 0, result.output
    rows = _lines(result.output)
    assert rows[0]["domain"] == "politics"
    assert next(r for r in rows if r["lemma"] == "شِراكَة")["domain"] == "law"


def test_questions_print_the_documented_schema(runner: CliRunner) -> None:
    result = runner.invoke(questions_command, [str(ARTICLES / "election.ar.txt")])
    assert result.exit_code == 0, result.output
    rows = _lines(result.output)
    keys = {"id", "type", "prompt_ar", "prompt_en", "answer", "choices", "evidence", "difficulty"}
    assert rows and all(keys <= set(r) for r in rows)
    for r in rows:
        ev = r["evidence"]
        assert r["answer"] in r["choices"] and ev["text"][ev["start"] : ev["end"]]


def test_questions_use_a_pool_file(runner: CliRunner, tmp_path: Path) -> None:
    pool = tmp_path / "pool.json"
    pool.write_text(
        json.dumps(
            {"persons": ["كامالا هاريس", "بوريس جونسون", "أنغيلا ميركل"]}, ensure_ascii=False
        ),
        encoding="utf-8",
    )
    text = "وقال الرئيس الروسي فلاديمير بوتين إن المحادثات مع الوفد الأمريكي كانت مفيدة جدا."
    result = runner.invoke(questions_command, ["-", "--pool", str(pool)], input=text)
    assert result.exit_code == 0, result.output
    who = [r for r in _lines(result.output) if r["type"] == "who_said"]
    assert who and set(who[0]["distractors"]) == {"كامالا هاريس", "بوريس جونسون", "أنغيلا ميركل"}


@pytest.mark.parametrize("command", [vocab_command, questions_command])
@pytest.mark.parametrize(
    ("args", "stdin", "message"),
    [
        (["/no/such/file.txt"], None, "cannot read"),
        (["-"], b"", "empty"),
        (["-"], b"hello world", "no Arabic"),
        (["-"], b"\xff\xfe\x00", "UTF-8"),
    ],
)
def test_bad_input_is_one_error_line(runner: CliRunner, command, args, stdin, message) -> None:  # type: ignore[no-untyped-def]
    result = runner.invoke(command, args, input=stdin)
    assert result.exit_code == 1
    assert result.exception is None or isinstance(result.exception, SystemExit)
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: ") and message in lines[0]


def test_bad_pool_or_config_file_is_one_error_line(runner: CliRunner, tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("[1, 2", encoding="utf-8")
    for command, option in ((questions_command, "--pool"), (vocab_command, "--config")):
        result = runner.invoke(command, [str(SEED), option, str(bad)])
        assert result.exit_code == 1 and result.output.startswith("Error: ")


def test_output_is_the_same_in_every_process() -> None:
    # Different hash seeds change set and dict-of-set iteration order: ids, choices and the
    # questions themselves must not depend on it.
    import os
    import subprocess
    import sys

    code = (
        "import sys; from learn.cli.lessons import questions_command; "
        "questions_command([sys.argv[1]])"
    )
    outputs = []
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed, "SAHIFA_DATA_DIR": str(NLP_TEST_DATA_DIR)}
        done = subprocess.run(
            [sys.executable, "-c", code, str(SEED)],
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        assert done.returncode == 0, done.stderr
        outputs.append(done.stdout)
    assert outputs[0] == outputs[1] and outputs[0].count("\n") >= 10
