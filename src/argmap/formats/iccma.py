"""ICCMA abstract frameworks: ``p af N`` and ``i j`` lines (ICCMA 2023/2025), or older TGF.

ICCMA'23: the first line ``p af N`` declares the arguments ``1..N``; every other line ``i j``
says *i attacks j*; lines starting with ``#`` are comments. Files without a ``p af`` header
are read as the trivial graph format of ICCMA 2015–2021 (``.tgf``): one argument name per
line, a line ``#``, then ``a b`` attack lines.

`read_framework` is the fast path the solvers use; `read` turns the framework into an
`ArgumentMap` whose claims are the arguments, so the rest of argmap works on it too.

`write_framework` writes ICCMA'23, so other solvers can run on a map's framework: arguments are
numbered in framework order and a ``# <number> <name>`` comment line after the header keeps
each name (comments are ignored on reading, which stays exact: numbers are the names).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from argmap.errors import Locator, MapError, did_you_mean

if TYPE_CHECKING:
    from argmap.argumentation.framework import Framework
    from argmap.model import ArgumentMap

_HEADER_HINT = "an ICCMA'23 file starts with `p af <number of arguments>`"


def read(text: str, *, path: str | None = None) -> ArgumentMap:
    """The framework as a map: one claim per argument (id = its name), with its attacks."""
    from argmap.argumentation.framework import framework_to_map

    return framework_to_map(read_framework(text, path=path), path=path, locate=_self_attack_locator(text))


@dataclass(frozen=True)
class FrameworkOptions:
    """``framework``: the framework to write, when the caller built it from the map (the
    argumentation layer adds an argument per undercut inference, and the bipolar attacks if
    asked: `argmap export --to iccma|apx [--bipolar]` does so). None: the map's claims and
    their ``attacks``, for a map without undercuts."""

    framework: Framework | None = None


OPTIONS = FrameworkOptions


def write(amap: ArgumentMap, options: FrameworkOptions | None = None, **fields: Any) -> str:
    """The map's attack framework as ICCMA'23 text (see `write_framework`)."""
    from argmap.formats.options import writer_options

    chosen = writer_options("iccma", FrameworkOptions, options, fields)
    return write_framework(chosen.framework if chosen.framework is not None else direct_framework(amap))


def write_framework(framework: Framework) -> str:
    """``p af N``, one ``# i name`` line per argument, then one ``i j`` line per attack."""
    lines = [f"p af {len(framework)}"]
    lines.extend(f"# {number} {name}" for number, name in enumerate(framework.arguments, start=1))
    lines.extend(f"{s + 1} {t + 1}" for s, t in zip(framework.sources, framework.targets, strict=True))
    return "\n".join(lines) + "\n"


def direct_framework(amap: ArgumentMap) -> Framework:
    """Claims as arguments, ``attacks`` as attacks: a map without undercuts needs nothing more.

    An undercut step becomes an argument of its own, which only the argumentation layer
    builds (a format may not import it): such a map gets a `MapWarning` saying so.
    """
    from argmap.argumentation.framework import Framework
    from argmap.errors import warn

    if any(claim.undercuts for claim in amap.claims):
        warn(
            "undercut support steps are left out of this framework; `argmap export --to iccma` "
            "(or apx) writes them as arguments, as evaluate sees them"
        )
    return Framework(
        (claim.id for claim in amap.claims),
        ((claim.id, target) for claim in amap.claims for target in claim.attacks),
    )


def read_framework(text: str, *, path: str | None = None) -> Framework:
    """Parse ICCMA'23 (or TGF) text; malformed lines raise a located `MapError`."""
    lines = text.splitlines()
    for number, line in enumerate(lines):
        parts = line.split()
        if not parts or parts[0].startswith("#"):
            continue
        if parts[0] == "p":
            return _read_af(lines, number, path)
        break
    if any(line.strip() == "#" for line in lines):
        return _read_tgf(lines, path)
    first = next(
        (n for n, line in enumerate(lines) if line.strip() and not line.lstrip().startswith("#")), None
    )
    if first is None:
        raise MapError("no `p af N` header: the file has no framework", path=path, line=1, hint=_HEADER_HINT)
    raise _located(
        f"expected the header `p af N`, found {lines[first].strip()[:40]!r}",
        path,
        lines[first],
        first,
        0,
        _HEADER_HINT,
    )


def _read_af(lines: list[str], header: int, path: str | None) -> Framework:
    from argmap.argumentation.framework import Framework

    parts = lines[header].split()
    if len(parts) != 3 or parts[1] != "af" or not _is_number(parts[2]):
        bad_token = 1 if parts[1:2] != ["af"] else 2
        raise _located(
            f"malformed header {lines[header].strip()[:40]!r}",
            path,
            lines[header],
            header,
            min(bad_token, len(parts) - 1),
            _HEADER_HINT,
        )
    n = int(parts[2])
    sources: list[int] = []
    targets: list[int] = []
    add_source = sources.append
    add_target = targets.append
    for number in range(header + 1, len(lines)):
        parts = lines[number].split()
        if len(parts) == 2:
            first, second = parts
            if first.isdigit() and second.isdigit() and first.isascii() and second.isascii():
                a = int(first)
                b = int(second)
                if 0 < a <= n and 0 < b <= n:
                    add_source(a - 1)
                    add_target(b - 1)
                    continue
        if not parts or parts[0].startswith("#"):
            continue
        raise _bad_attack_line(lines[number], number, parts, n, path)
    return Framework.from_indices([str(i) for i in range(1, n + 1)], sources, targets)


def _bad_attack_line(line: str, number: int, parts: list[str], n: int, path: str | None) -> MapError:
    """Say exactly what is wrong with an attack line (the fast loop only knows that it is)."""
    token_index, message, hint = _attack_line_problem(parts, n)
    return _located(message, path, line, number, token_index, hint)


def _attack_line_problem(parts: list[str], n: int) -> tuple[int, str, str]:
    """The token at fault in a malformed attack line, what is wrong with it, and the hint."""
    if parts[0] == "p":
        return 0, "a second `p af` header", "a file holds one framework; remove this line"
    if len(parts) != 2:
        return (
            min(len(parts) - 1, 2),
            f"expected an attack `i j` (two argument numbers), found {len(parts)} fields",
            "write one attack per line, e.g. `1 2` for 'argument 1 attacks argument 2'",
        )
    for position, token in enumerate(parts):
        if not _is_number(token):
            return position, f"{token!r} is not an argument number", f"arguments are numbered 1..{n}"
        value = int(token)
        if not 0 < value <= n:
            return (
                position,
                f"argument {value} is out of range: the header declares {n} argument{'s' * (n != 1)}",
                f"use a number from 1 to {n}, or raise N in `p af N`",
            )
    raise AssertionError("unreachable: the line is a valid attack")  # pragma: no cover


def _read_tgf(lines: list[str], path: str | None) -> Framework:
    from argmap.argumentation.framework import Framework

    names: list[str] = []
    index: dict[str, int] = {}
    sources: list[int] = []
    targets: list[int] = []
    in_attacks = False
    for number, line in enumerate(lines):
        parts = line.split()
        if not parts:
            continue
        if not in_attacks:
            if parts == ["#"]:
                in_attacks = True
            elif len(parts) != 1:
                raise _located(
                    "expected one argument name per line before the `#` line",
                    path,
                    line,
                    number,
                    1,
                    "TGF lists the arguments, then a line `#`, then attacks `a b`",
                )
            elif parts[0] not in index:
                index[parts[0]] = len(names)
                names.append(parts[0])
            continue
        if len(parts) != 2:
            raise _located(
                f"expected an attack `a b`, found {len(parts)} fields",
                path,
                line,
                number,
                min(len(parts) - 1, 2),
                "write one attack per line after the `#` line",
            )
        for position, token in enumerate(parts):
            if token not in index:
                raise _located(
                    f"attack names the undeclared argument {token!r}",
                    path,
                    line,
                    number,
                    position,
                    did_you_mean(token, index) or "declare it above the `#` line",
                )
        sources.append(index[parts[0]])
        targets.append(index[parts[1]])
    return Framework.from_indices(names, sources, targets)


def _self_attack_locator(text: str) -> Locator:
    def locate(where: tuple[Any, ...], _key: bool) -> tuple[int, int] | None:
        kind, name = where
        if kind != "att":
            return None
        for number, line in enumerate(text.splitlines()):
            parts = line.split()
            if len(parts) == 2 and parts[0] == parts[1] == name:
                return number + 1, _column(line, 0)
        return None

    return locate


def _located(message: str, path: str | None, line: str, number: int, token_index: int, hint: str) -> MapError:
    """An error at the ``token_index``-th token of ``line``, line ``number`` (0-based) of the file."""
    return MapError(message, path=path, line=number + 1, column=_column(line, token_index), hint=hint)


def _is_number(token: str) -> bool:
    return token.isascii() and token.isdigit()


def _column(line: str, token_index: int) -> int:
    """1-based column where the ``token_index``-th whitespace-separated token starts."""
    position = 0
    for _ in range(token_index + 1):
        while position < len(line) and line[position].isspace():
            position += 1
        start = position
        while position < len(line) and not line[position].isspace():
            position += 1
    return start + 1
