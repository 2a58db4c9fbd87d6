"""The contract every format module keeps, checked against what the registry declares.

Each readable module has ``read(text, *, path=None)``; each writable one ``write`` and
``OPTIONS`` (its frozen options dataclass, or None); each streaming one ``generate``; each
framework format ``read_framework``. Every writer refuses an option it does not have with the
same `MapError`, and `argmap.dump` / `argmap.dumps` round-trip through every format that
both writes and reads.
"""

from __future__ import annotations

import dataclasses
import inspect
import warnings
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import argmap
from argmap.errors import MapError, MapWarning
from argmap.files import bundled_map_path
from argmap.formats import FORMATS, Format, get
from argmap.model import ArgumentMap

WRITABLE = [fmt for fmt in FORMATS.values() if fmt.writable]
# a framework-only format (.af, .apx) keeps a map's attack graph, not its claims' text
ROUND_TRIP = [fmt for fmt in WRITABLE if fmt.readable and not fmt.framework_only]


@pytest.fixture(scope="module")
def essay() -> ArgumentMap:
    return argmap.load()


@pytest.mark.parametrize("fmt", FORMATS.values(), ids=lambda f: f.name)
def test_modules_offer_what_the_registry_declares(fmt: Format) -> None:
    module = fmt.load()
    offered = {name for name in ("read", "write", "generate", "read_framework") if hasattr(module, name)}
    assert ("read" in offered) == fmt.readable
    assert ("write" in offered) == fmt.writable
    assert ("generate" in offered) == fmt.streaming
    assert ("read_framework" in offered) == fmt.framework_only
    assert hasattr(module, "read_lenient") == fmt.lenient
    for name in ("read", "read_framework"):
        if name in offered:
            parameter = inspect.signature(getattr(module, name)).parameters["path"]
            assert parameter.kind is inspect.Parameter.KEYWORD_ONLY
            assert parameter.default is None
    if fmt.writable:
        kind = module.OPTIONS
        if kind is not None:
            with pytest.raises(dataclasses.FrozenInstanceError):
                kind().wrap = 0  # any field: frozen refuses them all


def _options_of(fmt: Format) -> list[str]:
    kind = fmt.load().OPTIONS
    return sorted(field.name for field in dataclasses.fields(kind)) if kind else []


@pytest.mark.parametrize("fmt", WRITABLE, ids=lambda f: f.name)
@pytest.mark.parametrize("call", ["facade", "module", "generate"])
def test_every_writer_refuses_an_unknown_option_alike(fmt: Format, call: str, essay: ArgumentMap) -> None:
    with pytest.raises(MapError) as caught:
        if call == "facade":
            fmt.write(essay, colour="red")
        elif call == "module":
            fmt.load().write(essay, colour="red")
        else:
            list(fmt.generate(essay, colour="red"))
    error = caught.value
    assert error.message == f"the {fmt.name} writer has no option 'colour'"
    assert error.hint == "its options: " + (", ".join(_options_of(fmt)) or "none")
    assert str(error) == f"{error.message}; {error.hint}"


def test_the_option_lists_name_every_option() -> None:
    assert _options_of(get("dot")) == ["cluster_by", "fontname", "rankdir", "show_ids", "status", "wrap"]
    assert _options_of(get("mermaid")) == ["cluster_by", "rankdir", "show_ids", "status", "wrap"]
    assert _options_of(get("aif")) == ["indent"]
    for name in ("yaml", "json", "graphml", "argdown"):
        assert _options_of(get(name)) == []
    with pytest.raises(MapError, match="the yaml writer has no option 'wrap'; its options: none"):
        argmap.dumps(argmap.load(), fmt="yaml", wrap=30)


@pytest.mark.parametrize("fmt", WRITABLE, ids=lambda f: f.name)
def test_options_objects_and_keywords_give_the_same_text(fmt: Format, essay: ArgumentMap) -> None:
    module = fmt.load()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", MapWarning)
        plain = module.write(essay)
        assert fmt.write(essay) == plain
        if module.OPTIONS is not None:
            assert module.write(essay, module.OPTIONS()) == plain
        assert "".join(line + "\n" for line in fmt.generate(essay)) == plain or not fmt.streaming


@pytest.mark.parametrize("fmt", [f for f in WRITABLE if f.streaming], ids=lambda f: f.name)
@pytest.mark.parametrize(
    "options", [{}, {"wrap": 0, "show_ids": False}, {"cluster_by": "none", "rankdir": "lr"}]
)
def test_generate_joined_is_write(fmt: Format, options: dict[str, Any], essay: ArgumentMap) -> None:
    lines = list(fmt.generate(essay, **options))
    assert "\n".join(lines) + "\n" == fmt.write(essay, **options)
    assert lines == list(fmt.load().generate(essay, fmt.options(**options)))


def test_a_wrong_options_object_is_refused(essay: ArgumentMap) -> None:
    from argmap.formats.aif import AifOptions

    with pytest.raises(MapError, match="the dot writer takes DotOptions, not AifOptions"):
        get("dot").load().write(essay, AifOptions())
    with pytest.raises(MapError, match="the yaml writer takes no options"):
        get("yaml").load().write(essay, AifOptions())


def test_the_builtin_table_goes_through_register() -> None:
    from argmap import formats

    before = dict(formats.FORMATS)
    extra = Format("extra", "yaml", (".extra",), True, True, "a plugin's format")
    try:
        formats.register(extra)
        assert formats.get("extra") is extra
        assert formats.by_extension("map.extra") is extra
    finally:
        formats.FORMATS.clear()
        formats.FORMATS.update(before)
    assert list(formats.FORMATS) == [
        "yaml",
        "json",
        "dot",
        "graphml",
        "mermaid",
        "argdown",
        "aif",
        "kialo",
        "iccma",
        "apx",
        "store",
    ]


# --- dump and dumps -------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ROUND_TRIP, ids=lambda f: f.name)
def test_dumps_reads_back_through_every_format(fmt: Format, essay: ArgumentMap) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", MapWarning)
        text = argmap.dumps(essay, fmt=fmt.name)
        # read as if beside the essay map, where its meta.source (essay.txt) is
        assert argmap.loads(text, fmt=fmt.name, path=str(bundled_map_path())) == essay
        assert text == fmt.write(essay)


@pytest.mark.parametrize("fmt", ROUND_TRIP, ids=lambda f: f.name)
def test_dump_writes_by_extension_and_load_reads_it_back(fmt: Format, tmp_path: Path) -> None:
    amap = argmap.loads("claims:\n  - {id: t, kind: thesis, text: T}\n  - {id: r, text: R, supports: [t]}\n")
    target = tmp_path / f"map{fmt.extensions[0]}"
    argmap.dump(amap, target)
    assert target.read_text(encoding="utf-8") == argmap.dumps(amap, fmt=fmt.name)
    assert argmap.load(target) == amap
    assert [p.name for p in tmp_path.iterdir()] == [target.name]  # no temporary file left


def test_dump_takes_the_format_by_name_and_passes_options(tmp_path: Path, essay: ArgumentMap) -> None:
    target = tmp_path / "drawing.txt"
    argmap.dump(essay, target, fmt="dot", wrap=0)
    assert target.read_text(encoding="utf-8") == get("dot").write(essay, wrap=0)
    with pytest.raises(MapError, match="cannot tell the export format"):
        argmap.dump(essay, tmp_path / "drawing.txt")
    with pytest.raises(MapError, match="the json writer has no option 'indent'"):
        argmap.dump(essay, tmp_path / "map.json", indent=2)
    assert not (tmp_path / "map.json").exists()


_IDS = st.sampled_from(["a", "b", "c", "d"])
_TEXT = st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), min_size=1, max_size=20)


@st.composite
def _maps(draw: st.DrawFn) -> ArgumentMap:
    ids = sorted(draw(st.sets(_IDS, min_size=1)))
    claims = []
    for claim_id in ids:
        others = [other for other in ids if other != claim_id]
        claim: dict[str, Any] = {"id": claim_id, "text": draw(_TEXT).strip() or "x"}
        if others:
            claim["supports"] = draw(st.lists(st.sampled_from(others), unique=True, max_size=2))
            claim["attacks"] = draw(st.lists(st.sampled_from(others), unique=True, max_size=1))
        claims.append(claim)
    from argmap.model import validate

    return validate({"claims": claims})


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(amap=_maps(), fmt=st.sampled_from([f.name for f in ROUND_TRIP]))
def test_dumps_round_trips_random_maps(amap: ArgumentMap, fmt: str) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", MapWarning)
        assert argmap.loads(argmap.dumps(amap, fmt=fmt), fmt=fmt) == amap
