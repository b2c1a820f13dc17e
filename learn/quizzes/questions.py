"""A teacher's review of an article's questions: approve, reject, edit, write new ones.

Articles are shared by every teacher, and so are the questions generated from them: any
teacher may review those. A question a teacher wrote is theirs: only they see and edit it.
`_visible_to` is that rule, for seeing and for changing alike (`article_questions`,
`get_question`).

Versions: once a quiz that uses a question is assigned, the question is frozen. Editing it
then makes a new version (a new row with the same uid, `version` + 1; the old row's
`replaced_by_id` points to it): the review page and new quizzes see the new version, while
every assigned quiz, its attempts and their answers keep the prompt and key their students
were given. Quizzes not assigned yet follow the edit. Moving a live quiz to the newer
versions, and regrading it, is a deliberate act of the quiz's owner
(`learn.quizzes.service.adopt_newer_versions`, the regrade button of the results page).
"""

from __future__ import annotations

import secrets
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import and_, exists, or_, select, update
from sqlalchemy.exc import IntegrityError

from learn.extensions import db, get_by_id, is_row_id
from learn.lessons.types import FALSE_AR, TRUE_AR
from learn.models import (
    QUESTION_FORMATS,
    QUESTION_STATUSES,
    Article,
    Assignment,
    Question,
    QuizQuestion,
    User,
)
from learn.quizzes.errors import Conflict, InvalidInput, NotFound
from learn.quizzes.grading import normalize_answer

TRUE_FALSE_CHOICES = (TRUE_AR, FALSE_AR)
MAX_CHOICES = 8
MAX_TEXT = 2000
# Option letters in the abjad order Arabic exam papers use (أ ب ج د …), one per choice.
OPTION_LETTERS = ("أ", "ب", "ج", "د", "هـ", "و", "ز", "ح")
assert len(OPTION_LETTERS) >= MAX_CHOICES
FORMAT_LABELS = {
    "multiple_choice": "Multiple choice",
    "true_false": "True / false",
    "short_answer": "Short answer",
}


@dataclass(frozen=True)
class QuestionInput:
    """A validated question as a teacher wrote or edited it."""

    format: str
    prompt_ar: str
    prompt_en: str
    answer: str
    choices: list[str]
    accepted_answers: list[str]
    evidence_text: str


@dataclass(frozen=True)
class EvidenceParts:
    """The evidence sentence split around the answer's span, for highlighting."""

    before: str
    highlight: str
    after: str


def _clean(value: Any) -> str:
    # NFC so that two spellings of the same vowelled word compare equal.
    return unicodedata.normalize("NFC", str(value or "")).strip()


def _clean_list(values: Any) -> list[str]:
    if isinstance(values, str):
        values = values.splitlines()
    if not isinstance(values, list | tuple):
        return []
    return [_clean(v) for v in values]


def validate_question(data: Mapping[str, Any]) -> QuestionInput:
    """Check a question's fields; raise InvalidInput naming every problem at once."""
    errors: dict[str, str] = {}
    fmt = _clean(data.get("format"))
    prompt_ar, prompt_en = _clean(data.get("prompt_ar")), _clean(data.get("prompt_en"))
    answer = _clean(data.get("answer"))
    choices = [c for c in _clean_list(data.get("choices")) if c]
    accepted = list(dict.fromkeys(a for a in _clean_list(data.get("accepted_answers")) if a))
    if fmt not in QUESTION_FORMATS:
        errors["format"] = "Choose multiple choice, true/false or short answer."
    if not (prompt_ar or prompt_en):
        errors["prompt_ar"] = "Write the question, in Arabic or in English."
    if any(len(text) > MAX_TEXT for text in (prompt_ar, prompt_en, answer, *choices, *accepted)):
        errors["prompt_ar"] = f"Keep each text under {MAX_TEXT} characters."
    if not answer:
        errors["answer"] = (
            "Mark the correct choice." if fmt == "multiple_choice" else "Give the correct answer."
        )
    if fmt == "multiple_choice":
        choices = _check_choices(choices, answer, errors)
    elif fmt == "true_false":
        if answer and answer not in TRUE_FALSE_CHOICES:
            errors["answer"] = f"A true/false answer is {TRUE_AR} (true) or {FALSE_AR} (false)."
        choices = list(TRUE_FALSE_CHOICES)
    else:
        choices = []
    if errors:
        raise InvalidInput("Please correct the question.", errors)
    return QuestionInput(
        format=fmt,
        prompt_ar=prompt_ar,
        prompt_en=prompt_en,
        answer=answer,
        choices=choices,
        accepted_answers=accepted if fmt == "short_answer" else [],
        evidence_text=_clean(data.get("evidence_text")),
    )


def _check_choices(choices: list[str], answer: str, errors: dict[str, str]) -> list[str]:
    if len(choices) < 2:
        errors["choices"] = "Give at least two choices."
    elif len(choices) > MAX_CHOICES:
        errors["choices"] = f"Give at most {MAX_CHOICES} choices."
    elif len(set(choices)) != len(choices):
        errors["choices"] = "Each choice must be different."
    elif answer and answer not in choices:
        errors["answer"] = "The correct answer must be one of the choices."
    return choices


def evidence_parts(question: Question) -> EvidenceParts | None:
    """The evidence sentence with the answer's span marked, or None without evidence."""
    text = question.evidence_text
    if not text:
        return None
    start, end = question.evidence_start, question.evidence_end
    if start is None or end is None or not 0 <= start < end <= len(text):
        return EvidenceParts(text, "", "")
    return EvidenceParts(text[:start], text[start:end], text[end:])


def locate_answer(evidence: str, answer: str) -> tuple[int | None, int | None]:
    """Where the answer appears in a teacher's evidence sentence, to highlight it."""
    position = evidence.find(answer) if evidence and answer else -1
    return (position, position + len(answer)) if position >= 0 else (None, None)


# -- reading --------------------------------------------------------------------------------


def get_article(article_id: int) -> Article:
    article = get_by_id(Article, article_id)
    if article is None:
        raise NotFound("No such article.")
    return article


def _visible_to(teacher: User) -> Any:
    """THE rule of which questions a teacher may see and change: the current version of
    generated questions, and of the ones this teacher wrote."""
    return and_(
        Question.replaced_by_id.is_(None),
        or_(Question.origin != "teacher", Question.created_by_id == teacher.id),
    )


def article_questions(teacher: User, article: Article, status: str | None = None) -> list[Question]:
    """THE rule of which questions of an article a teacher may see (with their answers):
    the review page, the quiz builder and `GET /api/v1/articles/{id}/questions` all call it."""
    query = select(Question).where(Question.article_id == article.id, _visible_to(teacher))
    if status:
        query = query.where(Question.status == status)
    return list(db.session.scalars(query.order_by(Question.id)))


def get_question(teacher: User, question_id: int) -> Question:
    """A question this teacher may review or edit (the one place that decides it)."""
    if not is_row_id(question_id):
        raise NotFound("No such question.")
    question = db.session.scalar(
        select(Question).where(Question.id == question_id, _visible_to(teacher))
    )
    if question is None:
        raise NotFound("No such question.")
    return question


@dataclass(frozen=True)
class Related:
    """Another question built on the same evidence sentence, seen from one question."""

    question: Question
    reveals_this: bool  # its wording contains this question's answer
    revealed_by_this: bool  # this question's wording contains its answer


def related_questions(questions: Sequence[Question]) -> dict[int, list[Related]]:
    """For each question, the others built on the same evidence sentence, and whether one's
    wording gives the other's answer away (normalised as answers are graded). True/false
    answers give nothing away, so only their wording counts."""
    by_sentence: dict[str, list[Question]] = {}
    for question in questions:
        if question.evidence_text:
            by_sentence.setdefault(normalize_answer(question.evidence_text), []).append(question)
    related: dict[int, list[Related]] = {}
    for group in by_sentence.values():
        for question in group:
            related[question.id] = [
                Related(other, _gives_away(other, question), _gives_away(question, other))
                for other in group
                if other.id != question.id
            ]
    return related


def _gives_away(wording: Question, answered: Question) -> bool:
    """Does `wording`'s text (its prompt and choices) contain `answered`'s answer?"""
    if answered.format == "true_false":
        return False
    answer = normalize_answer(answered.answer or "")
    if len(answer) < 2:
        return False
    texts = [wording.prompt_ar or "", wording.prompt_en or ""]
    if wording.format != "true_false":
        texts += [c for c in wording.choices or [] if c != wording.answer]
    return any(answer in normalize_answer(text) for text in texts)


def status_counts(questions: Sequence[Question]) -> dict[str, int]:
    counts = dict.fromkeys(QUESTION_STATUSES, 0)
    for question in questions:
        counts[question.status] += 1
    return counts


# -- changing -------------------------------------------------------------------------------


def set_status(question: Question, status: str) -> Question:
    """Approve, reject or return to pending. Setting the current status again is harmless."""
    if status not in QUESTION_STATUSES:
        raise InvalidInput(f"Unknown status {status!r}: use approved, rejected or pending.")
    question.status = status
    db.session.commit()
    return question


def set_statuses(
    teacher: User, article: Article, question_ids: Sequence[Any], status: str
) -> list[Question]:
    """Approve, reject or return to pending several questions of an article at once.

    All or nothing: if one of them is not a question of this article that the teacher may
    change (`_visible_to`), none is changed. Returns the changed questions.
    """
    if status not in QUESTION_STATUSES:
        raise InvalidInput(f"Unknown status {status!r}: use approved, rejected or pending.")
    ids = _question_ids(question_ids)
    found = list(
        db.session.scalars(
            select(Question).where(
                Question.id.in_(ids), Question.article_id == article.id, _visible_to(teacher)
            )
        )
    )
    unknown = sorted(set(ids) - {q.id for q in found})
    if unknown:
        raise InvalidInput(
            "Nothing was changed: these are not questions of this article that you can "
            f"change: {', '.join(map(str, unknown))}. Reload the page and try again."
        )
    for question in found:
        question.status = status
    db.session.commit()
    return found


MAX_BULK = 500


def _question_ids(values: Sequence[Any]) -> list[int]:
    if not values:
        raise InvalidInput("Tick at least one question first; nothing was changed.")
    if len(values) > MAX_BULK:
        raise InvalidInput(f"Change at most {MAX_BULK} questions at once; nothing was changed.")
    try:
        ids = [int(v) for v in values]
    except (TypeError, ValueError):
        raise InvalidInput("Question ids are numbers; nothing was changed.") from None
    if not all(is_row_id(i) for i in ids):
        raise InvalidInput("No such question; nothing was changed.")
    return list(dict.fromkeys(ids))


def update_question(question: Question, data: Mapping[str, Any]) -> Question:
    """Apply a teacher's edit; returns the question as it now is (a new version when the
    question was frozen by an assigned quiz). The generator's original stays in `data`.

    The format stays: turning a multiple-choice question into a short answer is a new question.
    """
    cleaned = validate_question({**data, "format": question.format})
    if not is_frozen(question):
        _apply(question, cleaned)
        db.session.commit()
        return question
    return _new_version(question, cleaned)


def set_answer(question: Question, choice: Any) -> Question:
    """Make one of a choice question's options its answer (the review card's click); an
    edit like any other, so a frozen question gets a new version. `choice` is the option's
    index in `question.choices`."""
    if question.format not in ("multiple_choice", "true_false"):
        raise InvalidInput("Only a choice question has options to pick the answer from.")
    index = int(choice) if str(choice).isdigit() else -1
    if not 0 <= index < len(question.choices):
        raise InvalidInput("Pick one of the question's options; nothing was changed.")
    return update_question(
        question,
        {
            "prompt_ar": question.prompt_ar,
            "prompt_en": question.prompt_en,
            "answer": question.choices[index],
            "choices": list(question.choices),
            "accepted_answers": list(question.accepted_answers),
        },
    )


def _assigned_quiz_ids() -> Any:
    return select(Assignment.quiz_id)


def is_frozen(question: Question) -> bool:
    """Does an assigned quiz use this version? Then its content must never change."""
    return bool(
        db.session.scalar(
            select(
                exists().where(
                    QuizQuestion.question_id == question.id,
                    QuizQuestion.quiz_id.in_(_assigned_quiz_ids()),
                )
            )
        )
    )


def _new_version(old: Question, cleaned: QuestionInput) -> Question:
    """Copy-on-write: the edit becomes version n + 1; quizzes not assigned yet follow it."""
    new = Question(
        article_id=old.article_id,
        uid=old.uid,
        version=old.version + 1,
        type=old.type,
        format=old.format,
        status=old.status,
        origin=old.origin,
        created_by_id=old.created_by_id,
        difficulty=old.difficulty,
        lemma=old.lemma,
        data=old.data,
        evidence_text=old.evidence_text,
        evidence_start=old.evidence_start,
        evidence_end=old.evidence_end,
    )
    _apply(new, cleaned)
    db.session.add(new)
    try:
        db.session.flush()  # the unique (article, uid, version) row: one editor wins
    except IntegrityError:
        db.session.rollback()
        raise Conflict(
            "Someone else changed this question a moment ago; reload the page to see "
            "their version, then edit that."
        ) from None
    old.replaced_by_id = new.id
    db.session.execute(
        update(QuizQuestion)
        .where(
            QuizQuestion.question_id == old.id,
            QuizQuestion.quiz_id.not_in(_assigned_quiz_ids()),
        )
        .values(question_id=new.id)
    )
    db.session.commit()
    return new


def current_version(question: Question) -> Question:
    """The newest version of `question` (itself when it is current)."""
    seen = {question.id}
    while question.replaced_by_id is not None:
        newer = db.session.get(Question, question.replaced_by_id)
        if newer is None or newer.id in seen:
            break
        seen.add(newer.id)
        question = newer
    return question


def _apply(question: Question, cleaned: QuestionInput) -> None:
    question.format = cleaned.format
    question.prompt_ar = cleaned.prompt_ar
    question.prompt_en = cleaned.prompt_en
    question.answer = cleaned.answer
    question.choices = cleaned.choices
    question.accepted_answers = cleaned.accepted_answers
    if cleaned.evidence_text and cleaned.evidence_text != question.evidence_text:
        question.evidence_text = cleaned.evidence_text
    # Re-anchor the highlight: the edited answer may sit elsewhere in the sentence.
    start, end = locate_answer(question.evidence_text, cleaned.answer)
    if start is not None or question.origin == "teacher":
        question.evidence_start, question.evidence_end = start, end


def new_form_token() -> str:
    """Put in the "new question" form: a resubmitted form reuses it, so it cannot duplicate."""
    return secrets.token_hex(12)


def create_question(
    teacher: User, article: Article, data: Mapping[str, Any], form_token: str
) -> tuple[Question, bool]:
    """A teacher's own question, approved at once (they wrote it). Returns (question, created).

    The question's uid comes from the form's token, unique per article: sending the same
    form twice finds the first question instead of adding a second.
    """
    cleaned = validate_question(data)
    if cleaned.evidence_text and cleaned.evidence_text not in unicodedata.normalize(
        "NFC", article.text
    ):
        raise InvalidInput(
            "The evidence must be copied from the article.",
            {"evidence_text": "Paste a sentence (or part of one) from the article."},
        )
    token = _clean(form_token)
    if not token.isalnum() or not 8 <= len(token) <= 60:
        raise InvalidInput("The form has expired; reload the page and try again.")
    uid = f"t-{token}"
    existing = _find_by_uid(article, uid)
    if existing is None:
        try:
            return _insert_question(teacher, article, uid, cleaned), True
        except IntegrityError:  # the same form, sent twice at the same moment
            db.session.rollback()
            existing = _find_by_uid(article, uid)
    if existing is None or existing.created_by_id != teacher.id:
        raise InvalidInput("The form has expired; reload the page and try again.")
    return existing, False


def _find_by_uid(article: Article, uid: str) -> Question | None:
    return db.session.scalar(
        select(Question).where(Question.article_id == article.id, Question.uid == uid)
    )


def _insert_question(teacher: User, article: Article, uid: str, cleaned: QuestionInput) -> Question:
    question = Question(
        article_id=article.id,
        uid=uid,
        type="custom",
        status="approved",
        origin="teacher",
        created_by_id=teacher.id,
        evidence_text=cleaned.evidence_text,
    )
    _apply(question, cleaned)
    db.session.add(question)
    db.session.commit()
    return question
