"""The registry of question finders: one module per question type registers its finder once.

A finder reads the article's context (sentences, entities, frames, agreements) and returns
drafts of one question type. ``generate_questions`` runs them in registration order, which is
the order a lesson lists its questions: the headline facts first. Adding a question type is one
new module that calls :func:`register`; nothing else changes (the way Lute v3 registers its
language parsers).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from learn.lessons.context import Context, Draft

Finder = Callable[[Context], list[Draft]]


@dataclass(frozen=True, slots=True)
class Registered:
    qtype: str  # the question type the finder's drafts have
    order: int  # lower runs (and is listed) first
    finder: Finder


_REGISTRY: dict[str, Registered] = {}


def register(qtype: str, order: int) -> Callable[[Finder], Finder]:
    """Decorator: make ``finder`` the finder of ``qtype`` questions."""

    def add(finder: Finder) -> Finder:
        if qtype in _REGISTRY:
            raise ValueError(f"a finder for {qtype!r} is already registered")
        _REGISTRY[qtype] = Registered(qtype, order, finder)
        return finder

    return add


def registered() -> list[Registered]:
    return sorted(_REGISTRY.values(), key=lambda r: r.order)
