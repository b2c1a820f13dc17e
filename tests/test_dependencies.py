"""camel-tools is installed without its neural extras, and works offline."""

from __future__ import annotations

import importlib
import importlib.metadata
import importlib.util

import pytest

FORBIDDEN = ("torch", "transformers", "camel-kenlm")


@pytest.mark.parametrize("distribution", FORBIDDEN)
def test_neural_extras_are_not_installed(distribution: str) -> None:
    with pytest.raises(importlib.metadata.PackageNotFoundError):
        importlib.metadata.version(distribution)


def test_no_nvidia_packages_installed() -> None:
    names = {dist.metadata["Name"].lower() for dist in importlib.metadata.distributions()}
    assert not [name for name in names if name.startswith("nvidia")]


def test_camel_tools_modules_import_and_work() -> None:
    word = importlib.import_module("camel_tools.tokenizers.word")
    dediac = importlib.import_module("camel_tools.utils.dediac")
    normalize = importlib.import_module("camel_tools.utils.normalize")
    charmap = importlib.import_module("camel_tools.utils.charmap")
    assert word.simple_word_tokenize("وقّع الرئيسان اتفاقية.") == ["وقّع", "الرئيسان", "اتفاقية", "."]
    assert dediac.dediac_ar("مُعَاهَدَة") == "معاهدة"
    assert normalize.normalize_alef_ar("إيران") == "ايران"
    assert charmap.CharMapper.builtin_mapper("ar2bw")("سلام") == "slAm"
