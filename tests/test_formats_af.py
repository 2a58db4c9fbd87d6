"""Readers for abstract frameworks: ICCMA'23 ``.af`` (and TGF) and ASPARTIX ``.apx``."""

from __future__ import annotations

import pytest

from argmap.argumentation import Framework, extensions
from argmap.errors import MapError
from argmap.formats import apx, iccma
from argmap.formats import parse as read_text

# --------------------------------------------------------------------------- ICCMA'23


def test_iccma_reads_header_attacks_and_comments() -> None:
    text = "# generated\np af 4\n1 2\n\n# a comment\n2 3\n  3   1  \n"
    fw = iccma.read_framework(text)
    assert fw.arguments == ["1", "2", "3", "4"]
    assert fw.attacks == [("1", "2"), ("2", "3"), ("3", "1")]
    assert extensions(fw, "GR") == [frozenset({"4"})]


def test_iccma_empty_framework() -> None:
    assert len(iccma.read_framework("p af 0\n")) == 0


def test_iccma_read_gives_a_map_of_claims() -> None:
    amap = iccma.read("p af 3\n1 2\n1 3\n1 2\n", path="x.af")
    assert [c.id for c in amap.claims] == ["1", "2", "3"]
    first = amap["1"]
    assert first.kind == "claim" and first.text == "argument 1" and first.attacks == ["2", "3"]


def test_registry_reads_af_by_extension_and_by_content() -> None:
    text = "p af 2\n1 2\n"
    assert [c.id for c in read_text(text, path="f.af").claims] == ["1", "2"]
    assert [c.id for c in read_text(text).claims] == ["1", "2"]


@pytest.mark.parametrize(
    ("text", "line", "column", "message"),
    [
        ("", 1, None, "no `p af N` header"),
        ("# only a comment\n", 1, None, "no `p af N` header"),
        ("1 2\n", 1, 1, "expected the header `p af N`"),
        ("p bf 3\n", 1, 3, "malformed header"),
        ("p af three\n", 1, 6, "malformed header"),
        ("p af\n", 1, 3, "malformed header"),
        ("p af 3\n1 2\n1 x\n", 3, 3, "'x' is not an argument number"),
        ("p af 3\n1 2\n 4 1\n", 3, 2, "argument 4 is out of range"),
        ("p af 3\n1 0\n", 2, 3, "argument 0 is out of range"),
        ("p af 3\n1 -2\n", 2, 3, "'-2' is not an argument number"),
        ("p af 3\n1 2 3\n", 2, 5, "found 3 fields"),
        ("p af 3\n1\n", 2, 1, "found 1 fields"),
        ("p af 3\np af 3\n", 2, 1, "a second `p af` header"),
    ],
)
def test_iccma_errors_are_located(text: str, line: int, column: int | None, message: str) -> None:
    with pytest.raises(MapError) as caught:
        iccma.read_framework(text, path="bad.af")
    error = caught.value
    assert message in error.message
    assert (error.path, error.line, error.column) == ("bad.af", line, column)
    assert error.hint


def test_iccma_self_attack_cannot_become_a_map() -> None:
    text = "p af 2\n1 2\n2 2\n"
    assert ("2", "2") in iccma.read_framework(text).attacks
    with pytest.raises(MapError, match="argument '2' attacks itself") as caught:
        iccma.read(text, path="self.af")
    assert (caught.value.line, caught.value.column) == (3, 1)
    assert "'argmap --map FILE evaluate' evaluates it as a bare framework" in (caught.value.hint or "")


# --------------------------------------------------------------------------- TGF


def test_tgf_reads_names_then_attacks() -> None:
    fw = iccma.read_framework("a1\na2\na3\n#\na1 a2\na2 a3\n")
    assert fw.arguments == ["a1", "a2", "a3"]
    assert extensions(fw, "GR") == [frozenset({"a1", "a3"})]
    assert iccma.read("a\nb\n#\na b\n", path="f.tgf")["a"].attacks == ["b"]


def test_tgf_unknown_argument_is_located_with_a_suggestion() -> None:
    with pytest.raises(MapError, match="undeclared argument 'arg4'") as caught:
        iccma.read_framework("arg1\nargx\n#\narg1 arg4\n", path="f.tgf")
    assert (caught.value.line, caught.value.column) == (4, 6)
    assert "'arg1'" in (caught.value.hint or "")


# --------------------------------------------------------------------------- ASPARTIX


def test_apx_reads_facts_in_any_layout() -> None:
    text = "% a comment\narg(a). arg(b).\n  arg( c ) .\natt(a,b). att(b, c). % trailing\natt(c,c).\n"
    fw = apx.read_framework(text)
    assert fw.arguments == ["a", "b", "c"]
    assert fw.attacks == [("a", "b"), ("b", "c"), ("c", "c")]


def test_apx_attack_before_declaration_is_fine() -> None:
    fw = apx.read_framework("att(x,y).\narg(x).\narg(y).\n")
    assert fw == Framework(["x", "y"], [("x", "y")])


def test_apx_read_gives_a_map_of_claims() -> None:
    amap = apx.read("arg(arg0).\narg(arg1).\natt(arg0,arg1).\n", path="f.apx")
    assert amap["arg0"].attacks == ["arg1"] and amap["arg1"].text == "argument arg1"
    assert [c.id for c in read_text("arg(a).\n").claims] == ["a"]


@pytest.mark.parametrize(
    ("text", "line", "column", "message"),
    [
        ("arg(a).\nargument(b).\n", 2, 1, "expected a fact"),
        ("arg(a).\narg(b)\n", 2, 1, "expected a fact"),
        ("arg(a). junk\n", 1, 9, "expected a fact"),
        ("arg(a,b).\n", 1, 7, "`arg` takes one name"),
        ("arg(a).\natt(a).\n", 2, 5, "`att` takes two names"),
        ("arg(arg1).\narg(arg2).\natt(arg1,arg3).\n", 3, 10, "undeclared argument 'arg3'"),
        ("arg(a).\natt(b, a).\n", 2, 5, "undeclared argument 'b'"),
    ],
)
def test_apx_errors_are_located(text: str, line: int, column: int, message: str) -> None:
    with pytest.raises(MapError) as caught:
        apx.read_framework(text, path="bad.apx")
    error = caught.value
    assert message in error.message
    assert (error.path, error.line, error.column) == ("bad.apx", line, column)
    assert error.hint


def test_apx_suggests_a_declared_name() -> None:
    with pytest.raises(MapError) as caught:
        apx.read_framework("arg(arg1).\narg(arg2).\natt(arg1,arg3).\n")
    assert "arg1" in (caught.value.hint or "") or "arg2" in (caught.value.hint or "")


def test_apx_name_that_cannot_be_a_claim_id() -> None:
    text = "arg(a).\n arg(b!g).\natt(a,b!g).\n"
    assert apx.read_framework(text).arguments == ["a", "b!g"]
    with pytest.raises(MapError, match="'b!g' cannot be a claim id") as caught:
        apx.read(text, path="names.apx")
    assert (caught.value.line, caught.value.column) == (2, 6)
    assert "letters and digits of any script" in (caught.value.hint or "")
    # letters of any script and case are ids
    assert [c.id for c in apx.read("arg(Big).\narg(论点).\natt(Big,论点).\n").claims] == ["Big", "论点"]


def test_apx_self_attack_is_located() -> None:
    with pytest.raises(MapError, match="attacks itself") as caught:
        apx.read("arg(a).\narg(b).\natt(a,b).\natt(b,b).\n", path="s.apx")
    assert (caught.value.line, caught.value.column) == (4, 5)
