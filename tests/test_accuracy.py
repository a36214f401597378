"""The accuracy harness (benchmarks/accuracy.py) on the committed sets, with CI floors."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _harness() -> ModuleType:
    spec = importlib.util.spec_from_file_location("accuracy", ROOT / "benchmarks" / "accuracy.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["accuracy"] = module
    spec.loader.exec_module(module)
    return module


accuracy = _harness()


@pytest.mark.parametrize("name", sorted(accuracy.SETS))
def test_committed_set_meets_its_floor(name: str) -> None:
    loader, c2l, l2c = accuracy.SETS[name]
    scores = accuracy.evaluate(loader(), **accuracy.SET_OPTIONS.get(name, {}))
    assert scores["c2l"].words > 250
    assert scores["c2l"].word_accuracy >= c2l, scores["c2l"].pairs.most_common(10)
    assert scores["l2c"].word_accuracy >= l2c, scores["l2c"].pairs.most_common(10)
    assert not accuracy.failures({name: scores})
    # The 2026 alphabet: Cyrillic → 2026 exactly as accurate as Cyrillic → 1995 (the same
    # words wrong), and 1995 ⇄ 2026 lossless on prose.
    assert scores["c2n"].word_errors == scores["c2l"].word_errors
    assert scores["n2c"].word_errors == scores["l2c"].word_errors
    assert scores["c2n"].words == scores["c2l"].words
    if name in accuracy.LOSSLESS:
        assert scores["o2n"].word_errors_exact == scores["n2o"].word_errors_exact == 0


def test_2026_gold_is_the_1995_gold_with_four_letters_replaced() -> None:
    assert accuracy.to_2026("Oʻzbekiston O'ZBEK gʻoya SHAHAR Shahar choy Isʼhoq") == (
        "Özbekiston ÖZBEK ğoya ŞAHAR Şahar çoy Isʼhoq"
    )
    seed = accuracy.seed_units()
    assert [accuracy.to_2026(u.latin) for u in seed] == [
        u.latin_2026.replace("Chevron", "Çevron") for u in seed if u.latin_2026 is not None
    ]


def test_harness_counts_errors_and_folds_apostrophes() -> None:
    units = [
        accuracy.Unit("Ўзбекистон цирки", "O'zbekiston sirki"),  # apostrophe style differs
        accuracy.Unit("бир икки", "bir uch"),  # one wrong gold word in each direction
    ]
    scores = accuracy.evaluate(units)
    c2l = scores["c2l"]
    assert c2l.words == 4
    assert c2l.word_errors == 1  # folded: only икки/uch
    assert c2l.word_errors_exact == 2  # exact: the apostrophe counts too
    assert c2l.pairs.most_common() == [(("uch", "ikki"), 1)]
    assert scores["l2c"].pairs.most_common() == [(("икки", "уч"), 1)]


def test_distance() -> None:
    assert accuracy._distance("kitten", "sitting") == 3
    assert accuracy._distance([], ["a"]) == 1


def test_command_line_check(capsys: pytest.CaptureFixture[str]) -> None:
    assert accuracy.main(["--set", "udhr", "--check"]) == 0
    assert "udhr" in capsys.readouterr().out
