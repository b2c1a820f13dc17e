"""Mixing right-to-left names into left-to-right sentences."""

import unicodedata

FIRST_STRONG_ISOLATE = "\u2068"
POP_DIRECTIONAL_ISOLATE = "\u2069"


def isolate(text: str) -> str:
    """Wrap a user-supplied string (an Arabic title, a class name) so that its direction
    does not reorder the English sentence around it: without this, "Imported “روسيا”: 30
    questions" displays with the number pulled to the wrong side of the title."""
    return f"{FIRST_STRONG_ISOLATE}{text}{POP_DIRECTIONAL_ISOLATE}"


def is_rtl(text: str) -> bool:
    """Whether the text's first strong character is right-to-left (Arabic), as the Unicode
    bidi algorithm and `dir="auto"` decide it: an article or quiz title may be Arabic or
    English, and each is set in its own direction and font."""
    for char in text:
        kind = unicodedata.bidirectional(char)
        if kind in ("R", "AL"):
            return True
        if kind == "L":
            return False
    return False
