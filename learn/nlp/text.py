"""Input validation, Unicode cleanup, sentence splitting and tokenization.

Everything here keeps offsets honest: the cleanup (tatweel, invisible bidi/control
characters, NFC, Persian letter forms, Arabic-Indic digits) produces a *clean view*
of the text together with a map back to the original, and every span this module
returns (sentences, tokens, datelines) is in characters of the text exactly as the
caller gave it, so ``text[start:end]`` is always what the reader saw.

Size limit: texts longer than :data:`MAX_CHARS` characters are rejected with a
:class:`TextError` (a news article is 2-20k characters; a megabyte of text is not an
article, and analysing it would block a web worker for tens of seconds). The pure
segmentation functions (:func:`clean`, :func:`split_sentences`, :func:`segment`)
have no limit; only :func:`prepare` enforces it.

Only ``camel_tools.tokenizers.word`` is imported from camel-tools; it needs none of
the data catalogue that ``camel_tools.morphology`` would try to download.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

MAX_CHARS = 200_000

_ARABIC_LETTER_RE = re.compile(r"[\u0621-\u063a\u0641-\u064a\u066e-\u06d3\u06fa-\u06fc]")


class TextError(ValueError):
    """The text cannot be analysed; ``str(error)`` is a message fit for a user."""


# --------------------------------------------------------------------------- input


def decode(data: str | bytes) -> str:
    """Return ``data`` as text, decoding bytes as strict UTF-8 (a leading BOM is allowed)."""
    if isinstance(data, str):
        return data
    try:
        return bytes(data).decode("utf-8")
    except UnicodeDecodeError as exc:
        raise TextError(
            f"the text is not valid UTF-8 (bad byte at position {exc.start}); "
            "save it as UTF-8 and try again"
        ) from None


def prepare(data: str | bytes, max_chars: int = MAX_CHARS) -> str:
    """Decode and validate a text for analysis; raise :class:`TextError` if it is unusable.

    The text is returned unchanged (not cleaned): offsets refer to it.
    """
    if isinstance(data, bytes | bytearray) and len(data) > 4 * max_chars:
        # Decoding a huge upload only to reject it wastes memory; 4 bytes/char is UTF-8's max.
        raise TextError(_too_long(len(data), max_chars, unit="bytes"))
    text = decode(data)
    if not text.strip():
        raise TextError("the text is empty")
    if len(text) > max_chars:
        raise TextError(_too_long(len(text), max_chars, unit="characters"))
    if not _ARABIC_LETTER_RE.search(text):
        raise TextError("the text contains no Arabic letters")
    return text


def _too_long(size: int, limit: int, unit: str) -> str:
    return f"the text is too long ({size:,} {unit}; the limit is {limit:,} characters)"


def has_arabic(text: str) -> bool:
    return bool(_ARABIC_LETTER_RE.search(text))


# ------------------------------------------------------------------------- cleanup

# Removed outright: tatweel, zero-width and bidi controls, BOM, soft hyphen.
_DROP = frozenset(
    "\u0640\u00ad\u061c\u180e\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e"
    "\u2060\u2066\u2067\u2068\u2069\ufeff"
)
# One-for-one replacements that keep every offset in place.
_REPLACE = str.maketrans(
    {
        **{chr(0x0660 + d): str(d) for d in range(10)},  # Arabic-Indic digits
        **{chr(0x06F0 + d): str(d) for d in range(10)},  # Extended (Persian) digits
        "\u066b": ".",  # Arabic decimal separator
        "\u066c": ",",  # Arabic thousands separator
        "\u06cc": "ي",  # Persian yeh, common in copied Iranian names
        "\u06a9": "ك",  # Keheh
        "\u00a0": " ",
        "\u2007": " ",
        "\u202f": " ",
        "\r": "\n",
    }
)
# Characters whose presence means the slow, character-by-character cleanup is needed.
_NEEDS_WORK_RE = re.compile(
    "[" + "".join(sorted(_DROP)) + r"\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u0653-\u0655"
    r"\ufb50-\ufdff\ufe70-\ufefc]"
)


@dataclass(frozen=True, slots=True)
class CleanText:
    """A cleaned view of ``original`` plus, per clean character, its original span.

    ``starts``/``ends`` are ``None`` when the view is aligned one-for-one with the
    original (the common case), which keeps a megabyte of clean text cheap.
    """

    original: str
    text: str
    starts: tuple[int, ...] | None = None
    ends: tuple[int, ...] | None = None

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Map the clean half-open span ``[start, end)`` to the original text."""
        if self.starts is None or self.ends is None:
            return start, end
        if end <= start:
            pos = self.starts[start] if start < len(self.starts) else len(self.original)
            return pos, pos
        return self.starts[start], self.ends[end - 1]


def clean(text: str) -> CleanText:
    """Normalise ``text`` for analysis, remembering where every character came from.

    Removes tatweel, bidi/zero-width/control characters; composes hamza and madda
    marks (NFC); unfolds Arabic presentation forms (NFKC); maps Arabic-Indic digits
    and separators, Persian yeh/keheh and exotic spaces to their plain forms.
    """
    replaced = text.translate(_REPLACE)
    if not _NEEDS_WORK_RE.search(replaced):
        return CleanText(text, replaced)
    out: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    pos = 0  # everything before pos is done
    for m in _NEEDS_WORK_RE.finditer(replaced):
        if m.start() < pos:
            continue  # already handled as part of the previous cluster
        region_start, region_end = _cluster_around(replaced, m.start())
        region_start = max(region_start, pos)
        # Untouched stretches are copied in bulk, aligned one-for-one.
        out.append(replaced[pos:region_start])
        starts.extend(range(pos, region_start))
        ends.extend(range(pos + 1, region_start + 1))
        for cluster_start, cluster_end in _clusters(replaced, region_start, region_end):
            _clean_cluster(replaced, cluster_start, cluster_end, out, starts, ends)
        pos = region_end
    out.append(replaced[pos:])
    starts.extend(range(pos, len(replaced)))
    ends.extend(range(pos + 1, len(replaced) + 1))
    return CleanText(text, "".join(out), tuple(starts), tuple(ends))


def _clean_cluster(
    text: str, start: int, end: int, out: list[str], starts: list[int], ends: list[int]
) -> None:
    kept = [(i, ch) for i, ch in enumerate(text[start:end], start) if _keep(ch)]
    if not kept:
        return
    joined = "".join(ch for _, ch in kept)
    normal = _normalise_cluster(joined)
    if normal == joined:
        for i, ch in kept:
            out.append(ch)
            starts.append(i)
            ends.append(i + 1)
        return
    if normal[0] == joined[0] and len(normal) == len(joined) and len(kept) > 1:
        # Only the marks were put in canonical order (ٔ after ً): the base character keeps
        # its own span, so a tokenizer that splits it from the marks (".ًٔ") never gets two
        # tokens with the same offsets.
        first = kept[0][0]
        out.append(normal[0])
        starts.append(first)
        ends.append(first + 1)
        for ch in normal[1:]:
            out.append(ch)
            starts.append(first + 1)
            ends.append(end)
        return
    # A composed or unfolded cluster: every output character stands for all of it.
    for ch in normal:
        out.append(ch)
        starts.append(start)
        ends.append(end)


def _cluster_around(text: str, i: int) -> tuple[int, int]:
    """The base character + combining marks that contain position ``i``."""
    start, end = i, i + 1
    while start > 0 and unicodedata.combining(text[start]):
        start -= 1
    while end < len(text) and unicodedata.combining(text[end]):
        end += 1
    return start, end


def _keep(ch: str) -> bool:
    if ch in _DROP:
        return False
    if ch in "\n\t":
        return True
    return unicodedata.category(ch) != "Cc"


def _normalise_cluster(cluster: str) -> str:
    if any("\ufb50" <= ch <= "\ufdff" or "\ufe70" <= ch <= "\ufefc" for ch in cluster):
        return unicodedata.normalize("NFKC", cluster)
    return unicodedata.normalize("NFC", cluster)


def _clusters(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Split ``text[start:end]`` into base character + following combining marks."""
    spans: list[tuple[int, int]] = []
    for i in range(start + 1, end + 1):
        if i == end or not unicodedata.combining(text[i]):
            spans.append((start, i))
            start = i
    return spans


# ---------------------------------------------------------------- sentence splitting

TERMINATORS = frozenset(".!?؟…؛")
_STRONG_TERMINATORS = frozenset("!?؟؛…")
_QUOTE_PAIRS = {"“": "”", "«": "»", "„": "“", '"': '"', "‹": "›"}
_CLOSERS = frozenset("”»\"›')]}")
# Quotations longer than this may be split at their inner sentence ends; shorter ones never.
LONG_QUOTATION = 300
# Words that end with a dot without ending a sentence (compared without the dot, lowercased).
ABBREVIATIONS = frozenset(
    {"dr", "mr", "mrs", "ms", "prof", "st", "jr", "sr", "gen", "col", "lt", "sgt", "inc",
     "ltd", "co", "corp", "vs", "etc", "no", "jan", "feb", "mar", "apr", "jun", "jul", "aug",
     "sep", "sept", "oct", "nov", "dec", "fig", "approx",
     "د", "م.د", "أ.د", "ص.ب", "ج", "ق"}
)  # fmt: skip
# After a year these mark the calendar (1991 م. / 1445 هـ.) and may well end the sentence.
_DOTTED_ACRONYM_RE = re.compile(r"^(?:[^\W\d_]\.)+[^\W\d_]$")  # U.S, أ.ف.ب
_ERA_MARKS = frozenset({"م", "ه", "هـ"})
_AGENCY = r"[^()\n\d]{1,30}"
_PLACE_WORD = r"[^\s().،,:؛!?؟\"“”«»\-–—]+"
_DATELINE_RE = re.compile(
    # PLACE [DAY-MONTH] (AGENCY) – ...   e.g.  موسكو (أ ف ب) –  /  بيروت، لبنان (رويترز):
    # /  موسكو 15-7 (اف ب)-
    rf"\s*(?P<place>{_PLACE_WORD}(?:[ ،,]{{1,2}}{_PLACE_WORD}){{0,3}})"
    r"(?:\s+\d{1,2}[-/]\d{1,2})?"
    rf"\s*\((?P<agency>{_AGENCY})\)\s*[-–—:]\s*"
)


@dataclass(frozen=True, slots=True)
class SentenceSpan:
    start: int
    end: int
    dateline_end: int | None = None  # end of a leading dateline ("موسكو (أ ف ب) –"), if any


HEADLINE_MAX = 200  # a first line this short with no sentence end may be a headline


def find_dateline(text: str) -> tuple[int, int] | None:
    """Return the span of the dateline (place and agency) that opens the story, or ``None``.

    The dateline opens the text, or the line after a headline (a short first line with no
    sentence end: wire copy often starts with its title).
    """
    found = _dateline_at(text, 0)
    if found is None:
        newline = text.find("\n", 0, HEADLINE_MAX)
        headline = text[:newline].strip()
        if newline > 0 and headline and headline[-1] not in TERMINATORS:
            found = _dateline_at(text, newline + 1)
    return found


def _dateline_at(text: str, pos: int) -> tuple[int, int] | None:
    m = _DATELINE_RE.match(text, pos)
    if not m or "\n" in m.group(0).strip():
        return None
    start = m.start("place")
    end = m.end()
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def split_sentences(text: str) -> list[SentenceSpan]:
    """Split ``text`` into sentences; spans are trimmed of surrounding whitespace.

    Boundaries: line breaks; ``. ! ? ؟ … ؛`` followed by space, a closing quote or
    the end (a dot also before an Arabic letter). Not boundaries: decimals, dotted
    abbreviations (أ.ف.ب, U.S., د.), terminators inside a short quotation unless the
    quotation closes right after them (then the sentence ends after the quote). A
    dateline at the start stays with the first sentence, even on a line of its own.
    """
    dateline = find_dateline(text)
    cuts = _boundaries(text, skip=dateline)
    spans: list[SentenceSpan] = []
    prev = 0
    for cut in [*cuts, len(text)]:
        span = _trim(text, prev, cut)
        prev = cut
        if span is None:
            continue
        start, end = span
        if dateline and start == dateline[0] and end <= dateline[1] and cut < len(text):
            # The dateline stands alone on its line: it belongs to the sentence after it.
            prev = start
            continue
        dl_end = dateline[1] if dateline and start <= dateline[0] < end else None
        spans.append(SentenceSpan(start, end, dl_end))
    return spans


def _trim(text: str, start: int, end: int) -> tuple[int, int] | None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if start < end else None


# Characters the sentence splitter must look at; everything else is skipped in bulk.
_SIGNIFICANT_RE = re.compile(
    "[" + re.escape("\n" + "".join(TERMINATORS) + "".join(_QUOTE_PAIRS) + "”»›") + "]"
)


def _boundaries(text: str, skip: tuple[int, int] | None = None) -> list[int]:
    """Offsets where a sentence ends (exclusive); see :func:`split_sentences`.

    ``skip`` is a dateline's span: its dots (أ.ف.ب) and dashes end nothing.
    """
    cuts: list[int] = []
    quotes: list[tuple[str, int]] = []  # expected closer, position of the opener
    i = 0
    n = len(text)
    while i < n:
        nxt = _SIGNIFICANT_RE.search(text, i)  # jump over plain letters at C speed
        if nxt is None:
            break
        i = nxt.start()
        if skip and skip[0] <= i < skip[1]:
            i = skip[1]
            continue
        ch = text[i]
        if ch == "\n":
            cuts.append(i)
            quotes.clear()  # an unclosed quotation never runs past its paragraph
            i += 1
            continue
        if _track_quote(ch, quotes, i):
            i += 1
            continue
        if ch not in TERMINATORS or not _ends_sentence(text, i):
            i += 1
            continue
        j = i
        while j < n and text[j] in TERMINATORS:
            j += 1
        # Closing quotes and brackets right after the terminator belong to the sentence.
        while j < n and text[j] in _CLOSERS:
            if quotes and text[j] == quotes[-1][0]:
                quotes.pop()
            j += 1  # a stray closer or an apostrophe stays with the sentence too
        if quotes and i - quotes[0][1] < LONG_QUOTATION:
            i = j  # inside a short open quotation: not a sentence end
            continue
        if j < n and not (text[j].isspace() or _may_follow_boundary(text, i, j)):
            i = j
            continue
        cuts.append(j)
        i = j
    return cuts


def _track_quote(ch: str, quotes: list[tuple[str, int]], pos: int) -> bool:
    """Update the open-quotation stack; True when ``ch`` was a quotation mark."""
    if quotes and ch == quotes[-1][0]:
        quotes.pop()
        return True
    if ch in _QUOTE_PAIRS:
        quotes.append((_QUOTE_PAIRS[ch], pos))
        return True
    if ch == "”":  # a closing mark used as an opener, as some Arabic sites do
        quotes.append(("”", pos))
        return True
    return ch in "»›"  # stray closers: not terminators, not openers


def _may_follow_boundary(text: str, term: int, nxt: int) -> bool:
    """A sentence end glued to the next word: allowed before an Arabic letter."""
    return bool(_ARABIC_LETTER_RE.match(text[nxt])) and text[term] != "."


def _ends_sentence(text: str, i: int) -> bool:
    """Whether the terminator at ``i`` can end a sentence (dots need the most care)."""
    if text[i] in _STRONG_TERMINATORS:
        return True
    if text[i] != ".":
        return True
    before = _word_before(text, i)
    after = text[i + 1] if i + 1 < len(text) else ""
    if before.isdigit() and after.isdigit():
        return False  # 3.5
    if after == ".":
        return True  # an ellipsis written as dots; the run is handled by the caller
    if after and not after.isspace() and after not in _CLOSERS:
        # Glued to what follows: U.S.A, أ.ف.ب, example.com — but "الماضي.وقال" ends.
        return bool(_ARABIC_LETTER_RE.match(after)) and len(before) > 1
    bare = before.rstrip(".")
    if bare in _ERA_MARKS:
        return True  # 1991 م. — the era mark can close a sentence
    if (len(bare) == 1 and bare.isalpha()) or _DOTTED_ACRONYM_RE.match(bare):
        return False  # initials and dotted acronyms: J. Smith, U.S. officials, د. محمد
    return bare.lower() not in ABBREVIATIONS


def _word_before(text: str, i: int) -> str:
    j = i
    while j > 0 and (
        text[j - 1].isalnum() or text[j - 1] == "." or unicodedata.combining(text[j - 1])
    ):
        j -= 1
    return text[j:i]


# -------------------------------------------------------------------- tokenization

_NUMBER_PART_RE = re.compile(r"^\d+$")


def tokenize_span(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Tokenize ``text[start:end]`` with camel-tools; return absolute (start, end) spans.

    Numbers that camel-tools cuts at their separators (``3.5``, ``1,000``) are joined
    back into one token when nothing separates the parts.
    """
    # Imported here: camel-tools builds its Unicode tables at import (about 0.3 s), which
    # the web app should pay only when it first analyses a text, not at every start.
    from camel_tools.tokenizers.word import simple_word_tokenize

    spans: list[tuple[int, int]] = []
    pos = start
    for tok in simple_word_tokenize(text[start:end]):
        found = text.find(tok, pos, end)
        if found < 0:  # the tokenizer never rewrites, but never trust an offset blindly
            continue
        spans.append((found, found + len(tok)))
        pos = found + len(tok)
    return _join_numbers(text, spans)


def _join_numbers(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    i = 0
    while i < len(spans):
        s, e = spans[i]
        if text[e - 1].isdigit():  # a number, maybe after a clitic: و1,000
            while (
                i + 2 < len(spans)
                and text[spans[i + 1][0] : spans[i + 1][1]] in {".", ","}
                and spans[i + 1][0] == e
                and spans[i + 2][0] == spans[i + 1][1]
                and _NUMBER_PART_RE.match(text[spans[i + 2][0] : spans[i + 2][1]])
            ):
                e = spans[i + 2][1]
                i += 2
        out.append((s, e))
        i += 1
    return out


# ------------------------------------------------------------------------ together


@dataclass(frozen=True, slots=True)
class RawToken:
    start: int  # offsets in the original text
    end: int
    surface: str  # original[start:end]
    form: str  # the cleaned form to analyse (no tatweel, NFC, ASCII digits)


@dataclass(frozen=True, slots=True)
class Segment:
    start: int  # offsets in the original text
    end: int
    tokens: tuple[RawToken, ...]
    dateline_end: int | None = None


def segment(text: str) -> list[Segment]:
    """Clean, split and tokenize ``text``; every offset refers to ``text`` itself."""
    view = clean(text)
    segments: list[Segment] = []
    for sent in split_sentences(view.text):
        tokens: list[RawToken] = []
        for cs, ce in tokenize_span(view.text, sent.start, sent.end):
            os_, oe = view.span(cs, ce)
            if tokens and os_ < tokens[-1].end:
                # Two tokens of one original cluster ("–" + reordered marks, ":ًٔ"): one token,
                # so offsets never overlap.
                last = tokens.pop()
                os_, oe = last.start, max(oe, last.end)
                tokens.append(RawToken(os_, oe, text[os_:oe], last.form + view.text[cs:ce]))
                continue
            tokens.append(RawToken(os_, oe, text[os_:oe], view.text[cs:ce]))
        if not tokens:
            continue
        start, end = view.span(sent.start, sent.end)
        dl_end = view.span(sent.start, sent.dateline_end)[1] if sent.dateline_end else None
        segments.append(Segment(start, end, tuple(tokens), dl_end))
    return segments
