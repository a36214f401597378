"""The page end to end: the real server (``translit serve``) driven in headless Chromium.

Skipped only where no Chromium and chromedriver are installed (.ci/run installs them).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

import pytest

from tests import browser

if browser.browser_paths() is None:
    pytest.skip(
        "no Chromium + chromedriver on PATH (Debian: apt-get install chromium chromium-driver)",
        allow_module_level=True,
    )
pytest.importorskip("selenium", reason="selenium is in the test extra")
pytest.importorskip("uvicorn", reason="the [web] extra is not installed")

from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import Select, WebDriverWait

import translit

if TYPE_CHECKING:
    from selenium.webdriver.remote.webdriver import WebDriver

DATA = Path(__file__).parent / "data"
SEED_CYRL = (DATA / "seed.cyrl.txt").read_text(encoding="utf-8")
SEED_LATN = (DATA / "seed.latn.txt").read_text(encoding="utf-8")
T = TypeVar("T")


@pytest.fixture(scope="module")
def downloads(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("downloads")


@pytest.fixture(scope="module")
def session(downloads: Path) -> Iterator[tuple[WebDriver, str]]:
    with browser.server() as url, browser.chromium(downloads) as driver:
        yield driver, url


@pytest.fixture
def page(session: tuple[WebDriver, str]) -> WebDriver:
    """The page, freshly loaded and ready (its options fetched from the server)."""
    driver, url = session
    driver.set_window_size(1280, 900)
    driver.get(url)
    driver.execute_script("localStorage.clear()")
    driver.get(url)
    until(driver, lambda d: d.find_element(By.TAG_NAME, "body").get_attribute("data-ready"))
    return driver


def until(driver: WebDriver, check: Callable[[WebDriver], T], seconds: float = 10) -> T:
    return WebDriverWait(driver, seconds).until(check)


def paste(driver: WebDriver, text: str, target: str) -> None:
    driver.execute_script(
        "const box = document.getElementById('input');"
        " box.value = arguments[0]; box.dispatchEvent(new Event('input'));",
        text,
    )
    Select(driver.find_element(By.ID, "target")).select_by_value(target)


def output(driver: WebDriver) -> str:
    text: str = driver.execute_script("return document.getElementById('output').textContent")
    return text


def convert(driver: WebDriver) -> str:
    """Click Convert and wait for the answer; the output's text."""
    driver.execute_script("document.getElementById('status').textContent = ''")
    driver.find_element(By.ID, "convert").click()
    until(driver, lambda d: d.find_element(By.ID, "status").text.startswith("Tayyor"))
    return output(driver)


def test_seed_article_pasted_and_converted_matches_the_golden_latin(page: WebDriver) -> None:
    paste(page, SEED_CYRL, "latin")
    assert convert(page) == SEED_LATN
    assert page.find_elements(By.CSS_SELECTOR, "#output mark.m-rule")  # ц → ts, е → ye ...


@pytest.mark.parametrize(
    ("source", "target", "expected"),
    [
        ("auto", "latin", "Oʻzbekiston shaharlari, Isʼhoq"),
        ("auto", "cyrillic", "Ўзбекистон шаҳарлари, Исҳоқ"),
        ("latin-2026", "latin", "Oʻzbekiston shaharlari, Isʼhoq"),
    ],
)
def test_2026_latin_text_converts_from_the_page(
    page: WebDriver, source: str, target: str, expected: str
) -> None:
    paste(page, "Özbekiston şaharlari, Ishoq", target)
    Select(page.find_element(By.ID, "source")).select_by_value(source)
    assert convert(page) == expected


def test_markup_in_the_input_shows_as_text(page: WebDriver) -> None:
    paste(
        page, "<script>window.pwned = 1</script><b>цирк</b> <img src=x onerror=alert(1)>", "latin"
    )
    result = convert(page)
    assert result == "<script>window.pwned = 1</script><b>sirk</b> <img src=x onerror=alert(1)>"
    assert page.execute_script("return window.pwned === undefined")
    assert not page.find_elements(By.CSS_SELECTOR, "#output script, #output b, #output img")


def test_hover_a_lexicon_word_shows_its_explanation_and_keep_it(page: WebDriver) -> None:
    paste(page, "U sirkda edi.", "cyrillic")
    assert convert(page) == "У циркда эди."
    mark = page.find_element(By.CSS_SELECTOR, "#output mark.m-lexicon")
    assert mark.text == "циркда"
    ActionChains(page).move_to_element(mark).perform()
    tip = page.find_element(By.ID, "tip")
    until(page, lambda d: tip.is_displayed())
    assert "sirk → цирк" in tip.text
    assert "lexicon.tsv:32" in tip.text
    assert "Lugʻatdan tiklangan" in tip.text  # flagged for a human look
    assert "sirkda" in page.find_element(By.ID, "review").text
    tip.find_element(By.CSS_SELECTOR, "button.keepit").click()
    until(page, lambda d: output(d) == "У sirkda эди.")
    assert page.find_element(By.ID, "keep").get_attribute("value") == "sirkda"


def test_keyboard_reaches_a_mark_and_its_keep_button(page: WebDriver) -> None:
    paste(page, "PepsiCo va sirk", "cyrillic")
    convert(page)
    marks = page.find_elements(By.CSS_SELECTOR, "#output mark")
    assert [m.text for m in marks] == ["PepsiCo", "цирк"]
    assert all(m.get_attribute("tabindex") == "0" for m in marks)
    page.find_element(By.ID, "output").click()
    ActionChains(page).send_keys(Keys.TAB).perform()  # into the output: the first mark
    ActionChains(page).send_keys(Keys.TAB).perform()
    assert page.switch_to.active_element.text == "цирк"
    assert page.find_element(By.ID, "tip").is_displayed()
    ActionChains(page).send_keys(Keys.ENTER).perform()
    assert page.switch_to.active_element.get_attribute("class") == "keepit"
    ActionChains(page).send_keys(Keys.ENTER).perform()
    until(page, lambda d: output(d) == "PepsiCo ва sirk")


def _downloaded(folder: Path, name: str) -> bytes:
    path = folder / name
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        if path.exists() and not list(folder.glob("*.crdownload")):
            return path.read_bytes()
        time.sleep(0.1)
    raise AssertionError(f"{name} was not downloaded: {sorted(p.name for p in folder.iterdir())}")


def test_upload_a_file_and_download_the_result(
    page: WebDriver, downloads: Path, tmp_path: Path
) -> None:
    source = tmp_path / "maqola.md"
    source.write_text("# Цирк\n\n" + SEED_CYRL, encoding="utf-8")
    page.find_element(By.ID, "file").send_keys(str(source))
    until(page, lambda d: d.find_element(By.ID, "status").text.startswith("Tayyor"))
    assert (
        Select(page.find_element(By.ID, "format")).first_selected_option.get_attribute("value")
        == "markdown"
    )
    expected = translit.to_latin(source.read_text(encoding="utf-8"), format="markdown")
    assert output(page) == expected
    page.find_element(By.ID, "download").click()
    assert _downloaded(downloads, "maqola.md").decode("utf-8") == expected


def test_word_document_is_converted_and_downloaded_as_docx(
    page: WebDriver, downloads: Path, tmp_path: Path
) -> None:
    from tests.sample_documents import sample_docx

    source = tmp_path / "hisobot.docx"
    source.write_bytes(sample_docx())
    page.find_element(By.ID, "file").send_keys(str(source))
    until(page, lambda d: "hisobot.docx" in d.find_element(By.ID, "status").text)
    page.find_element(By.ID, "download").click()
    expected = translit.convert_document(source.read_bytes(), format="docx", target="latin")
    assert _downloaded(downloads, "hisobot.docx") == expected
    assert translit.documents.document_text(expected, "docx") in output(page)


def test_a_15_mb_paste_is_refused_with_the_message(page: WebDriver) -> None:
    page.execute_script(
        "const data = new DataTransfer();"
        " data.setData('text/plain', 'цирк '.repeat(3 * 1024 * 1024));"  # 15 M characters
        " document.getElementById('input').dispatchEvent(new ClipboardEvent('paste',"
        " {clipboardData: data, bubbles: true, cancelable: true}));"
    )
    error = until(page, lambda d: d.find_element(By.ID, "error").text)
    assert error.startswith("Matn juda katta: serverning chegarasi 10 MB.")
    assert page.find_element(By.ID, "input").get_attribute("value") == ""


def test_english_switch_and_phone_layout(page: WebDriver) -> None:
    page.find_element(By.ID, "lang").click()
    assert page.find_element(By.ID, "convert").text == "Convert"
    assert page.find_element(By.TAG_NAME, "html").get_attribute("lang") == "en"
    page.set_window_size(390, 844)
    source = page.find_element(By.ID, "input").rect
    result = page.find_element(By.ID, "output").rect
    assert result["y"] > source["y"] + source["height"]  # stacked, not side by side
    assert result["x"] + result["width"] <= 390
    page.refresh()
    until(page, lambda d: d.find_element(By.TAG_NAME, "body").get_attribute("data-ready"))
    assert page.find_element(By.ID, "convert").text == "Convert"  # the choice is remembered
