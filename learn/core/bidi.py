"""Mixing right-to-left names into left-to-right sentences."""

FIRST_STRONG_ISOLATE = "\u2068"
POP_DIRECTIONAL_ISOLATE = "\u2069"


def isolate(text: str) -> str:
    """Wrap a user-supplied string (an Arabic title, a class name) so that its direction
    does not reorder the English sentence around it: without this, "Imported “روسيا”: 30
    questions" displays with the number pulled to the wrong side of the title."""
    return f"{FIRST_STRONG_ISOLATE}{text}{POP_DIRECTIONAL_ISOLATE}"
