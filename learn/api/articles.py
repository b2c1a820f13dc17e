"""Articles over the API: list, import (teachers), read with analysed tokens, vocabulary, and
the generated questions (teachers only: they carry the answers; students meet questions in
quizzes)."""

from __future__ import annotations

from typing import Any

from flask import current_app, request, url_for
from flask.typing import ResponseReturnValue

from learn.api.core import (
    NOT_BLANK,
    ApiError,
    api_auth,
    api_user,
    bp,
    error_responses,
    id_parameter,
    iso,
    json_body,
    json_content,
    request_body,
    schema_ref,
    validation_error,
)
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
from learn.models import QUESTION_STATUSES, Article, ArticleToken, Question, VocabEntry
from learn.quizzes import questions as visible_questions


def article_json(article: Article) -> dict[str, Any]:
    return {
        "id": article.id,
        "title": article.title,
        "source": article.source,
        "language": article.language,
        "published": article.published.isoformat() if article.published else None,
        "created_at": iso(article.created_at),
        "analysed_at": iso(article.analysed_at),
    }


def token_json(token: ArticleToken) -> dict[str, Any]:
    return {
        "position": token.position,
        "index": token.index,
        "start": token.start,
        "end": token.end,
        "surface": token.surface,
        "diac": token.diac,
        "lemma": token.lemma,
        "pos": token.pos,
        "gloss": token.gloss,
        "root": token.root,
        "entity": token.entity,
        "source": token.source,
        "root_note": token.root_note,
        "parts": token.parts or [],
        "alternatives": token.alternatives or [],
    }


def sentences_json(article: Article, tokens: list[ArticleToken]) -> list[dict[str, Any]]:
    """Sentences with their tokens; a sentence spans its first token's start to its last's end."""
    sentences = []
    for index, members in by_sentence(tokens):
        start, end = members[0].start, members[-1].end
        sentences.append(
            {
                "index": index,
                "start": start,
                "end": end,
                "text": article.text[start:end],
                "tokens": [token_json(t) for t in members],
            }
        )
    return sentences


def vocab_json(entry: VocabEntry) -> dict[str, Any]:
    data = entry.data or {}
    return {
        "lemma": entry.lemma,
        "pos": entry.pos,
        "gloss": entry.gloss,
        "root": entry.root,
        "count": entry.count,
        "rank": entry.rank,
        "zipf": entry.zipf,
        "band": data.get("band"),
        "domain": entry.domain,
        "forms": data.get("forms", []),
        "examples": data.get("examples", []),
    }


def name_json(entry: VocabEntry) -> dict[str, Any]:
    data = entry.data or {}
    return {
        "name": entry.lemma,
        "type": data.get("type"),
        "gloss": entry.gloss or None,
        "title": data.get("title"),
        "count": entry.count,
        "forms": data.get("forms", []),
        "examples": data.get("examples", []),
    }


def question_json(question: Question) -> dict[str, Any]:
    return {
        "id": question.id,
        "uid": question.uid,
        "type": question.type,
        "format": question.format,
        "status": question.status,
        "origin": question.origin,
        "prompt_ar": question.prompt_ar,
        "prompt_en": question.prompt_en,
        "answer": question.answer,
        "choices": question.choices,
        "accepted_answers": question.accepted_answers,
        "evidence": {
            "text": question.evidence_text,
            "start": question.evidence_start,
            "end": question.evidence_end,
        },
        "difficulty": question.difficulty,
        "lemma": question.lemma,
        "version": question.version,
        "created_at": iso(question.created_at),
        "updated_at": iso(question.updated_at),
    }


def _article_or_404(article_id: int) -> Article:
    article = service.get_article(article_id)
    if article is None:
        raise ApiError(404, "No such article.")
    return article


# Any character but the control characters that the import refuses (plain text has none).
_PLAIN = "[^" + CONTROL_CHARS.pattern.removeprefix("[").removesuffix("]") + "]"
NEW_ARTICLE_BODY: dict[str, Any] = {
    "type": "object",
    "required": ["title", "text"],
    "properties": {
        "title": {
            **NOT_BLANK,
            "maxLength": TITLE_MAX,
            "x-message": "Give the article a title.",
        },
        "text": {
            "type": "string",
            "pattern": f"^{_PLAIN}*{ARABIC_LETTER.pattern}{_PLAIN}*$",
            "x-message": "The text must contain Arabic letters and no control characters; "
            "paste the article as plain text.",
            "description": "Arabic text of at most MAX_ARTICLE_BYTES bytes of UTF-8 "
            "(200,000 by default; a larger one is a 422 naming `text`).",
        },
        "source": {"type": ["string", "null"], "maxLength": SOURCE_MAX},
        "published": {
            "type": ["string", "null"],
            "anyOf": [{"format": "date"}, {"const": ""}],
            "x-message": "The publication date must be a date like 2025-01-17.",
            "description": "A date like 2025-01-17; empty or null when unknown.",
        },
    },
}


def _text_problem(text: Any) -> str | None:
    """The import's own reason for refusing a text (empty, not Arabic, control characters)."""
    if not isinstance(text, str):
        return None
    try:
        check_text(text, current_app.config["MAX_ARTICLE_BYTES"])
    except ArticleInputError as error:
        return str(error)
    return None


@bp.get("/articles")
@api_auth()
def list_articles() -> ResponseReturnValue:
    return {"articles": [article_json(a) for a in service.list_articles()]}


@bp.post("/articles")
@api_auth("teacher")
def create_article() -> ResponseReturnValue:
    """201 with the analysed article; 409 (and a Location header) when the text exists
    (learn/api/errors.py answers the import's refusals)."""
    body = json_body(NEW_ARTICLE_BODY, explain={"text": _text_problem})
    title, text = body["title"], body["text"]
    source, published = body.get("source") or "", body.get("published") or None
    article = service.import_article(title, source, published, text, created_by=api_user())
    answer = article_json(article)
    answer["counts"] = {
        "tokens": len(article.tokens),
        "vocab": sum(1 for v in article.vocabulary if v.list_name == "vocab"),
        "people_places": sum(1 for v in article.vocabulary if v.list_name == "people_places"),
        "questions": len(article.questions),
    }
    headers = {"Location": url_for("api.get_article", article_id=article.id)}
    return answer, 201, headers


@bp.get("/articles/<int:article_id>")
@api_auth()
def get_article(article_id: int) -> ResponseReturnValue:
    article = _article_or_404(article_id)
    answer = article_json(article)
    answer["text"] = article.text
    answer["sentences"] = sentences_json(article, service.article_tokens(article))
    return answer


@bp.get("/articles/<int:article_id>/vocab")
@api_auth()
def get_article_vocab(article_id: int) -> ResponseReturnValue:
    article = _article_or_404(article_id)
    return {
        "article_id": article.id,
        "vocab": [vocab_json(v) for v in service.vocabulary_list(article, "vocab")],
        "people_places": [name_json(v) for v in service.vocabulary_list(article, "people_places")],
    }


@bp.get("/articles/<int:article_id>/questions")
@api_auth("teacher")
def get_article_questions(article_id: int) -> ResponseReturnValue:
    article = _article_or_404(article_id)
    status = request.args.get("status")
    if status is not None and status not in QUESTION_STATUSES:
        raise validation_error(
            "status", f"“status” must be one of: {', '.join(QUESTION_STATUSES)}."
        )
    # The review page's rule (learn/quizzes/questions.py): generated questions, and the
    # ones this teacher wrote; never another teacher's own questions with their answers.
    questions = visible_questions.article_questions(api_user(), article, status)
    return {"article_id": article.id, "questions": [question_json(q) for q in questions]}


# --- OpenAPI ------------------------------------------------------------------------------

ARTICLE_ID_PARAMETER = id_parameter("article_id")
_NULLABLE_STRING = {"type": ["string", "null"]}
_SPAN = {
    "type": "object",
    "description": "A sentence and a span in it (offsets into `text`).",
    "properties": {
        "text": {"type": "string"},
        "start": {"type": ["integer", "null"]},
        "end": {"type": ["integer", "null"]},
        "sentence": {"type": "integer"},
    },
}

OPENAPI_SCHEMAS: dict[str, Any] = {
    "Article": {
        "type": "object",
        "required": ["id", "title", "source", "language", "published", "created_at"],
        "properties": {
            "id": {"type": "integer"},
            "title": {"type": "string"},
            "source": {"type": "string"},
            "language": {"type": "string", "examples": ["ar"]},
            "published": {
                "type": ["string", "null"],
                "anyOf": [{"format": "date"}, {"const": ""}],
                "x-message": "The publication date must be a date like 2025-01-17.",
                "description": "A date like 2025-01-17; empty or null when unknown.",
            },
            "created_at": {"type": "string", "format": "date-time"},
            "analysed_at": {"type": ["string", "null"], "format": "date-time"},
        },
    },
    "ArticleToken": {
        "type": "object",
        "description": "A word or punctuation mark; `start`/`end` are offsets into the "
        "article's `text` (`text[start:end] == surface`).",
        "required": ["position", "index", "start", "end", "surface", "lemma", "pos", "gloss"],
        "properties": {
            "position": {"type": "integer", "description": "Index in the whole article."},
            "index": {"type": "integer", "description": "Index in its sentence."},
            "start": {"type": "integer"},
            "end": {"type": "integer"},
            "surface": {"type": "string"},
            "diac": {"type": "string", "description": "Vocalized form in context."},
            "lemma": {"type": "string", "description": "Vocalized lemma; empty for punctuation."},
            "pos": {"type": "string", "examples": ["verb", "noun", "noun_prop", "punc"]},
            "gloss": {"type": "string", "description": "English senses, `; `-separated."},
            "root": {**_NULLABLE_STRING, "examples": ["و.ق.ع"]},
            "entity": {
                **_NULLABLE_STRING,
                "examples": ["PERSON", "LOCATION", "ORGANIZATION", "DATE"],
            },
            "source": {
                "type": "string",
                "description": "Where the analysis came from: lex, overlay, correction, "
                "backoff (a guess: the word is not in the dictionary), ...",
            },
            "root_note": {
                **_NULLABLE_STRING,
                "description": "Why there is no root: function word, name, borrowed word, "
                "abbreviation, not found (null when there is a root, or not recorded).",
            },
            "parts": {
                "type": "array",
                "description": "The written word in parts; empty without clitics. The "
                "token's lemma and gloss are the stem's.",
                "items": {
                    "type": "object",
                    "required": ["kind", "form", "gloss"],
                    "properties": {
                        "kind": {"type": "string", "enum": ["proclitic", "stem", "enclitic"]},
                        "form": {"type": "string", "examples": ["وَ"]},
                        "gloss": {"type": "string", "examples": ["and"]},
                    },
                },
            },
            "alternatives": {
                "type": "array",
                "description": "Readings that came close to the chosen one (a close call).",
                "items": {
                    "type": "object",
                    "required": ["lemma", "pos", "gloss"],
                    "properties": {
                        "lemma": {"type": "string"},
                        "pos": {"type": "string"},
                        "gloss": {"type": "string"},
                        "diac": {"type": "string"},
                    },
                },
            },
        },
    },
    "VocabEntry": {
        "type": "object",
        "required": ["lemma", "pos", "gloss", "count", "rank"],
        "properties": {
            "lemma": {"type": "string"},
            "pos": {"type": "string"},
            "gloss": {"type": "string"},
            "root": _NULLABLE_STRING,
            "count": {"type": "integer"},
            "rank": {"type": "integer", "description": "1 = most worth learning."},
            "zipf": {"type": ["number", "null"]},
            "band": _NULLABLE_STRING,
            "domain": {"type": "string"},
            "forms": {"type": "array", "items": {"type": "string"}},
            "examples": {"type": "array", "items": _SPAN},
        },
    },
    "NameEntry": {
        "type": "object",
        "required": ["name", "type", "count"],
        "properties": {
            "name": {"type": "string"},
            "type": {"type": "string", "enum": ["PERSON", "LOCATION", "ORGANIZATION"]},
            "gloss": _NULLABLE_STRING,
            "title": _NULLABLE_STRING,
            "count": {"type": "integer"},
            "forms": {"type": "array", "items": {"type": "string"}},
            "examples": {"type": "array", "items": _SPAN},
        },
    },
    "ArticleQuestion": {
        "type": "object",
        "required": ["id", "type", "format", "status", "origin", "answer", "choices"],
        "properties": {
            "id": {"type": "integer"},
            "uid": {"type": "string"},
            "type": {"type": "string", "examples": ["who", "how_long", "meaning_ar_en"]},
            "format": {"type": "string", "enum": ["multiple_choice", "true_false", "short_answer"]},
            "status": {"type": "string", "enum": list(QUESTION_STATUSES)},
            "origin": {"type": "string", "enum": ["generated", "teacher"]},
            "prompt_ar": {"type": "string"},
            "prompt_en": {"type": "string"},
            "answer": {"type": "string"},
            "choices": {"type": "array", "items": {"type": "string"}},
            "accepted_answers": {"type": "array", "items": {"type": "string"}},
            "evidence": _SPAN,
            "difficulty": {"type": ["number", "null"]},
            "lemma": _NULLABLE_STRING,
            "version": {
                "type": "integer",
                "minimum": 1,
                "description": "Editing a question that an assigned quiz uses makes a new "
                "version (a new id); the quiz keeps the version its students were given.",
            },
            "created_at": {"type": "string", "format": "date-time"},
            "updated_at": {"type": "string", "format": "date-time"},
        },
    },
}

OPENAPI_PATHS: dict[str, Any] = {
    "/articles": {
        "get": {
            "operationId": "listArticles",
            "summary": "Every article, newest first",
            "tags": ["articles"],
            "responses": {
                "200": {
                    "description": "The articles.",
                    **json_content(
                        {
                            "type": "object",
                            "required": ["articles"],
                            "properties": {
                                "articles": {"type": "array", "items": schema_ref("Article")}
                            },
                        }
                    ),
                },
                **error_responses(401),
            },
        },
        "post": {
            "operationId": "createArticle",
            "summary": "Import an Arabic article (teachers): analysed, with its lesson",
            "description": "The text must be Arabic and at most MAX_ARTICLE_BYTES bytes of "
            "UTF-8 (200,000 by default). The article, its tokens, vocabulary and generated "
            "questions (pending review) are stored together. The same text twice answers "
            "409 with a Location header naming the existing article.",
            "tags": ["articles"],
            "requestBody": request_body(NEW_ARTICLE_BODY),
            "responses": {
                "201": {
                    "description": "The new article, with counts of what was stored.",
                    **json_content(
                        {
                            "allOf": [
                                schema_ref("Article"),
                                {
                                    "type": "object",
                                    "properties": {
                                        "counts": {
                                            "type": "object",
                                            "additionalProperties": {"type": "integer"},
                                        }
                                    },
                                },
                            ]
                        }
                    ),
                },
                **error_responses(400, 401, 403, 409, 413, 422),
            },
        },
    },
    "/articles/{article_id}": {
        "get": {
            "operationId": "getArticle",
            "summary": "An article's text, and its sentences with their analysed tokens",
            "tags": ["articles"],
            "parameters": [ARTICLE_ID_PARAMETER],
            "responses": {
                "200": {
                    "description": "The article.",
                    **json_content(
                        {
                            "allOf": [
                                schema_ref("Article"),
                                {
                                    "type": "object",
                                    "required": ["text", "sentences"],
                                    "properties": {
                                        "text": {"type": "string"},
                                        "sentences": {
                                            "type": "array",
                                            "items": {
                                                "type": "object",
                                                "required": ["index", "start", "end", "tokens"],
                                                "properties": {
                                                    "index": {"type": "integer"},
                                                    "start": {"type": "integer"},
                                                    "end": {"type": "integer"},
                                                    "text": {"type": "string"},
                                                    "tokens": {
                                                        "type": "array",
                                                        "items": schema_ref("ArticleToken"),
                                                    },
                                                },
                                            },
                                        },
                                    },
                                },
                            ]
                        }
                    ),
                },
                **error_responses(401, 404),
            },
        }
    },
    "/articles/{article_id}/vocab": {
        "get": {
            "operationId": "getArticleVocab",
            "summary": "The article's ranked vocabulary and its people & places",
            "tags": ["articles"],
            "parameters": [ARTICLE_ID_PARAMETER],
            "responses": {
                "200": {
                    "description": "Both lists.",
                    **json_content(
                        {
                            "type": "object",
                            "required": ["article_id", "vocab", "people_places"],
                            "properties": {
                                "article_id": {"type": "integer"},
                                "vocab": {"type": "array", "items": schema_ref("VocabEntry")},
                                "people_places": {
                                    "type": "array",
                                    "items": schema_ref("NameEntry"),
                                },
                            },
                        }
                    ),
                },
                **error_responses(401, 404),
            },
        }
    },
    "/articles/{article_id}/questions": {
        "get": {
            "operationId": "getArticleQuestions",
            "summary": "The article's questions with their review status (teachers)",
            "description": "Students get 403: questions carry their answers; students meet "
            "approved questions in the quizzes assigned to them.",
            "tags": ["articles"],
            "parameters": [
                ARTICLE_ID_PARAMETER,
                {
                    "name": "status",
                    "in": "query",
                    "required": False,
                    "schema": {"type": "string", "enum": list(QUESTION_STATUSES)},
                },
            ],
            "responses": {
                "200": {
                    "description": "The questions, oldest first.",
                    **json_content(
                        {
                            "type": "object",
                            "required": ["article_id", "questions"],
                            "properties": {
                                "article_id": {"type": "integer"},
                                "questions": {
                                    "type": "array",
                                    "items": schema_ref("ArticleQuestion"),
                                },
                            },
                        }
                    ),
                },
                **error_responses(401, 403, 404, 422),
            },
        }
    },
}
