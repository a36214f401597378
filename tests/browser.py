"""Headless Chromium for the page's end-to-end tests and its screenshot in docs/.

Uses the system's browser and driver (Debian ``chromium`` and ``chromium-driver``); nothing
is downloaded: the driver's path is given, so Selenium Manager is never asked for one.

    python -m tests.browser docs/web-screenshot.png     # regenerate the README's screenshot
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from selenium.webdriver.remote.webdriver import WebDriver

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = ("chromium", "chromium-browser", "google-chrome")
DRIVER = "chromedriver"
FLAGS = (
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
)


def browser_paths() -> tuple[str, str] | None:
    """(browser, driver) found on PATH, or None."""
    browser = next((path for name in CHROMIUM if (path := shutil.which(name))), None)
    driver = shutil.which(DRIVER)
    return (browser, driver) if browser and driver else None


def serve(*args: str, env: dict[str, str] | None = None) -> subprocess.Popen[str]:
    """Start ``translit serve`` on a free loopback port; its first line of output names it."""
    return subprocess.Popen(
        [sys.executable, "-m", "translit", "serve", "--port", "0", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )


@contextlib.contextmanager
def server(*args: str) -> Iterator[str]:
    """Run ``translit serve`` on a free loopback port in a subprocess; yield its URL."""
    proc = serve("--no-browser", *args)
    try:
        assert proc.stdout is not None
        line = proc.stdout.readline()
        match = re.search(r"http://\S+/", line)
        if not match:
            raise RuntimeError(f"translit serve did not start: {line!r} {proc.stderr.read()!r}")  # type: ignore[union-attr]
        yield match.group()
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        for stream in (proc.stdout, proc.stderr):
            if stream is not None:
                stream.close()


@contextlib.contextmanager
def chromium(
    downloads: Path | None = None, *, width: int = 1280, height: int = 900
) -> Iterator[WebDriver]:
    """A headless Chromium WebDriver with a fresh profile (removed afterwards)."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    paths = browser_paths()
    if paths is None:
        raise RuntimeError("no chromium and chromedriver on PATH")
    os.environ.setdefault("SE_OFFLINE", "true")  # Selenium Manager, if asked, fetches nothing
    profile = tempfile.mkdtemp(prefix="translit-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = paths[0]
    for flag in FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={profile}")
    options.add_argument(f"--window-size={width},{height}")
    if downloads is not None:
        options.add_experimental_option(
            "prefs",
            {
                "download.default_directory": str(downloads),
                "download.prompt_for_download": False,
                "safebrowsing.enabled": False,
            },
        )
    driver = webdriver.Chrome(options=options, service=Service(executable_path=paths[1]))
    driver.set_page_load_timeout(30)  # a hung page fails its test, not the whole run
    driver.set_script_timeout(30)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


def screenshot(path: Path) -> None:
    """The page converting the start of the seed article, a lexicon word's tip shown."""
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    text = (ROOT / "tests" / "data" / "seed.latn.txt").read_text(encoding="utf-8")
    text = "\n".join(text.split("\n")[1:4])  # line 0 is the article's date line
    with server() as url, chromium(width=1280, height=1000) as driver:
        driver.get(url)
        wait = WebDriverWait(driver, 20)
        wait.until(lambda d: d.find_element(By.TAG_NAME, "body").get_attribute("data-ready"))
        driver.execute_script(
            "const i = document.getElementById('input'); i.value = arguments[0];", text
        )
        driver.find_element(By.ID, "target").send_keys("Kirill")
        driver.find_element(By.ID, "convert").click()
        mark = wait.until(lambda d: d.find_element(By.CSS_SELECTOR, "mark.m-lexicon"))
        ActionChains(driver).move_to_element(mark).perform()
        wait.until(lambda d: d.find_element(By.ID, "tip").is_displayed())
        driver.execute_script("window.scrollTo(0, 0)")
        time.sleep(0.2)
        driver.save_screenshot(str(path))


if __name__ == "__main__":
    screenshot(Path(sys.argv[1] if len(sys.argv) > 1 else ROOT / "docs" / "web-screenshot.png"))
