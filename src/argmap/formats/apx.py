"""ASPARTIX abstract frameworks: ``arg(a).`` and ``att(a,b).`` facts (ICCMA 2015–2021).

Facts may share a line and ``%`` starts a comment, as in the ASP files they come from. An
attack may come before the declaration of its arguments; an argument that is never declared
is an error, since solvers disagree on whether it exists. A name in double quotes (an ASP
string, as `write_framework` writes names that are not ASP constants) is read without them.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from argmap.errors import MapError, did_you_mean
from argmap.formats.iccma import FrameworkOptions, direct_framework

if TYPE_CHECKING:
    from argmap.argumentation.framework import Framework
    from argmap.model import ArgumentMap

_NAME = r"\s*([^\s,()%.]+(?:\.[^\s,()%.]+)*)\s*"
_FACT = re.compile(rf"\s*(arg|att)\s*\({_NAME}(?:,{_NAME})?\)\s*\.")
_SPACE = re.compile(r"\s*(?:%.*)?$")
_HINT = "write one fact per argument `arg(a).` and per attack `att(a,b).`"


def read(text: str, *, path: str | None = None) -> ArgumentMap:
    """The framework as a map: one claim per argument (id = its name), with its attacks."""
    from argmap.argumentation.framework import framework_to_map

    places: dict[tuple[str, str], tuple[int, int]] = {}
    framework = _parse(text, path, places)
    return framework_to_map(framework, path=path, locate=lambda where, _key: places.get(where))


OPTIONS = FrameworkOptions


def write(amap: ArgumentMap, options: FrameworkOptions | None = None, **fields: Any) -> str:
    """The map's attack framework as ASPARTIX facts; options as in `iccma.write`."""
    from argmap.formats.options import writer_options

    chosen = writer_options("apx", FrameworkOptions, options, fields)
    return write_framework(chosen.framework if chosen.framework is not None else direct_framework(amap))


def write_framework(framework: Framework) -> str:
    """One ``arg(a).`` line per argument, then one ``att(a,b).`` per attack.

    Names that are not ASP constants (claim ids with ``-`` or ``.``, inference names) are
    written as ASP strings, so clingo-based solvers read the file too.
    """
    names = [_constant(name) for name in framework.arguments]
    lines = [f"arg({name})." for name in names]
    lines.extend(
        f"att({names[s]},{names[t]})." for s, t in zip(framework.sources, framework.targets, strict=True)
    )
    return "".join(line + "\n" for line in lines)


def _constant(name: str) -> str:
    if _ASP_CONSTANT.fullmatch(name):
        return name
    return '"' + name.replace("\\", "\\\\").replace('"', '\\"') + '"'


_ASP_CONSTANT = re.compile(r"[a-z][A-Za-z0-9_]*|0|[1-9][0-9]*")


def read_framework(text: str, *, path: str | None = None) -> Framework:
    """Parse ASPARTIX facts; malformed facts raise a located `MapError`."""
    return _parse(text, path, None)


def _parse(text: str, path: str | None, places: dict[tuple[str, str], tuple[int, int]] | None) -> Framework:
    """Facts → framework; ``places`` (if given) records where each name and self-attack is."""
    from argmap.argumentation.framework import Framework

    names: list[str] = []
    index: dict[str, int] = {}
    attacks: list[tuple[str, str, int, int, int]] = []
    for number, line in enumerate(text.splitlines(), start=1):
        position = 0
        while True:
            fact = _FACT.match(line, position)
            if fact is None:
                if _SPACE.match(line, position):
                    break
                raise _malformed(line, number, position, path)
            kind, first, second = fact.groups()
            first = _unquote(first)
            second = None if second is None else _unquote(second)
            column = fact.start(2) + 1
            if kind == "arg":
                if second is not None:
                    raise MapError(
                        "`arg` takes one name", path=path, line=number, column=fact.start(3) + 1, hint=_HINT
                    )
                if first not in index:
                    index[first] = len(names)
                    names.append(first)
                    if places is not None:
                        places[("arg", first)] = (number, column)
            else:
                if second is None:
                    raise MapError(
                        "`att` takes two names, the attacker and the attacked",
                        path=path,
                        line=number,
                        column=column,
                        hint=_HINT,
                    )
                attacks.append((first, second, number, column, fact.start(3) + 1))
                if places is not None and first == second:
                    places.setdefault(("att", first), (number, column))
            position = fact.end()
    sources: list[int] = []
    targets: list[int] = []
    for attacker, attacked, number, first_column, second_column in attacks:
        for name, column in ((attacker, first_column), (attacked, second_column)):
            if name not in index:
                close = did_you_mean(name, index) if len(index) <= 20_000 else None
                raise MapError(
                    f"att names the undeclared argument {name!r}",
                    path=path,
                    line=number,
                    column=column,
                    hint=close or f"declare it with `arg({name}).`",
                )
        sources.append(index[attacker])
        targets.append(index[attacked])
    return Framework.from_indices(names, sources, targets)


def _unquote(name: str) -> str:
    if len(name) >= 2 and name[0] == name[-1] == '"':
        return name[1:-1].replace('\\"', '"').replace("\\\\", "\\")
    return name


def _malformed(line: str, number: int, position: int, path: str | None) -> MapError:
    while position < len(line) and line[position].isspace():
        position += 1
    found = line[position:].strip()[:40]
    return MapError(
        f"expected a fact `arg(a).` or `att(a,b).`, found {found!r}",
        path=path,
        line=number,
        column=position + 1,
        hint=_HINT,
    )
