"""Convert the Buckwalter BAMA 1.0 lexicon into a CAMeL-format text morphology DB.

The result loads unchanged in ``camel_tools.morphology.database.MorphologyDB`` (and in the
leaner :mod:`learn.nlp.morphology.store`). It is written once under the data dir and rebuilt
only when an input file or :data:`CONVERTER_VERSION` changes (see :func:`ensure_db`).

Format rules this module follows (each one was a silent failure in camel_tools otherwise):

* every stem carries every clitic/inflection feature, because ``merge_features`` only lets
  a prefix or suffix set a feature the stem already has;
* ``diac``, ``bw`` and ``gloss`` are DEFINEd so they are concatenated across the parts;
* DEFAULTS exist for ``digit``, ``punc`` and ``latin``, and an ORDER line is present;
* every prefix category has a TABLE AB row (the analyzer indexes it unguarded);
* a ``NOAN`` stem whose ``bw`` contains ``NOUN_PROP`` plus STEMBACKOFF lines enable the
  proper-noun backoff;
* keys are dediacritized and normalized exactly like ``Analyzer.analyze`` does;
* values hold no spaces, and ``lex`` holds no ``_`` or ``-`` (``strip_lex`` cuts there).
"""

from __future__ import annotations

import hashlib
import os
import sys
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from learn.nlp.morphology import bama
from learn.nlp.morphology.arabic import bw2ar, canonical_marks, dediac, normalize_key
from learn.nlp.morphology.lexdict import Dictionary, find_arramooz_dictionary
from learn.nlp.morphology.priors import LemmaPriors, find_arramooz_freq_db
from learn.nlp.morphology.roots import resolve_root

# Bump whenever the output of the converter changes: it invalidates every cached DB.
CONVERTER_VERSION = "sahifa-bama-13"
DB_DIRNAME = "sahifa-bama"
DB_FILENAME = "morphology.db"
FINGERPRINT_FILENAME = "fingerprint.txt"

Progress = Callable[[str], None]

# Features of every analysis, in ORDER. The clitic/inflection ones use camel-tools' names.
FEATURES = (
    "pos", "diac", "lex", "bw", "gloss", "root", "prc3", "prc2", "prc1", "prc0",
    "per", "asp", "vox", "mod", "gen", "num", "stt", "cas", "enc0", "lex_logprob", "source",
)  # fmt: skip
_INFLECTION_DEFAULTS = {
    "prc3": "0", "prc2": "0", "prc1": "0", "prc0": "0", "per": "na", "asp": "na",
    "vox": "na", "mod": "na", "gen": "-", "num": "-", "stt": "na", "cas": "na", "enc0": "0",
}  # fmt: skip

# BAMA tag -> camel-tools coarse POS.
_TAG_POS = {
    "ADJ": "adj", "NOUN": "noun", "NOUN_PROP": "noun_prop", "ADV": "adv", "PREP": "prep",
    "CONJ": "conj", "SUB_CONJ": "conj_sub", "ABBREV": "abbrev", "INTERJ": "interj",
    "REL_PRON": "pron_rel", "INTERROG_PART": "part_interrog", "NEG_PART": "part_neg",
    "FUNC_WORD": "part", "PART": "part", "NUM": "noun_num", "VERB_PERFECT": "verb",
    "FUT_PART": "part_fut", "INTERROG": "part_interrog", "NUMERIC_COMMA": "punc",
    "VERB_IMPERFECT": "verb", "PRON": "pron", "DEM_PRON": "pron_dem",
}  # fmt: skip
# Closed-class words whose BAMA tag (FUNC_WORD, CONJ, ...) is vaguer or differs from the usual
# grammatical category; keyed by the undiacritized lemma.
_FUNCTION_WORD_POS = {
    "أن": "conj_sub", "إن": "conj_sub", "كي": "conj_sub", "لو": "conj_sub", "لأن": "conj_sub",
    "قد": "part_verb", "سوف": "part_fut", "لم": "part_neg", "لن": "part_neg", "لا": "part_neg",
    "منذ": "prep", "مذ": "prep",
}  # fmt: skip
# أَحَد "one (of), someone" is a noun in Arabic grammar, not a cardinal (that is واحِد).
_NOT_NUMBERS = frozenset({"أحد"})
# Numbers BAMA files as plain nouns; camel-tools calls them noun_num.
_NUMBER_GLOSS_WORDS = frozenset(
    {
        "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
        "eleven", "twelve", "twenty", "thirty", "forty", "fifty", "sixty", "seventy",
        "eighty", "ninety", "hundred", "thousand", "million", "billion",
    }
)  # fmt: skip
# The only two verbs whose BAMA gloss is inflected ("was;were", "said") instead of the verb's
# dictionary sense; keyed by undiacritized lemma.
_VERB_GLOSS = {"كان": "be;exist;was", "قال": "say;tell"}
# Citation forms BAMA files under another lemma (keyed by undiacritized lemma and POS):
# an elative adjective's feminine (كُبْرَى) is cited as its masculine (أَكْبَر), like every
# other adjective; the numbers 3-10 are cited with -ة (ثَلاثَة), as dictionaries list them.
_CITATION_FORM = {
    ("كبرى", "adj"): "أَكْبَر", ("صغرى", "adj"): "أَصْغَر", ("أخرى", "adj"): "آخَر",
    ("أولى", "adj"): "أَوَّل", ("عظمى", "adj"): "أَعْظَم", ("عليا", "adj"): "أَعْلَى",
    ("دنيا", "adj"): "أَدْنَى", ("وسطى", "adj"): "أَوْسَط", ("قصوى", "adj"): "أَقْصَى",
    ("ثلاث", "noun_num"): "ثَلاثَة", ("أربع", "noun_num"): "أَرْبَعَة", ("خمس", "noun_num"): "خَمْسَة",
    ("ست", "noun_num"): "سِتَّة", ("سبع", "noun_num"): "سَبْعَة", ("ثماني", "noun_num"): "ثَمانِيَة",
    ("تسع", "noun_num"): "تِسْعَة", ("عشر", "noun_num"): "عَشَرَة", ("اثنان", "noun_num"): "اِثْنان",
}  # fmt: skip


def _fold_lemma(text: str) -> str:
    # Hamzat wasl is written as plain alif (the gold convention); a few multiword BAMA
    # names carry spaces, which the text DB format cannot hold.
    # Marks in one canonical order (shadda first) so lemmas compare equal as strings.
    return canonical_marks("".join(text.replace("ٱ", "ا").split()))


def lemma_from_id(lemma_id: str, fallback_bw: str) -> str:
    """``waq~aE-a_1`` -> وَقَّع (the vowel class after ``-`` and the sense number go)."""
    base = lemma_id.split("_", 1)[0].split("-", 1)[0] or fallback_bw
    return _fold_lemma(bw2ar(base))


def _clean_value(text: str) -> str:
    # Values are space-separated key:value pairs: no spaces allowed.
    return "_".join(text.split()) if text else "-"


def _is_proper_gloss(gloss: str) -> bool:
    senses = [s.strip().lstrip("(") for s in gloss.split(";") if s.strip()]
    return bool(senses) and all(s[:1].isupper() for s in senses)


def stem_pos(entry: bama.StemEntry, lemma: str) -> tuple[str, str, str]:
    """Coarse POS, aspect and voice of a stem, from its explicit tag or its category."""
    category = entry.category
    asp, vox = "na", "na"
    if category.startswith(("PV", "IV", "CV")):
        asp = {"PV": "p", "IV": "i", "CV": "c"}[category[:2]]
        vox = "p" if "Pass" in category else "a"
    tag = _main_tag(entry.tags)
    if tag:
        if tag.startswith("DEM_PRON"):
            return "pron_dem", asp, vox
        if tag.startswith("PRON"):
            return "pron", asp, vox
        if dediac(lemma) in _FUNCTION_WORD_POS and tag in {"FUNC_WORD", "CONJ", "PART"}:
            return _FUNCTION_WORD_POS[dediac(lemma)], asp, vox
        if tag == "FUNC_WORD":
            return "part", asp, vox
        if tag == "ADJ" and _first_gloss_word(entry.gloss) in _NUMBER_GLOSS_WORDS:
            return "noun_num", asp, vox
        if tag in _TAG_POS:
            return _TAG_POS[tag], asp, vox
    if asp != "na":
        return "verb", asp, vox
    if dediac(lemma) in _NOT_NUMBERS:
        return "noun", asp, vox
    if category == "Numb" or _first_gloss_word(entry.gloss) in _NUMBER_GLOSS_WORDS:
        return "noun_num", asp, vox
    if category.startswith("Nprop") or (
        _is_proper_gloss(entry.gloss) and not _is_common_capitalized(entry.gloss, lemma)
    ):
        return "noun_prop", asp, vox
    return "noun", asp, vox


_CAPITALIZED_COMMON = frozenset(
    {
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
        "january", "february", "march", "april", "may", "june", "july", "august",
        "september", "october", "november", "december",
    }
)  # fmt: skip


def _is_common_capitalized(gloss: str, lemma: str) -> bool:
    """Weekdays, months and nationality words have capitalized glosses but are not names."""
    return _first_gloss_word(gloss) in _CAPITALIZED_COMMON or lemma.endswith("ِيّ")


def _first_gloss_word(gloss: str) -> str:
    words = gloss.split(";", 1)[0].split()
    return words[0].lower() if words else ""


def _main_tag(tags: tuple[tuple[str, str], ...]) -> str:
    """The tag of the word's own part: skip a leading preposition glued to a content word."""
    if not tags:
        return ""
    names = [tag for _, tag in tags]
    if names[0] == "PREP" and len(names) > 1 and names[1] in _GLUED_CONTENT_TAGS:
        return names[1]
    return names[0]


# Tags of a content part glued after a preposition in one BAMA stem (بِأَنَّ، بِما، لِسَبَبِ).
_GLUED_CONTENT_TAGS = frozenset({"NOUN", "NOUN_PROP", "REL_PRON", "FUNC_WORD", "INTERROG_PART"})


def _glued_lemma(tags: tuple[tuple[str, str], ...]) -> str | None:
    """The lemma of the content part of a preposition+word stem (bi>an~a → أَنَّ), else None."""
    if len(tags) > 1 and tags[0][1] == "PREP" and tags[1][1] in _GLUED_CONTENT_TAGS and tags[1][0]:
        return _fold_lemma(bw2ar(tags[1][0]))
    return None


def _person_features(code: str) -> dict[str, str]:
    """``3MS`` -> per/gen/num (BAMA subject and pronoun codes)."""
    feats: dict[str, str] = {}
    if code[:1] in "123":
        feats["per"] = code[0]
        code = code[1:]
    for char in code:
        if char in "MF":
            feats["gen"] = char.lower()
        elif char in "SDP":
            feats["num"] = char.lower()
    return feats


def affix_features(entry: bama.AffixEntry) -> dict[str, str]:
    """Clitic and inflection features of a prefix or suffix, from its BAMA tags."""
    feats: dict[str, str] = {}
    for morph, tag in entry.tags:
        head, _, code = tag.partition(":")
        if tag == "CONJ":
            feats["prc2"] = f"{morph}_conj"
        elif tag == "PREP":
            feats["prc1"] = f"{morph}_prep"
        elif tag == "DET":
            feats["prc0"] = "Al_det"
            feats["stt"] = "d"
        elif tag == "FUT":
            feats["prc1"] = "sa_fut"
        elif tag == "SUBJUNC":
            feats["prc1"] = "li_sub"
            feats["mod"] = "s"
        elif tag == "EMPHATIC_PARTICLE":
            feats["prc1"] = "la_emph"
        elif tag == "RESULT_CLAUSE_PARTICLE":
            feats["prc1"] = "la_rc"
        elif tag == "INTERROG_PART":
            feats["prc3"] = ">a_ques"
        elif head.startswith("IV") and head[2:3] in "123":
            feats.update(_person_features(head[2:]))
        elif head in {"PVSUFF_SUBJ", "IVSUFF_SUBJ", "CVSUFF_SUBJ"}:
            feats.update(_person_features(code.split("_", 1)[0]))
            if "MOOD:SJ" in tag:
                feats["mod"] = "s"
        elif head.endswith("_DO"):
            feats["enc0"] = f"{code.lower()}_dobj"
        elif head.startswith("POSS_PRON"):
            feats["enc0"] = f"{head.rsplit('_', 1)[1].lower()}_poss"
        elif head.startswith("PRON_"):
            feats["enc0"] = f"{head.rsplit('_', 1)[1].lower()}_pron"
        elif head.startswith("NSUFF_"):
            feats.update(_noun_suffix_features(head))
    return feats


def _noun_suffix_features(head: str) -> dict[str, str]:
    feats = {"gen": "f" if "_FEM_" in head else "m"}
    for marker, num in (("_SG", "s"), ("_DU", "d"), ("_PL", "p")):
        if marker in head:
            feats["num"] = num
    return feats


def _affix_line(entry: bama.AffixEntry, is_prefix: bool) -> str:
    feats = affix_features(entry)
    diac = bw2ar(entry.diac_bw)
    if is_prefix and feats.get("prc0") == "Al_det":
        # '#' lets rewrite_diac put the shadda on a following sun letter.
        diac += "#"
    bw_value = "+".join(f"{m}/{t}" for m, t in entry.tags) or "-"
    values = {"diac": diac, "bw": bw_value, "gloss": _clean_value(entry.gloss), **feats}
    body = " ".join(f"{k}:{_clean_value(v) if k == 'gloss' else v}" for k, v in values.items())
    return f"{normalize_key(bw2ar(entry.key_bw))}\t{entry.category}\t{body}"


def _lemma_skeleton(lemma: str) -> str:
    """Letters plus shadda: what an active verb and its passive lemma share."""
    return "".join(char for char in lemma if char not in "ًٌٍَُِْٰ")


def active_lemmas(stems: Iterable[bama.StemEntry]) -> dict[tuple[str, str], str]:
    """(root, skeleton) -> active perfect lemma, to give passive stems their active lemma.

    BAMA files passives under their own lemma (وُقِّع); the gold convention, and what a
    learner looks up, is the active verb (وَقَّع).
    """
    found: dict[tuple[str, str], str] = {}
    for entry in stems:
        if entry.category.startswith("PV") and "Pass" not in entry.category:
            lemma = lemma_from_id(entry.lemma_id, entry.diac_bw)
            found.setdefault((entry.root_bw, _lemma_skeleton(lemma)), lemma)
    return found


def _stem_lines(
    entry: bama.StemEntry,
    priors: LemmaPriors,
    actives: dict[tuple[str, str], str],
    dictionary: Dictionary,
) -> list[str]:
    """The stem's DB line; a noun BAMA leaves untagged that Arramooz's dictionary calls an
    adjective-like type (صَغِير، أَزْرَق، مُشَرَّد) gets a second line as an adjective, so that
    agreement in context can choose between the two."""
    line = _stem_line(entry, priors, actives, dictionary)
    if not _may_be_adjective(entry, line, dictionary):
        return [line.text]
    # The noun keeps its prior; the adjective starts from the better of the two priors,
    # a little lower, so that context (a noun it agrees with, or none) decides.
    prior = max(priors.logprob(line.lemma, "noun"), priors.logprob(line.lemma, "adj"))
    adjective = _stem_line(
        entry, priors, actives, dictionary, pos="adj", prior=prior - ADJECTIVE_READING_PENALTY
    )
    return [line.text, adjective.text]


# How much lower an adjective reading added from Arramooz's word types starts than the noun.
ADJECTIVE_READING_PENALTY = 0.5


def _may_be_adjective(entry: bama.StemEntry, line: _StemLine, dictionary: Dictionary) -> bool:
    """An untagged BAMA noun stem that Arramooz types as an adjective (صفة مشبهة, اسم فاعل,
    منسوب ...). Lemmas in -ة are nouns (adjectives are cited in the masculine)."""
    return (
        line.pos == "noun"
        and not entry.tags
        # The lemma's own stem (صَغِير), not a broken plural filed under it (صِغار، سُبّاق).
        and _fold_lemma(bw2ar(entry.diac_bw)) == lemma_from_id(entry.lemma_id, entry.diac_bw)
        and not dediac(line.lemma).endswith("ة")
        and dictionary.can_be_adjective(line.lemma)
    )


@dataclass(frozen=True, slots=True)
class _StemLine:
    text: str
    pos: str
    lemma: str


def _stem_line(
    entry: bama.StemEntry,
    priors: LemmaPriors,
    actives: dict[tuple[str, str], str],
    dictionary: Dictionary,
    pos: str | None = None,
    prior: float | None = None,
) -> _StemLine:
    lemma = _glued_lemma(entry.tags) or lemma_from_id(entry.lemma_id, entry.diac_bw)
    if "Pass" in entry.category:
        lemma = actives.get((entry.root_bw, _lemma_skeleton(lemma)), lemma)
    bama_pos, asp, vox = stem_pos(entry, lemma)
    pos = pos or bama_pos
    bama_lemma = lemma
    lemma = canonical_marks(_CITATION_FORM.get((dediac(lemma), pos), lemma))
    tag = _main_tag(entry.tags) or {"verb": "VERB", "noun_prop": "NOUN_PROP", "adj": "ADJ"}.get(
        pos, "NOUN"
    )
    gloss = entry.gloss
    if pos == "verb" and dediac(lemma) in _VERB_GLOSS:
        gloss = _VERB_GLOSS[dediac(lemma)]
    feats = dict(_INFLECTION_DEFAULTS)
    feats.update(asp=asp, vox=vox)
    if pos == "verb":
        feats["mod"] = "i" if asp == "i" else "na"
    # A pronoun inside a compound stem (لَكُنَّ = li + kunna) is its enclitic.
    pronouns = [tag for _, tag in entry.tags[1:] if tag.startswith("PRON_")]
    if pronouns:
        feats["enc0"] = f"{pronouns[-1].split('_', 1)[1].lower()}_pron"
    values = {
        "pos": pos,
        "diac": _fold_lemma(bw2ar(entry.diac_bw)),
        "lex": lemma,
        "bw": _stem_bw(entry, tag),
        "gloss": _clean_value(gloss),
        "root": resolve_root(entry.root_bw, lemma, pos, dictionary),
        **feats,
        "lex_logprob": f"{_prior(priors, lemma, bama_lemma, pos) if prior is None else prior:.3f}",
        "source": "lex",
    }
    body = " ".join(f"{k}:{v}" for k, v in values.items())
    return _StemLine(f"{normalize_key(bw2ar(entry.key_bw))}\t{entry.category}\t{body}", pos, lemma)


def _stem_bw(entry: bama.StemEntry, tag: str) -> str:
    """The stem's segmentation: BAMA's compound stems (لَها = la/PREP + hA/PRON_3FS,
    لِلَّذِينَ = li/PREP + Al~a*iyna/REL_PRON) keep their parts, so the word panel can show
    them; other stems are one segment with their coarse tag."""
    if len(entry.tags) > 1 and all(morph and tag_ for morph, tag_ in entry.tags):
        return "+".join(f"{morph}/{tag_}" for morph, tag_ in entry.tags)
    return f"{entry.diac_bw}/{tag}"


def _prior(priors: LemmaPriors, lemma: str, bama_lemma: str, pos: str) -> float:
    # The corpus may count either spelling of a re-cited lemma.
    return max(priors.logprob(lemma, pos), priors.logprob(bama_lemma, pos))


def _header_lines() -> list[str]:
    lines = ["###DEFINES###"]
    lines += [f"DEFINE {feat} {feat}:*open*" for feat in FEATURES]
    lines.append("###DEFAULTS###")
    base = " ".join(f"{k}:{v}" for k, v in _INFLECTION_DEFAULTS.items())
    for pos in ("digit", "punc", "latin", "noun_prop"):
        lines.append(f"DEFAULT pos:{pos} {base} root:- gloss:- lex_logprob:-99")
    lines += ["###ORDER###", "ORDER " + " ".join(FEATURES), "###TOKENIZATIONS###"]
    lines += ["###STEMBACKOFF###", "STEMBACKOFF PROP Nprop", "STEMBACKOFF ALL Nprop"]
    return lines


def _backoff_stem_line() -> str:
    feats = " ".join(f"{k}:{v}" for k, v in _INFLECTION_DEFAULTS.items())
    return (
        "NOAN\tNprop\tpos:noun_prop diac:NOAN lex:NOAN bw:NOAN/NOUN_PROP gloss:NOAN root:- "
        f"{feats} lex_logprob:-99 source:backoff"
    )


def _unique(lines: Iterable[str]) -> list[str]:
    # BAMA lists a stem under each hamza spelling; after key normalization they collide.
    return list(dict.fromkeys(lines))


def convert(bama_dir: Path, out_path: Path, progress: Progress | None = None) -> None:
    """Write the CAMeL-format DB for the BAMA files in ``bama_dir`` to ``out_path``."""
    say = progress or (lambda _message: None)
    say("reading the Buckwalter lexicon")
    prefixes = bama.read_affixes(bama_dir / "dictPrefixes")
    suffixes = bama.read_affixes(bama_dir / "dictSuffixes")
    stems = bama.read_stems(bama_dir / "dictStems")
    table_ab = bama.read_table(bama_dir / "tableAB")
    table_bc = bama.read_table(bama_dir / "tableBC")
    table_ac = bama.read_table(bama_dir / "tableAC")
    say(f"read {len(prefixes)} prefixes, {len(suffixes)} suffixes, {len(stems)} stems")
    say("loading lemma frequency priors (arramooz, wordfreq)")
    priors = LemmaPriors()
    say("loading roots and word types (arramooz dictionary)")
    dictionary = Dictionary()
    say("converting stems")
    actives = active_lemmas(stems)
    stem_lines = []
    for number, entry in enumerate(stems, 1):
        stem_lines += _stem_lines(entry, priors, actives, dictionary)
        if number % 20000 == 0:
            say(f"  {number}/{len(stems)} stems")
    stem_lines.append(_backoff_stem_line())

    # Every prefix category needs a TABLE AB row, or the analyzer raises KeyError.
    prefix_cats = {entry.category for entry in prefixes}
    missing = sorted(prefix_cats - {cat for cat, _ in table_ab})
    ab_rows = [f"{a} {b}" for a, b in table_ab] + [f"{cat} __none__" for cat in missing]

    lines = _header_lines()
    lines.append("###PREFIXES###")
    lines += _unique(_affix_line(entry, True) for entry in prefixes)
    lines.append("###SUFFIXES###")
    lines += _unique(_affix_line(entry, False) for entry in suffixes)
    lines.append("###STEMS###")
    lines += _unique(stem_lines)
    lines.append("###TABLE AB###")
    lines += _unique(ab_rows)
    lines.append("###TABLE BC###")
    lines += _unique(f"{a} {b}" for a, b in table_bc)
    lines.append("###TABLE AC###")
    lines += _unique(f"{a} {b}" for a, b in table_ac)
    out_path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    say(f"wrote {out_path} ({out_path.stat().st_size // 1024} KiB)")


# The converter's own modules: editing any of them changes the fingerprint, so a stale DB is
# never reused even if CONVERTER_VERSION was not bumped.
_CONVERTER_SOURCES = ("build.py", "bama.py", "priors.py", "arabic.py", "lexdict.py", "roots.py")


def input_files(bama_dir: Path | None = None) -> list[Path]:
    """Everything the DB is derived from: the BAMA files, the arramooz counts and dictionary,
    and the converter's source."""
    folder = bama_dir or bama.find_bama_dir()
    files = [folder / name for name in bama.BAMA_FILES]
    files += [path for path in (find_arramooz_freq_db(), find_arramooz_dictionary()) if path]
    here = Path(__file__).resolve().parent
    files += [here / name for name in _CONVERTER_SOURCES]
    return files


def fingerprint(files: Iterable[Path]) -> str:
    """Hash of the converter version and every input file's bytes."""
    digest = hashlib.sha256(CONVERTER_VERSION.encode())
    for path in files:
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def db_path(data_dir: Path) -> Path:
    return Path(data_dir) / DB_DIRNAME / DB_FILENAME


def _stderr_progress(message: str) -> None:
    print(f"[sahifa morphology] {message}", file=sys.stderr, flush=True)


def ensure_db(
    data_dir: Path, progress: Progress | None = _stderr_progress, force: bool = False
) -> Path:
    """Return the path of an up-to-date DB under ``data_dir``, building it when needed."""
    target = db_path(data_dir)
    stamp = target.with_name(FINGERPRINT_FILENAME)
    bama_dir = bama.find_bama_dir()
    wanted = fingerprint(input_files(bama_dir))
    if not force and target.is_file() and stamp.is_file() and stamp.read_text().strip() == wanted:
        return target
    say = progress or (lambda _message: None)
    started = time.perf_counter()
    say(f"building the morphology DB from the Buckwalter lexicon into {target.parent}")
    target.parent.mkdir(parents=True, exist_ok=True)
    # Write to a private temp file and rename, so concurrent processes never read half a DB.
    temp = target.with_name(f".{DB_FILENAME}.{os.getpid()}.tmp")
    try:
        convert(bama_dir, temp, say)
        os.replace(temp, target)
    finally:
        temp.unlink(missing_ok=True)
    stamp.write_text(wanted + "\n")
    say(f"done in {time.perf_counter() - started:.1f} s")
    return target
