"""Teacher results: gradebooks, quiz reports, attempt drill-down, regrading, class vocabulary.

Reads the quiz models and hands plain numbers to `learn.results.stats`. Whose class and
quiz it is has one owner each (`learn.classes.service.class_for_teacher`,
`learn.quizzes.service.get_teacher_quiz`); who may open an attempt is `visible_attempt`.
Something that belongs to someone else is "not found", so ids leak nothing.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import case, func, select

from learn.extensions import db
from learn.models import (
    Answer,
    Article,
    ArticleToken,
    Assignment,
    Attempt,
    Classroom,
    Enrollment,
    Question,
    Quiz,
    StudyCard,
    StudyReview,
    User,
    WordLookup,
)
from learn.quizzes.errors import NotFound
from learn.quizzes.grading import CHOICE_FORMATS, grade, normalize_answer
from learn.results import stats

SCOPES = ("first", "all")
AGAIN = 1  # FSRS rating "Again": the learner did not remember the word


# -- who may see what -------------------------------------------------------------------------


def teacher_quizzes(teacher: User) -> list[Quiz]:
    return list(
        db.session.scalars(select(Quiz).where(Quiz.teacher_id == teacher.id).order_by(Quiz.title))
    )


def visible_attempt(user: User, attempt_id: int) -> Attempt:
    """The attempt, if `user` teaches the class it was assigned to, or is its student and
    has submitted it (before that, correctness would give answers away mid-quiz)."""
    attempt = db.session.get(Attempt, attempt_id)
    if attempt is None:
        raise NotFound("No such attempt.")
    if attempt.student_id == user.id and attempt.submitted_at is not None:
        return attempt
    if user.is_teacher and attempt.assignment.classroom.teacher_id == user.id:
        return attempt
    raise NotFound("No such attempt.")


def class_students(classroom: Classroom) -> list[User]:
    return list(
        db.session.scalars(
            select(User)
            .join(Enrollment, Enrollment.student_id == User.id)
            .where(Enrollment.class_id == classroom.id)
            .order_by(User.display_name, User.username)
        )
    )


# -- gradebook --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Cell:
    """One student's results on one assignment."""

    attempts: int
    submitted: int
    best: float | None
    last: float | None
    late: bool  # some attempt was submitted after the due date
    best_attempt_id: int | None
    last_attempt_id: int | None

    @property
    def completed(self) -> bool:
        return self.submitted > 0


@dataclass(frozen=True)
class GradebookRow:
    student: User
    cells: list[Cell]

    @property
    def average(self) -> float | None:
        """Mean of the best scores, counting a quiz not yet done as nothing (not as 0)."""
        return stats.mean_or_none([cell.best for cell in self.cells])

    @property
    def completed(self) -> int:
        return sum(cell.completed for cell in self.cells)


@dataclass(frozen=True)
class Gradebook:
    classroom: Classroom
    assignments: list[Assignment]
    rows: list[GradebookRow]


def class_assignments(classroom: Classroom) -> list[Assignment]:
    return list(
        db.session.scalars(
            select(Assignment)
            .where(Assignment.class_id == classroom.id)
            .order_by(Assignment.created_at, Assignment.id)
        )
    )


def is_late(attempt: Attempt, due_at: datetime | None) -> bool:
    return due_at is not None and attempt.submitted_at is not None and attempt.submitted_at > due_at


def make_cell(assignment: Assignment, attempts: Sequence[Attempt]) -> Cell:
    submitted = sorted(
        (a for a in attempts if a.submitted_at is not None and a.score is not None),
        key=lambda a: a.number,
    )
    # Ties between equal best scores go to the earlier attempt: that is when it was earned.
    best = max(submitted, key=lambda a: (a.score, -a.number), default=None)
    last = submitted[-1] if submitted else None
    return Cell(
        attempts=len(attempts),
        submitted=len(submitted),
        best=best.score if best else None,
        last=last.score if last else None,
        late=any(is_late(a, assignment.due_at) for a in submitted),
        best_attempt_id=best.id if best else None,
        last_attempt_id=last.id if last else None,
    )


def gradebook(classroom: Classroom) -> Gradebook:
    assignments = class_assignments(classroom)
    students = class_students(classroom)
    attempts = db.session.scalars(
        select(Attempt).where(Attempt.assignment_id.in_([a.id for a in assignments]))
    ).all()
    by_key: dict[tuple[int, int], list[Attempt]] = defaultdict(list)
    for attempt in attempts:
        by_key[(attempt.student_id, attempt.assignment_id)].append(attempt)
    rows = [
        GradebookRow(
            student, [make_cell(a, by_key.get((student.id, a.id), [])) for a in assignments]
        )
        for student in students
    ]
    return Gradebook(classroom, assignments, rows)


def sort_value(row: GradebookRow, key: str, assignments: Sequence[Assignment]) -> float | None:
    if key == "average":
        return row.average
    if key == "completion":
        return float(row.completed)
    if key.startswith("a") and key[1:].isdigit():
        ids = [a.id for a in assignments]
        if int(key[1:]) in ids:
            return row.cells[ids.index(int(key[1:]))].best
    return None


def sort_keys(assignments: Sequence[Assignment]) -> list[str]:
    return ["name", "average", "completion", *(f"a{a.id}" for a in assignments)]


def sort_rows(
    rows: Sequence[GradebookRow], key: str, descending: bool, assignments: Sequence[Assignment]
) -> list[GradebookRow]:
    """Rows by `key`; ties in name order, and students without a value last either way."""
    by_name = sorted(rows, key=lambda r: (r.student.name.casefold(), r.student.id))
    if key == "name":
        return list(reversed(by_name)) if descending else by_name
    valued = [r for r in by_name if sort_value(r, key, assignments) is not None]
    missing = [r for r in by_name if sort_value(r, key, assignments) is None]
    # sorted() is stable also with reverse=True, so equal values keep the name order.
    valued.sort(key=lambda r: sort_value(r, key, assignments) or 0.0, reverse=descending)
    return valued + missing


@dataclass(frozen=True)
class StudentQuizResult:
    assignment: Assignment
    student: User
    cell: Cell


def quiz_student_results(quiz: Quiz) -> list[StudentQuizResult]:
    """Every student of every class the quiz is assigned to, with their cell of the
    gradebook for it (so the API and the gradebook agree)."""
    results = []
    for assignment in sorted(quiz.assignments, key=lambda a: a.id):
        attempts = db.session.scalars(
            select(Attempt).where(Attempt.assignment_id == assignment.id)
        ).all()
        for student in class_students(assignment.classroom):
            own = [a for a in attempts if a.student_id == student.id]
            results.append(StudentQuizResult(assignment, student, make_cell(assignment, own)))
    return results


@dataclass(frozen=True)
class ProgressPoint:
    label: str
    mean: float | None
    count: int


def class_progress(book: Gradebook) -> list[ProgressPoint]:
    """The class's mean best score on each quiz, in the order the quizzes were assigned."""
    points = []
    for index, assignment in enumerate(book.assignments):
        scores = [row.cells[index].best for row in book.rows]
        present = [s for s in scores if s is not None]
        points.append(
            ProgressPoint(assignment.quiz.display_title, stats.mean_or_none(present), len(present))
        )
    return points


# -- quiz report ------------------------------------------------------------------------------


@dataclass(frozen=True)
class OptionCount:
    text: str
    count: int
    correct: bool


@dataclass(frozen=True)
class QuestionReport:
    position: int
    question: Question
    item: stats.ItemStats
    options: list[OptionCount]
    answered: int


@dataclass(frozen=True)
class QuizReport:
    quiz: Quiz
    scope: str
    attempts: list[Attempt]
    scores: list[float]
    summary: stats.QuizSummary
    questions: list[QuestionReport]
    histogram: list[int] = field(default_factory=list)


def quiz_questions(quiz: Quiz) -> list[Question]:
    return [item.question for item in sorted(quiz.items, key=lambda i: i.position)]


def quiz_attempts(quiz: Quiz, scope: str = "first") -> list[Attempt]:
    """Submitted attempts on every assignment of the quiz; only each student's first by
    default (later attempts are practised, so they would flatter the questions)."""
    query = (
        select(Attempt)
        .join(Assignment, Assignment.id == Attempt.assignment_id)
        .where(Assignment.quiz_id == quiz.id, Attempt.submitted_at.is_not(None))
        .order_by(Attempt.submitted_at, Attempt.id)
    )
    if scope != "all":
        query = query.where(Attempt.number == 1)
    return list(db.session.scalars(query))


def every_attempt(quiz: Quiz) -> list[Attempt]:
    """Every attempt at the quiz in any class, submitted or not."""
    return list(
        db.session.scalars(
            select(Attempt)
            .join(Assignment, Assignment.id == Attempt.assignment_id)
            .where(Assignment.quiz_id == quiz.id)
            .order_by(Attempt.id)
        )
    )


def answers_for(attempts: Sequence[Attempt]) -> dict[int, dict[int, Answer]]:
    """attempt id → question id → answer."""
    found: dict[int, dict[int, Answer]] = defaultdict(dict)
    if attempts:
        rows = db.session.scalars(
            select(Answer).where(Answer.attempt_id.in_([a.id for a in attempts]))
        )
        for answer in rows:
            found[answer.attempt_id][answer.question_id] = answer
    return found


def score_matrix(
    attempts: Sequence[Attempt],
    questions: Sequence[Question],
    answers: dict[int, dict[int, Answer]],
) -> list[list[float]]:
    """1 for a correct answer, 0 for a wrong or missing one."""
    return [
        [
            1.0 if (a := answers[attempt.id].get(q.id)) is not None and a.is_correct else 0.0
            for q in questions
        ]
        for attempt in attempts
    ]


def option_counts(question: Question, responses: Iterable[Answer | None]) -> list[OptionCount]:
    """How often each option was chosen (choice questions: every option, even unchosen);
    typed answers are grouped by their normalised form, most frequent first."""
    given = list(responses)
    missing = sum(1 for a in given if a is None)
    answered = [a for a in given if a is not None]
    if question.format in CHOICE_FORMATS:
        counts = Counter(a.response.strip() for a in answered)
        options = [
            OptionCount(choice, counts.pop(choice, 0), choice == question.answer)
            for choice in question.choices
        ]
        options += [OptionCount(text, n, False) for text, n in counts.most_common()]
    else:
        groups: dict[str, list[Answer]] = defaultdict(list)
        for answer in answered:
            groups[normalize_answer(answer.response)].append(answer)
        options = [
            OptionCount(group[0].response.strip(), len(group), group[0].is_correct)
            for group in sorted(groups.values(), key=lambda g: (-len(g), g[0].response))
        ]
    if missing:
        options.append(OptionCount("(no answer)", missing, False))
    return options


def quiz_report(quiz: Quiz, scope: str = "first") -> QuizReport:
    scope = scope if scope in SCOPES else "first"
    questions = quiz_questions(quiz)
    attempts = quiz_attempts(quiz, scope)
    answers = answers_for(attempts)
    matrix = score_matrix(attempts, questions, answers)
    scores = stats.quiz_scores(matrix)
    items = stats.item_stats(matrix) or [stats.ItemStats(None, None, ()) for _ in questions]
    reports = [
        QuestionReport(
            position=index + 1,
            question=question,
            item=items[index],
            options=option_counts(question, [answers[a.id].get(question.id) for a in attempts]),
            answered=sum(1 for a in attempts if question.id in answers[a.id]),
        )
        for index, question in enumerate(questions)
    ]
    return QuizReport(
        quiz=quiz,
        scope=scope,
        attempts=attempts,
        scores=scores,
        summary=stats.summarize(scores, matrix),
        questions=reports,
        histogram=stats.histogram(scores),
    )


# -- attempt drill-down -----------------------------------------------------------------------


@dataclass(frozen=True)
class AnswerRow:
    position: int
    question: Question
    answer: Answer | None
    since_previous: timedelta | None  # since the answer before it (the first: since start)
    since_start: timedelta | None


def attempt_rows(attempt: Attempt) -> list[AnswerRow]:
    """Every question of the attempt in its layout order, with the answer and its timing.

    Timing follows the order the answers were given, which is not always the page order
    (a student may skip ahead on the all-at-once page).
    """
    ids = [int(i) for i in attempt.layout.get("questions", [])]
    questions = {q.id: q for q in db.session.scalars(select(Question).where(Question.id.in_(ids)))}
    answers = {a.question_id: a for a in attempt.answers}
    started = attempt.started_at
    previous_at: dict[int, datetime] = {}
    moment = started
    for given in sorted(answers.values(), key=lambda a: (a.answered_at, a.id)):
        previous_at[given.question_id] = moment
        moment = given.answered_at
    rows = []
    for position, question_id in enumerate((i for i in ids if i in questions), start=1):
        answer = answers.get(question_id)
        at = answer.answered_at if answer else None
        rows.append(
            AnswerRow(
                position=position,
                question=questions[question_id],
                answer=answer,
                since_previous=at - previous_at[question_id] if at else None,
                since_start=at - started if at else None,
            )
        )
    return rows


def format_duration(delta: timedelta | None) -> str:
    if delta is None:
        return "—"
    seconds = max(int(delta.total_seconds()), 0)
    minutes, seconds = divmod(seconds, 60)
    hours, minutes = divmod(minutes, 60)
    if hours:
        return f"{hours} h {minutes:02d} min"
    return f"{minutes} min {seconds:02d} s" if minutes else f"{seconds} s"


# -- regrading --------------------------------------------------------------------------------


@dataclass(frozen=True)
class RegradeChange:
    attempt: Attempt
    old: float | None
    new: float | None
    answers_changed: int


def regrade_attempt(attempt: Attempt, questions: dict[int, Question]) -> int:
    """Grade the attempt's answers again against the current keys; returns how many changed.

    Scores like `learn.quizzes.attempts` does on submit: correct answers over the questions
    in the attempt's layout.
    """
    changed = 0
    for answer in attempt.answers:
        question = questions.get(answer.question_id)
        if question is None:
            continue
        correct = grade(
            question.format, answer.response, question.answer, question.accepted_answers
        )
        if correct != answer.is_correct:
            answer.is_correct = correct
            changed += 1
    if attempt.submitted_at is not None:
        total = len(attempt.layout.get("questions", []))
        right = sum(1 for a in attempt.answers if a.is_correct)
        attempt.score = right / total if total else 0.0
    return changed


def regrade_quiz(quiz_id: int) -> list[RegradeChange]:
    """Regrade every attempt at the quiz after its answer key was edited.

    Returns the attempts whose score or answers changed (old score → new score). The quiz
    editor does not regrade by itself, so the teacher runs this from the statistics page.
    """
    quiz = db.session.get(Quiz, quiz_id)
    if quiz is None:
        raise NotFound("No such quiz.")
    questions = {q.id: q for q in quiz_questions(quiz)}
    changes = []
    for attempt in every_attempt(quiz):
        old = attempt.score
        answers_changed = regrade_attempt(attempt, questions)
        if answers_changed or not _same_score(old, attempt.score):
            changes.append(RegradeChange(attempt, old, attempt.score, answers_changed))
    db.session.commit()
    return changes


def _same_score(old: float | None, new: float | None) -> bool:
    if old is None or new is None:
        return old is new
    return math.isclose(old, new, abs_tol=1e-9)


# -- class vocabulary -------------------------------------------------------------------------


@dataclass(frozen=True)
class WordCount:
    lemma: str
    count: int
    out_of: int | None  # e.g. answers given, for "wrong 3 of 5"
    articles: list[tuple[int, str]] = field(default_factory=list)


def _student_ids(classroom: Classroom) -> list[int]:
    return list(
        db.session.scalars(select(Enrollment.student_id).where(Enrollment.class_id == classroom.id))
    )


def missed_quiz_lemmas(classroom: Classroom, limit: int = 20) -> list[WordCount]:
    """Lemmas of vocabulary questions the class answered wrong, most misses first."""
    wrong = func.sum(case((Answer.is_correct.is_(False), 1), else_=0))
    rows = db.session.execute(
        select(Question.lemma, wrong, func.count(Answer.id))
        .join(Answer, Answer.question_id == Question.id)
        .join(Attempt, Attempt.id == Answer.attempt_id)
        .join(Assignment, Assignment.id == Attempt.assignment_id)
        .where(
            Assignment.class_id == classroom.id,
            Attempt.student_id.in_(_student_ids(classroom)),
            Question.lemma.is_not(None),
            Question.lemma != "",
        )
        .group_by(Question.lemma)
    ).all()
    counts = [(lemma, int(misses or 0), int(total)) for lemma, misses, total in rows if misses]
    counts.sort(key=lambda r: (-r[1], r[0]))
    return [WordCount(lemma, misses, total) for lemma, misses, total in counts[:limit]]


def again_lemmas(classroom: Classroom, limit: int = 20) -> list[WordCount]:
    """Lemmas the class's students rated "Again" in their own study, most first.

    Reviews made from quiz answers (source "quiz") are left out: those misses are already
    counted by `missed_quiz_lemmas`, and would be counted twice.
    """
    rows = db.session.execute(
        select(StudyCard.lemma, func.count(StudyReview.id))
        .join(StudyReview, StudyReview.card_id == StudyCard.id)
        .where(
            StudyCard.user_id.in_(_student_ids(classroom)),
            StudyReview.rating == AGAIN,
            StudyReview.source != "quiz",
        )
        .group_by(StudyCard.lemma)
        .order_by(func.count(StudyReview.id).desc(), StudyCard.lemma)
        .limit(limit)
    ).all()
    return [WordCount(lemma, int(n), None) for lemma, n in rows]


def looked_up_lemmas(classroom: Classroom, limit: int = 20) -> list[WordCount]:
    """Lemmas the class's students looked up in the reading view, most lookups first."""
    rows = db.session.execute(
        select(WordLookup.lemma, func.count(WordLookup.id))
        .where(WordLookup.user_id.in_(_student_ids(classroom)))
        .group_by(WordLookup.lemma)
        .order_by(func.count(WordLookup.id).desc(), WordLookup.lemma)
        .limit(limit)
    ).all()
    return [WordCount(lemma, int(n), None) for lemma, n in rows]


def with_articles(words: list[WordCount], per_word: int = 5) -> list[WordCount]:
    """Each word with (id, title) of the articles it occurs in, newest first."""
    lemmas = {w.lemma for w in words}
    if not lemmas:
        return words
    rows = db.session.execute(
        select(ArticleToken.lemma, Article.id, Article.title)
        .join(Article, Article.id == ArticleToken.article_id)
        .where(ArticleToken.lemma.in_(lemmas))
        .distinct()
        .order_by(Article.id.desc())
    ).all()
    found: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for lemma, article_id, title in rows:
        if len(found[lemma]) < per_word:
            found[lemma].append((article_id, title))
    return [WordCount(w.lemma, w.count, w.out_of, found.get(w.lemma, [])) for w in words]


@dataclass(frozen=True)
class VocabularyInsight:
    missed: list[WordCount]
    again: list[WordCount]
    looked_up: list[WordCount]


def vocabulary_insight(classroom: Classroom) -> VocabularyInsight:
    return VocabularyInsight(
        missed=with_articles(missed_quiz_lemmas(classroom)),
        again=with_articles(again_lemmas(classroom)),
        looked_up=with_articles(looked_up_lemmas(classroom)),
    )


def record_lookup(user_id: int, article_id: int, lemma: str) -> None:
    """Log that a student opened the word panel of `lemma` in an article.

    For the reading view to call when it answers a word-panel request from a student;
    an empty lemma (punctuation, a number) is not a word and is not logged.
    """
    lemma = (lemma or "").strip()[:100]
    if not lemma:
        return
    db.session.add(WordLookup(user_id=user_id, article_id=article_id, lemma=lemma))
    db.session.commit()
