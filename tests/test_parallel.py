"""Many texts and many processes: pickling, Transliterator.map, transliterate_many."""

from __future__ import annotations

import concurrent.futures
import multiprocessing
import pickle
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import translit
from translit import Options, Transliterator

from .cases import DATA

SEED = (DATA / "seed.cyrl.txt").read_text(encoding="utf-8")
SEED_LATN = (DATA / "seed.latn.txt").read_text(encoding="utf-8")
DIRECTIONS = translit.available()
OPTIONS: list[dict[str, Any]] = [
    {},
    {"apostrophe": "ascii", "dates": False},
    {"keep": ["Chevron", "Шаҳар"], "soft_sign": "never", "foreign": "convert"},
]


# -- pickling ----------------------------------------------------------------------------------


@pytest.mark.parametrize("direction", DIRECTIONS)
@pytest.mark.parametrize("options", OPTIONS)
def test_a_transliterator_pickles_as_its_id_and_options(
    direction: str, options: dict[str, Any]
) -> None:
    t = translit.get(direction, **options)
    data = pickle.dumps(t)
    assert len(data) < 1000  # the id and options, not the compiled tables or the memo
    assert pickle.loads(data) is t  # rebuilt from this process's cache
    assert pickle.loads(pickle.dumps(t.options)) == t.options


def test_a_transliterator_without_lexicon_stays_without() -> None:
    t = Transliterator("uz_Latn-uz_Cyrl", Options(), use_lexicon=False)
    copy = pickle.loads(pickle.dumps(t))
    assert copy("Toshkent abzas") == t("Toshkent abzas")
    assert copy("abzas") != translit.to_cyrillic("abzas")  # the lexicon would give абзац


def test_unpickled_options_are_validated() -> None:
    data = pickle.dumps(Options(apostrophe="ascii")).replace(b"ascii", b"ASCII")
    with pytest.raises(ValueError, match="apostrophe"):
        pickle.loads(data)


def test_streams_pickle_with_what_they_hold_back() -> None:
    t = translit.get("uz_Cyrl-uz_Latn")
    stream = translit.IncrementalTransliterator(t)
    head = stream.feed("Шаҳар с")
    copy = pickle.loads(pickle.dumps(stream))
    assert head + copy.feed("ҳифати") + copy.finish() == t("Шаҳар сҳифати")
    markup = translit.MarkupStream(t, "html")
    head = markup.feed('<p title="Ци')
    copy_markup = pickle.loads(pickle.dumps(markup))
    assert head + copy_markup.feed('рк">Ер') + copy_markup.finish() == translit.convert_markup(
        '<p title="Цирк">Ер', t, "html"
    )


def test_cloudpickle() -> None:
    cloudpickle = pytest.importorskip("cloudpickle")
    t = translit.get("uz_Latn-uz_Cyrl", keep=["Chevron"])
    assert cloudpickle.loads(cloudpickle.dumps(t)) is t
    convert = cloudpickle.loads(cloudpickle.dumps(lambda text: t(text).upper()))
    assert convert("Chevron shahar") == "Chevron ШАҲАР".upper()


def _lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.strip()]


@pytest.mark.parametrize("method", ["fork", "spawn"])
def test_multiprocessing_pool_map(method: str) -> None:
    if method not in multiprocessing.get_all_start_methods():
        pytest.skip(f"no {method} start method on this platform")
    t = translit.get("uz_Cyrl-uz_Latn", apostrophe="typographic")
    lines = _lines(SEED)
    with multiprocessing.get_context(method).Pool(2) as pool:
        assert pool.map(t, lines) == [t(line) for line in lines]


def test_process_pool_executor() -> None:
    t = translit.get("uz_Cyrl-uz_Latn")
    lines = _lines(SEED)
    with concurrent.futures.ProcessPoolExecutor(2) as pool:
        assert list(pool.map(t, lines, chunksize=8)) == [t(line) for line in lines]
        assert list(pool.map(t.map, [lines[:5], lines[5:]])) == [t.map(lines[:5]), t.map(lines[5:])]


# -- many texts in one call --------------------------------------------------------------------

piece = st.sampled_from(
    [
        "Шаҳар", "ШАҲАР", "сҳифати", "Ўзбекистон", "Республикаси", "1994", "йил", "24", "август",
        "Oʻzbekiston", "shahar", "boʻlsa-da", "1994-yil", "Chevron", "www.gov.uz", "«Тошкент»",
        "Нью-Йорк", "абзац", "abzas", "x", "🙂", "—", "",
    ]
)  # fmt: skip
blank = st.sampled_from([" ", " ", "\n", "\r\n", "  "])
texts = st.lists(
    st.lists(st.tuples(piece, blank), max_size=8).map(lambda ps: "".join(a + b for a, b in ps))
    | st.text(max_size=12),
    max_size=30,
)


@settings(max_examples=60, deadline=None)
@given(texts=texts, direction=st.sampled_from(DIRECTIONS))
def test_map_equals_a_loop(texts: list[str], direction: str) -> None:
    t = translit.get(direction)
    assert t.map(texts) == [t(text) for text in texts]
    assert t.map(iter(texts)) == [t(text) for text in texts]


def test_map_groups_texts_larger_than_a_block() -> None:
    from translit import engine

    t = translit.get("uz_Cyrl-uz_Latn")
    many = [*_lines(SEED)] * 50 + [SEED * 20, "", "1994 йил\nШаҳар"] + _lines(SEED)
    assert len(SEED * 20) > engine.BLOCK
    assert t.map(many) == [t(text) for text in many]


@pytest.mark.parametrize("bad", [None, b"\xd0\xa8", 3])
def test_map_rejects_what_is_not_text(bad: object) -> None:
    t = translit.get("uz_Cyrl-uz_Latn")
    with pytest.raises(TypeError, match=r"texts\[1\]"):
        t.map(["Шаҳар", bad])  # type: ignore[list-item]


def test_transliterate_many() -> None:
    lines = _lines(SEED)
    assert translit.transliterate_many(lines, target="latin") == list(map(translit.to_latin, lines))
    assert translit.transliterate_many(
        ["Shahar", "Chevron"], target="cyrillic", source="latin", keep=["Chevron"]
    ) == ["Шаҳар", "Chevron"]
    html = ['<p title="Цирк">Ер</p>', "<b>Шаҳар</b>"]
    assert translit.transliterate_many(html, target="latin", format="html") == [
        translit.to_latin(doc, format="html") for doc in html
    ]
    assert translit.transliterate_many([], target="latin") == []


def test_transliterate_many_in_processes() -> None:
    lines = _lines(SEED) * 3
    expected = list(map(translit.to_latin, lines))
    got = translit.transliterate_many(lines, target="latin", processes=2, chunksize=7)
    assert got == expected
    with pytest.raises(TypeError, match="texts"):
        translit.transliterate_many(["x", 1], target="latin", processes=2)  # type: ignore[list-item]


def test_transliterate_many_checks_its_arguments() -> None:
    with pytest.raises(ValueError, match="processes"):
        translit.transliterate_many(["x"], target="latin", processes=-1)
    with pytest.raises(ValueError, match="chunksize"):
        translit.transliterate_many(["x"], target="latin", chunksize=0)
    with pytest.raises(ValueError, match="unknown option"):
        translit.transliterate_many(["x"], target="latin", colour="red")
    with pytest.raises(TypeError, match="not a str"):
        translit.transliterate_many("Шаҳар", target="latin")
