"""Request and response shapes declared once, as pydantic models, with spectree.

A route converted to this mechanism says what it takes and answers in its decorator::

    @bp.post("/tokens")
    @api_spec.validate(json=NewTokenRequest, resp=Response(HTTP_201=NewToken), tags=["tokens"])
    def create_token():
        body = declared_body()  # a NewTokenRequest

spectree validates the body against the model (pydantic, strict JSON types) before the
view runs, serializes what the view returns through the response model, and generates the
operation's OpenAPI description from both; `learn/api/openapi.py` builds the document from
it (docs/api.md, "Shapes declared once").

Errors keep the API's one shape: a body that is not a JSON object, or holds text no column
can store, is the same 400 as elsewhere (checked before spectree parses it), and a model's
refusal becomes the usual 422 with a sentence per field.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from datetime import datetime
from typing import Annotated, Any

from flask import current_app, request
from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    WithJsonSchema,
)
from pydantic import ValidationError as ModelError
from pydantic.json_schema import models_json_schema
from pydantic_core import PydanticCustomError
from spectree import Response, SpecTree

from learn.api.core import (
    API_PREFIX,
    ID_SCHEMA,
    ApiError,
    bp,
    iso,
    json_body,
    too_deep,
)

__all__ = [
    "WHOLE",
    "Response",
    "Shape",
    "UserSummary",
    "UtcDateTime",
    "api_spec",
    "declared_body",
    "optional_body",
    "spectree_paths",
    "unique_items",
]


class Shape(BaseModel):
    """A request or response shape: JSON types as sent (`"3"` is no number), members the
    shape does not name are ignored, responses read from ORM objects."""

    model_config = ConfigDict(strict=True, from_attributes=True, regex_engine="python-re")


def _whole_float(value: Any) -> Any:
    return int(value) if isinstance(value, float) and value.is_integer() else value


# For a request's whole numbers, after their Field (so that its limits stay minimum and
# maximum in the schema): `Annotated[int, Field(ge=1), WHOLE]`. JSON Schema counts 3.0 as
# an integer, so the API does too (strict mode alone would refuse it); "3" and true stay
# refused.
WHOLE = BeforeValidator(_whole_float)


def unique_items(message: str) -> AfterValidator:
    """A list's `uniqueItems`, enforced with this sentence (pydantic only documents it)."""

    def check(items: list[Any]) -> list[Any]:
        if len(set(items)) != len(items):
            raise PydanticCustomError("unique_items", message)
        return items

    return AfterValidator(check)


# SQLite hands back naive datetimes that are UTC; `iso` writes both kinds with a Z.
UtcDateTime = Annotated[
    datetime,
    PlainSerializer(iso, return_type=str, when_used="json"),
    WithJsonSchema({"type": "string", "format": "date-time"}),
]


class UserSummary(Shape):
    """A person as other people see them (a class's teacher, a student in a gradebook)."""

    id: int
    username: str
    display_name: str


class ErrorDetail(BaseModel):
    status: Annotated[int, Field(description="The HTTP status, repeated.")]
    message: Annotated[str, Field(description="What went wrong, for people.")]
    fields: Annotated[
        dict[str, str],
        Field(description="For 422: the invalid fields and what is wrong with each."),
    ] = {}


class Error(BaseModel):
    """The one error shape of the API."""

    error: ErrorDetail


def component_schemas(*models: type[BaseModel]) -> dict[str, Any]:
    """The JSON Schemas of these models (and those they use) as OpenAPI components."""
    _, document = models_json_schema(
        [(model, "serialization") for model in models],
        ref_template="#/components/schemas/{model}",
    )
    return dict(document.get("$defs", {}))


# Refusals a field's `x-message` words better than the generic sentence.
WORDED_KINDS = {
    "string_pattern_mismatch",
    "string_too_short",
    "int_parsing",
    "greater_than_equal",
    "less_than_equal",
    "literal_error",
    "too_short",
}
TYPE_WORDS = {
    "int_parsing": "a whole number",
    "string_type": "a string",
    "int_type": "a whole number",
    "int_from_float": "a whole number",
    "float_type": "a number",
    "bool_type": "true or false",
    "list_type": "a list",
    "dict_type": "an object",
    "model_type": "an object",
}


def _field(location: tuple[Any, ...]) -> str:
    path = ""
    for part in location:
        path += f"[{part}]" if isinstance(part, int) else (f".{part}" if path else str(part))
    return path


def _sentence(problem: Mapping[str, Any], field: str, model: type[BaseModel]) -> str:
    kind, context = problem["type"], problem.get("ctx") or {}
    name = f"“{field}”"
    properties = model.model_json_schema().get("properties", {}) if model is not Shape else {}
    extra = properties.get(field, {})
    if kind in WORDED_KINDS and "x-message" in extra:
        return str(extra["x-message"])
    if kind == "missing":
        return f"{name} is required."
    if kind in TYPE_WORDS:
        return f"{name} must be {TYPE_WORDS[kind]}."
    if kind == "string_too_long":
        return f"{name} must be at most {context.get('max_length')} characters."
    if kind in ("unique_items", "worded"):
        return str(problem["msg"])
    if kind == "too_long":
        return f"{name} takes at most {context.get('max_length')} items."
    if kind == "literal_error":
        return f"{name} must be {context.get('expected')}."
    if kind == "greater_than_equal":
        return f"{name} must be at least {context.get('ge')}."
    if kind == "less_than_equal":
        return f"{name} must be at most {context.get('le')}."
    return f"{name}: {problem['msg']}."


def _refusal(error: ModelError, model: type[BaseModel]) -> ApiError:
    fields: dict[str, str] = {}
    for problem in error.errors(include_context=True):
        field = _field(tuple(problem["loc"])) or "body"
        fields.setdefault(field, _sentence(problem, field, model))
    return ApiError(422, next(iter(fields.values())), fields)


def _before(req: Any, resp: Any, error: Exception | None, instance: Any, *_: Any) -> None:
    """spectree's hook after it validated a request (inside the route's auth check): the
    API's 400s for the body first, then spectree's refusal as the usual 422."""
    if isinstance(error, ModelError):
        if _reads_body():
            json_body()
        raise _refusal(error, _shape_named(error.title)) from None
    if _reads_body():
        json_body()  # NUL and lone surrogates pass a model's string fields


def _reads_body() -> bool:
    """A body to check: the route declares one, and it is sent or not optional."""
    if not _declares_body():
        return False
    return bool(request.get_data()) or _json_model_name() not in OPTIONAL_BODIES


def _json_model_name() -> str:
    view = current_app.view_functions.get(request.endpoint or "")
    metadata = api_spec.get_function_metadata(view) if view is not None else None
    return str(metadata.json) if metadata is not None else ""


def _after(req: Any, resp: Any, error: Exception | None, instance: Any, *_: Any) -> None:
    """An answer that does not fit its own model is a bug: the usual logged 500."""
    if error is not None:
        raise RuntimeError(f"the answer of {req.method} {req.path} does not fit its model: {error}")


def _all_shapes() -> list[type[BaseModel]]:
    found: list[type[BaseModel]] = []
    pending: list[type[BaseModel]] = [Shape]
    while pending:
        model = pending.pop()
        found.append(model)
        pending.extend(model.__subclasses__())
    return found


def _check_unique_names() -> None:
    """Shapes are documented under their class names: two of one name would be one."""
    names = [model.__name__ for model in _all_shapes()]
    twice = sorted({name for name in names if names.count(name) > 1})
    if twice:
        raise RuntimeError(f"API shapes share a name: {', '.join(twice)}")


def _shape_named(name: str) -> type[BaseModel]:
    pending: list[type[BaseModel]] = [Shape]
    while pending:
        model = pending.pop()
        if model.__name__ == name:
            return model
        pending.extend(model.__subclasses__())
    return Shape


api_spec = SpecTree(
    "flask",
    mode="strict",
    before=_before,
    after=_after,
    validation_error_model=Error,
    naming_strategy=lambda model: model.__name__,
    nested_naming_strategy=lambda _parent, child: child,
    # Views read the validated body with `declared_body()`: spectree's annotation mode
    # would evaluate every hint of the view (Flask's ResponseReturnValue fails to).
    annotations=False,
)


def declared_body() -> Any:
    """The request body as the route's `json=` model validated it."""
    return request.context.json  # type: ignore[attr-defined]


# Models a route takes as its body or no body at all (POST /quizzes/{id}/attempts).
OPTIONAL_BODIES: set[str] = set()


def optional_body(model: type[Shape]) -> type[Shape]:
    """Mark a `json=` model as optional: an empty request is no body, not a 400."""
    OPTIONAL_BODIES.add(model.__name__)
    return model


def _declares_body() -> bool:
    if request.endpoint is None or request.method in ("GET", "DELETE"):
        return False
    view = current_app.view_functions.get(request.endpoint)
    metadata = api_spec.get_function_metadata(view) if view is not None else None
    return metadata is not None and metadata.json is not None


@bp.before_request
def _parse_declared_body() -> None:
    """Parse the body of a route with a `json=` model before spectree does: its parser's
    RecursionError on JSON nested ~1,000 deep would escape spectree as a 500. Flask keeps
    the parsed body for spectree and `json_body`."""
    if _declares_body():
        try:
            request.get_json(silent=True)
        except RecursionError:
            raise too_deep() from None


@bp.record_once
def _attach(state: Any) -> None:
    api_spec.app = state.app  # spectree finds the decorated routes in the app's URL map


def spectree_paths() -> tuple[dict[str, Any], dict[str, Any]]:
    """The paths and schemas spectree generates for the converted routes, relative to
    /api/v1 like the document's servers entry says, with our id ranges for path ids."""
    if getattr(api_spec, "app", None) is None:
        return {}, {}
    _check_unique_names()
    document = copy.deepcopy(api_spec.spec)
    paths = {}
    for path, operations in document["paths"].items():
        for operation in operations.values():
            for parameter in operation.get("parameters", []):
                if parameter.get("in") == "path" and parameter["schema"].get("type") == "integer":
                    parameter["schema"] = dict(ID_SCHEMA)
            reads_input = "requestBody" in operation or any(
                p.get("in") == "query" for p in operation.get("parameters", [])
            )
            if not reads_input:  # spectree lists its 422 on every route; these cannot fail so
                operation["responses"].pop("422", None)
            body = operation.get("requestBody")
            if body is not None:
                reference = body["content"]["application/json"]["schema"]["$ref"]
                body["required"] = reference.rsplit("/", 1)[-1] not in OPTIONAL_BODIES
            if not operation.get("description"):
                operation.pop("description", None)
            if not operation.get("parameters"):
                operation.pop("parameters", None)
        paths[path.removeprefix(API_PREFIX)] = operations
    return paths, document["components"]["schemas"]
