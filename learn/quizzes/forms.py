"""Turn submitted HTML forms into the plain dicts the quiz services validate.

The JSON API sends those dicts directly; pages send form fields, which need small
translations (one field per choice, checkboxes, a position number per question).
"""

from __future__ import annotations

from typing import Any

from werkzeug.datastructures import MultiDict


def question_fields(form: MultiDict[str, str]) -> dict[str, Any]:
    """A question form: `choice` repeats (one input per option, blanks ignored).

    A multiple-choice form marks the correct option with the `correct` radio button (the
    option's index among the inputs), so the teacher never types the answer a second time;
    without it (no option marked), the answer is whatever `answer` says, usually nothing.
    """
    choices = form.getlist("choice")
    answer = form.get("answer", "")
    if form.get("format") == "multiple_choice" and "correct" in form:
        answer = _picked_choice(choices, form["correct"])
    return {
        "format": form.get("format", ""),
        "prompt_ar": form.get("prompt_ar", ""),
        "prompt_en": form.get("prompt_en", ""),
        "answer": answer,
        "choices": [c for c in choices if c.strip()],
        "accepted_answers": form.get("accepted_answers", ""),  # one variant per line
        "evidence_text": form.get("evidence_text", ""),
    }


def _picked_choice(choices: list[str], picked: str) -> str:
    """The text of the option whose radio button is checked ("" if none or a blank one)."""
    index = int(picked) if picked.isdigit() else -1
    return choices[index] if 0 <= index < len(choices) else ""


def quiz_fields(form: MultiDict[str, str]) -> dict[str, Any]:
    """The quiz builder: ticked questions, ordered by the number typed next to each.

    Ties and blank numbers keep the order the questions are listed in.
    """
    ticked = form.getlist("question_id")
    listed = {qid: index for index, qid in enumerate(ticked)}

    def order(qid: str) -> tuple[float, int]:
        raw = form.get(f"position_{qid}", "").strip()
        try:
            return float(raw), listed[qid]
        except ValueError:
            return float("inf"), listed[qid]

    return {
        "title": form.get("title", ""),
        "question_ids": sorted(ticked, key=order),
        "shuffle_options": "shuffle_options" in form,
        "feedback": form.get("feedback", ""),
        "time_limit_minutes": form.get("time_limit_minutes", ""),
    }


def assignment_fields(form: MultiDict[str, str]) -> dict[str, Any]:
    return {
        "class_id": form.get("class_id", ""),
        "due_at": form.get("due_at", ""),
        "max_attempts": form.get("max_attempts", ""),
    }
