"""Undo each issue-13 fix in turn and check that a test fails (run by hand, not by pytest):

    .venv/bin/python -m tests.security.undo_fixes          # every fix
    .venv/bin/python -m tests.security.undo_fixes 5 7      # the fixes of items 5 and 7

Each entry replaces the fix's code by what it guards against (the text must still be in
the file: a refactoring that moves it makes the entry fail loudly, so update it then), runs
the tests that should notice, and puts the file back. It refuses to start on a working tree
with uncommitted changes in learn/, so `git checkout learn` always restores it.
docs/security.md's table lists the tests; this keeps them honest.
"""

from __future__ import annotations

import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class Undo:
    item: str  # the item number, or "content" (what each role receives)
    what: str  # the hole the fix closed, opened again
    path: str
    fixed: str  # text of the fix
    broken: str  # what replaces it
    tests: tuple[str, ...]  # pytest arguments


UNDO = [
    Undo(
        "1",
        "the API lists every question of the article",
        "learn/api/articles.py",
        "questions = visible_questions.article_questions(api_user(), article, status)",
        "questions = [q for q in article.questions if status is None or q.status == status]",
        (
            "tests/security/test_content_authorization.py",
            "tests/security/test_what_each_role_receives.py",
            "-k",
            "sqlite",
        ),
    ),
    Undo(
        "1",
        "the one visibility rule lets any teacher see others' own questions",
        "learn/quizzes/questions.py",
        'or_(Question.origin != "teacher", Question.created_by_id == teacher.id)',
        "True",
        ("tests/security/test_what_each_role_receives.py", "-k", "sqlite"),
    ),
    Undo(
        "2",
        "a question in an assigned quiz is edited in place",
        "learn/quizzes/questions.py",
        "def is_frozen(question: Question) -> bool:\n",
        "def is_frozen(question: Question) -> bool:\n    return False\n",
        ("tests/security/test_question_versions.py", "-k", "sqlite"),
    ),
    Undo(
        "2",
        "a replaced version stays editable",
        "learn/quizzes/questions.py",
        "        Question.replaced_by_id.is_(None),\n        or_(",
        "        or_(",
        ("tests/security/test_question_versions.py", "-k", "sqlite"),
    ),
    Undo(
        "3",
        "the session epoch is not checked",
        "learn/accounts/auth.py",
        'if user is not None and session.get("epoch") != user.session_epoch:',
        "if False:",
        ("tests/security/test_sessions.py", "-k", "sqlite"),
    ),
    Undo(
        "3",
        "signing out leaves other copies of the session alive",
        "learn/accounts/auth.py",
        "        service.end_sessions(user)\n",
        "        pass\n",
        ("tests/security/test_sessions.py", "-k", "sqlite"),
    ),
    Undo(
        "3",
        "a password change (form, teacher's reset, CLI) leaves sessions alive",
        "learn/accounts/service.py",
        "    db.session.commit()\n    end_sessions(user)\n",
        "    db.session.commit()\n",
        ("tests/security/test_sessions.py", "-k", "sqlite"),
    ),
    Undo(
        "4",
        "device cookies are not trusted",
        "learn/accounts/throttle.py",
        "return device is not None and failure_log()",
        "return False and failure_log()",
        ("tests/security/test_lockout.py", "-k", "sqlite"),
    ),
    Undo(
        "4",
        "a 15-minute lock instead of growing delays",
        "learn/accounts/throttle.py",
        "            wait = min(timedelta(seconds=2 ** (len(times) - free)), longest)",
        "            wait = timedelta(minutes=15)",
        ("tests/security/test_lockout.py", "-k", "sqlite"),
    ),
    Undo(
        "4",
        "the address is braked after 30 failures",
        "learn/accounts/throttle.py",
        "FREE_ADDRESS_FAILURES = 100",
        "FREE_ADDRESS_FAILURES = 30",
        ("tests/security/test_lockout.py", "-k", "sqlite"),
    ),
    Undo(
        "4",
        "the address's sign-in limit counts known browsers",
        "learn/security.py",
        '    return device_is_trusted(device_for(request.form.get("username", "")))',
        "    return False",
        (
            "tests/security/test_lockout.py",
            "tests/security/test_headers_and_limits.py",
            "-k",
            "sqlite",
        ),
    ),
    Undo(
        "4",
        "POST /api/v1/tokens guesses are not throttled",
        "learn/api/tokens.py",
        "user = authenticate_throttled(body.username, body.password)",
        "user = accounts.authenticate(body.username, body.password)",
        ("tests/api/test_tokens.py", "-k", "sqlite"),
    ),
    Undo(
        "5",
        "lone surrogates pass",
        "learn/security.py",
        '        text.encode("utf-8")\n',
        "        pass\n",
        ("tests/security/test_odd_input.py", "-k", "sqlite"),
    ),
    Undo(
        "5",
        "no JSON depth limit",
        "learn/api/core.py",
        "        if depth > MAX_JSON_DEPTH:",
        "        if False:",
        ("tests/security/test_odd_input.py", "-k", "sqlite"),
    ),
    Undo(
        "5",
        "the parser's RecursionError is not caught",
        "learn/api/core.py",
        "    except RecursionError:  # Python",
        "    except ZeroDivisionError:  # Python",
        ("tests/security/test_odd_input.py", "-k", "sqlite"),
    ),
    Undo(
        "5",
        "NUL characters in JSON pass",
        "learn/security.py",
        '    if "\\x00" in text:',
        "    if False:",
        ("tests/security/test_odd_input.py", "-k", "sqlite"),
    ),
    Undo(
        "5",
        "ids in URLs beyond INTEGER reach the database",
        "learn/security.py",
        '        kwargs.setdefault("max", MAX_ID)\n'
        "        super().__init__(map, *args, **kwargs)\n"
        "        self.regex = digits_up_to(MAX_ID)\n",
        "        super().__init__(map, *args, **kwargs)\n",
        ("tests/security/test_odd_input.py", "-k", "postgres"),
    ),
    Undo(
        "5",
        "ids in bodies beyond INTEGER reach the database",
        "learn/extensions.py",
        " and MIN_ID <= value <= MAX_ID",
        "",
        ("tests/security/test_odd_input.py", "-k", "postgres"),
    ),
    Undo(
        "5",
        "NUL characters in forms pass",
        "learn/security.py",
        "            problem = text_problem(name) or text_problem(value)",
        "            problem = None",
        ("tests/security/test_odd_input.py", "-k", "sqlite and forms"),
    ),
    Undo(
        "6",
        "only the length of a password is checked",
        "learn/accounts/service.py",
        "    refuse_guessable(password, words)\n",
        "",
        ("tests/security/test_passwords.py",),
    ),
    Undo(
        "6",
        "zxcvbn is not told the account's own words",
        "learn/accounts/service.py",
        "user_inputs=[*SITE_WORDS, *(w for w in words if w)]",
        "user_inputs=[]",
        ("tests/security/test_passwords.py",),
    ),
    Undo(
        "6",
        "set-up and new accounts skip the password check",
        "learn/accounts/service.py",
        "    validate_new_password(password, confirm, context=(username, display_name))\n",
        "",
        ("tests/security/test_passwords.py", "-k", "sqlite and (set_up or creating)"),
    ),
    Undo(
        "6",
        "a new account's own name is not a guessable word",
        "learn/accounts/service.py",
        "    validate_new_password(password, confirm, context=(username, display_name))\n",
        "    validate_new_password(password, confirm)\n",
        ("tests/security/test_passwords.py", "-k", "sqlite and creating"),
    ),
    Undo(
        "7",
        "a token's surface is cut at 100 characters",
        "learn/articles/analysis.py",
        "surface=token.surface,",
        "surface=token.surface[:100],",
        ("tests/web/test_articles_import.py", "-k", "over_100"),
    ),
    Undo(
        "7",
        "Go back follows any Referer path",
        "learn/web/errors.py",
        'return safe_next("/" + referrer[len(root) :])',
        'return "/" + referrer[len(root) :]',
        ("tests/security/test_odd_input.py", "-k", "sqlite"),
    ),
    Undo(
        "7",
        "the SQLite file keeps the umask's mode",
        "learn/security.py",
        '    url = make_url(str(app.config.get("SQLALCHEMY_DATABASE_URI", "")))\n',
        "    return\n",
        ("tests/security/test_odd_input.py", "-k", "private"),
    ),
    Undo(
        "7",
        "only 'Bearer' with a capital B works",
        "learn/api/core.py",
        'if scheme.lower() != "bearer"',
        'if scheme != "Bearer"',
        ("tests/security/test_odd_input.py", "-k", "sqlite"),
    ),
    Undo(
        "content",
        "any teacher's quiz (results, statistics, assigning)",
        "learn/quizzes/service.py",
        "if quiz is None or quiz.teacher_id != teacher.id:",
        "if quiz is None:",
        ("tests/security/test_what_each_role_receives.py", "-k", "sqlite"),
    ),
    Undo(
        "content",
        "any teacher's class (gradebook, roster, join code)",
        "learn/classes/service.py",
        "select(Classroom).where(Classroom.id == class_id, Classroom.teacher_id == teacher.id)",
        "select(Classroom).where(Classroom.id == class_id)",
        ("tests/security/test_what_each_role_receives.py", "-k", "sqlite"),
    ),
    Undo(
        "content",
        "any student's attempt",
        "learn/quizzes/attempts.py",
        ".where(Attempt.id == attempt_id, Attempt.student_id == student.id)",
        ".where(Attempt.id == attempt_id)",
        ("tests/security/test_what_each_role_receives.py", "-k", "sqlite"),
    ),
    Undo(
        "content",
        "the API gives students their class's roster (its teacher's view)",
        "learn/api/classes.py",
        "    if viewer.id != classroom.teacher_id:\n"
        "        return Class.model_validate(classroom)\n",
        "",
        ("tests/security/test_what_each_role_receives.py", "-k", "sqlite"),
    ),
    Undo(
        "content",
        "any teacher reads any attempt's answers",
        "learn/results/service.py",
        "if user.is_teacher and attempt.assignment.classroom.teacher_id == user.id:",
        "if user.is_teacher:",
        ("tests/security/test_what_each_role_receives.py", "-k", "sqlite"),
    ),
]


def run(undo: Undo) -> bool:
    """True when a test fails with the fix undone."""
    path = ROOT / undo.path
    original = path.read_text(encoding="utf-8")
    if undo.fixed not in original:
        raise SystemExit(f"{undo.path} no longer holds the fix of: {undo.what}")
    path.write_text(original.replace(undo.fixed, undo.broken, 1), encoding="utf-8")
    try:
        result = subprocess.run(
            [str(ROOT / ".venv/bin/pytest"), "-x", "-q", "-p", "no:cacheprovider", *undo.tests],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=False,
        )
    finally:
        path.write_text(original, encoding="utf-8")
    failed = [line for line in result.stdout.splitlines() if line.startswith("FAILED")]
    caught = result.returncode == 1 and bool(failed)
    print(f"{'caught' if caught else 'MISSED'}  item {undo.item}: {undo.what}", flush=True)
    for line in failed[:1]:
        print(f"        {line}", flush=True)
    return caught


def main(items: list[str]) -> int:
    dirty = subprocess.run(["git", "diff", "--quiet", "--", "learn"], cwd=ROOT, check=False)
    if dirty.returncode != 0:
        print("learn/ has uncommitted changes: commit or stash them first.")
        return 2
    chosen = [undo for undo in UNDO if not items or undo.item in items]
    missed = [undo for undo in chosen if not run(undo)]
    print(f"{len(chosen) - len(missed)} of {len(chosen)} undone fixes caught by a test")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
