"""Request bodies checked against the very schema the OpenAPI document shows for them.

A route declares its body once (a JSON Schema, draft 2020-12 as OpenAPI 3.1 uses) and
passes it both to `request_body(...)` for the document and to `json_body(schema)` for the
check, so the document cannot promise less or more than the server enforces. Each problem
becomes a 422 naming the field, with a sentence a person can act on.

What a schema cannot say (an approved question, a due date in the future, a word in some
article's vocabulary) stays in the services, which answer with their own 422/404/409.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Mapping
from datetime import date
from typing import Any

from jsonschema import Draft202012Validator, FormatChecker
from jsonschema.exceptions import ValidationError

# Only the formats this API uses, each checked as the server then parses it.
FORMAT_CHECKER = FormatChecker(formats=())
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


@FORMAT_CHECKER.checks("date", raises=ValueError)
def _is_date(value: object) -> bool:
    if not isinstance(value, str):
        return True
    return bool(_ISO_DATE.fullmatch(value)) and date.fromisoformat(value) is not None


@FORMAT_CHECKER.checks("uuid", raises=ValueError)
def _is_uuid(value: object) -> bool:
    if not isinstance(value, str):
        return True
    uuid.UUID(value)
    return len(value) == 36 and all(value[i] == "-" for i in (8, 13, 18, 23))


TYPE_WORDS = {
    "string": "a string",
    "integer": "a whole number",
    "number": "a number",
    "boolean": "true or false",
    "array": "a list",
    "object": "an object",
    "null": "null",
}


def body_problems(schema: Mapping[str, Any], body: Any) -> dict[str, str]:
    """Each invalid field of `body` (by its path, e.g. `question_ids[2]`) and why."""
    validator = Draft202012Validator(dict(schema), format_checker=FORMAT_CHECKER)
    problems: dict[str, str] = {}
    for error in sorted(
        validator.iter_errors(body), key=lambda e: [str(part) for part in e.absolute_path]
    ):
        field = field_name(error)
        problems.setdefault(field or "body", problem_message(error, field))
    return problems


def field_name(error: ValidationError) -> str:
    path = ""
    for part in error.absolute_path:
        path += f"[{part}]" if isinstance(part, int) else (f".{part}" if path else str(part))
    if error.validator == "required":
        missing = _missing_member(error)
        path = f"{path}.{missing}" if path else missing
    return path


def _missing_member(error: ValidationError) -> str:
    instance = error.instance if isinstance(error.instance, dict) else {}
    return next((name for name in error.validator_value if name not in instance), "")


def problem_message(error: ValidationError, field: str) -> str:
    """A sentence for one problem. A schema may say it better: `x-messages` maps a keyword
    (`uniqueItems`, ...) to its sentence, and `x-message` says what its `pattern`,
    `minLength` or `anyOf` asks for (rather than "not in the expected form")."""
    schema = error.schema if isinstance(error.schema, dict) else {}
    name = f"“{field}”" if field else "The body"
    keyword, limit = error.validator, error.validator_value
    if keyword in schema.get("x-messages", {}):
        return str(schema["x-messages"][keyword])
    if keyword in {"pattern", "minLength", "anyOf"} and "x-message" in schema:
        return str(schema["x-message"])
    if keyword == "required":
        return f"{name} is required."
    if keyword == "type":
        kinds = [limit] if isinstance(limit, str) else list(limit)
        return f"{name} must be {' or '.join(TYPE_WORDS.get(k, k) for k in kinds)}."
    if keyword == "enum":
        return f"{name} must be one of: {', '.join(map(str, limit))}."
    if keyword == "format":
        return f"{name} must be a {limit} ({_FORMAT_EXAMPLES.get(limit, limit)})."
    plural = "" if limit == 1 else "s"
    template = _MESSAGES.get(keyword, "{name} is not valid: {detail}")
    return template.format(name=name, limit=limit, plural=plural, detail=error.message)


_MESSAGES = {
    "maxLength": "{name} must be at most {limit} characters.",
    "minLength": "{name} must be at least {limit} characters.",
    "pattern": "{name} is not in the expected form.",
    "minimum": "{name} must be at least {limit}.",
    "maximum": "{name} must be at most {limit}.",
    "minItems": "{name} needs at least {limit} item{plural}.",
    "maxItems": "{name} takes at most {limit} items.",
    "uniqueItems": "{name} lists an item twice.",
}
_FORMAT_EXAMPLES = {
    "date": "like 2025-01-17",
    "uuid": "like 9b2e4c1a-3f4d-4e5a-8b6c-7d8e9f0a1b2c",
}
