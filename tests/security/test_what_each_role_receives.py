"""What each role RECEIVES, on every page and API answer alike (issue 13, "content-level
authorization"; the authorization matrix checks only allow/deny).

Two mirrored classrooms, A and B, share one article. In each: a teacher with a class, a quiz
of their own question assigned to it, a second own question in no quiz, a student and a
classmate who answered and submitted, a classmate who has started but not answered yet,
and each student's study card. Every value is tagged (`zz<kind><side>zz`) so that it can be
found in any answer, HTML, JSON or CSV.

Every GET route of `app.url_map` (pages, htmx partials and the API) is then called by each
visitor with the ids of both classrooms, and everything each visitor received is searched
for the tags they must not see: another teacher's own questions, answers and accepted
answers; other students' answers, names, study words and results; other teachers'
gradebooks, classes and join codes. Checks of what each visitor *does* receive (own
questions on the review page and in the API, the own answer, the gradebook) keep the
search honest: the tags are really in the answers that should carry them.
"""

from __future__ import annotations

import io
import tempfile
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import pytest
from flask import Flask, url_for
from werkzeug.test import TestResponse

from learn import create_app
from tests.conftest import _empty_all_tables, _test_config
from tests.quiz_fixtures import make_article
from tests.web.conftest import UserInfo, auth_header, create_user, issue_api_token, login

SIDES = ("a", "b")
# The people of one classroom; `pending` started the quiz and has answered nothing yet.
PEOPLE = ("teacher", "student", "classmate", "pending")
VISITORS = (
    "teacher_a",
    "student_a",
    "classmate_a",
    "pending_a",
    "teacher_b",
    "student_b",
    "anonymous",
)

# Kinds of tagged values → who of the SAME classroom may receive them (the other classroom
# and anonymous visitors may receive none).
VISIBLE_TO: dict[str, set[str]] = {
    "pq": {"teacher", "student", "classmate", "pending"},  # prompt of the quiz's own question
    "kq": {"teacher", "student", "classmate"},  # its key: shown as feedback once answered
    "aq": {"teacher"},  # its accepted answers (feedback names the key only)
    "pp": {"teacher"},  # the private own question (in no quiz): prompt,
    "kp": {"teacher"},  # key
    "ap": {"teacher"},  # and accepted answers
    "rs": {"teacher", "student"},  # the student's answer
    "rc": {"teacher", "classmate"},  # the classmate's answer
    "us": {"teacher", "student"},  # the student's username
    "ds": {"teacher", "student"},  # and display name
    "uc": {"teacher", "classmate"},
    "dc": {"teacher", "classmate"},
    "gs": {"student"},  # the student's study card (nobody else's business)
    "gc": {"classmate"},
    "cl": {"teacher", "student", "classmate", "pending"},  # the class's name
    "jc": {"teacher"},  # its join code
}

# Routes whose answer holds nobody's data.
SKIPPED = {"static", "api.openapi_json", "core.healthz"}


def tag(kind: str, side: str) -> str:
    return f"zz{kind}{side}zz"


def join_code(side: str) -> str:
    return f"JC{side.upper()}ZZQ7"  # join codes are upper case: searched as such


def tagged_text(kind: str, side: str) -> str:
    return join_code(side) if kind == "jc" else tag(kind, side)


@dataclass
class Room:
    users: dict[str, UserInfo] = field(default_factory=dict)  # person → UserInfo
    ids: dict[str, int] = field(default_factory=dict)  # URL parameter → id


@dataclass
class World:
    app: Flask
    article_id: int
    rooms: dict[str, Room]
    tokens: dict[str, str] = field(default_factory=dict)  # visitor → API token


def build_classroom(app: Flask, side: str, article_id: int) -> Room:
    room = Room()
    room.users["teacher"] = create_user(app, "teacher", f"tch{side}zzq")
    room.users["student"] = create_user(
        app, "student", tag("us", side), display_name=tag("ds", side)
    )
    room.users["classmate"] = create_user(
        app, "student", tag("uc", side), display_name=tag("dc", side)
    )
    room.users["pending"] = create_user(app, "student", f"pen{side}zzq")
    with app.app_context():
        room.ids["class_id"] = add_class(room, side)
        add_quiz(room, side, article_id)
        take_quiz(room, side)
    return room


def add_class(room: Room, side: str) -> int:
    from learn.extensions import db
    from learn.models import Classroom, Enrollment

    classroom = Classroom(
        name=f"صف {tag('cl', side)}", teacher_id=room.users["teacher"].id, join_code=join_code(side)
    )
    db.session.add(classroom)
    db.session.flush()
    for person in ("student", "classmate", "pending"):
        db.session.add(Enrollment(class_id=classroom.id, student_id=room.users[person].id))
    db.session.commit()
    return classroom.id


def own_question(kind: str, side: str) -> dict[str, object]:
    """A short-answer question (its key is no option a student would see) tagged `kind`:
    q for the one in the quiz, p for the private one."""
    return {
        "format": "short_answer",
        "prompt_ar": f"سؤال المعلم {tag('p' + kind, side)}",
        "answer": f"الجواب {tag('k' + kind, side)}",
        "accepted_answers": [f"جواب آخر {tag('a' + kind, side)}"],
    }


def add_quiz(room: Room, side: str, article_id: int) -> None:
    from learn.extensions import db
    from learn.models import Article, User
    from learn.quizzes import service
    from learn.quizzes.questions import create_question

    teacher = db.session.get(User, room.users["teacher"].id)
    article = db.session.get(Article, article_id)
    assert teacher is not None and article is not None
    in_quiz, _ = create_question(teacher, article, own_question("q", side), f"quizq{side}0001")
    private, _ = create_question(teacher, article, own_question("p", side), f"privq{side}0001")
    quiz, _ = service.create_quiz(
        teacher, article_id, {"title": f"Quiz {side}", "question_ids": [in_quiz.id]}
    )
    now = datetime.now(UTC)
    assignment, _ = service.assign_quiz(teacher, quiz, {"class_id": room.ids["class_id"]}, now)
    room.ids.update(
        quiz_id=quiz.id,
        assignment_id=assignment.id,
        question_id=in_quiz.id,
        private_question_id=private.id,
    )


def take_quiz(room: Room, side: str) -> None:
    """The student and the classmate answer and submit (and have a study card each); the
    pending classmate has only started."""
    from learn.extensions import db
    from learn.models import Assignment, User
    from learn.models.study import StudyCard
    from learn.quizzes import attempts

    now = datetime.now(UTC)
    for person, kinds in (("student", ("rs", "gs")), ("classmate", ("rc", "gc")), ("pending", ())):
        learner = db.session.get(User, room.users[person].id)
        assignment = db.session.get(Assignment, room.ids["assignment_id"])
        assert learner is not None and assignment is not None
        attempt, _ = attempts.start_or_resume(learner, assignment, now)
        room.ids[f"{person}_attempt_id"] = attempt.id
        if not kinds:
            continue
        response, gloss = (tag(kind, side) for kind in kinds)
        attempts.record_answer(attempt, room.ids["question_id"], f"رد {response}", now)
        attempts.submit(attempt, now)
        card = StudyCard(user_id=learner.id, lemma=f"كلمة{side}{person}", gloss=gloss, pos="noun")
        db.session.add(card)
        db.session.commit()
        room.ids[f"{person}_card_id"] = card.id


@pytest.fixture
def world(database_url: str, tmp_path: Path) -> Iterator[World]:
    config = _test_config(database_url, WTF_CSRF_ENABLED=False, SAHIFA_RATE_LIMITS="off")
    app = create_app(config, instance_path=str(tmp_path / "instance"))
    try:
        article_id = make_article(app).article_id
        rooms = {side: build_classroom(app, side, article_id) for side in SIDES}
        world = World(app, article_id, rooms)
        for visitor in VISITORS[:-1]:
            person, side = visitor.rsplit("_", 1)
            world.tokens[visitor] = issue_api_token(app, rooms[side].users[person])
        yield world
    finally:
        _empty_all_tables(app)


def get_routes(app: Flask) -> list[tuple[str, set[str]]]:
    return sorted(
        (rule.endpoint, set(rule.arguments))
        for rule in app.url_map.iter_rules()
        if "GET" in (rule.methods or set()) and rule.endpoint not in SKIPPED
    )


def url_sets(world: World, arguments: set[str]) -> Iterator[dict[str, int]]:
    """Every way of filling a route's parameters with one classroom's objects."""
    for room in world.rooms.values():
        for question in ("question_id", "private_question_id"):
            for person in ("student", "classmate", "pending"):
                values = {
                    "article_id": world.article_id,
                    "position": 0,
                    "class_id": room.ids["class_id"],
                    "student_id": room.users[person].id,
                    "quiz_id": room.ids["quiz_id"],
                    "assignment_id": room.ids["assignment_id"],
                    "attempt_id": room.ids[f"{person}_attempt_id"],
                    "question_id": room.ids[question],
                    "card_id": room.ids.get(f"{person}_card_id", room.ids["student_card_id"]),
                }
                yield {name: values[name] for name in arguments}


@dataclass
class Received:
    """Everything one visitor got, by URL (with ' htmx' for the htmx variant)."""

    bodies: dict[str, str] = field(default_factory=dict)

    def where(self, text: str) -> list[str]:
        return [url for url, body in self.bodies.items() if text in body]


def readable(response: TestResponse) -> str:
    """The answer as text to search: a zip file (an .xlsx workbook, an Anki .apkg) by its
    members, whose text is stored as UTF-8 (XML, SQLite)."""
    data = response.get_data()
    if data.startswith(b"PK\x03\x04"):
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return "\n".join(
                archive.read(name).decode("utf-8", "replace") for name in archive.namelist()
            )
    return data.decode("utf-8")


def crawl(world: World, visitor: str) -> Received:
    app = world.app
    web = app.test_client()
    if visitor != "anonymous":
        person, side = visitor.rsplit("_", 1)
        login(web, world.rooms[side].users[person])
    received = Received()
    urls: set[str] = set()
    with app.test_request_context():
        for endpoint, arguments in get_routes(app):
            urls.update(url_for(endpoint, **values) for values in url_sets(world, arguments))
    api = app.test_client()  # bearer only: no session cookie
    bearer = auth_header(world.tokens[visitor]) if visitor in world.tokens else {}
    for url in sorted(urls):
        if url.startswith("/api/v1"):
            response = api.get(url, headers=bearer)
            received.bodies[url] = readable(response)
            continue
        for variant, headers in (("", {}), (" htmx", {"HX-Request": "true"})):
            response = web.get(url, headers=headers)
            assert response.status_code < 500, f"{visitor} GET {url}{variant}"
            received.bodies[url + variant] = readable(response)
    return received


def forbidden(visitor: str) -> list[str]:
    """The tagged values this visitor must find nowhere."""
    person, _, own_side = visitor.partition("_")
    texts = []
    for kind, allowed in VISIBLE_TO.items():
        for side in SIDES:
            if side != own_side or person not in allowed:
                texts.append(tagged_text(kind, side))
    return texts


def test_each_visitor_receives_only_what_is_theirs(world: World) -> None:
    received = {visitor: crawl(world, visitor) for visitor in VISITORS}
    leaks = {
        f"{visitor} received {text}": received[visitor].where(text)
        for visitor in VISITORS
        for text in forbidden(visitor)
        if received[visitor].where(text)
    }
    assert leaks == {}

    # What each does receive: the tags are really where they belong.
    ids_a = world.rooms["a"].ids
    article = world.article_id
    teacher, student = received["teacher_a"], received["student_a"]
    review = f"/quizzes/articles/{article}/questions"
    for kind in ("pp", "kp", "ap", "pq", "kq", "aq"):
        assert review in teacher.where(tag(kind, "a")), kind
        assert f"/api/v1/articles/{article}/questions" in teacher.where(tag(kind, "a")), kind
    gradebook = f"/results/classes/{ids_a['class_id']}"
    assert gradebook in teacher.where(tag("ds", "a"))
    assert gradebook in teacher.where(tag("dc", "a"))
    assert f"/api/v1/quizzes/{ids_a['quiz_id']}/results" in teacher.where(tag("us", "a"))
    student_attempt = ids_a["student_attempt_id"]
    assert f"/results/attempts/{student_attempt}" in teacher.where(tag("rs", "a"))
    assert f"/results/quizzes/{ids_a['quiz_id']}/answers.csv" in teacher.where(tag("rc", "a"))
    assert f"/results/quizzes/{ids_a['quiz_id']}/answers.xlsx" in teacher.where(tag("rc", "a"))
    assert "/study/export.apkg" in student.where(tag("gs", "a"))
    assert f"/classes/{ids_a['class_id']}" in teacher.where(join_code("a"))
    assert f"/quizzes/attempts/{student_attempt}" in student.where(tag("rs", "a"))
    assert f"/api/v1/attempts/{student_attempt}" in student.where(tag("rs", "a"))
    assert f"/api/v1/attempts/{student_attempt}" in student.where(tag("kq", "a"))
    assert "/study/words" in student.where(tag("gs", "a"))
    pending_attempt = f"/api/v1/attempts/{ids_a['pending_attempt_id']}"
    assert pending_attempt in received["pending_a"].where(tag("pq", "a"))
    assert f"/quizzes/attempts/{ids_a['pending_attempt_id']}" in received["pending_a"].where(
        tag("pq", "a")
    )
    # The mirror: the other teacher and their student receive their own classroom's.
    assert review in received["teacher_b"].where(tag("pp", "b"))
    assert f"/api/v1/articles/{article}/questions" in received["teacher_b"].where(tag("kp", "b"))
    assert f"/results/classes/{world.rooms['b'].ids['class_id']}" in received["teacher_b"].where(
        tag("ds", "b")
    )
    own_b = f"/api/v1/attempts/{world.rooms['b'].ids['student_attempt_id']}"
    assert own_b in received["student_b"].where(tag("rs", "b"))


def test_every_get_route_is_crawled() -> None:
    """A new GET route is searched too, unless it says why not (SKIPPED): its parameters
    must be ones `url_sets` can fill."""
    with tempfile.TemporaryDirectory() as instance:
        app = create_app(
            {"SECRET_KEY": "x" * 32, "SQLALCHEMY_DATABASE_URI": "sqlite://"}, instance_path=instance
        )
        fillable = {
            "article_id",
            "position",
            "class_id",
            "student_id",
            "quiz_id",
            "assignment_id",
            "attempt_id",
            "question_id",
            "card_id",
        }
        unfillable = {
            endpoint: arguments - fillable
            for endpoint, arguments in get_routes(app)
            if arguments - fillable
        }
    assert unfillable == {}
