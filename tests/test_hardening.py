"""Bad input never hurts: every case gives exit 0 or one located message with exit 2."""

from __future__ import annotations

import builtins
import json
import time
from pathlib import Path
from typing import Any

import pytest

from conftest import Run


def bomb(levels: int = 9) -> str:
    text = 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
    for level in range(1, levels):
        name, previous = chr(ord("a") + level), chr(ord("a") + level - 1)
        text += f"{name}: &{name} [" + ",".join([f"*{previous}"] * 9) + "]\n"
    return text


CASES: list[tuple[str, bytes, str]] = [
    ("empty.yaml", b"", "{path}:1:1: the map is empty; a map needs at least 'claims:' with a list of claims"),
    (
        "comments.yaml",
        b"# nothing\n# here\n",
        "{path}:1:1: the map is empty; a map needs at least 'claims:' with a list of claims",
    ),
    (
        "binary.yaml",
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
        "{path}: this looks like a binary file, not a text map; give a YAML, JSON, Argdown, AIF or Kialo text file",
    ),
    (
        "latin1.yaml",
        b"claims:\n  - id: a\n    text: na\xefve\n",
        "{path}:3:13: not valid UTF-8 (byte 0xef); save the file as UTF-8",
    ),
    (
        "bomb.yaml",
        bomb().encode(),
        "{path}:1:4: YAML anchors (&name) are not allowed in a map; write the value out in full; anchors and aliases are never needed and can hide expansion bombs",
    ),
    (
        "nested.yaml",
        b"a: " + b"[" * 5000 + b"]" * 5000 + b"\n",
        "{path}:1:1003: not valid YAML: exceeded maximum nesting depth; no argument map nests this deep; is this the right file?",
    ),
    (
        "list.yaml",
        b"- just\n- a list\n",
        "{path}:1:1: a map must be a mapping with 'meta' and 'claims'; start the file with 'claims:'",
    ),
    (
        "text.yaml",
        b"hello world\n",
        "{path}:1:1: a map must be a mapping with 'meta' and 'claims'; start the file with 'claims:'",
    ),
]


@pytest.mark.parametrize(("name", "content", "message"), CASES, ids=[c[0] for c in CASES])
def test_bad_file_gives_one_located_message(
    run: Run, tmp_path: Path, name: str, content: bytes, message: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    started = time.perf_counter()
    result = run("--map", str(path), "list")
    assert time.perf_counter() - started < 30  # a guard against hangs, not a benchmark
    assert result.exit_code == 2
    assert result.stderr == "argmap: error: " + message.format(path=path) + "\n"
    assert result.stdout == ""


def test_missing_file(run: Run, tmp_path: Path) -> None:
    result = run("--map", str(tmp_path / "nope.yaml"), "tree")
    assert (result.exit_code, result.stderr) == (
        2,
        f"argmap: error: {tmp_path / 'nope.yaml'}: no such file; check the path; it is relative to the current folder\n",
    )


def test_directory(run: Run, tmp_path: Path) -> None:
    result = run("--map", str(tmp_path), "list")
    assert (result.exit_code, result.stderr) == (
        2,
        f"argmap: error: {tmp_path}: this is a directory, not a map file; give the path of a .yaml map\n",
    )


def test_no_read_permission(run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "secret.yaml"
    path.write_text("claims: []\n", encoding="utf-8")
    real_open = builtins.open

    def refuse(
        file: Any, *args: Any, **kwargs: Any
    ) -> Any:  # root can read anything, so simulate the refusal
        if str(file) == str(path):
            raise PermissionError(13, "Permission denied", str(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", refuse)
    result = run("--map", str(path), "list")
    assert (result.exit_code, result.stderr) == (
        2,
        f"argmap: error: {path}: permission denied; make the file readable (chmod +r) or copy it\n",
    )


def test_a_50_mb_file_hits_the_size_cap_and_the_cap_can_be_lifted(run: Run, tmp_path: Path) -> None:
    big = tmp_path / "big.yaml"
    with open(big, "wb") as handle:
        handle.truncate(50 * 1024 * 1024)
    result = run("--map", str(big), "list")
    assert (result.exit_code, result.stderr) == (
        2,
        (
            f"argmap: error: {big}: the file is 52,428,800 bytes, over the 33,554,432-byte limit; "
            "lift the cap with --max-bytes 0 (or ARGMAP_MAX_BYTES=0) if you trust this file\n"
        ),
    )
    small = tmp_path / "small.yaml"
    small.write_text("claims:\n  - id: a\n    text: " + "x" * 500 + "\n", encoding="utf-8")
    assert run("--max-bytes", "100", "--map", str(small), "list").exit_code == 2
    assert run("--max-bytes", "0", "--map", str(small), "list").exit_code == 0
    assert run("--map", str(small), "list", env={"ARGMAP_MAX_BYTES": "0"}).exit_code == 0


def test_billion_laughs_is_rejected_fast(tmp_path: Path) -> None:
    import argmap

    started = time.perf_counter()
    with pytest.raises(argmap.MapError):
        argmap.loads(bomb(12))
    assert time.perf_counter() - started < 5  # a hang guard: the bomb is refused at its first anchor


def test_ids_that_look_like_numbers_or_booleans(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "m.yaml"
    path.write_text(
        "claims:\n  - {id: 'yes', kind: thesis, text: 'on'}\n  - {id: 1.0, text: no, supports: ['yes']}\n"
        "  - {id: '0x1f', text: null-ish, attacks: [1.0]}\n",
        encoding="utf-8",
    )
    result = run("--map", str(path), "list", "--json")
    assert result.exit_code == 0, result.stderr
    assert [(c["id"], c["text"]) for c in json.loads(result.stdout)["claims"]] == [
        ("yes", "on"),
        ("1.0", "no"),
        ("0x1f", "null-ish"),
    ]


def test_a_huge_single_line(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "m.yaml"
    path.write_text(
        "claims:\n  - id: a\n    kind: thesis\n    text: " + "word " * 1_000_000 + "\n", encoding="utf-8"
    )
    result = run("--map", str(path), "show", "a", "--json")
    assert result.exit_code == 0, result.stderr
    assert len(json.loads(result.stdout)["text"]) == 5_000_000 - 1
