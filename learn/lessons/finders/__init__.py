"""Question finders, one module per question type, each registered once with its order.

Importing this package registers them all; :func:`registered` lists them in order.
"""

from __future__ import annotations

from learn.lessons.finders import (  # noqa: F401  (each module registers its finder)
    how_long,
    how_many,
    true_false,
    what,
    when,
    where,
    who,
    who_said,
)
from learn.lessons.finders.registry import Finder, Registered, register, registered

__all__ = ["Finder", "Registered", "register", "registered"]
