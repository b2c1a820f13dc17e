"""Articles over the API: list, import (teachers), read with analysed tokens, vocabulary, and
the generated questions (teachers only: they carry the answers; students meet questions in
quizzes).

Shapes declared once with pydantic and spectree (learn/api/shapes.py)."""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated, Literal

from flask import current_app, request, url_for
from flask.typing import ResponseReturnValue
from pydantic import AfterValidator, ConfigDict, Field, WithJsonSchema
from pydantic_core import PydanticCustomError

from learn import models
from learn.api.core import ApiError, api_auth, api_user, bp, not_space_class
from learn.api.shapes import Error, Response, Shape, UtcDateTime, api_spec, declared_body
from learn.articles import service
from learn.articles.reading import by_sentence
from learn.articles.validation import (
    ARABIC_LETTER,
    CONTROL_CHARS,
    SOURCE_MAX,
    TITLE_MAX,
    ArticleInputError,
    check_text,
)
from learn.models import QUESTION_STATUSES
from learn.quizzes import questions as visible_questions

# Any character but the control characters that the import refuses (plain text has none).
_PLAIN = "[^" + CONTROL_CHARS.pattern.removeprefix("[").removesuffix("]") + "]"
TEXT_PATTERN = f"^{_PLAIN}*{ARABIC_LETTER.pattern}{_PLAIN}*$"
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _importable_text(text: str) -> str:
    """The import's own check, with its own sentence (empty, not Arabic, control
    characters, too large); it refuses exactly what TEXT_PATTERN does, and the size."""
    try:
        check_text(text, current_app.config["MAX_ARTICLE_BYTES"])
    except ArticleInputError as error:
        raise PydanticCustomError("worded", str(error)) from None
    return text


def _date_or_nothing(value: str | None) -> str | None:
    if value in (None, ""):
        return value
    assert value is not None
    try:
        if _ISO_DATE.fullmatch(value) and date.fromisoformat(value):
            return value
    except ValueError:
        pass
    raise PydanticCustomError("worded", "The publication date must be a date like 2025-01-17.")


# --- shapes -------------------------------------------------------------------------------


class NewArticle(Shape):
    title: Annotated[
        str,
        Field(
            max_length=TITLE_MAX,
            pattern=not_space_class(),
            json_schema_extra={"x-message": "Give the article a title."},
        ),
    ]
    text: Annotated[
        str,
        Field(
            description="Arabic text of at most MAX_ARTICLE_BYTES bytes of UTF-8 (200,000 by "
            "default; a larger one is a 422 naming `text`).",
            json_schema_extra={"pattern": TEXT_PATTERN},
        ),
        AfterValidator(_importable_text),
    ]
    source: Annotated[str | None, Field(max_length=SOURCE_MAX)] = None
    published: Annotated[
        str | None,
        WithJsonSchema(
            {
                "anyOf": [{"type": "string", "format": "date"}, {"const": ""}, {"type": "null"}],
                "description": "A date like 2025-01-17; empty or null when unknown.",
            }
        ),
        AfterValidator(_date_or_nothing),
    ] = None


class Article(Shape):
    id: int
    title: str
    source: str
    language: Annotated[str, Field(examples=["ar"])]
    published: date | None
    created_at: UtcDateTime
    analysed_at: UtcDateTime | None


class NewArticleAnswer(Article):
    counts: Annotated[dict[str, int], Field(description="What was stored.")]


class Part(Shape):
    kind: Literal["proclitic", "stem", "enclitic"]
    form: Annotated[str, Field(examples=["وَ"])]
    gloss: Annotated[str, Field(examples=["and"])]


class Alternative(Shape):
    lemma: str
    pos: str
    gloss: str
    diac: str | None = None


class ArticleToken(Shape):
    """A word or punctuation mark; `start`/`end` are offsets into the article's `text`
    (`text[start:end] == surface`)."""

    position: Annotated[int, Field(description="Index in the whole article.")]
    index: Annotated[int, Field(description="Index in its sentence.")]
    start: int
    end: int
    surface: str
    diac: Annotated[str | None, Field(description="Vocalized form in context.")]
    lemma: Annotated[str, Field(description="Vocalized lemma; empty for punctuation.")]
    pos: Annotated[str, Field(examples=["verb", "noun", "noun_prop", "punc"])]
    gloss: Annotated[str, Field(description="English senses, `; `-separated.")]
    root: Annotated[str | None, Field(examples=["و.ق.ع"])]
    entity: Annotated[str | None, Field(examples=["PERSON", "LOCATION", "ORGANIZATION"])]
    source: Annotated[
        str | None,
        Field(
            description="Where the analysis came from: lex, overlay, correction, backoff (a "
            "guess: the word is not in the dictionary), ..."
        ),
    ]
    root_note: Annotated[
        str | None,
        Field(
            description="Why there is no root: function word, name, borrowed word, "
            "abbreviation, not found (null when there is a root, or not recorded)."
        ),
    ]
    parts: Annotated[
        list[Part],
        Field(description="The written word in parts; empty without clitics."),
    ]
    alternatives: Annotated[
        list[Alternative],
        Field(description="Readings that came close to the chosen one (a close call)."),
    ]

    @classmethod
    def of(cls, token: models.ArticleToken) -> ArticleToken:
        values = {name: getattr(token, name) for name in cls.model_fields}
        return cls.model_validate(
            {**values, "parts": token.parts or [], "alternatives": token.alternatives or []}
        )


class Sentence(Shape):
    index: int
    start: int
    end: int
    text: str
    tokens: list[ArticleToken]


class ArticleText(Article):
    text: str
    sentences: list[Sentence]


class Span(Shape):
    """A sentence and a span in it (offsets into `text`)."""

    text: str
    start: int | None = None
    end: int | None = None
    sentence: int | None = None


class VocabEntry(Shape):
    lemma: str
    pos: str
    gloss: str
    root: str | None
    count: int
    rank: Annotated[int, Field(description="1 = most worth learning.")]
    zipf: float | None
    band: str | None
    domain: str | None
    forms: list[str]
    examples: list[Span]

    @classmethod
    def of(cls, entry: models.VocabEntry) -> VocabEntry:
        data = entry.data or {}
        return cls.model_validate(
            {
                **{k: getattr(entry, k) for k in ("lemma", "pos", "gloss", "root", "count")},
                **{k: getattr(entry, k) for k in ("rank", "zipf", "domain")},
                "band": data.get("band"),
                "forms": data.get("forms", []),
                "examples": data.get("examples", []),
            }
        )


class NameEntry(Shape):
    name: str
    type: Literal["PERSON", "LOCATION", "ORGANIZATION"] | None
    gloss: str | None
    title: str | None
    count: int
    forms: list[str]
    examples: list[Span]

    @classmethod
    def of(cls, entry: models.VocabEntry) -> NameEntry:
        data = entry.data or {}
        return cls.model_validate(
            {
                "name": entry.lemma,
                "type": data.get("type"),
                "gloss": entry.gloss or None,
                "title": data.get("title"),
                "count": entry.count,
                "forms": data.get("forms", []),
                "examples": data.get("examples", []),
            }
        )


class Vocabulary(Shape):
    article_id: int
    vocab: list[VocabEntry]
    people_places: list[NameEntry]


class QuestionEvidence(Shape):
    text: str | None
    start: int | None
    end: int | None


class ArticleQuestion(Shape):
    id: int
    uid: str | None
    type: Annotated[str, Field(examples=["who", "how_long", "meaning_ar_en"])]
    format: Literal["multiple_choice", "true_false", "short_answer"]
    status: Literal[QUESTION_STATUSES]  # type: ignore[valid-type]
    origin: Literal["generated", "teacher"]
    prompt_ar: str
    prompt_en: str
    answer: str
    choices: list[str] | None
    accepted_answers: list[str] | None
    evidence: QuestionEvidence
    difficulty: float | None
    lemma: str | None
    version: Annotated[
        int,
        Field(
            ge=1,
            description="Editing a question that an assigned quiz uses makes a new version "
            "(a new id); the quiz keeps the version its students were given.",
        ),
    ]
    created_at: UtcDateTime
    updated_at: UtcDateTime | None

    @classmethod
    def of(cls, question: models.Question) -> ArticleQuestion:
        names = [n for n in cls.model_fields if n != "evidence"]
        evidence = {
            "text": question.evidence_text,
            "start": question.evidence_start,
            "end": question.evidence_end,
        }
        return cls.model_validate(
            {**{n: getattr(question, n) for n in names}, "evidence": evidence}
        )


class ArticleQuestions(Shape):
    article_id: int
    questions: Annotated[list[ArticleQuestion], Field(description="Oldest first.")]


class QuestionsQuery(Shape):
    model_config = ConfigDict(**Shape.model_config | {"strict": False})

    status: Literal[QUESTION_STATUSES] | None = None  # type: ignore[valid-type]


class ArticleList(Shape):
    articles: list[Article]


def _article_or_404(article_id: int) -> models.Article:
    article = service.get_article(article_id)
    if article is None:
        raise ApiError(404, "No such article.")
    return article


NO_ARTICLE = (Error, "No such article.")

# --- routes -------------------------------------------------------------------------------


@bp.get("/articles")
@api_auth()
@api_spec.validate(
    resp=Response(HTTP_200=ArticleList), tags=["articles"], operation_id="listArticles"
)
def list_articles() -> ResponseReturnValue:
    """Every article, newest first"""
    return ArticleList(  # type: ignore[return-value]
        articles=[Article.model_validate(a) for a in service.list_articles()]
    )


@bp.post("/articles")
@api_auth("teacher")
@api_spec.validate(
    json=NewArticle,
    resp=Response(
        HTTP_201=(NewArticleAnswer, "The new article, with counts of what was stored."),
        HTTP_403=Error,
        HTTP_409=(Error, "This text is stored already; `Location` names that article."),
    ),
    tags=["articles"],
    operation_id="createArticle",
)
def create_article() -> ResponseReturnValue:
    """Import an Arabic article (teachers): analysed, with its lesson

    The article, its tokens, vocabulary and generated questions (pending review) are
    stored together. The same text twice answers 409 with a Location header naming the
    existing article (learn/api/errors.py)."""
    body: NewArticle = declared_body()
    article = service.import_article(
        body.title, body.source or "", body.published or None, body.text, created_by=api_user()
    )
    vocabulary = article.vocabulary
    counts = {
        "tokens": len(article.tokens),
        "vocab": sum(1 for v in vocabulary if v.list_name == "vocab"),
        "people_places": sum(1 for v in vocabulary if v.list_name == "people_places"),
        "questions": len(article.questions),
    }
    answer = NewArticleAnswer.model_validate(
        {**Article.model_validate(article).model_dump(), "counts": counts}
    )
    headers = {"Location": url_for("api.get_article", article_id=article.id)}
    return answer, 201, headers  # type: ignore[return-value]


@bp.get("/articles/<int:article_id>")
@api_auth()
@api_spec.validate(
    resp=Response(HTTP_200=(ArticleText, "The article."), HTTP_404=NO_ARTICLE),
    tags=["articles"],
    operation_id="getArticle",
)
def get_article(article_id: int) -> ResponseReturnValue:
    """An article's text, and its sentences with their analysed tokens"""
    article = _article_or_404(article_id)
    sentences = []
    for index, members in by_sentence(service.article_tokens(article)):
        start, end = members[0].start, members[-1].end
        tokens = [ArticleToken.of(t) for t in members]
        text = article.text[start:end]
        sentences.append(Sentence(index=index, start=start, end=end, text=text, tokens=tokens))
    return ArticleText.model_validate(  # type: ignore[return-value]
        {
            **Article.model_validate(article).model_dump(),
            "text": article.text,
            "sentences": sentences,
        }
    )


@bp.get("/articles/<int:article_id>/vocab")
@api_auth()
@api_spec.validate(
    resp=Response(HTTP_200=(Vocabulary, "Both lists."), HTTP_404=NO_ARTICLE),
    tags=["articles"],
    operation_id="getArticleVocab",
)
def get_article_vocab(article_id: int) -> ResponseReturnValue:
    """The article's ranked vocabulary and its people & places"""
    article = _article_or_404(article_id)
    return Vocabulary(  # type: ignore[return-value]
        article_id=article.id,
        vocab=[VocabEntry.of(v) for v in service.vocabulary_list(article, "vocab")],
        people_places=[NameEntry.of(v) for v in service.vocabulary_list(article, "people_places")],
    )


@bp.get("/articles/<int:article_id>/questions")
@api_auth("teacher")
@api_spec.validate(
    query=QuestionsQuery,
    resp=Response(HTTP_200=ArticleQuestions, HTTP_403=Error, HTTP_404=NO_ARTICLE),
    tags=["articles"],
    operation_id="getArticleQuestions",
)
def get_article_questions(article_id: int) -> ResponseReturnValue:
    """The article's questions with their review status (teachers)

    Students get 403: questions carry their answers; students meet approved questions in
    the quizzes assigned to them."""
    article = _article_or_404(article_id)
    status = request.context.query.status  # type: ignore[attr-defined]
    # The review page's rule (learn/quizzes/questions.py): generated questions, and the
    # ones this teacher wrote; never another teacher's own questions with their answers.
    questions = visible_questions.article_questions(api_user(), article, status)
    return ArticleQuestions(  # type: ignore[return-value]
        article_id=article.id, questions=[ArticleQuestion.of(q) for q in questions]
    )
