"""Make camel-tools importable and usable with no network access.

Importing ``camel_tools.morphology`` loads camel-tools' data catalogue, which *downloads*
``catalogue.json`` when ``$CAMELTOOLS_DATA/catalogue.json`` is missing and raises at import
time without a network. :func:`setup_offline` therefore, before camel_tools is imported:

* reuses an official camel-tools data folder when one already holds ``calima-msa-r13``
  (then the official DB and, if installed, the pretrained MLE disambiguator are preferred);
* otherwise points ``CAMELTOOLS_DATA`` at a folder the app owns and writes a minimal
  catalogue there, generated here, whose only dataset is Sahifa's own BAMA-derived DB.

Nothing in this module downloads anything. (camel-tools still creates an empty
``~/.camel_tools`` folder at import; that is its own behaviour and harmless.)
"""

from __future__ import annotations

import json
import os
import sys
from dataclasses import dataclass
from pathlib import Path

DATA_DIR_ENV = "SAHIFA_DATA_DIR"
# The same default as the app's SAHIFA_DATA_DIR (learn/config.py), so the CLI, the benchmarks
# and the web app share one built database.
DEFAULT_DATA_DIRNAME = "nlp"
OFFICIAL_DB = "calima-msa-r13"
_CATALOGUE_NAME = "catalogue.json"


@dataclass(frozen=True, slots=True)
class CamelSetup:
    """Where camel-tools reads its data from, and which official parts are installed."""

    data_dir: Path  # the app's folder (our DB and catalogue live here)
    camel_data_dir: Path  # what CAMELTOOLS_DATA points at
    official_db: Path | None  # calima-msa-r13 morphology.db, when installed
    mle_model: Path | None  # the pretrained MLE disambiguator model.json, when installed


def resolve_data_dir(
    data_dir: str | Path | None = None, instance_path: str | Path | None = None
) -> Path:
    """The app's analysis data folder: the argument, else ``$SAHIFA_DATA_DIR``, else
    ``<instance>/nlp`` (instance: the given path, ``$FLASK_INSTANCE_PATH`` or ./instance).
    """
    if data_dir is not None:
        return Path(data_dir).expanduser().absolute()
    if os.environ.get(DATA_DIR_ENV):
        return Path(os.environ[DATA_DIR_ENV]).expanduser().absolute()
    instance = instance_path or os.environ.get("FLASK_INSTANCE_PATH") or Path.cwd() / "instance"
    return (Path(instance) / DEFAULT_DATA_DIRNAME).expanduser().absolute()


def _candidate_official_roots() -> list[Path]:
    roots = []
    if os.environ.get("CAMELTOOLS_DATA"):
        roots.append(Path(os.environ["CAMELTOOLS_DATA"]).expanduser())
    home = Path.home()
    roots.append(
        home / "AppData/Roaming/camel_tools" if sys.platform == "win32" else home / ".camel_tools"
    )
    return roots


def find_official_install(roots: list[Path] | None = None) -> tuple[Path, Path, Path | None] | None:
    """Return (root, morphology.db, mle model.json or None) of an installed calima-msa-r13.

    Only a root that also has its catalogue is usable: without it camel-tools would download.
    """
    for root in roots if roots is not None else _candidate_official_roots():
        db = root / "data" / "morphology_db" / OFFICIAL_DB / "morphology.db"
        if db.is_file() and (root / _CATALOGUE_NAME).is_file():
            mle = root / "data" / "disambig_mle" / OFFICIAL_DB / "model.json"
            return root, db, mle if mle.is_file() else None
    return None


def catalogue_json() -> dict[str, object]:
    """A minimal camel-tools catalogue naming only Sahifa's own DB (no packages to fetch)."""
    import_version = _camel_tools_version()
    return {
        "version": import_version,
        "packages": {},
        "components": {
            # Paths are relative to <CAMELTOOLS_DATA>/data; "../sahifa-bama" is our DB folder.
            "MorphologyDB": {
                "default": "sahifa-bama",
                "datasets": {"sahifa-bama": {"path": "../sahifa-bama"}},
            },
        },
    }


def _camel_tools_version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return ".".join(version("camel-tools").split(".")[:2])
    except PackageNotFoundError:  # pragma: no cover - declared dependency
        return "1.6"


def write_catalogue(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / _CATALOGUE_NAME
    text = json.dumps(catalogue_json(), indent=2) + "\n"
    if not path.is_file() or path.read_text(encoding="utf-8") != text:
        temp = path.with_name(f".{_CATALOGUE_NAME}.{os.getpid()}.tmp")
        temp.write_text(text, encoding="utf-8")
        os.replace(temp, path)
    return path


def setup_offline(data_dir: str | Path | None = None) -> CamelSetup:
    """Prepare camel-tools for offline use; call before importing ``camel_tools.morphology``.

    Safe to call repeatedly. If camel_tools' catalogue was already imported, the environment
    is left alone (it cannot change any more) and the setup only reports what it found.
    """
    folder = resolve_data_dir(data_dir)
    official = find_official_install()
    if official is not None:
        root, db, mle = official
        camel_dir = root
    else:
        write_catalogue(folder)
        camel_dir, db, mle = folder, None, None
    if "camel_tools.data.catalogue" not in sys.modules:
        os.environ["CAMELTOOLS_DATA"] = str(camel_dir)
    else:
        # Already imported: our catalogue must still exist where camel-tools looks for it.
        from camel_tools.data import CT_DATA_DIR

        camel_dir = Path(CT_DATA_DIR)
        if official is None and not (camel_dir / _CATALOGUE_NAME).is_file():
            write_catalogue(camel_dir)
    return CamelSetup(folder, camel_dir, db, mle)
