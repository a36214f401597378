"""The web API in-process (Starlette's test client): answers, errors, limits and safety."""

from __future__ import annotations

import base64
import io
import json
import os
import re
import signal
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator, MutableMapping
from importlib import resources
from pathlib import Path
from typing import Any

import anyio
import pytest
from hypothesis import given
from hypothesis import strategies as st

pytest.importorskip("starlette", reason="the [web] extra is not installed")

from starlette.testclient import TestClient

import translit
from tests.browser import serve
from translit.cli import main
from translit.web import create_app, service

DATA = Path(__file__).parent / "data"
SEED_CYRL = (DATA / "seed.cyrl.txt").read_text(encoding="utf-8")
SEED_LATN = (DATA / "seed.latn.txt").read_text(encoding="utf-8")
JSON = {"content-type": "application/json"}


@pytest.fixture(scope="module")
def client() -> Iterator[TestClient]:
    with TestClient(create_app()) as c:
        yield c


def post(client: TestClient, path: str, body: Any) -> Any:
    return client.post(path, content=json.dumps(body, ensure_ascii=False), headers=JSON)


def test_health(client: TestClient) -> None:
    answer = client.get("/api/health")
    assert answer.status_code == 200
    assert answer.json() == {"status": "ok", "version": translit.__version__}


def test_options_come_from_the_library(client: TestClient) -> None:
    options = client.get("/api/options").json()
    targets = {t["id"] for t in options["targets"]}
    assert {"latin", "cyrillic"} <= targets
    assert len(targets) == len({i.split("-", 1)[1] for i in translit.available()})
    assert set(options["options"]) == set(translit.Options.__dataclass_fields__)
    assert options["options"]["apostrophe"]["choices"] == ["modifier", "typographic", "ascii"]
    assert set(options["formats"]) >= set(translit.FORMATS)
    assert options["extensions"][".html"] == "html"
    assert options["max_body"] == 10 * 1024 * 1024


@pytest.mark.parametrize(
    ("text", "target", "expected"),
    [
        (SEED_CYRL, "latin", SEED_LATN),
        ("<script>alert('цирк')</script>", "latin", "<script>alert('sirk')</script>"),
        ("Ўзбекистон", "uz-Latn", "Oʻzbekiston"),
        ("sirkda Chevron", "cyrillic", "циркда Чеврон"),
    ],
)
def test_convert(client: TestClient, text: str, target: str, expected: str) -> None:
    answer = post(client, "/api/convert", {"text": text, "target": target})
    assert answer.status_code == 200, answer.text
    assert answer.json() == {"text": expected}
    assert answer.headers["content-type"] == "application/json"


@pytest.mark.parametrize(
    "options",
    [
        {"apostrophe": "ascii"},
        {"apostrophe": "typographic", "dates": False, "particles": False, "izofa": False},
        {"soft_sign": "always", "foreign": "convert", "keep": ["Chevron", "sirk"]},
        {"format": "html"},
        {"source": "auto", "format": "markdown"},
    ],
)
@pytest.mark.parametrize(("text", "target"), [(SEED_CYRL, "latin"), (SEED_LATN, "cyrillic")])
def test_options_by_their_library_names(
    client: TestClient, text: str, target: str, options: dict[str, Any]
) -> None:
    sample = f"<p>{text[:600]}</p>\n* aprelda Chevron sirk 1994 йил нуқтаи бўлсада"
    library = {k: v for k, v in options.items() if k != "source" or v != "auto"}
    expected = translit.transliterate(sample, target=target, **library)
    answer = post(client, "/api/convert", {"text": sample, "target": target, **options})
    assert answer.status_code == 200, answer.text
    assert answer.json()["text"] == expected


@pytest.mark.parametrize(
    ("body", "status", "message"),
    [
        (b"{", 400, "not valid JSON: line 1 column 2"),
        (b"\xff", 400, "byte 0: the request is not UTF-8"),
        (b"[" * 100_000, 400, "nested too deeply"),
        (b'{"text": ' + b"[" * 100_000, 400, "nested too deeply"),
        (b"[1]", 400, "must be a JSON object"),
        (b'{"text": "x"}', 400, '"target" is missing'),
        (b'{"text": "x", "target": "greek"}', 400, "target='greek' is not a script"),
        (b'{"text": "x", "target": "latin", "colour": 1}', 400, "unknown field 'colour'"),
        (b'{"text": "x", "target": "latin", "apostrophe": "curly"}', 400, "apostrophe='curly'"),
        (b'{"text": "x", "target": "latin", "dates": "yes"}', 400, "dates= takes True or False"),
        (b'{"text": "x", "target": "latin", "keep": "Chevron"}', 400, '"keep" must be a list'),
        (b'{"text": 5, "target": "latin"}', 400, '"text" must be a string, not int'),
        (b'{"target": "latin"}', 400, '"text" is missing'),
        (b'{"text": "x", "target": "latin", "format": "pdf"}', 400, "format='pdf' is not one"),
        (b'{"text": "x", "target": "latin", "marks": 1}', 400, '"marks" must be true or false'),
        (b'{"text": "\\ud800", "target": "latin"}', 400, "character 0: a lone surrogate"),
        (b'{"text": "x", "target": "latin", "source": "latin"}', 400, "both uz_Latn"),
    ],
)
def test_bad_requests_get_one_line_of_json(
    client: TestClient, body: bytes, status: int, message: str
) -> None:
    for path in ("/api/convert", "/api/explain"):
        answer = client.post(path, content=body, headers=JSON)
        assert answer.status_code == status
        error = answer.json()["error"]
        assert message in error
        assert "\n" not in error
        assert "Traceback" not in answer.text


@pytest.mark.parametrize(
    ("method", "path", "headers", "status", "message"),
    [
        ("POST", "/api/convert", {"content-type": "text/plain"}, 415, "send JSON"),
        ("POST", "/api/convert", {}, 415, "not no type"),
        ("GET", "/api/convert", {}, 405, "GET /api/convert: Method Not Allowed"),
        ("GET", "/api/nothing", {}, 404, "GET /api/nothing: Not Found"),
    ],
)
def test_http_errors_are_json(
    client: TestClient, method: str, path: str, headers: dict[str, str], status: int, message: str
) -> None:
    answer = client.request(method, path, content=b"{}", headers=headers)
    assert answer.status_code == status
    assert message in answer.json()["error"]


def test_explain_gives_every_step_with_its_data_line(client: TestClient) -> None:
    text = "sirkda 1995-yil Wabtec"
    answer = post(client, "/api/explain", {"text": text, "target": "cyrillic"}).json()
    expected = translit.explain(text, target="cyrillic")
    assert [(s["source"], s["output"], s["rule"]) for s in answer["steps"]] == [
        (s.source, s.output, s.rule) for s in expected
    ]
    lexicon = next(s for s in answer["steps"] if s["rule"].startswith("lexicon.tsv:"))
    assert lexicon["line"].split("\t")[:2] == ["цирк", "sirk"]
    refused = post(client, "/api/explain", {"text": "x", "target": "latin", "format": "html"})
    assert refused.status_code == 400


def test_explain_refuses_very_long_text(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(service, "MAX_EXPLAINED", 10)
    answer = post(client, "/api/explain", {"text": "ц" * 11, "target": "latin"})
    assert answer.status_code == 413
    assert answer.json()["error"].startswith("explain takes at most 10 characters, not 11;")
    assert post(client, "/api/explain", {"text": "ц" * 10, "target": "latin"}).status_code == 200


def _marks(client: TestClient, text: str, target: str, **options: Any) -> dict[str, Any]:
    body = {"text": text, "target": target, "marks": True, **options}
    answer = post(client, "/api/convert", body)
    assert answer.status_code == 200, answer.text
    result: dict[str, Any] = answer.json()
    return result


@pytest.mark.parametrize(
    ("text", "target", "options", "word", "kind", "check"),
    [
        ("Бу лицей.", "latin", {}, "litsey", "rule", False),
        ("U sirkda edi.", "cyrillic", {}, "циркда", "lexicon", True),
        ("PepsiCo va Wabtec", "cyrillic", {}, "PepsiCo", "foreign", True),
        ("Chevron va sirk", "cyrillic", {"keep": ["chevron"]}, "Chevron", "keep", False),
        ("Бу объект.", "latin", {}, "obyekt", "rule", False),
    ],
)
def test_marked_words(
    client: TestClient,
    text: str,
    target: str,
    options: dict[str, Any],
    word: str,
    kind: str,
    check: bool,
) -> None:
    answer = _marks(client, text, target, **options)
    assert "".join(s["text"] for s in answer["segments"]) == answer["text"]
    (mark,) = (s for s in answer["segments"] if s["text"] == word)
    assert (mark["kind"], mark["check"]) == (kind, check)
    assert all(re.fullmatch(r"[\w.-]+:\d+|foreign|keep", s["rule"]) for s in mark["steps"])
    assert [s for s in answer["segments"] if "kind" not in s], "plain text between the marks"


@given(st.text(alphabet="цирк sirk Ўзбек oʻzbek объект PepsiCo 1994 йил,.-<>&\n", max_size=60))
def test_marked_segments_spell_the_output(text: str) -> None:
    with TestClient(create_app()) as c:
        for target in ("latin", "cyrillic"):
            answer = _marks(c, text, target)
            assert "".join(s["text"] for s in answer["segments"]) == answer["text"]


def test_long_or_markup_text_is_not_marked(client: TestClient) -> None:
    long = "цирк " * (service.MAX_MARKED // 5 + 1)
    assert "segments" not in _marks(client, long, "latin")
    assert "segments" not in _marks(client, "<b>цирк</b>", "latin", format="html")


def test_body_limit_by_content_length() -> None:
    with TestClient(create_app(max_body=1000)) as c:
        ok = post(c, "/api/convert", {"text": "ц" * 400, "target": "latin"})
        assert ok.status_code == 200
        big = post(c, "/api/convert", {"text": "ц" * 600, "target": "latin"})
        assert big.status_code == 413
        assert big.json()["error"].startswith("the request is larger than the server's limit")


def test_body_limit_is_enforced_while_reading() -> None:
    """Without Content-Length (chunked), reading stops at the limit: the rest is not read."""
    app = create_app(max_body=20_000)
    chunks = [b'{"target": "latin", "text": "', *[b"x" * 1000] * 1000, b'"}']
    read: list[bytes] = []
    sent: list[MutableMapping[str, Any]] = []

    async def receive() -> dict[str, Any]:
        read.append(chunks[len(read)])
        return {"type": "http.request", "body": read[-1], "more_body": len(read) < len(chunks)}

    async def send(message: MutableMapping[str, Any]) -> None:
        sent.append(message)

    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "POST",
        "scheme": "http",
        "path": "/api/convert",
        "raw_path": b"/api/convert",
        "query_string": b"",
        "root_path": "",
        "headers": [(b"host", b"127.0.0.1"), (b"content-type", b"application/json")],
        "client": ("127.0.0.1", 1),
        "server": ("127.0.0.1", 80),
    }

    async def run() -> None:
        await app(scope, receive, send)

    anyio.run(run)
    assert sent[0]["status"] == 413
    assert b"limit of 0.0190735 MB" in sent[1]["body"]
    assert len(read) == 21  # 20,030 bytes: the first chunk past the limit, no more


def test_timeout_answers_503(monkeypatch: pytest.MonkeyPatch) -> None:
    def slow(request: service.Request, *, max_expanded: int | None) -> dict[str, Any]:
        time.sleep(1.0)
        return {"text": ""}

    monkeypatch.setattr(service, "convert", slow)
    with TestClient(create_app(timeout=0.1)) as c:
        started = time.monotonic()
        answer = post(c, "/api/convert", {"text": "x", "target": "latin"})
        assert time.monotonic() - started < 0.9
    assert answer.status_code == 503
    assert answer.json() == {"error": "the conversion took longer than 0.1 s; send a shorter text"}


def test_a_crash_is_json_without_traceback(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(request: service.Request, *, max_expanded: int | None) -> dict[str, Any]:
        raise RuntimeError("secret internals")

    monkeypatch.setattr(service, "convert", broken)
    with TestClient(create_app(), raise_server_exceptions=False) as c:
        answer = post(c, "/api/convert", {"text": "x", "target": "latin"})
    assert answer.status_code == 500
    assert "secret" not in answer.text
    assert answer.json() == {
        "error": "internal error while handling the request; see the server log"
    }


@pytest.mark.parametrize("path", ["/", "/static/app.js", "/static/style.css", "/api/health"])
def test_security_headers(client: TestClient, path: str) -> None:
    answer = client.get(path)
    assert answer.status_code == 200
    assert answer.headers["content-security-policy"].startswith("default-src 'self';")
    assert answer.headers["x-content-type-options"] == "nosniff"
    assert answer.headers["x-frame-options"] == "DENY"


def test_assets_load_nothing_from_outside_and_never_use_inner_html() -> None:
    static = resources.files("translit.web").joinpath("static")
    names = [entry.name for entry in static.iterdir()]
    assert {"index.html", "app.js", "style.css"} <= set(names)
    for name in names:
        text = static.joinpath(name).read_text(encoding="utf-8")
        text = text.replace('xmlns="http://www.w3.org/2000/svg"', "")  # a name, not a load
        assert not re.search(r"https?://|//cdn|@import", text), name
        assert not re.search(r"innerHTML|outerHTML|insertAdjacentHTML|document\.write", text)


def test_the_page_offers_every_script_as_source_and_target(client: TestClient) -> None:
    """The source menu is static HTML, the target menu comes from /api/options: both name
    every scheme (2026 Latin included) and the source menu has "auto"."""
    static = resources.files("translit.web").joinpath("static")
    page = static.joinpath("index.html").read_text(encoding="utf-8")
    menu = re.search(r'<select id="source".*?</select>', page, re.DOTALL)
    assert menu
    sources = re.findall(r'<option value="([^"]+)"', menu[0])
    targets = [target["id"] for target in client.get("/api/options").json()["targets"]]
    assert sorted(targets) == ["cyrillic", "latin", "latin-2026"]
    assert sorted(sources) == sorted(["auto", *targets])


def test_loopback_server_refuses_other_host_names() -> None:
    with TestClient(create_app(allowed_hosts=("127.0.0.1", "localhost"))) as c:
        assert c.get("/api/health", headers={"host": "127.0.0.1:8765"}).status_code == 200
        evil = c.get("/api/health", headers={"host": "evil.example:8765"})
    assert evil.status_code == 400
    assert "not 'evil.example'" in evil.json()["error"]


def test_no_file_is_written(
    client: TestClient, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("TMPDIR", str(tmp_path))
    monkeypatch.setattr("tempfile.tempdir", str(tmp_path))
    for body in (
        {"text": SEED_CYRL * 100, "target": "latin"},
        {"text": SEED_LATN, "target": "cyrillic", "marks": True, "format": "text"},
    ):
        assert post(client, "/api/convert", body).status_code == 200
    assert os.listdir(tmp_path) == []


@pytest.mark.parametrize(
    ("argv", "status", "message"),
    [
        (["serve", "--port", "70000"], 2, "--port 0-65535"),
        (["serve", "--timeout", "0"], 2, "--timeout above 0"),
        (["serve", "--colour"], 2, "unrecognized arguments: --colour"),
        (["serve", "--help"], 0, ""),
    ],
)
def test_serve_command_usage(argv: list[str], status: int, message: str) -> None:
    out, err = io.BytesIO(), io.StringIO()
    assert main(argv, stdout=out, stderr=err) == status
    assert message in err.getvalue()
    if status == 0:
        assert b"--no-browser" in out.getvalue()


def test_serve_command_port_in_use() -> None:
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        err = io.StringIO()
        status = main(
            ["serve", "--no-browser", "--port", str(port)], stdout=io.BytesIO(), stderr=err
        )
    assert status == 1
    assert f"cannot listen on 127.0.0.1:{port}" in err.getvalue()


@pytest.mark.parametrize("format", ["docx", "odt"])
def test_documents_round_trip_as_base64(client: TestClient, format: str) -> None:
    from tests.sample_documents import sample_docx, sample_odt
    from translit.documents import document_text

    data = sample_docx() if format == "docx" else sample_odt()
    body = {"data": base64.b64encode(data).decode(), "format": format, "target": "latin"}
    answer = post(client, "/api/convert", {**body, "source": "auto"})
    assert answer.status_code == 200, answer.text
    output = base64.b64decode(answer.json()["data"])
    assert output == translit.convert_document(data, format=format, target="latin")
    assert answer.json()["text"] == document_text(output, format)


@pytest.mark.parametrize("format", ["docx", "odt"])
def test_a_zip_bomb_is_refused_by_the_request_limit(format: str) -> None:
    # The text parts may expand to EXPANSION times the largest request body: here 320,000
    # bytes, which a 2 KB document of 1 MiB of spaces exceeds (never read, so no timeout).
    from tests.sample_documents import bomb
    from translit.web.app import EXPANSION

    data = bomb(format, 1 << 20)
    assert len(data) < 5_000
    body = {"data": base64.b64encode(data).decode(), "format": format, "target": "latin"}
    with TestClient(create_app(max_body=20_000)) as c:
        answer = post(c, "/api/convert", body)
    assert answer.status_code == 422
    assert f"more than the {EXPANSION * 20_000:,} allowed" in answer.json()["error"]
    assert "zip bomb" in answer.json()["error"]


@pytest.mark.parametrize(
    ("body", "status", "message"),
    [
        ({"format": "docx", "target": "latin"}, 400, 'needs "data"'),
        ({"format": "docx", "target": "latin", "data": "%%%"}, 400, "not valid base64"),
        ({"format": "odt", "target": "latin", "data": "aGVsbG8="}, 422, ""),
    ],
)
def test_bad_documents(client: TestClient, body: dict[str, Any], status: int, message: str) -> None:
    answer = post(client, "/api/convert", body)
    assert answer.status_code == status
    assert message in answer.json()["error"]


@pytest.mark.parametrize(
    ("text", "target", "expected"),
    [
        ("<script>x</script><b>цирк</b>", "latin", "<script>x</script><b>sirk</b>"),
        ("Oʻzbekiston", "latin", "Oʻzbekiston"),  # already Latin: nothing to do
        ("Oʻzbekiston", "cyrillic", "Ўзбекистон"),
        ("123", "cyrillic", "123"),
        # 2026 Latin is detected as such: to 1995 Latin, to Cyrillic (s h is с + ҳ there)
        ("Özbekiston şaharlari, Ishoq", "latin", "Oʻzbekiston shaharlari, Isʼhoq"),
        ("Özbekiston şaharlari, Ishoq", "uz_Latn", "Oʻzbekiston shaharlari, Isʼhoq"),
        ("Özbekiston şaharlari, Ishoq", "cyrillic", "Ўзбекистон шаҳарлари, Исҳоқ"),
        ("Özbekiston şaharlari, Ishoq", "latin-2026", "Özbekiston şaharlari, Ishoq"),
        ("Oʻzbekiston shaharlari, Isʼhoq", "latin-2026", "Özbekiston şaharlari, Isʼhoq"),
        ("Ўзбекистон шаҳарлари, Исҳоқ", "latin-2026", "Özbekiston şaharlari, Isʼhoq"),
        ("Ўзбекистон шаҳарлари, Исҳоқ", "uz_Latn/2026", "Özbekiston şaharlari, Isʼhoq"),
    ],
)
def test_auto_source(client: TestClient, text: str, target: str, expected: str) -> None:
    answer = post(client, "/api/convert", {"text": text, "target": target, "source": "auto"})
    assert answer.json() == {"text": expected}


def test_load_check_smoke(tmp_path: Path) -> None:
    """benchmarks/web_load.py --quick runs against the real server and reports its figures."""
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "web_load", Path(__file__).parent.parent / "benchmarks" / "web_load.py"
    )
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["web_load"] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    assert 5000 < len(module.article().encode("utf-8")) <= 5 * 1024
    out = tmp_path / "load.json"
    assert module.main(["--quick", "--json", str(out)]) == 0
    figures = json.loads(out.read_text(encoding="utf-8"))
    for run in ("convert", "health"):
        assert figures[run]["requests"] > 0
        assert figures[run]["errors"] == 0
        assert 0 < figures[run]["p50_ms"] <= figures[run]["p99_ms"] <= figures[run]["max_ms"]
    assert figures["clients"] == 2


def test_listening_socket_sends_without_delay() -> None:
    """TCP_NODELAY: else each answer's body waits ~40 ms for the client's delayed ACK."""
    import socket

    from translit.web.serve import _bind

    with _bind("127.0.0.1", 0) as sock:
        assert sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY)
        with socket.create_connection(sock.getsockname()):
            accepted, _ = sock.accept()
            with accepted:
                assert accepted.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY)


def test_serve_runs_until_interrupted_then_exits_130() -> None:
    proc = serve("--no-browser")
    try:
        assert proc.stdout is not None
        line = proc.stdout.readline()
        url = re.fullmatch(r"translit serve: (http://127\.0\.0\.1:\d+/) \(Ctrl-C stops\)\n", line)
        assert url, line

        with urllib.request.urlopen(url.group(1) + "api/health", timeout=10) as answer:
            assert json.load(answer)["status"] == "ok"
        proc.send_signal(signal.SIGINT)
        _, err = proc.communicate(timeout=10)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.communicate()
    assert proc.returncode == 130
    assert "Traceback" not in err


@pytest.mark.parametrize("signame", ["SIGTERM", "SIGHUP"])
def test_serve_stops_gracefully_on_sigterm_and_sighup_with_exit_0(signame: str) -> None:
    """A request in progress when the signal comes is answered; then the server exits 0
    (uvicorn alone re-raised SIGTERM, -15, and SIGHUP killed it at once)."""
    import socket

    proc = serve("--no-browser")
    try:
        assert proc.stdout is not None
        found = re.search(r"http://127\.0\.0\.1:(\d+)/", proc.stdout.readline())
        assert found
        body = json.dumps({"text": "Шаҳар", "target": "latin"}).encode()
        with socket.create_connection(("127.0.0.1", int(found[1])), timeout=10) as conn:
            conn.sendall(
                b"POST /api/convert HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                b"Content-Type: application/json\r\nExpect: 100-continue\r\n"
                b"Content-Length: " + str(len(body)).encode() + b"\r\n\r\n"
            )
            # 100 Continue: the application is reading this request's body.
            assert conn.recv(100).startswith(b"HTTP/1.1 100 Continue")
            proc.send_signal(getattr(signal, signame))
            time.sleep(0.3)  # the shutdown has begun; the request must still be answered
            conn.sendall(body)
            answer = b""
            while chunk := conn.recv(4096):
                answer += chunk
        assert answer.startswith(b"HTTP/1.1 200"), answer
        assert json.loads(answer.partition(b"\r\n\r\n")[2]) == {"text": "Shahar"}
        _, err = proc.communicate(timeout=20)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.communicate()
    assert proc.returncode == 0, err
    assert "Traceback" not in err


def _stop(proc: subprocess.Popen[str]) -> tuple[int, str]:
    """SIGTERM, then the exit status and standard error."""
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=20)
    return proc.returncode, err


def test_serve_opens_the_browser_at_its_address(tmp_path: Path) -> None:
    opened = tmp_path / "opened"
    browser = tmp_path / "browser"  # $BROWSER, as webbrowser reads it: called with the URL
    browser.write_text(f'#!/bin/sh\necho "$1" > {opened}\n', encoding="utf-8")
    browser.chmod(0o755)
    proc = serve(env={**os.environ, "BROWSER": str(browser)})
    try:
        assert proc.stdout is not None
        url = re.search(r"http://127\.0\.0\.1:\d+/", proc.stdout.readline())
        assert url
        deadline = time.monotonic() + 20
        while not opened.exists() and time.monotonic() < deadline:
            time.sleep(0.05)
        time.sleep(0.1)  # the line is written
        assert opened.read_text(encoding="utf-8") == url[0] + "\n"
        code, err = _stop(proc)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.communicate()
    assert (code, err) == (0, "")


def test_serve_beyond_loopback_warns_and_takes_any_host_name() -> None:
    proc = serve("--host", "0.0.0.0", "--no-browser")
    try:
        assert proc.stdout is not None
        port = re.search(r"http://0\.0\.0\.0:(\d+)/", proc.stdout.readline())
        assert port
        request = urllib.request.Request(
            f"http://127.0.0.1:{port[1]}/api/health", headers={"Host": "translit.example"}
        )
        with urllib.request.urlopen(request, timeout=10) as answer:
            assert json.load(answer)["status"] == "ok"
        code, err = _stop(proc)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.communicate()
    assert code == 0
    assert err.splitlines() == [
        "translit serve: warning: 0.0.0.0 is reachable from other machines;"
        " the API has no authentication"
    ]


def test_serve_without_the_web_extra_says_how_to_install_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(sys.modules, "uvicorn", None)  # import uvicorn raises ImportError
    err = io.StringIO()
    assert main(["serve", "--no-browser"], stdout=io.BytesIO(), stderr=err) == 1
    assert err.getvalue() == (
        "translit serve: error: uvicorn is not installed;"
        " install the web extra: pip install 'uz-translit[web]'\n"
    )


def test_targets_follow_the_library_ids(monkeypatch: pytest.MonkeyPatch) -> None:
    """A variant ID (the 2026 alphabet) becomes a target of the page without a code change."""
    ids = ("uz_Cyrl-uz_Latn", "uz_Latn-uz_Cyrl", "uz_Cyrl-uz_Latn/2026", "uz_Latn-uz_Latn/2026")
    monkeypatch.setattr(translit, "available", lambda: ids)
    assert service.targets() == [{"id": "latin"}, {"id": "cyrillic"}, {"id": "latin-2026"}]
