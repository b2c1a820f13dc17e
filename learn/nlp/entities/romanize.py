"""A readable romanisation of Arabic names (a reading aid, not a scholarly transliteration).

With vowel marks (a vocalised analysis or input) the short vowels are written; without them,
long vowels come from the letters (و → u/w, ي → i/y, ا → a) and an ``a`` is supplied between
consonants the way names are usually spelled in English news (ظريف → Zarif). The article
is ``al-`` (assimilated letters are not doubled), name particles have their usual English
forms (بن → bin, أبو → Abu, عبد → Abd), and غ before a consonant or at the end of a foreign
name is "ng"'s g (بينغ → Bing).
"""

from __future__ import annotations

from learn.nlp.morphology.arabic import dediac, normalize_key

_CONSONANTS = {
    "ب": "b", "ت": "t", "ث": "th", "ج": "j", "ح": "h", "خ": "kh", "د": "d", "ذ": "dh",
    "ر": "r", "ز": "z", "س": "s", "ش": "sh", "ص": "s", "ض": "d", "ط": "t", "ظ": "z",
    "ع": "'", "غ": "gh", "ف": "f", "ق": "q", "ك": "k", "ل": "l", "م": "m", "ن": "n",
    "ه": "h", "ء": "'", "ئ": "'", "ؤ": "'", "پ": "p", "چ": "ch", "ڤ": "v", "گ": "g", "ژ": "zh",
}  # fmt: skip
_MARKS = {"\u064e": "a", "\u064f": "u", "\u0650": "i", "\u064b": "", "\u064c": "", "\u064d": ""}
_SHADDA, _SUKUN, _DAGGER = "\u0651", "\u0652", "\u0670"
# A monarch's regnal number: الملك عبد الله الثاني → Abdullah II.
_REGNAL = {
    normalize_key(w): en
    for w, en in (
        ("الأول", "I"), ("الثاني", "II"), ("الثالث", "III"), ("الرابع", "IV"),
        ("الخامس", "V"), ("السادس", "VI"), ("السابع", "VII"), ("الثامن", "VIII"),
        ("التاسع", "IX"), ("العاشر", "X"),
    )
}  # fmt: skip
_PARTICLES = {
    normalize_key(w): en
    for w, en in (
        ("بن", "bin"), ("ابن", "Ibn"), ("بنت", "bint"), ("أبو", "Abu"), ("أبي", "Abi"),
        ("أم", "Umm"), ("آل", "Al"), ("عبد", "Abd"), ("ولد", "Ould"), ("الله", "Allah"),
    )
}  # fmt: skip


def romanize(word: str, foreign: bool = False) -> str:
    """One name word in Latin letters, capitalised (the article stays lower case: al-Safadi).

    ``foreign`` is for a name the lexicon does not know: غ is then g (أنغيلا → Angila) and a
    final و is o (ماركو → Marko), as in the European names Arabic spells so.
    """
    core = "".join(ch for ch in word if ch != "ـ")
    key = normalize_key(core)
    if key in _PARTICLES:
        return _PARTICLES[key]
    if key in _REGNAL:
        return _REGNAL[key]
    if dediac(core).startswith("ال") and len(key) > 3:
        rest = _letters(_strip_article(core))
        return "al-" + rest[:1].upper() + rest[1:] if rest else ""
    latin = _letters(core, foreign)
    return latin[:1].upper() + latin[1:]


def romanize_name(words: list[str]) -> str:
    return " ".join(r for r in (romanize(w) for w in words) if r)


def _strip_article(word: str) -> str:
    seen = 0
    for pos, ch in enumerate(word):
        if ch not in _MARKS and ch not in (_SHADDA, _SUKUN, _DAGGER):
            seen += 1
            if seen == 2:
                rest = word[pos + 1 :]
                return rest.lstrip(_SUKUN + _SHADDA)
    return word


def _letters(word: str, foreign: bool = False) -> str:
    vocalised = any(ch in _MARKS or ch == _SUKUN for ch in word)
    letters = [ch for ch in word if ch not in _MARKS and ch not in (_SHADDA, _SUKUN, _DAGGER)]
    marks = _marks_per_letter(word)
    out: list[str] = []
    n = len(letters)
    for k, ch in enumerate(letters):
        mark = marks[k]
        if vocalised and ch in "أإ" and any(m in _MARKS for m in mark):
            out.append("")  # إِلْهام: the seat carries the vowel written on it
        elif foreign and ch == "غ":
            out.append("g")
        elif foreign and ch == "و" and k == n - 1 and k > 0:
            out.append("o")
        else:
            out.append(_letter(letters, k, vocalised))
        if vocalised:
            if _SHADDA in mark and ch in _CONSONANTS:
                out.append(_CONSONANTS[ch])
            vowel = next((_MARKS[m] for m in mark if m in _MARKS), "")
            if not (vowel == "a" and k + 1 < n and letters[k + 1] in "اى"):
                out.append(vowel)  # سَامِح → Samih, not Saamih
        elif k + 1 < n and _needs_vowel(letters, k):
            out.append("a")
    text = "".join(out).replace("''", "'")
    return text.strip("'")


def _marks_per_letter(word: str) -> list[str]:
    marks: list[str] = []
    for ch in word:
        if ch in _MARKS or ch in (_SHADDA, _SUKUN, _DAGGER):
            if marks:
                marks[-1] += ch
        else:
            marks.append("")
    return marks


def _is_vowel_letter(letters: list[str], k: int) -> bool:
    ch = letters[k]
    if ch in "اآىأإة" or (ch == "ه" and k == len(letters) - 1):
        return True
    if ch in "وي":
        # A long vowel between consonants or at the end; a consonant before a vowel letter.
        nxt = letters[k + 1] if k + 1 < len(letters) else "#"
        return k > 0 and nxt not in "اوي"
    return False


def _letter(letters: list[str], k: int, vocalised: bool) -> str:
    ch = letters[k]
    n = len(letters)
    last = k == n - 1
    if ch in "اى":
        return "a"
    if ch in "أإآ":
        return "i" if ch == "إ" else "a"
    if ch == "ة":
        return "a"
    if ch == "و":
        if k == 0 or (k + 1 < n and letters[k + 1] in "اي"):
            return "w"
        return "u"
    if ch == "ي":
        if k == 0 or (k + 1 < n and letters[k + 1] in "او"):
            return "y"
        return "i"
    if ch in "غج" and k > 0 and letters[k - 1] == "ن" and (last or letters[k + 1] not in "اوي"):
        return "g"  # بينغ، يونغ، وانج: the "ng" of foreign names
    if ch == "ه" and last and k > 0 and letters[k - 1] not in "اوي":
        return "h" if vocalised else "a"  # جيله → Jila (a final ه is usually ة written plain)
    return _CONSONANTS.get(ch, "")


def _needs_vowel(letters: list[str], k: int) -> bool:
    """Two consonants opening a word, or closing it, are split by an a (ظريف → Zarif,
    الأسد → al-Asad); clusters inside the word are kept, as foreign names have them."""
    n = len(letters)
    if not (k == 0 or k == n - 2) or letters[k] in "اأإآ":
        return False
    if letters[k] == "ن" and letters[k + 1] in "غج":
        return False  # the "ng" of بينغ
    return not (_is_vowel_letter(letters, k) or _is_vowel_letter(letters, k + 1))
