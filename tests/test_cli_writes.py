"""The command's writes and endings under hostile conditions (issue 13): symbolic links,
ownership, hard links, signals, full disks, closed streams, odd names; and check/explain."""

from __future__ import annotations

import errno
import io
import os
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import translit
from translit import cli
from translit.check import Checker, check_text, fix_text
from translit.cli import main

ROOT = hasattr(os, "geteuid") and os.geteuid() == 0
needs_root = pytest.mark.skipif(not ROOT, reason="only root can give files to other users")
OTHER = 65534  # nobody
COMMAND = [sys.executable, "-m", "translit"]


def run(
    args: list[str], stdin: bytes = b"", stdout: io.BytesIO | None = None
) -> tuple[int, bytes, str]:
    out, err = stdout if stdout is not None else io.BytesIO(), io.StringIO()
    code = main(args, stdin=io.BytesIO(stdin), stdout=out, stderr=err)
    return code, out.getvalue() if stdout is None else b"", err.getvalue()


def no_temp_files(folder: Path) -> bool:
    return not [p for p in folder.iterdir() if p.name.endswith(".tmp")]


def error_lines(err: str) -> list[str]:
    lines = err.splitlines()
    assert all(line.startswith("translit: ") for line in lines), err
    return lines


# -- -o and symbolic links ----------------------------------------------------------------------


@needs_root
def test_output_link_planted_by_another_user_in_a_sticky_folder_is_refused(
    tmp_path: Path,
) -> None:
    shared, victim = tmp_path / "tmp", tmp_path / "passwd"
    shared.mkdir()
    shared.chmod(0o1777)  # like /tmp
    victim.write_text("root:x:0:0\n", encoding="utf-8")
    link = shared / "out.txt"
    link.symlink_to(victim)
    os.lchown(link, OTHER, OTHER)
    code, _, err = run(["-t", "latin", "-o", str(link)], "Шаҳар".encode())
    assert code == 1
    [line] = error_lines(err)
    assert line.startswith(f"translit: error: {link}: not following a symbolic link")
    assert victim.read_text(encoding="utf-8") == "root:x:0:0\n"
    assert link.is_symlink()
    assert no_temp_files(shared)
    # The same link in a folder that is not shared and sticky is the user's own business.
    shared.chmod(0o755)
    assert run(["-t", "latin", "-o", str(link)], "Шаҳар".encode())[0] == 0
    assert victim.read_bytes() == b"Shahar"


def test_output_through_our_own_link_replaces_its_file_and_keeps_the_link(tmp_path: Path) -> None:
    real, link = tmp_path / "real.txt", tmp_path / "link.txt"
    real.write_bytes(b"old")
    real.chmod(0o640)
    link.symlink_to(real)
    assert run(["-t", "latin", "-o", str(link)], "Шаҳар".encode()) == (0, b"", "")
    assert link.is_symlink()
    assert real.read_bytes() == b"Shahar"
    assert stat.S_IMODE(real.stat().st_mode) == 0o640


def test_output_link_to_a_missing_file_is_refused(tmp_path: Path) -> None:
    link = tmp_path / "link.txt"
    link.symlink_to(tmp_path / "elsewhere" / "new.txt")
    code, _, err = run(["-t", "latin", "-o", str(link)], "Шаҳар".encode())
    assert code == 1
    assert "a symbolic link to a missing file; not followed" in error_lines(err)[0]
    assert link.is_symlink()
    assert not (tmp_path / "elsewhere").exists()


def test_output_to_dev_full_exits_1() -> None:
    if not os.path.exists("/dev/full"):
        pytest.skip("no /dev/full on this system")
    code, _, err = run(["-t", "latin", "-o", "/dev/full"], "Шаҳар".encode())
    assert (code, error_lines(err)) == (1, ["translit: error: /dev/full: No space left on device"])


def test_output_write_error_at_the_end_exits_1(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", full)  # the error shows only when the data is flushed
    target = tmp_path / "out.txt"
    code, _, err = run(["-t", "latin", "-o", str(target)], "Шаҳар".encode())
    assert (code, error_lines(err)) == (1, [f"translit: error: {target}: No space left on device"])
    assert not target.exists()
    assert no_temp_files(tmp_path)


# -- --in-place: owner, mode, hard links, the same file twice ------------------------------------


@needs_root
def test_in_place_as_root_keeps_the_owner_and_mode(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("Шаҳар", encoding="utf-8")
    os.chown(path, OTHER, OTHER)
    path.chmod(0o600)  # the owner must still be able to read it
    assert run(["-i", "-t", "latin", str(path)]) == (0, b"", "")
    st = path.stat()
    assert (st.st_uid, st.st_gid, stat.S_IMODE(st.st_mode)) == (OTHER, OTHER, 0o600)
    assert path.read_bytes() == b"Shahar"


@needs_root
def test_in_place_keeps_set_uid_only_while_the_owner_stays(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("Шаҳар", encoding="utf-8")
    os.chown(path, OTHER, OTHER)
    path.chmod(0o6755)
    assert run(["-i", "-t", "latin", str(path)]) == (0, b"", "")
    assert (path.stat().st_uid, stat.S_IMODE(path.stat().st_mode)) == (OTHER, 0o6755)


def test_in_place_drops_set_uid_when_the_owner_changes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "a.txt"
    path.write_text("Шаҳар", encoding="utf-8")
    path.chmod(0o6755)
    before = path.stat()
    real_lstat = os.lstat

    def lstat(name: str | os.PathLike[str]) -> os.stat_result:
        st = real_lstat(name)  # the file being replaced looks like another user's
        if os.fspath(name) == str(path):
            fields = list(st)
            fields[4], fields[5] = st.st_uid + 1, st.st_gid + 1
            return os.stat_result(fields)
        return st

    def fchown(fd: int, uid: int, gid: int) -> None:
        raise PermissionError(errno.EPERM, os.strerror(errno.EPERM))

    monkeypatch.setattr(os, "lstat", lstat)
    monkeypatch.setattr(os, "fchown", fchown)  # not root: the owner cannot be kept
    code, _, err = run(["-i", "-t", "latin", str(path)])
    assert code == 0
    [line] = error_lines(err)
    assert line == (
        f"translit: warning: {path}: owner:group is now {before.st_uid}:{before.st_gid}, was"
        f" {before.st_uid + 1}:{before.st_gid + 1}; set-uid/set-gid bits dropped"
    )
    assert stat.S_IMODE(path.stat().st_mode) == 0o755
    assert path.read_bytes() == b"Shahar"


def test_in_place_says_when_a_hard_link_is_broken(tmp_path: Path) -> None:
    path, other = tmp_path / "a.txt", tmp_path / "b.txt"
    path.write_text("Шаҳар", encoding="utf-8")
    os.link(path, other)
    code, _, err = run(["-i", "-t", "latin", str(path)])
    assert code == 0
    assert error_lines(err) == [
        f"translit: warning: {path}: had 2 hard links; it is replaced by a new file, so its"
        " other names keep the old text"
    ]
    assert (path.read_bytes(), other.read_text(encoding="utf-8")) == (b"Shahar", "Шаҳар")


def test_in_place_converts_a_file_named_twice_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path, link = tmp_path / "a.txt", tmp_path / "link.txt"
    path.write_text("Шаҳар", encoding="utf-8")
    link.symlink_to(path)
    calls: list[str] = []
    convert = cli._convert_input

    def counted(name: str, *args: object, **kwargs: object) -> None:
        calls.append(name)
        convert(name, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(cli, "_convert_input", counted)
    names = [str(path), str(link), str(tmp_path / "." / "a.txt"), str(path)]
    assert run(["-i", "-t", "latin", *names]) == (0, b"", "")
    assert calls == [str(path)]
    assert path.read_bytes() == b"Shahar"
    assert link.is_symlink()


# -- signals --------------------------------------------------------------------------------------


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP])
def test_signal_removes_the_temporary_file_and_exits_128_plus_n(
    tmp_path: Path, signum: int
) -> None:
    target = tmp_path / "out.txt"
    target.write_bytes(b"precious")
    with subprocess.Popen(
        [*COMMAND, "-t", "latin", "-o", str(target)],
        stdin=subprocess.PIPE,
        stderr=subprocess.PIPE,
    ) as process:
        assert process.stdin is not None
        assert process.stderr is not None
        process.stdin.write("Шаҳар ва қишлоқ\n".encode() * 1000)
        process.stdin.flush()
        deadline = time.monotonic() + 30
        while no_temp_files(tmp_path) and time.monotonic() < deadline:
            time.sleep(0.02)
        assert not no_temp_files(tmp_path)  # it is writing
        process.send_signal(signum)
        code = process.wait(timeout=30)
        stderr = process.stderr.read()
        process.stdin.close()
    assert (code, stderr) == (128 + signum, b"")
    assert target.read_bytes() == b"precious"
    assert no_temp_files(tmp_path)


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP])
def test_signal_during_in_place_leaves_the_file_alone(
    tmp_path: Path, signum: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "a.txt"
    path.write_text("Шаҳар ва қишлоқ\n" * 100, encoding="utf-8")
    monkeypatch.setattr(cli, "BLOCK_SIZE", 64)

    class Stream(translit.IncrementalTransliterator):
        def feed(self, chunk: str) -> str:
            if self.pending:  # after some output went to the temporary file
                os.kill(os.getpid(), signum)
            return super().feed(chunk)

    monkeypatch.setattr(cli, "IncrementalTransliterator", Stream)
    before = signal.getsignal(signum)
    assert run(["-i", "-t", "latin", str(path)]) == (128 + signum, b"", "")
    assert signal.getsignal(signum) == before  # the handler is the caller's again
    assert path.read_text(encoding="utf-8") == "Шаҳар ва қишлоқ\n" * 100
    assert no_temp_files(tmp_path)


# -- standard streams: closed, full, a reader that went away -------------------------------------


class Full(io.BytesIO):
    def write(self, data: object, /) -> int:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


class Gone(io.BytesIO):
    def write(self, data: object, /) -> int:
        raise BrokenPipeError(errno.EPIPE, "Broken pipe")


TOOL_RUNS = [
    pytest.param(["check", "-"], b"tsirk va SHahar\n", id="check"),
    pytest.param(["check", "--fix", "-"], b"sirk\n", id="check-fix"),
    pytest.param(["explain", "цирк"], b"", id="explain"),
    pytest.param(["--help"], b"", id="help"),
    pytest.param(["check", "--help"], b"", id="check-help"),
]


@pytest.mark.parametrize(("args", "stdin"), TOOL_RUNS)
def test_full_disk_is_one_line_and_exit_1(args: list[str], stdin: bytes) -> None:
    err = io.StringIO()
    code = main(args, stdin=io.BytesIO(stdin), stdout=Full(), stderr=err)
    assert (code, error_lines(err.getvalue())) == (
        1,
        ["translit: error: <stdout>: No space left on device"],
    )


@pytest.mark.parametrize(("args", "stdin"), TOOL_RUNS)
def test_broken_pipe_ends_quietly(args: list[str], stdin: bytes) -> None:
    err = io.StringIO()
    code = main(args, stdin=io.BytesIO(stdin), stdout=Gone(), stderr=err)
    assert (code, err.getvalue()) == (0, "")


@pytest.mark.parametrize("tool", ["explain", "check"])
def test_tool_piped_into_head_ends_quietly(tmp_path: Path, tool: str) -> None:
    """A real pipe closed after one line (| head -1): no BrokenPipeError, no traceback at
    exit, status 0, as for the converter. The output is far larger than a pipe holds."""
    if tool == "explain":
        args, first = ["explain", *["цирк"] * 5000], "цирк → sirk\n"
    else:
        path = tmp_path / "a.txt"
        path.write_bytes(b"tsirk SHahar\n" * 50_000)
        args, first = ["check", str(path)], f"{path}:1:1: not the official spelling: tsirk → sirk\n"
    with subprocess.Popen(
        [*COMMAND, *args], stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    ) as process:
        assert process.stdout is not None
        assert process.stderr is not None
        assert process.stdout.readline().decode() == first
        process.stdout.close()  # like head after its line
        stderr = process.stderr.read()
        code = process.wait(timeout=60)
    assert (code, stderr) == (0, b"")


@pytest.mark.parametrize(
    ("args", "closed", "code", "message"),
    [
        (["-t", "latin", "-"], ">&-", 1, "translit: error: <stdout>: Bad file descriptor"),
        (["-t", "latin", "-"], "<&-", 1, "translit: error: <stdin>: Bad file descriptor"),
        (["check", "-"], "<&-", 1, "translit: error: <stdin>: Bad file descriptor"),
        (["check", "-"], ">&-", 1, "translit: error: <stdout>: Bad file descriptor"),
        (["explain", "цирк"], ">&-", 1, "translit: error: <stdout>: Bad file descriptor"),
        (["explain", "цирк"], "2>&- >&-", 1, ""),
    ],
)
def test_closed_standard_streams(args: list[str], closed: str, code: int, message: str) -> None:
    result = subprocess.run(
        ["sh", "-c", f'"$@" {closed}', "sh", *COMMAND, *args],
        input=None if "<&-" in closed else b"tsirk\n",
        capture_output="2>&-" not in closed,
        check=False,
    )
    assert result.returncode == code
    if message:
        assert result.stderr.decode().splitlines() == [message]


def test_undecodable_arguments_and_file_names(tmp_path: Path) -> None:
    name = tmp_path / os.fsdecode(b"\xff\x1b[2J.txt")
    name.write_text("tsirk\n", encoding="utf-8")
    code, out, err = run(["check", str(name)])
    assert (code, err) == (1, "")
    assert (
        out
        == f"{tmp_path}/\\xff\\x1b[2J.txt:1:1: not the official spelling: tsirk → sirk\n".encode()
    )
    code, out, err = run(["explain", os.fsdecode(b"ts\xffirk")])
    assert (code, err) == (0, "")
    assert out.startswith(b"ts\xffirk \xe2\x86\x92 ")  # the argument's bytes come back
    code, out, err = run(["-t", "latin", str(name)])
    assert (code, out) == (0, b"tsirk\n")


# -- check: streaming, formats, --fix ------------------------------------------------------------


words = st.sampled_from(
    ["tsirk", "SHahar", "Oʻzbek", "o‘sdi", "ma'no", "ASTANА", "Шahar", "цирк", "Nizoev", "va"]
)
spaces = st.sampled_from([" ", "\n", "\r\n", ", ", "\t", "  \n\n"])
documents = st.lists(st.tuples(words, spaces), max_size=30).map(
    lambda pairs: "".join(w + s for w, s in pairs)
)


@settings(max_examples=80, deadline=None)
@given(text=documents, cuts=st.lists(st.integers(0, 400), max_size=8))
def test_checker_in_pieces_equals_check_and_fix_of_the_whole(text: str, cuts: list[int]) -> None:
    checker = Checker()
    findings, fixed = [], []
    last = 0
    for cut in [*sorted(c for c in cuts if c <= len(text)), len(text)]:
        more, out = checker.feed(text[last:cut])
        findings += more
        fixed.append(out)
        last = cut
    more, out = checker.finish()
    assert findings + more == check_text(text)
    assert "".join(fixed) + out == fix_text(text)


def test_checker_memory_is_bounded_on_a_run_without_spaces() -> None:
    checker = Checker()
    out = []
    for _ in range(64):
        out.append(checker.feed("\0" * 8192 + "tsirk"))
        assert len(checker._held) <= 2 * cli.BLOCK_SIZE
    assert sum(len(fixed) for _, fixed in out) + len(checker.finish()[1]) == 64 * (
        8192 + 4
    )  # tsirk → sirk


def test_check_dev_zero_stays_bounded() -> None:
    if not os.path.exists("/dev/zero"):
        pytest.skip("no /dev/zero on this system")
    import resource

    def limit() -> None:  # reading it whole fails within a second
        resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))

    with subprocess.Popen(
        [*COMMAND, "check", "/dev/zero"], stderr=subprocess.PIPE, preexec_fn=limit
    ) as process:
        time.sleep(2)
        assert process.poll() is None  # still reading, in bounded memory
        process.terminate()
        code = process.wait(timeout=30)
        assert process.stderr is not None
        stderr = process.stderr.read()
    assert (code, stderr) == (128 + signal.SIGTERM, b"")


MARKDOWN = (
    "Bu tsirk `tsirk` va\n\n```\ntsirk\n```\n\n"
    '[SHahar](https://x.uz/tsirk) <span class="tsirk">tsirk</span>\n'
)
MARKDOWN_FIXED = MARKDOWN.replace("Bu tsirk", "Bu sirk").replace("[SHahar]", "[Shahar]")
MARKDOWN_FIXED = MARKDOWN_FIXED.replace(">tsirk<", ">sirk<")


@pytest.mark.parametrize("name", ["doc.md", "doc.txt"])
def test_check_fix_follows_the_format(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_text(MARKDOWN, encoding="utf-8")
    args = (
        ["check", "--fix", str(path)]
        if name.endswith(".md")
        else ["check", "--fix", "-f", "markdown", str(path)]
    )
    code, out, _ = run(args)
    assert code == 0  # everything found was fixed
    assert path.read_text(encoding="utf-8") == MARKDOWN_FIXED
    assert out.decode().splitlines() == [
        f"{path}:1:4: not the official spelling: tsirk → sirk",
        f"{path}:7:2: not the official spelling: SHahar → Shahar",
        f"{path}:7:50: not the official spelling: tsirk → sirk",
    ]


def test_check_stdin_is_text_unless_told(tmp_path: Path) -> None:
    code, out, _ = run(["check", "--fix"], MARKDOWN.encode())
    assert out.decode() == fix_text(MARKDOWN)
    assert "`sirk`" in out.decode()
    code, out, _ = run(["check", "--fix", "--format", "markdown"], MARKDOWN.encode())
    assert (code, out.decode()) == (0, MARKDOWN_FIXED)


def test_check_fix_exit_status_says_what_is_left(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("Шahar va tsirk\n", encoding="utf-8")  # Ш has no Latin look-alike
    code, _out, _ = run(["check", "--fix", str(path)])
    assert code == 1
    assert path.read_text(encoding="utf-8") == "Шahar va sirk\n"
    assert run(["check", "--fix", str(path)])[0] == 1
    clean = tmp_path / "clean.txt"
    clean.write_text("sirk\n", encoding="utf-8")
    before = clean.stat().st_mtime_ns
    assert run(["check", "--fix", str(clean)]) == (0, b"", "")
    assert clean.stat().st_mtime_ns == before  # nothing to fix: not rewritten


def test_check_fix_on_a_symlink_edits_its_file(tmp_path: Path) -> None:
    real, link = tmp_path / "real.txt", tmp_path / "link.txt"
    real.write_text("tsirk\n", encoding="utf-8")
    real.chmod(0o640)
    link.symlink_to(real)
    assert run(["check", "--fix", str(link)])[0] == 0
    assert link.is_symlink()
    assert real.read_text(encoding="utf-8") == "sirk\n"
    assert stat.S_IMODE(real.stat().st_mode) == 0o640
    assert no_temp_files(tmp_path)


def test_check_fix_failure_leaves_the_file(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(b"tsirk \xff")
    code, _, err = run(["check", "--fix", str(path)])
    assert code == 1
    assert error_lines(err) == [
        f"translit: error: {path}: byte 6: invalid UTF-8 (invalid start byte: 0xff)"
    ]
    assert path.read_bytes() == b"tsirk \xff"
    assert no_temp_files(tmp_path)


# -- UTF-16 ---------------------------------------------------------------------------------------


def test_utf16_output_of_two_inputs_has_one_byte_order_mark(tmp_path: Path) -> None:
    a = tmp_path / "a.txt"
    a.write_text("Шаҳар\n", encoding="utf-16")
    args = ["-t", "latin", "-e", "utf-16", "--output-encoding", "utf-16", str(a), str(a)]
    code, out, err = run(args)
    assert (code, err) == (0, "")
    assert out == "Shahar\nShahar\n".encode("utf-16")
    assert out.count(b"\xff\xfe") == 1


def test_utf16_input_without_a_byte_order_mark_is_a_clear_error(tmp_path: Path) -> None:
    a = tmp_path / "a.txt"
    a.write_bytes("Шаҳар\n".encode("utf-16-be"))
    code, _, err = run(["-t", "latin", "-e", "utf-16", str(a)])
    assert code == 1
    assert error_lines(err) == [
        f"translit: error: {a}: no byte order mark at the start, which utf-16 needs; name the"
        " byte order, e.g. -e utf-16-le or -e utf-16-be"
    ]
    assert run(["-t", "latin", "-e", "utf-16-be", str(a)])[:2] == (0, b"Shahar\n")


def test_a_signal_inside_a_finaliser_is_not_lost() -> None:
    # Python drops an exception raised in __del__ (regex's compiler frees objects in one):
    # the command once went on reading a pipe that never ended, about one SIGTERM in 25.
    class Finalised:
        def __del__(self) -> None:
            os.kill(os.getpid(), signal.SIGTERM)
            time.sleep(0.01)  # the handler runs here, inside __del__

    def run() -> None:
        with cli._signals_interrupt():
            Finalised()  # freed at once
            time.sleep(5)

    started = time.monotonic()
    with pytest.raises(cli._Signalled):
        run()
    assert time.monotonic() - started < 2
    assert signal.getsignal(signal.SIGALRM) is signal.SIG_DFL  # put back
