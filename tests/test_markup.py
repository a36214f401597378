"""Markup-aware conversion: only human-readable text changes, every other byte is kept."""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import translit
from translit import markup
from translit.formats import format_for_path
from translit.markup import (
    ENTITY,
    KEEP,
    PLACEHOLDER,
    REPLACE,
    SOFT,
    TEXT,
    MarkupStream,
    Segment,
    convert_markup,
    stream_markup,
    tokenize,
)

LATIN = translit.get("uz_Cyrl-uz_Latn")
CYRILLIC = translit.get("uz_Latn-uz_Cyrl")
EXAMPLE = (
    '<p class="цирк"><a href="https://kun.uz/цирк">Цирк</a> &laquo;Ер&raquo; info@мактаб.uz</p>'
)


def html(text: str) -> str:
    return convert_markup(text, LATIN, "html")


def xml(text: str) -> str:
    return convert_markup(text, LATIN, "xml")


def md(text: str) -> str:
    return convert_markup(text, LATIN, "markdown")


# -- the issue's example, through the public API ------------------------------------------------


def test_issue_example_changes_only_the_text() -> None:
    out = translit.convert_markup(EXAMPLE, translit.get("uz_Cyrl-uz_Latn"), "html")
    assert out == (
        '<p class="цирк"><a href="https://kun.uz/цирк">Sirk</a> '
        "&laquo;Yer&raquo; info@мактаб.uz</p>"
    )


def test_issue_example_as_plain_text_changes_markup() -> None:
    # The negative case: without a format, the class value is a word like any other.
    assert 'class="sirk"' in translit.convert_markup(EXAMPLE, LATIN, "text")


def test_issue_example_other_direction() -> None:
    latin = EXAMPLE.replace("Цирк", "Sirk").replace("цирк", "sirk").replace("Ер", "Yer")
    latin = latin.replace("мактаб", "maktab")
    expected = latin.replace(">Sirk<", ">Цирк<").replace("Yer", "Ер")
    assert translit.convert_markup(latin, CYRILLIC, "html") == expected
    # As plain text, tag names, attributes and entities would be converted.
    assert "<п class" in translit.convert_markup(latin, CYRILLIC, "text")
    assert "&лақуо;" in translit.convert_markup(latin, CYRILLIC, "text")


def test_public_names() -> None:
    assert translit.FORMATS == ("text", "html", "xml", "markdown", "srt", "vtt")
    assert translit.MarkupStream is MarkupStream
    assert translit.stream_markup is stream_markup
    assert translit.format_for_path is format_for_path  # one table of extensions


# -- HTML -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        # text nodes
        ("<p>Цирк</p>", "<p>Sirk</p>"),
        ("Шаҳар <b>Ер</b>\n<i>сҳифа</i>", "Shahar <b>Yer</b>\n<i>sʼhifa</i>"),
        # tag names and other attributes are not converted
        (
            '<div class="Цирк" id="ер" data-x="Ер">Ер</div>',
            '<div class="Цирк" id="ер" data-x="Ер">Yer</div>',
        ),
        (
            '<a href="/цирк/ер" hreflang="uz-Cyrl">Ер</a>',
            '<a href="/цирк/ер" hreflang="uz-Cyrl">Yer</a>',
        ),
        ('<input value="Цирк" name="ер">', '<input value="Sirk" name="ер">'),
        ('<input type="hidden" value="Цирк">', '<input type="hidden" value="Цирк">'),
        # the human-readable attributes are
        (
            '<img alt="Цирк" src="цирк.png" title=\'Ер\'>',
            '<img alt="Sirk" src="цирк.png" title=\'Yer\'>',
        ),
        ('<input placeholder="Қидириш">', '<input placeholder="Qidirish">'),
        ('<button aria-label="Ёпиш">×</button>', '<button aria-label="Yopish">×</button>'),
        ("<abbr TITLE=Цирк>Ц</abbr>", "<abbr TITLE=Sirk>S</abbr>"),
        ('<a title="Цирк &amp; Ер">', '<a title="Sirk &amp; Yer">'),
        # quotes inside another quote, and '>' inside a quoted value, do not end the tag
        (
            '<a title="Ер > Цирк" class=\'"ер"\'>Ер</a>',
            '<a title="Yer > Sirk" class=\'"ер"\'>Yer</a>',
        ),
        # description meta tags only
        ('<meta name="description" content="Цирк">', '<meta name="description" content="Sirk">'),
        ('<meta property="og:title" content="Цирк">', '<meta property="og:title" content="Sirk">'),
        ('<meta name="author" content="Цирк">', '<meta name="author" content="Цирк">'),
        ('<link rel="alternate" content="Цирк">', '<link rel="alternate" content="Цирк">'),
        # entities are kept; the text around them is converted together
        ("&laquo;Ер&raquo; &#1062;&#x426; &nbsp;Ер", "&laquo;Yer&raquo; &#1062;&#x426; &nbsp;Yer"),
        ("&copy 2024 Ер", "&copy 2024 Yer"),  # a legacy reference without ';'
        ("&цирк; & Ер &unknown;", "&sirk; & Yer &unknown;"),
        ("https://kun.uz/?a=1&amp;b=цирк", "https://kun.uz/?a=1&amp;b=цирк"),  # URL not cut
        # the placeholder itself, written in the text, comes out as it was
        (f"Ер{PLACEHOLDER}&amp;Ер{PLACEHOLDER}", f"Yer{PLACEHOLDER}&amp;Yer{PLACEHOLDER}"),
        # comments and declarations are kept
        ("<!DOCTYPE html><!-- Цирк --><p>Ер</p>", "<!DOCTYPE html><!-- Цирк --><p>Yer</p>"),
        ("<!-->Ер<!--->Ер", "<!-->Yer<!--->Yer"),
        ("<?php echo 'Ер'; ?>Ер", "<?php echo 'Ер'; ?>Yer"),
        # raw text and code-like elements are kept
        ('<script>var s = "Цирк </p>";</script>Ер', '<script>var s = "Цирк </p>";</script>Yer'),
        ("<SCRIPT>Ер</scriptx></Script >Ер", "<SCRIPT>Ер</scriptx></Script >Yer"),
        ("<style>p::after{content:'Ер'}</style>Ер", "<style>p::after{content:'Ер'}</style>Yer"),
        ("<textarea>Ер <b>Ер</textarea>Ер", "<textarea>Yer <b>Yer</textarea>Yer"),
        (
            "<pre>Ер <b title='Ер'>Цирк</b> &amp;</pre>Ер",
            "<pre>Ер <b title='Ер'>Цирк</b> &amp;</pre>Yer",
        ),
        ("<pre><code>Ер</pre>Ер", "<pre><code>Ер</pre>Yer"),  # </pre> closes the <code> too
        (
            "<p><code>Ер</code> ва <kbd>Ер</kbd> ва <samp>Ер</samp></p>",
            "<p><code>Ер</code> va <kbd>Ер</kbd> va <samp>Ер</samp></p>",
        ),
        ('<code title="Цирк">Ер</code>', '<code title="Sirk">Ер</code>'),
        # <title> is text (with references), not markup
        ("<title>Цирк <b> &amp; Ер</title>", "<title>Sirk <b> &amp; Yer</title>"),
        # not tags: the '<' is text
        ("a < b Ер <3 Ер <цирк> Ер", "a < b Yer <3 Yer <sirk> Yer"),
    ],
)
def test_html(source: str, expected: str) -> None:
    assert html(source) == expected


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ('<html lang="uz-Cyrl">', '<html lang="uz-Latn">'),
        ("<p LANG=uz_cyrl_UZ>", "<p LANG=uz_latn_UZ>"),
        ('<p lang="UZ-CYRL">', '<p lang="UZ-LATN">'),
        ('<p xml:lang="uz-Cyrl">', '<p xml:lang="uz-Latn">'),
        # a tag without a script subtag implies Latin (CLDR likely subtags): right as it is
        ('<p lang="uz">', '<p lang="uz">'),
        ('<p lang="uz-UZ">', '<p lang="uz-UZ">'),
        ('<p lang="uz-Latn">', '<p lang="uz-Latn">'),
        ('<p lang="ru">Ер</p>', '<p lang="ru">Ер</p>'),  # another language: kept
        ('<p lang="uz-Cyrlx">', '<p lang="uz-Cyrlx">'),
        ('<p data-lang="uz-Cyrl">', '<p data-lang="uz-Cyrl">'),
        ('<pre><p lang="uz-Cyrl"></pre>', '<pre><p lang="uz-Cyrl"></pre>'),
    ],
)
def test_lang_to_latin(source: str, expected: str) -> None:
    assert html(source) == expected


# -- soft hyphens, other languages, forms and JSON-LD (issue 14) ----------------------------


@pytest.mark.parametrize(
    ("format", "source", "expected"),
    [
        # a word split by a soft hyphen or a word break converts as one word (not Sen…tyabr)
        ("html", "Сен&shy;тябрь", "Sen&shy;tabr"),
        (
            "html",
            "Сен&#173;тябрь Сен&#xAD;тябрь Сен&#x00ad;тябрь",
            "Sen&#173;tabr Sen&#xAD;tabr Sen&#x00ad;tabr",
        ),
        ("html", "Сен<wbr>тябрь Сен<WBR/>тябрь", "Sen<wbr>tabr Sen<WBR/>tabr"),
        ("html", "Сен\u00adтябрь", "Sen\u00adtabr"),
        ("html", "Сен&shy тябрь", "Sen&shy tyabr"),  # not inside a word: two words
        ("html", "СЕН&shy;ТЯБРЬ", "SEN&shy;TABR"),
        ("html", "Ўз&shy;бе&shy;кис&shy;тон", "Oʻz&shy;be&shy;kis&shy;ton"),
        ("html", "Сен&shy;тяб<wbr>рь", "Sen&shy;ta<wbr>br"),  # in order, proportional place
        ("html", '<a title="Сен&shy;тябрь">', '<a title="Sen&shy;tabr">'),
        ("html", "<pre>Сен&shy;тябрь</pre>", "<pre>Сен&shy;тябрь</pre>"),
        ("markdown", "Сен&shy;тябрь <wbr>", "Sen&shy;tabr <wbr>"),
        ("xml", "<t>Сен&#173;тябрь Сен&shy;тябрь</t>", "<t>Sen&#173;tabr Sen&shy;tyabr</t>"),
        # other languages and translate="no" are kept, descendants included
        ("html", '<p lang="ru">Привет, <b>мир</b></p>Ер', '<p lang="ru">Привет, <b>мир</b></p>Yer'),
        ("html", '<p lang="en-GB" title="Ер">Ер</p>', '<p lang="en-GB" title="Ер">Ер</p>'),
        ("html", '<p lang="uzb">Ер</p><p lang="">Ер</p>', '<p lang="uzb">Ер</p><p lang="">Yer</p>'),
        (
            "html",
            '<div lang="ru">Ер <span lang="uz-Cyrl">Ер</span> <div>Ер</div> Ер</div> Ер',
            '<div lang="ru">Ер <span lang="uz-Latn">Yer</span> <div>Ер</div> Ер</div> Yer',
        ),
        (
            "html",
            '<div translate="no">Ер <i lang="uz">Ер</i> <b translate="yes">Ер</b></div>Ер',
            '<div translate="no">Ер <i lang="uz">Ер</i> <b translate="yes">Yer</b></div>Yer',
        ),
        (
            "html",
            '<div translate="no" lang="uz-Cyrl">Ер</div>',
            '<div translate="no" lang="uz-Cyrl">Ер</div>',
        ),
        (
            "html",
            '<img lang="ru" alt="Ер"><img alt="Ер">',
            '<img lang="ru" alt="Ер"><img alt="Yer">',
        ),
        # a <p> or <li> ends the one before it, as in a browser
        ("html", '<ul lang="ru"><li>Ер<li>Ер</ul>Ер', '<ul lang="ru"><li>Ер<li>Ер</ul>Yer'),
        ("html", '<p lang="ru">Ер<p>Ер</p></p>Ер', '<p lang="ru">Ер<p>Yer</p></p>Yer'),
        ("html", '<html lang="ru"><title>Ер</title>Ер', '<html lang="ru"><title>Ер</title>Ер'),
        ("html", '<span lang="ru"/>Ер', '<span lang="ru"/>Yer'),
        ("xml", '<t xml:lang="ru">Ер<u>Ер</u></t>Ер', '<t xml:lang="ru">Ер<u>Ер</u></t>Yer'),
        ("markdown", 'Ер <span lang="ru">Ер</span> Ер', 'Yer <span lang="ru">Ер</span> Yer'),
        # form controls
        ("html", '<input type="Submit" value="Юбориш">', '<input type="Submit" value="Yuborish">'),
        (
            "html",
            "<input type=search value=Ер><input type=reset value=Ер>",
            "<input type=search value=Yer><input type=reset value=Yer>",
        ),
        (
            "html",
            '<input type="email" value="Ер"><input type=checkbox value=Ер>',
            '<input type="email" value="Ер"><input type=checkbox value=Ер>',
        ),
        ("html", '<button value="ер">Юбориш</button>', '<button value="ер">Yuborish</button>'),
        (
            "html",
            '<select><option value="ер" label="Ер">Ер<option>Цирк</select>',
            '<select><option value="ер" label="Yer">Yer<option>Sirk</select>',
        ),
        (
            "html",
            '<textarea title="Ер">Ер &laquo;Ер&raquo; <b>Ер</b></textarea>Ер',
            '<textarea title="Yer">Yer &laquo;Yer&raquo; <b>Yer</b></textarea>Yer',
        ),
        ("html", '<textarea lang="ru">Ер</textarea>Ер', '<textarea lang="ru">Ер</textarea>Yer'),
        ("xml", '<input value="Ер"/>', '<input value="Ер"/>'),
        # JSON-LD: the string values of text keys; JSON escapes are copied
        (
            "html",
            '<script type="application/ld+json">{"@type": "NewsArticle", "headline": "Ер",'
            ' "alternativeHeadline" : "Цирк", "url": "https://kun.uz/ер",'
            ' "author": {"name": "Ер"},'
            ' "keywords": ["Ер"], "articleBody": "Ер\\n\\"Цирк\\"", "Ер": "Ер"}</script>',
            '<script type="application/ld+json">{"@type": "NewsArticle", "headline": "Yer",'
            ' "alternativeHeadline" : "Sirk", "url": "https://kun.uz/ер",'
            ' "author": {"name": "Yer"},'
            ' "keywords": ["Ер"], "articleBody": "Yer\\n\\"Sirk\\"", "Ер": "Ер"}</script>',
        ),
        (
            "html",
            '<SCRIPT TYPE=" Application/LD+JSON ">[{"description":"Ер < Цирк"}]</SCRIPT>',
            '<SCRIPT TYPE=" Application/LD+JSON ">[{"description":"Yer < Sirk"}]</SCRIPT>',
        ),
        (
            "html",
            '<script type="application/ld+json">{"name": "Ер</script>Ер',
            '<script type="application/ld+json">{"name": "Yer</script>Yer',
        ),
        (
            "html",
            '<script type="application/json">{"name": "Ер"}</script><script>{"name":"Ер"}</script>',
            '<script type="application/json">{"name": "Ер"}</script><script>{"name":"Ер"}</script>',
        ),
        (
            "html",
            '<div lang="ru"><script type="application/ld+json">{"name": "Ер"}</script></div>',
            '<div lang="ru"><script type="application/ld+json">{"name": "Ер"}</script></div>',
        ),
    ],
)
def test_issue_14_html(format: str, source: str, expected: str) -> None:
    assert convert_markup(source, LATIN, format) == expected
    # However it is cut, a stream gives the same.
    for cut in range(1, len(source)):
        chunks = [source[:cut], source[cut:]]
        assert "".join(stream_markup(chunks, LATIN, format)) == expected, cut


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("Sen&shy;tabr", "Сен&shy;тябрь"),
        (
            '<p lang="ru">Shahar</p><p lang="uz">Shahar</p>',
            '<p lang="ru">Shahar</p><p lang="uz-Cyrl">Шаҳар</p>',
        ),
        ('<input value="Shahar">', '<input value="Шаҳар">'),
    ],
)
def test_issue_14_html_to_cyrillic(source: str, expected: str) -> None:
    assert convert_markup(source, CYRILLIC, "html") == expected


def test_json_ld_stays_valid_json() -> None:
    import json

    data = {"headline": 'Ер "Цирк"\n\\ Ўз', "name": "Ўзбекистон", "url": "цирк", "caption": "<Ер>"}
    for ensure_ascii in (True, False):  # json_encode escapes every letter; others do not
        body = json.dumps(data, ensure_ascii=ensure_ascii)
        page = f'<script type="application/ld+json">{body}</script>'
        out = html(page)
        assert "".join(stream_markup(page, LATIN, "html")) == out
        inner = out.removeprefix('<script type="application/ld+json">')
        assert inner.endswith("</script>")
        assert "</" not in inner.removesuffix("</script>")
        assert inner.isascii() == ensure_ascii
        decoded = json.loads(inner.removesuffix("</script>"))
        assert decoded == {
            "headline": 'Yer "Sirk"\n\\ Oʻz',
            "name": "Oʻzbekiston",
            "url": "цирк",
            "caption": "<Yer>",
        }


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("\\u0415\\u0440", "Yer"),  # all escaped: converted, ASCII stays ASCII
        ("\\u040e\\u0437", "O\\u02bbz"),
        ("Ўз \\u0415\\u0440\\/", "Oʻz Yer/"),  # mixed: only what JSON needs is escaped
        ("\\u0415\\u0440 \\u003c/b>", "Yer \\u003c/b>"),  # no '<' in it: none made
        ("a\\\\u0426", "a\\\\u0426"),  # an escaped backslash: nothing to convert
        ("\\u0415\\x", "\\u0415\\x"),  # not valid JSON: kept
    ],
)
def test_json_ld_escaped_strings(raw: str, expected: str) -> None:
    page = f'<script type="application/ld+json">{{"name": "{raw}"}}</script>'
    assert html(page) == f'<script type="application/ld+json">{{"name": "{expected}"}}</script>'


def test_soft_segments() -> None:
    kinds = [(s.kind, s.text) for s in tokenize("Ци&shy;рк<wbr>Ер", "html")]
    assert kinds == [(TEXT, "Ци"), (SOFT, "&shy;"), (TEXT, "рк"), (SOFT, "<wbr>"), (TEXT, "Ер")]


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ('<html lang="uz-Latn">', '<html lang="uz-Cyrl">'),
        ('<html lang="uz">', '<html lang="uz-Cyrl">'),
        ('<html lang="uz-UZ">', '<html lang="uz-Cyrl-UZ">'),
        ('<html lang="uz_UZ">', '<html lang="uz_Cyrl_UZ">'),
        ('<html lang="uz-Cyrl">', '<html lang="uz-Cyrl">'),
        ('<html lang="uz-AF">', '<html lang="uz-AF">'),
        ('<html lang="en">Shahar</html>', '<html lang="en">Shahar</html>'),
    ],
)
def test_lang_to_cyrillic(source: str, expected: str) -> None:
    assert convert_markup(source, CYRILLIC, "html") == expected


def test_lang_is_kept_without_a_target() -> None:
    assert [s.kind for s in tokenize('<p lang="uz-Cyrl">', "html")] == [KEEP]
    kinds = [s.kind for s in tokenize('<p lang="uz-Cyrl">', "html", "uz_Latn")]
    assert kinds == [KEEP, REPLACE, KEEP]


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("Ер <b", "Yer <b"),  # an unclosed tag at the end is text
        ("Ер <a title='Ер>Цирк", "Yer <a title='Yer>Sirk"),
        ("Ер <!DOCTYPE Ер", "Yer <!DOCTYPE Yer"),
        ("Ер &", "Yer &"),
        ("Ер &laquo", "Yer &laquo"),  # not a legacy name
        ("Ер &amp", "Yer &amp"),
        ("Ер </", "Yer </"),
        ("Ер <", "Yer <"),
        # unterminated comments, CDATA and raw text run to the end, as in an HTML parser
        ("Ер <!-- Ер", "Yer <!-- Ер"),
        ("Ер <![CDATA[ Ер", "Yer <![CDATA[ Ер"),
        ("Ер <script> Ер </script", "Yer <script> Ер </script"),
        ("<title>Ер </title", "<title>Yer </title"),
        ("<pre>Ер", "<pre>Ер"),
    ],
)
def test_html_malformed(source: str, expected: str) -> None:
    assert html(source) == expected
    assert "".join(s.text for s in tokenize(source, "html")) == source


def test_over_long_constructs_are_text(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(markup, "MAX_CONSTRUCT", 20)
    assert html('<a title="Ер">Ер</a>') == '<a title="Yer">Yer</a>'
    long_tag = '<a href="x" title="Ер' + "р" * 11 + '">Ер</a>'
    assert html(long_tag) == '<a href="x" title="Yerrrrrrrrrrrr">Yer</a>'
    assert html("&#1062;" + "&a" * 20 + "aa;") == "&#1062;" + "&a" * 20 + "aa;"
    assert md("`" + "Ер " * 10 + "`") == "`" + "Yer " * 10 + "`"
    # An over-long code line is kept whole, and the line after it is still read.
    assert md("\tЕр" + "р" * 30 + "\nЕр") == "\tЕр" + "р" * 30 + "\nYer"
    assert md("```\n" + "Ер" * 20 + "\n```\nЕр") == "```\n" + "Ер" * 20 + "\n```\nYer"


# -- XML ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ('<?xml version="1.0"?><t>Ер</t>', '<?xml version="1.0"?><t>Yer</t>'),
        ("<t><![CDATA[Ер <b>]]>Ер</t>", "<t><![CDATA[Ер <b>]]>Yer</t>"),
        (
            '<t xml:lang="uz-Cyrl" note="Ер" title="Ер">Ер</t>',
            '<t xml:lang="uz-Latn" note="Ер" title="Yer">Yer</t>',
        ),
        ("<цирк:ер>Ер</цирк:ер>", "<цирк:ер>Yer</цирк:ер>"),  # XML names may be Cyrillic
        (
            '<!DOCTYPE t [<!ENTITY e "Ер>">]><t>&e;Ер</t>',
            '<!DOCTYPE t [<!ENTITY e "Ер>">]><t>&e;Yer</t>',
        ),
        (
            "<svg><script>Ер<![CDATA[<]]></script><text>Ер</text></svg>",
            "<svg><script>Ер<![CDATA[<]]></script><text>Yer</text></svg>",
        ),
        ("<script/>Ер", "<script/>Yer"),  # self-closing: nothing inside
        ("<Script>Ер</Script>", "<Script>Yer</Script>"),  # names are case-sensitive
        ("<pre>Ер</pre><code>Ер</code>", "<pre>Yer</pre><code>Yer</code>"),  # HTML-only rules
        ("&copy Ер", "&copy Yer"),
        ("<?pi Ер", "<?pi Ер"),  # unterminated PI: kept to the end
    ],
)
def test_xml(source: str, expected: str) -> None:
    assert xml(source) == expected


# -- Markdown -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("# Сарлавҳа\n\nМатн **қалин** ва _ёт_.\n", "# Sarlavha\n\nMatn **qalin** va _yot_.\n"),
        ("- бир\n- икки\n\n> иқтибос\n", "- bir\n- ikki\n\n> iqtibos\n"),
        # code spans
        ("Матн `код Ер` ва ``a ` Ер`` ер", "Matn `код Ер` va ``a ` Ер`` yer"),
        ("Матн `Ер ва ер", "Matn `Yer va yer"),  # unmatched: text
        ("`Ер\n\nЕр`", "`Yer\n\nYer`"),  # a blank line ends the paragraph first
        ("`Ер\nЕр`", "`Ер\nЕр`"),
        ("- ` Ер\n- `Ер` Ер", "- ` Yer\n- `Ер` Yer"),  # a list item ends the paragraph
        ("` Ер\n# Ер `", "` Yer\n# Yer `"),
        (r"\`Ер\` ер", r"\`Yer\` yer"),  # escaped backticks
        # fenced code
        ("```python\nprint('Ер')\n```\nЕр", "```python\nprint('Ер')\n```\nYer"),
        ("~~~ Ер\nЕр\n```\nЕр\n~~~~\nЕр", "~~~ Ер\nЕр\n```\nЕр\n~~~~\nYer"),
        ("````\nЕр\n```\nЕр\n````\nЕр", "````\nЕр\n```\nЕр\n````\nYer"),
        ("```\nЕр", "```\nЕр"),  # unclosed: to the end
        ("> ```\n> Ер\n> ```\nЕр", "> ```\n> Ер\n> ```\nYer"),
        ("> ```\n> Ер\n\nЕр", "> ```\n> Ер\n\nYer"),  # the fence ends with its block quote
        ("``` a`b\nЕр", "``` a`b\nYer"),  # a backtick in the info string: not a fence
        ("1. Қадам\n\n   ```\n   Ер\n   ```\n", "1. Qadam\n\n   ```\n   Ер\n   ```\n"),
        # indented code
        ("Ер\n\n    Ер\n    ер\n\nЕр", "Yer\n\n    Ер\n    ер\n\nYer"),
        ("    Ер\nЕр", "    Ер\nYer"),
        ("Ер\n    Ер", "Yer\n    Yer"),  # a paragraph continues
        ("- Ер\n\n    Ер", "- Yer\n\n    Yer"),  # list item content, not code
        ("- Ер\n\n      Ер", "- Yer\n\n      Ер"),
        ("\tЕр", "\tЕр"),
        # links and images
        (
            '[Ҳавола](https://kun.uz/цирк "Сарлавҳа") ер',
            '[Havola](https://kun.uz/цирк "Sarlavha") yer',
        ),
        ("![Расм](расм.png) ва [Ер](<цирк ер.md>)", "![Rasm](расм.png) va [Yer](<цирк ер.md>)"),
        (
            "[Ер](цирк_(ер).md 'Ер') [Ер]( цирк (Ер))",
            "[Yer](цирк_(ер).md 'Yer') [Yer]( цирк (Yer))",
        ),
        ("[`Ер`](цирк)", "[`Ер`](цирк)"),
        ("Ер](цирк) ва [Ер] (цирк)", "Yer](sirk) va [Yer] (sirk)"),  # not links
        # reference definitions: label and title are text, the URL is kept
        ('[Цирк]: https://цирк.uz "Ер"\n[Цирк] ер', '[Sirk]: https://цирк.uz "Yer"\n[Sirk] yer'),
        ("[1]: <цирк ер.md>\n", "[1]: <цирк ер.md>\n"),
        ("[^1]: Ер\n", "[^1]: Yer\n"),  # a footnote, not a definition
        ("Ер\n[1]: цирк\n", "Yer\n[1]: sirk\n"),  # cannot interrupt a paragraph
        # autolinks
        (
            "<https://kun.uz/цирк> ва <ер@цирк.uz> <info@mail.uz>",
            "<https://kun.uz/цирк> va <ер@цирк.uz> <info@mail.uz>",
        ),
        # inline HTML and HTML blocks follow the HTML rules
        (
            'Ер <b title="Ер">Ер</b> &laquo;Ер&raquo;',
            'Yer <b title="Yer">Yer</b> &laquo;Yer&raquo;',
        ),
        ("<!-- Ер\n\nЕр -->\nЕр", "<!-- Ер\n\nЕр -->\nYer"),
        ("<pre>\nЕр\n\n```\nЕр\n</pre>\nЕр", "<pre>\nЕр\n\n```\nЕр\n</pre>\nYer"),
        ("<div>\n    Ер\n</div>", "<div>\n    Yer\n</div>"),
        ("Ер <code>Ер</code> Ер", "Yer <code>Ер</code> Yer"),
        ("<title> Ер\n\n    Ер\n", "<title> Yer\n\n    Ер\n"),  # not a raw-text element
        ("Ер <a,b> &copy Ер", "Yer <a,b> &copy Yer"),  # not a tag; no legacy references
    ],
)
def test_markdown(source: str, expected: str) -> None:
    assert md(source) == expected


def test_markdown_never_raises_on_fragments() -> None:
    for source in ["[", "](", "[a](", "`", "``", "```", "\\", "<", "&", "[a]:", "> ```\n>", "- "]:
        assert md(source).translate(str.maketrans("", "", "Ер")) == source
        assert md(source + "Ер")[len(source) :] in ("Ер", "Yer")
        assert "".join(s.text for s in tokenize(source, "markdown")) == source


# -- formats --------------------------------------------------------------------------------------


def test_text_format_is_the_transliterator() -> None:
    assert convert_markup(EXAMPLE, LATIN, "text") == LATIN(EXAMPLE)
    assert "".join(stream_markup([EXAMPLE[:20], EXAMPLE[20:]], LATIN, "text")) == LATIN(EXAMPLE)


def test_unknown_format_and_bad_input() -> None:
    with pytest.raises(ValueError, match="format"):
        convert_markup("x", LATIN, "rtf")
    with pytest.raises(ValueError, match="format"):
        MarkupStream(LATIN, "auto")
    with pytest.raises(ValueError, match="format"):
        stream_markup([], LATIN, "htm")
    with pytest.raises(TypeError):
        convert_markup(b"x", LATIN, "html")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        MarkupStream(LATIN, "html").feed(b"x")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("path", "format"),
    [
        ("index.html", "html"),
        ("a/b.HTM", "html"),
        ("page.xhtml", "html"),
        ("data.xml", "xml"),
        ("logo.svg", "xml"),
        ("uz.xliff", "xml"),
        ("uz.xlf", "xml"),
        ("README.md", "markdown"),
        ("notes.markdown", "markdown"),
        ("notes.txt", "text"),
        ("Makefile", "text"),
        ("dir.html/file", "text"),
        (".md", "text"),  # a hidden file named "md", as os.path.splitext says
        ("-", "text"),
    ],
)
def test_format_for_path(path: str, format: str) -> None:
    assert format_for_path(path) == format
    assert format_for_path(Path(path)) == format


# -- streaming ------------------------------------------------------------------------------------


def test_stream_holds_back_little(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(markup, "MAX_CONSTRUCT", 100)
    for format, opener in [
        ("html", "<!--"),
        ("html", "<script>"),
        ("xml", "<![CDATA["),
        ("markdown", "```\n"),
        ("markdown", "    "),
    ]:
        stream = MarkupStream(LATIN, format)
        out = [stream.feed(opener)]
        for _ in range(200):
            out.append(stream.feed("Цирк ер " * 5))
            assert len(stream.pending) <= 10, (format, opener, stream.pending)
        out.append(stream.finish())
        source = opener + "Цирк ер " * 1000
        assert "".join(out) == convert_markup(source, LATIN, format) == source
    # An unclosed tag is held up to MAX_CONSTRUCT characters, then its '<' is text.
    stream = MarkupStream(LATIN, "html")
    out = [stream.feed("<a title='")]
    for _ in range(50):
        out.append(stream.feed("Ер "))
        # the held construct, and input not yet looked at: at most an eighth of it more
        assert len(stream.pending) <= 100 + 100 // 8 + 3
    out.append(stream.finish())
    assert "".join(out) == "<a title='" + "Yer " * 50


def test_stream_is_reusable_and_yields_nonempty_pieces() -> None:
    stream = MarkupStream(LATIN, "html")
    assert stream.feed("<p title='Е") == ""
    assert stream.pending == "<p title='Е"
    assert stream.finish() == "<p title='Ye"  # an unclosed tag is text
    assert stream.feed("") == ""
    assert stream.feed("<b>Ер</b>") + stream.finish() == "<b>Yer</b>"
    pieces = list(stream_markup(["", "<b>", "", "Ер", "</b>", ""], LATIN, "html"))
    assert all(pieces)
    assert "".join(pieces) == "<b>Yer</b>"


def test_text_runs_are_streamed_with_context() -> None:
    # "1994 йил" is one text run: the date rule needs both words, cut anywhere.
    source = "<p>1994 йил</p>"
    assert html(source) == "<p>1994-yil</p>"
    for cut in range(len(source) + 1):
        assert "".join(stream_markup([source[:cut], source[cut:]], LATIN, "html")) == html(source)


# -- properties -----------------------------------------------------------------------------------

# Pieces of every construct, so that random joins and cuts land inside them.
ATOMS = [
    *"<>&;\"'=/!?-[]()`~#*_\\ \t\n",
    "\r\n",
    "\n\n",
    "    ",
    "> ",
    "- ",
    "1. ",
    "&amp;",
    "&laquo;",
    "&#1062;",
    "&#x41;",
    "&copy",
    "<!--",
    "-->",
    "<![CDATA[",
    "]]>",
    "<?",
    "?>",
    "<!DOCTYPE",
    "```",
    "~~~",
    "](",
    "![",
    "<p>",
    "</p>",
    '<a href="https://kun.uz/цирк" title="Цирк">',
    "</a>",
    "<script>",
    "</script>",
    "<pre>",
    "</pre>",
    "<code>",
    "</code>",
    "<title>",
    "</title>",
    "<b",
    ' lang="uz-Cyrl"',
    " lang=uz-Latn",
    ' content="Ер"',
    '<meta name="description"',
    "<https://kun.uz/ер>",
    "Цирк",
    "Ер",
    "сҳ",
    "Шаҳар",
    "йил",
    "1994 ",
    "shahar",
    "Oʻzbek",
    "sʼh",
    "info@мактаб.uz",
    PLACEHOLDER,
    "&shy;",
    "&#173;",
    "<wbr>",
    "\u00ad",
    ' lang="ru"',
    ' translate="no"',
    "<span>",
    "</span>",
    "<textarea>",
    "</textarea>",
    '<input value="Ер">',
    '<script type="application/ld+json">',
    '{"headline": "',
    '"name":',
    '\\"',
    "\\u04",
    '"}',
]
markup_texts = st.lists(st.sampled_from(ATOMS), max_size=40).map("".join)
FORMATS = ["html", "xml", "markdown"]
TRANSLITERATORS = [LATIN, CYRILLIC]


@settings(max_examples=150)
@given(markup_texts, st.sampled_from(FORMATS))
def test_segments_join_up_to_the_input(text: str, format: str) -> None:
    segments = tokenize(text, format, "uz_Latn")
    assert "".join(s.text for s in segments) == text
    assert all(s.text for s in segments)
    for segment in segments:
        if segment.kind == ENTITY:
            assert segment.text.startswith("&")
        assert (segment.kind == REPLACE) == bool(segment.replacement)


@st.composite
def chunked(draw: st.DrawFn, texts: st.SearchStrategy[str]) -> list[str]:
    """A text cut at random places; repeated cut points give empty chunks."""
    text = draw(texts)
    cuts = sorted(draw(st.lists(st.integers(0, len(text)), max_size=12)))
    return [text[a:b] for a, b in itertools.pairwise([0, *cuts, len(text)])]


@settings(max_examples=300)
@given(chunked(markup_texts), st.sampled_from(FORMATS), st.sampled_from(TRANSLITERATORS))
def test_stream_equals_one_shot(
    chunks: list[str], format: str, transliterator: translit.Transliterator
) -> None:
    stream = MarkupStream(transliterator, format)
    out = "".join(stream.feed(chunk) for chunk in chunks) + stream.finish()
    assert out == convert_markup("".join(chunks), transliterator, format)


@settings(max_examples=150)
@given(chunked(markup_texts), st.sampled_from(FORMATS), st.sampled_from(TRANSLITERATORS))
def test_stream_equals_one_shot_with_a_small_cap(
    chunks: list[str], format: str, transliterator: translit.Transliterator
) -> None:
    # Constructs longer than MAX_CONSTRUCT are read as text, alike in both paths.
    saved = markup.MAX_CONSTRUCT
    markup.MAX_CONSTRUCT = 7
    try:
        stream = MarkupStream(transliterator, format)
        out = "".join(stream.feed(chunk) for chunk in chunks) + stream.finish()
        assert out == convert_markup("".join(chunks), transliterator, format)
    finally:
        markup.MAX_CONSTRUCT = saved


@settings(max_examples=100)
@given(markup_texts, st.sampled_from(FORMATS), st.sampled_from(TRANSLITERATORS))
def test_kept_segments_come_out_in_order(
    text: str, format: str, transliterator: translit.Transliterator
) -> None:
    out = convert_markup(text, transliterator, format)
    pos = 0
    for segment in tokenize(text, format, transliterator.target):
        if segment.kind in (KEEP, ENTITY, REPLACE, SOFT):
            piece = segment.replacement or segment.text
            found = out.find(piece, pos)
            assert found >= 0, (segment, out[pos:])
            pos = found + len(piece)


@settings(max_examples=100)
@given(st.text(alphabet="ЦирЕрсҳShahr oʻ1994йл.,-\n" + PLACEHOLDER, max_size=30))
def test_engine_copies_the_placeholder(text: str) -> None:
    # The design rests on this: an entity's placeholder comes out once, in order.
    for transliterator in TRANSLITERATORS:
        assert transliterator(text).count(PLACEHOLDER) == text.count(PLACEHOLDER)


# -- a ground truth: documents built from pieces whose kind is known ------------------------------

_LOWER = "abcdefghijklmnopqrstuvwxyzабвгдежзийклмнопрстуфхцчшэюяўқғҳ"
_UPPER_TABLE = str.maketrans(_LOWER, _LOWER.upper())


@dataclass(frozen=True)
class Upper:
    """A context-free stand-in transliterator: it upper-cases every lower-case letter it
    sees, so the output shows exactly which characters were taken as text."""

    target: str = "uz_Latn"

    def __call__(self, text: str) -> str:
        return text.translate(_UPPER_TABLE)

    def convert_prefix(self, buffer: str, final: bool = False) -> tuple[str, str]:
        return self(buffer), ""


# A document is a list of (source, expected output) pairs.
Pieces = list[tuple[str, str]]


def text(source: str) -> tuple[str, str]:
    return source, Upper()(source)


def keep(source: str) -> tuple[str, str]:
    return source, source


words = st.text(alphabet=_LOWER[20:34] + " .,!?", min_size=1, max_size=8)
plain = st.text(alphabet=_LOWER[:6] + _LOWER[26:32] + " ", max_size=6)  # in kept places
slugs = st.text(alphabet=_LOWER[:6] + _LOWER[26:32], min_size=1, max_size=6)
entities = st.sampled_from(["&amp;", "&laquo;", "&#1062;", "&#x41;", "&nbsp;"])


@st.composite
def html_pieces(draw: st.DrawFn, xml_rules: bool = False) -> Pieces:
    name = draw(st.sampled_from(["p", "a", "div", "span", "b"]))
    choice = draw(st.integers(0, 9))
    if choice == 0:
        return [text(draw(words))]
    if choice == 1:
        return [keep(draw(entities))]
    if choice == 2:  # a tag with kept and text attributes
        pieces = [keep(f'<{name} class="{draw(plain)}"')]
        for attr in draw(
            st.lists(st.sampled_from(["title", "alt", "id", "aria-label"]), max_size=3)
        ):
            value = draw(words)
            if attr == "id":
                pieces.append(keep(f" {attr}='{value}'"))
            else:
                pieces += [keep(f" {attr}='"), text(value), keep(draw(entities) + "'")]
        return [*pieces, keep(">")]
    if choice == 3:
        return [keep(f"</{name}>")]
    if choice == 4:
        return [keep(f"<!--{draw(plain)}<&-{draw(plain)}-->")]
    if choice == 5:
        body = draw(plain) + "<&" + draw(plain)
        return [keep(f"<script type='{draw(plain)}'>{body}</script>")]
    if choice == 6:
        attr = "xml:lang" if xml_rules else "lang"
        return [keep(f'<{name} {attr}="'), ("uz-Cyrl", "uz-Latn"), keep('">')]
    if choice == 7:
        return [keep('<meta name="description" content="'), text(draw(words)), keep('"/>')]
    if choice == 8:
        if xml_rules:
            return [keep(f"<![CDATA[{draw(plain)}<&]]>")]
        element = draw(st.sampled_from(["pre", "code", "kbd", "samp"]))
        inner = draw(plain) + "<b title='x'>" + draw(plain) + "</b>&amp;"
        return [keep(f"<{element}>{inner}</{element}>")]
    if xml_rules:
        return [keep(f"<?pi {draw(plain)}?>")]
    return [keep("<title>"), text(draw(words)), keep("</title>")]


@st.composite
def markdown_pieces(draw: st.DrawFn) -> Pieces:
    """Blocks, each ending in a blank line or a heading (so the next may be code)."""
    choice = draw(st.integers(0, 6))
    if choice == 0:  # a paragraph of inline pieces
        pieces = [text("q" + draw(words))]
        for kind in draw(st.lists(st.integers(0, 5), max_size=5)):
            if kind == 0:
                pieces.append(text(draw(words)))
            elif kind == 1:
                pieces.append(keep(f"`{draw(plain)}<&[]`"))
            elif kind == 2:
                pieces += [text(f"[{draw(words)}]"), keep(f"(https://x.uz/{draw(slugs)} '")]
                pieces += [text(draw(words)), keep("')")]
            elif kind == 3:
                pieces += [text(f"![{draw(words)}]"), keep(f"({draw(slugs)}.png)")]
            elif kind == 4:
                pieces.append(keep(f"<https://x.uz/{draw(slugs)}>"))
            else:
                pieces.append(keep(draw(entities)))
        return [*pieces, text("\n\n")]
    if choice == 1:
        fence = draw(st.sampled_from(["```", "~~~~"]))
        body = "".join(line + " [<&\n" for line in draw(st.lists(plain, max_size=3)))
        return [keep(f"{fence}{draw(slugs)}\n{body}{fence}\n"), text("\n")]
    if choice == 2:
        lines = draw(st.lists(plain, min_size=1, max_size=3))
        return [keep("".join(f"    {line}`<&\n" for line in lines)), text("\n")]
    if choice == 3:
        return [
            keep("["),
            text("q" + draw(words)),
            keep(f"]: https://x.uz/{draw(slugs)} '"),
            text(draw(words)),
            keep("'\n"),
            text("\n"),
        ]
    if choice == 4:
        return [text("# " + draw(words) + "\n")]
    if choice == 5:
        return [keep(f"<!-- {draw(plain)} -->"), text("\n\n")]
    return [keep("<b title='"), text(draw(words)), keep("'>"), text(draw(words) + "\n\n")]


@settings(max_examples=300)
@given(
    st.sampled_from(
        [
            ("html", html_pieces()),
            ("xml", html_pieces(xml_rules=True)),
            ("markdown", markdown_pieces()),
        ]
    ).flatmap(lambda pair: st.tuples(st.just(pair[0]), st.lists(pair[1], max_size=10)))
)
def test_every_byte_outside_text_is_kept(case: tuple[str, list[Pieces]]) -> None:
    format, blocks = case
    pieces = [piece for block in blocks for piece in block]
    source = "".join(source for source, _ in pieces)
    expected = "".join(out for _, out in pieces)
    assert convert_markup(source, Upper(), format) == expected
    assert "".join(stream_markup(source, Upper(), format)) == expected  # one character a time


def test_segment_is_a_named_tuple() -> None:
    assert Segment(TEXT, "a") == ("text", "a", "")
