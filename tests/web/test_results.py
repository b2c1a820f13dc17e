"""Results pages through the test client: gradebook, quiz statistics, attempt drill-down,
regrading, exports and who may see them."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable
from datetime import datetime, timedelta

import pytest
from flask import Flask
from flask.testing import FlaskClient
from werkzeug.test import TestResponse

from learn.extensions import db
from learn.models import Question
from tests.conftest import csrf_token_from
from tests.results import seed as data
from tests.web.conftest import UserInfo, login

# The hand-computed matrix of tests/results/test_stats.py: students A–E, four questions.
MATRIX = [[1, 1, 1, 1], [1, 1, 0, 1], [1, 0, 1, 0], [1, 1, 0, 0], [1, 0, 0, 0]]


@pytest.fixture
def course(app: Flask, make_user: Callable[..., UserInfo]) -> dict:
    teacher = make_user("teacher")
    students = [make_user("student", display_name=f"Student {n}") for n in "ABCDE"]
    seeded = data.seed(
        app,
        teacher.id,
        [s.id for s in students],
        MATRIX,
        due_at=data.START + timedelta(minutes=3),  # every attempt is submitted at +5 min: late
    )
    client = app.test_client()
    login(client, teacher)
    return {"teacher": teacher, "students": students, "seeded": seeded, "client": client}


def text_of(response: TestResponse) -> str:
    assert response.status_code == 200, response.status_code
    return response.get_data(as_text=True)


def row_names(html: str) -> list[str]:
    return re.findall(r'<th scope="row">(Student [A-E])</th>', html)


def test_quiz_statistics_match_the_hand_computed_values(course: dict) -> None:
    quiz_id = course["seeded"].quiz_id
    html = text_of(course["client"].get(f"/results/quizzes/{quiz_id}"))
    summary = re.search(r'<dl class="results-summary">(.*?)</dl>', html, re.S)
    assert summary
    values = re.findall(r"<dd>(.*?)</dd>", summary.group(1))
    # attempts, mean, median, SD (points), alpha
    assert values == ["5", "60%", "50%", "28.5 points", "0.41"]
    rows = re.findall(
        r'<td data-label="Facility">(.*?)</td>\s*<td data-label="Discrimination">(.*?)</td>', html
    )
    assert rows == [("100%", "n/a"), ("60%", "0.33"), ("40%", "0.00"), ("40%", "0.65")]
    assert "Almost everyone got it right" in html  # question 1
    assert "Low or negative discrimination" in html  # question 3
    assert html.count('class="results-doubtful"') == 2
    # Option counts of question 2: the key chosen 3 times, the first distractor twice.
    assert 'معاهدة</span> <span class="results-key">(correct)</span>: 3' in html
    assert "مدرسة</span>: 2" in html
    assert 'role="img"' in html and '<title id="histogram-title">' in html


def test_all_attempts_switch_counts_later_attempts(app: Flask, course: dict) -> None:
    seeded = course["seeded"]
    student_e = course["students"][4]
    data.add_attempt(
        app, seeded.assignment_id, student_e.id, [1, 1, 1, 1], seeded.question_ids, number=2
    )
    client = course["client"]
    first = text_of(client.get(f"/results/quizzes/{seeded.quiz_id}"))
    every = text_of(client.get(f"/results/quizzes/{seeded.quiz_id}?attempts=all"))
    assert "<dd>5</dd>" in first and "<dd>60%</dd>" in first
    assert "<dd>6</dd>" in every
    assert "<dd>67%</dd>" in every  # (3+3+2+2+1+4) / 24 = 0.6667
    assert 'aria-current="page">All attempts' in every


def test_single_student_shows_na_not_an_error(
    app: Flask, make_user: Callable[..., UserInfo]
) -> None:
    teacher, student = make_user("teacher"), make_user("student")
    seeded = data.seed(app, teacher.id, [student.id], [[1, 0, 1, None]])
    client = app.test_client()
    login(client, teacher)
    html = text_of(client.get(f"/results/quizzes/{seeded.quiz_id}"))
    values = re.findall(r"<dd>(.*?)</dd>", html)
    assert values == ["1", "50%", "50%", "n/a", "n/a"]
    assert "(no answer)</span>: 1" in html  # question 4 left blank


def test_quiz_without_attempts(app: Flask, make_user: Callable[..., UserInfo]) -> None:
    teacher = make_user("teacher")
    _, quiz_id, _ = data.make_quiz(app, teacher.id)
    client = app.test_client()
    login(client, teacher)
    html = text_of(client.get(f"/results/quizzes/{quiz_id}"))
    assert "No submitted attempts yet." in html
    assert re.findall(r"<dd>(.*?)</dd>", html) == ["0", "n/a", "n/a", "n/a", "n/a"]


def test_gradebook_shows_best_last_completion_and_lateness(app: Flask, course: dict) -> None:
    seeded = course["seeded"]
    student_c = course["students"][2]
    later = data.START + timedelta(days=1)
    data.add_attempt(
        app,
        seeded.assignment_id,
        student_c.id,
        [1, 0, 0, 0],
        seeded.question_ids,
        number=2,
        start=later,
    )
    html = text_of(course["client"].get(f"/results/classes/{seeded.class_id}"))
    assert row_names(html) == [f"Student {n}" for n in "ABCDE"]
    assert html.count("results-late") >= 5
    # C: best 50% (attempt 1), last 25% (attempt 2), 2 attempts.
    c_row = html[html.index("Student C</th>") : html.index("Student D</th>")]
    assert "50%" in c_row and "last" in c_row and "25%" in c_row and "2 attempts" in c_row
    assert "1/1" in c_row
    # The progress chart and its table: mean of the best scores 3/5.
    assert "Class progress" in html and '<td data-label="Mean">60%</td>' in html


def test_gradebook_sorting_is_server_side_with_ties_in_name_order(course: dict) -> None:
    seeded, client = course["seeded"], course["client"]
    url = f"/results/classes/{seeded.class_id}"
    html = text_of(client.get(f"{url}?sort=average&dir=desc"))
    # Scores 100, 75, 50, 50, 25: C and D tie and stay in name order.
    assert row_names(html) == ["Student A", "Student B", "Student C", "Student D", "Student E"]
    assert 'aria-sort="descending"' in html
    html = text_of(client.get(f"{url}?sort=a{seeded.assignment_id}&dir=asc"))
    assert row_names(html) == ["Student E", "Student C", "Student D", "Student B", "Student A"]
    html = text_of(client.get(f"{url}?sort=name&dir=desc"))
    assert row_names(html) == ["Student E", "Student D", "Student C", "Student B", "Student A"]
    # An unknown key falls back to names, not an error.
    assert row_names(text_of(client.get(f"{url}?sort=bogus")))[0] == "Student A"


def test_student_without_attempt_sorts_last(
    app: Flask, course: dict, make_user: Callable[..., UserInfo]
) -> None:
    from learn.models import Enrollment

    late_joiner = make_user("student", display_name="Aaron")
    with app.app_context():
        db.session.add(Enrollment(class_id=course["seeded"].class_id, student_id=late_joiner.id))
        db.session.commit()
    url = f"/results/classes/{course['seeded'].class_id}"
    for direction in ("asc", "desc"):
        html = text_of(course["client"].get(f"{url}?sort=average&dir={direction}"))
        names = re.findall(r'<th scope="row">([^<]+)</th>', html)
        assert names[4] != "Aaron" and "Aaron" in names
        assert names.index("Aaron") == 5
    assert "not started" in html


def test_attempt_drill_down_with_timing(course: dict) -> None:
    attempt_id = course["seeded"].attempt_ids[2]  # C: right, wrong, right, wrong
    html = text_of(course["client"].get(f"/results/attempts/{attempt_id}"))
    results = re.findall(r'<td data-label="Result">.*?(Correct|Wrong).*?</td>', html)
    assert results == ["Correct", "Wrong", "Correct", "Wrong"]
    # Answers at 10 s, 30 s, 60 s, 100 s after the start.
    assert re.findall(r'<td data-label="Time on it">(.*?)</td>', html) == [
        "10 s",
        "20 s",
        "30 s",
        "40 s",
    ]
    assert re.findall(r'<td data-label="Since start">(.*?)</td>', html) == [
        "10 s",
        "30 s",
        "1 min 00 s",
        "1 min 40 s",
    ]
    assert "Key:" in html


def test_regrade_after_fixing_the_key_shows_old_and_new_scores(app: Flask, course: dict) -> None:
    seeded, client = course["seeded"], course["client"]
    # The teacher decides the first distractor of question 3 was the right answer.
    with app.app_context():
        question = db.session.get(Question, seeded.question_ids[2])
        assert question is not None
        question.answer = data.CHOICES[2][1]
        db.session.commit()
    page = text_of(client.get(f"/results/quizzes/{seeded.quiz_id}"))
    response = client.post(
        f"/results/quizzes/{seeded.quiz_id}/regrade", data={"csrf_token": csrf_token_from(page)}
    )
    html = text_of(response)
    changes = re.findall(r'<td data-label="Score" class="results-change">(.*?)</td>', html)
    # Q3 was right for A and C (now wrong) and wrong for B, D, E (now right).
    assert changes == ["100% → 75%", "75% → 100%", "50% → 25%", "50% → 75%", "25% → 50%"]
    again = text_of(
        client.post(
            f"/results/quizzes/{seeded.quiz_id}/regrade", data={"csrf_token": csrf_token_from(page)}
        )
    )
    assert "No attempt changed" in again
    gradebook = text_of(client.get(f"/results/classes/{seeded.class_id}?sort=average&dir=desc"))
    assert row_names(gradebook)[0] == "Student B"


def test_regrade_needs_csrf(course: dict) -> None:
    response = course["client"].post(f"/results/quizzes/{course['seeded'].quiz_id}/regrade")
    assert response.status_code == 400


def csv_text(response: TestResponse) -> str:
    """The CSV as a spreadsheet program reads it: UTF-8 announced by its byte-order mark."""
    assert response.status_code == 200, response.status_code
    assert response.headers["Content-Type"] == "text/csv; charset=utf-8"
    assert response.data.startswith(b"\xef\xbb\xbf"), "no UTF-8 BOM: Excel would not read UTF-8"
    return response.data.decode("utf-8-sig")


def xlsx_rows(response: TestResponse) -> list[tuple[object, ...]]:
    from openpyxl import load_workbook

    assert response.status_code == 200, response.status_code
    assert response.mimetype == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    assert ".xlsx" in response.headers["Content-Disposition"]
    sheet = load_workbook(io.BytesIO(response.data)).active
    assert sheet is not None
    assert sheet.freeze_panes == "A2" and sheet["A1"].font.bold
    return [tuple(cell.value for cell in row) for row in sheet.iter_rows()]


def test_quiz_csv_has_one_row_per_attempt_and_question(course: dict) -> None:
    response = course["client"].get(f"/results/quizzes/{course['seeded'].quiz_id}/answers.csv")
    assert "attachment" in response.headers["Content-Disposition"]
    body = csv_text(response)
    assert body.startswith("class,username,name,attempt,")
    rows = list(csv.DictReader(io.StringIO(body)))
    assert len(rows) == 5 * 4
    c_rows = [r for r in rows if r["name"] == "Student C"]
    assert [r["correct"] for r in c_rows] == ["1", "0", "1", "0"]
    assert c_rows[1]["response"] == data.CHOICES[1][1]
    assert {r["late"] for r in rows} == {"yes"}
    assert c_rows[0]["attempt_score"] == "0.5000"
    assert c_rows[0]["started_at"] == "2026-11-02T09:00:00+00:00"
    assert c_rows[0]["prompt"] == "سؤال رقم 1"


def test_quiz_xlsx_has_the_csvs_rows_with_numbers_and_times(course: dict) -> None:
    rows = xlsx_rows(
        course["client"].get(f"/results/quizzes/{course['seeded'].quiz_id}/answers.xlsx")
    )
    header, body = rows[0], rows[1:]
    assert header[:4] == ("class", "username", "name", "attempt") and len(body) == 5 * 4
    c_rows = [dict(zip(header, r, strict=True)) for r in body if r[2] == "Student C"]
    assert [r["correct"] for r in c_rows] == [1, 0, 1, 0]
    assert c_rows[0]["attempt_score"] == 0.5  # a number the spreadsheet can average
    assert c_rows[0]["started_at"] == datetime(2026, 11, 2, 9, 0)  # UTC
    assert c_rows[1]["response"] == data.CHOICES[1][1] and c_rows[0]["prompt"] == "سؤال رقم 1"


def test_gradebook_csv(course: dict) -> None:
    response = course["client"].get(f"/results/classes/{course['seeded'].class_id}/gradebook.csv")
    rows = list(csv.reader(io.StringIO(csv_text(response))))
    assert rows[0][:4] == ["username", "name", "average", "completed"]
    assert rows[0][4] == "Treaty words: best"
    by_name = {r[1]: r for r in rows[1:]}
    assert by_name["Student B"][2:8] == ["0.7500", "1/1", "0.7500", "0.7500", "1", "yes"]


def test_gradebook_xlsx(course: dict) -> None:
    seeded = course["seeded"]
    rows = xlsx_rows(course["client"].get(f"/results/classes/{seeded.class_id}/gradebook.xlsx"))
    assert rows[0][:5] == ("username", "name", "average", "completed", "Treaty words: best")
    by_name = {r[1]: r for r in rows[1:]}
    assert by_name["Student B"][2:8] == (0.75, "1/1", 0.75, 0.75, 1, "yes")
    page = text_of(course["client"].get(f"/results/classes/{seeded.class_id}"))
    assert f'href="/results/classes/{seeded.class_id}/gradebook.xlsx" download' in page


def test_csv_cells_cannot_become_formulas(app: Flask, course: dict) -> None:
    from learn.models import Answer

    with app.app_context():
        answer = (
            db.session.query(Answer).filter_by(attempt_id=course["seeded"].attempt_ids[0]).first()
        )
        assert answer is not None
        answer.response = '=HYPERLINK("http://evil")'
        db.session.commit()
    body = csv_text(
        course["client"].get(f"/results/quizzes/{course['seeded'].quiz_id}/answers.csv")
    )
    assert "'=HYPERLINK" in body


def test_xlsx_cells_are_text_never_formulas(app: Flask, course: dict) -> None:
    from openpyxl import load_workbook

    from learn.models import Answer

    with app.app_context():
        answers = db.session.query(Answer).filter_by(attempt_id=course["seeded"].attempt_ids[0])
        first, second = answers.order_by(Answer.id).limit(2).all()
        first.response = '=HYPERLINK("http://evil")'
        second.response = "bell\x07 in it"  # not allowed in the file's XML
        db.session.commit()
    response = course["client"].get(f"/results/quizzes/{course['seeded'].quiz_id}/answers.xlsx")
    sheet = load_workbook(io.BytesIO(response.data)).active
    assert sheet is not None
    cells = [c for row in sheet.iter_rows() for c in row if isinstance(c.value, str)]
    formula = next(c for c in cells if "HYPERLINK" in c.value)
    assert formula.value == '=HYPERLINK("http://evil")' and formula.data_type == "s"
    assert any(c.value == "bell in it" for c in cells)
    page = text_of(course["client"].get(f"/results/quizzes/{course['seeded'].quiz_id}"))
    assert "answers.xlsx" in page and "Download answers for Excel (.xlsx)" in page


def test_printable_quiz_has_the_answer_key_and_print_styles(course: dict) -> None:
    html = text_of(course["client"].get(f"/results/quizzes/{course['seeded'].quiz_id}/print"))
    assert "Answer key" in html
    sheet = html[html.index('<div class="results-print" dir="rtl">') : html.index("Answer key")]
    # Every question's options, lettered أ ب ج د in their order, each with its answer box
    # first in the (right-to-left) line.
    options = re.findall(
        r'<li><span class="results-print-box" aria-hidden="true"></span>'
        r'<span class="results-print-letter">(.+?)\)</span> <span class="ar">(.+?)</span></li>',
        sheet,
    )
    assert options == [
        (letter, choice)
        for choices in data.CHOICES
        for letter, choice in zip("أبجد", choices, strict=True)
    ]
    key = html[html.index("Answer key") :]
    # The key names each answer's letter (the first choice, أ, in this quiz) and its text.
    answers = re.findall(
        r'<li lang="ar"><span class="results-print-letter">(.+?)\)</span> '
        r'<span class="ar">(.+?)</span></li>',
        key,
    )
    assert answers == [("أ", choices[0]) for choices in data.CHOICES]
    assert "الاسم:" in sheet and "results-answer-key" in html


def test_printable_quiz_letters_the_key_and_lines_short_answers(app: Flask, course: dict) -> None:
    with app.app_context():
        question = db.session.get(Question, course["seeded"].question_ids[1])
        assert question is not None
        question.choices = ["سيارة", "مدرسة", "شجرة", "معاهدة"]  # the key now 4th: د
        third = db.session.get(Question, course["seeded"].question_ids[2])
        assert third is not None
        third.format, third.choices, third.accepted_answers = "short_answer", [], ["الرئيس"]
        db.session.commit()
    html = text_of(course["client"].get(f"/results/quizzes/{course['seeded'].quiz_id}/print"))
    sheet, key = html.split("Answer key")
    assert sheet.count("results-print-box") == 12 and sheet.count("results-print-line") == 1
    assert '<span class="results-print-letter">د)</span> <span class="ar">معاهدة</span>' in key
    assert '<span class="ar">رئيس</span> <span class="meta">(أو: الرئيس)</span>' in key


def test_vocabulary_insight_lists_missed_again_and_looked_up_words(
    app: Flask, course: dict
) -> None:
    from learn.models import StudyCard, StudyReview
    from learn.results.service import record_lookup

    seeded, students = course["seeded"], course["students"]
    with app.app_context():
        for student in students[:3]:
            record_lookup(student.id, seeded.article_id, "شَراكَة")
        record_lookup(students[0].id, seeded.article_id, "مُعاهَدَة")
        record_lookup(students[0].id, seeded.article_id, "  ")  # not a word: not logged
        card = StudyCard(user_id=students[1].id, lemma="رَئِيس")
        db.session.add(card)
        db.session.flush()
        # A review made from a quiz answer is counted under "missed", not again here.
        reviews = [(1, "study"), (1, "study"), (3, "study"), (1, "quiz")]
        for n, (rating, source) in enumerate(reviews):
            db.session.add(
                StudyReview(
                    user_id=students[1].id,
                    card_id=card.id,
                    review_uid=f"r{n}",
                    rating=rating,
                    source=source,
                    reviewed_at=data.START,
                    state_after=2,
                    due_after=data.START,
                    status_after="learning",
                )
            )
        db.session.commit()
    html = text_of(course["client"].get(f"/results/classes/{seeded.class_id}/vocabulary"))
    missed = html[html.index("missed-heading") : html.index("again-heading")]
    # Q2 (مُعاهَدَة) wrong for C and E: 2 of 5; Q3 (رَئِيس) wrong for B, D, E: 3 of 5.
    assert missed.index("رَئِيس") < missed.index("مُعاهَدَة")
    assert "3 of 5" in missed and "2 of 5" in missed
    # The word in a stored article is linked to its reading view.
    assert f'href="/articles/{seeded.article_id}"' in missed
    again = html[html.index("again-heading") : html.index("lookups-heading")]
    assert "رَئِيس" in again and '<td data-label="Rated Again">2</td>' in again
    lookups = html[html.index("lookups-heading") :]
    assert lookups.index("شَراكَة") < lookups.index("مُعاهَدَة")
    assert '<td data-label="Lookups">3</td>' in lookups


# -- who may see what -------------------------------------------------------------------------


def test_another_teacher_sees_none_of_it(
    app: Flask, course: dict, make_user: Callable[..., UserInfo]
) -> None:
    other = make_user("teacher")
    client = app.test_client()
    login(client, other)
    seeded = course["seeded"]
    for url in (
        f"/results/classes/{seeded.class_id}",
        f"/results/classes/{seeded.class_id}/gradebook.csv",
        f"/results/classes/{seeded.class_id}/gradebook.xlsx",
        f"/results/classes/{seeded.class_id}/vocabulary",
        f"/results/quizzes/{seeded.quiz_id}",
        f"/results/quizzes/{seeded.quiz_id}/answers.csv",
        f"/results/quizzes/{seeded.quiz_id}/answers.xlsx",
        f"/results/quizzes/{seeded.quiz_id}/print",
        f"/results/attempts/{seeded.attempt_ids[0]}",
    ):
        assert client.get(url).status_code == 404, url
    page = text_of(client.get("/results/"))
    assert "Treaty words" not in page and "Arabic 1" not in page
    token = csrf_token_from(page)
    assert (
        client.post(
            f"/results/quizzes/{seeded.quiz_id}/regrade", data={"csrf_token": token}
        ).status_code
        == 404
    )


def test_students_see_only_their_own_submitted_attempts(app: Flask, course: dict) -> None:
    seeded, students = course["seeded"], course["students"]
    client = app.test_client()
    login(client, students[0])
    own = text_of(client.get(f"/results/attempts/{seeded.attempt_ids[0]}"))
    assert "Student A" in own and "Key:" not in own
    assert client.get(f"/results/attempts/{seeded.attempt_ids[1]}").status_code == 404
    for url in (
        "/results/",
        f"/results/classes/{seeded.class_id}",
        f"/results/classes/{seeded.class_id}/gradebook.csv",
        f"/results/quizzes/{seeded.quiz_id}",
        f"/results/quizzes/{seeded.quiz_id}/answers.csv",
        f"/results/quizzes/{seeded.quiz_id}/print",
    ):
        assert client.get(url).status_code == 403, url
    # An attempt still in progress shows no correctness, even to its own student.
    open_id = data.add_attempt(
        app,
        seeded.assignment_id,
        students[0].id,
        [1, 0, None, None],
        seeded.question_ids,
        number=2,
        submitted=False,
    )
    assert client.get(f"/results/attempts/{open_id}").status_code == 404


def test_anonymous_visitors_are_sent_to_sign_in(client: FlaskClient, course: dict) -> None:
    for url in (
        "/results/",
        f"/results/attempts/{course['seeded'].attempt_ids[0]}",
        f"/results/quizzes/{course['seeded'].quiz_id}/answers.csv",
    ):
        response = client.get(url)
        assert response.status_code == 302 and "/signin" in response.headers["Location"], url


def test_results_index_links_the_teachers_classes_and_quizzes(course: dict) -> None:
    html = text_of(course["client"].get("/results/"))
    assert f'/results/classes/{course["seeded"].class_id}"' in html
    assert f'/results/quizzes/{course["seeded"].quiz_id}"' in html


def test_nav_links_results_for_teachers_only(app: Flask, course: dict) -> None:
    teacher_page = text_of(course["client"].get("/classes"))
    assert '<a href="/results/">Results</a>' in teacher_page
    student_client = app.test_client()
    login(student_client, course["students"][0])
    assert '<a href="/results/">Results</a>' not in text_of(student_client.get("/classes"))


def test_class_and_quiz_pages_link_their_results(course: dict) -> None:
    seeded, client = course["seeded"], course["client"]
    class_page = text_of(client.get(f"/classes/{seeded.class_id}"))
    assert f'href="/results/classes/{seeded.class_id}">Gradebook</a>' in class_page
    quiz_page = text_of(client.get(f"/quizzes/{seeded.quiz_id}"))
    assert f'href="/results/quizzes/{seeded.quiz_id}">Statistics' in quiz_page
