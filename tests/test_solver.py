"""The clingo-backed solver: every ICCMA semantics and task, against hand-computed
frameworks, a brute-force oracle, `formal-argumentation` and its own enumeration."""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from importlib import resources

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from argmap.argumentation import Framework, asp, extensions
from argmap.errors import MapError

ALL = ("grounded", "complete", "preferred", "stable", "semi-stable", "stage", "ideal")


def framework(arguments: str, attacks: str = "") -> Framework:
    """``framework("abc", "ab bc")``: one-letter arguments, attacks as letter pairs."""
    return Framework(list(arguments), [(pair[0], pair[1]) for pair in attacks.split()])


def ext(*sets: str) -> set[frozenset[str]]:
    return {frozenset(s) for s in sets}


def solved(fw: Framework, semantics: str) -> set[frozenset[str]]:
    found = asp.enumerate_extensions(fw, semantics).extensions
    assert len(found) == len(set(found)), f"{semantics} lists an extension twice"
    return set(found)


# --------------------------------------------------------------------------- hand-computed

KNOWN: dict[str, tuple[Framework, dict[str, set[frozenset[str]]]]] = {
    # Caminada 2006: a↔b, b attacks the self-attacking c; the isolated self-attacker e kills
    # every stable extension. {a} and {b} are preferred, only {b} has the widest range.
    "semi-stable is not preferred": (
        framework("abce", "ab ba bc cc ee"),
        {
            "preferred": ext("a", "b"),
            "semi-stable": ext("b"),
            "stable": set(),
            "stage": ext("b"),
            "ideal": ext(""),
        },
    ),
    # odd cycle: no stable extension, the only complete one is empty, but each argument alone
    # is conflict-free with a maximal range: three stage extensions
    "stage is not stable (odd cycle)": (
        framework("abc", "ab bc ca"),
        {
            "complete": ext(""),
            "preferred": ext(""),
            "stable": set(),
            "semi-stable": ext(""),
            "stage": ext("a", "b", "c"),
            "ideal": ext(""),
        },
    ),
    # a self-attacker attacks b: b is undefended (not admissible) but conflict-free
    "stage keeps an undefended argument": (
        framework("ab", "aa ab"),
        {"complete": ext(""), "semi-stable": ext(""), "stage": ext("b"), "stable": set()},
    ),
    # floating acceptance: d is in both preferred extensions, yet not in the ideal one
    "floating acceptance": (
        framework("abcd", "ab ba ac bc cd"),
        {
            "grounded": ext(""),
            "complete": ext("", "ad", "bd"),
            "preferred": ext("ad", "bd"),
            "stable": ext("ad", "bd"),
            "semi-stable": ext("ad", "bd"),
            "stage": ext("ad", "bd"),
            "ideal": ext(""),
        },
    ),
    # ideal above grounded: b attacks itself, so {a} is the only preferred extension
    "ideal is not grounded": (
        framework("ab", "ab ba bb"),
        {"grounded": ext(""), "preferred": ext("a"), "ideal": ext("a"), "stable": ext("a")},
    ),
    "even cycle (4)": (
        framework("abcd", "ab bc cd da"),
        {
            "complete": ext("", "ac", "bd"),
            "preferred": ext("ac", "bd"),
            "semi-stable": ext("ac", "bd"),
            "stage": ext("ac", "bd"),
            "ideal": ext(""),
        },
    ),
    "self-attack": (
        framework("a", "aa"),
        {s: ext("") for s in ("grounded", "complete", "preferred", "semi-stable", "stage", "ideal")}
        | {"stable": set()},
    ),
    "empty": (framework(""), {s: ext("") for s in ALL}),
}


@pytest.mark.parametrize("name", sorted(KNOWN))
def test_hand_computed_frameworks(name: str) -> None:
    fw, expected = KNOWN[name]
    for semantics, answer in expected.items():
        assert solved(fw, semantics) == answer, (name, semantics)
        assert set(extensions(fw, semantics)) == answer, (name, semantics)


def test_names_aliases_and_unknown_semantics() -> None:
    assert [asp.semantics_name(code) for code in ("GR", "co", "PR", "st", "SST", "stg", "ID")] == list(ALL)
    assert asp.semantics_name(" Semistable ") == "semi-stable"
    with pytest.raises(MapError, match="unknown semantics 'naive'") as caught:
        asp.semantics_name("naive")
    assert caught.value.hint == "choose one of: " + ", ".join(ALL)


def test_every_encoding_ships_and_says_what_it_computes() -> None:
    folder = resources.files("argmap.argumentation").joinpath("encodings")
    for name in ("admissible", *ALL[1:]):
        text = folder.joinpath(f"{name}.lp").read_text(encoding="utf-8")
        assert text.startswith("% "), name
        assert "Input facts: arg(X)" in text, name


# --------------------------------------------------------------------------- tasks


def test_no_stable_extension_is_a_result() -> None:
    odd = framework("abc", "ab bc ca")
    search = asp.enumerate_extensions(odd, "stable")
    assert (search.extensions, search.exhausted, search.exists) == ([], True, False)
    assert asp.one_extension(odd, "stable").exists is False
    assert asp.count_extensions(odd, "stable") == asp.Count("stable", 0, exact=True)
    vacuous = asp.acceptance(odd, "stable", "a", sceptical=True)
    assert (vacuous.accepted, vacuous.witness, vacuous.exists) == (True, None, False)


def test_limit_one_and_count() -> None:
    pairs = framework("abcdef", "ab ba cd dc ef fe")  # 2^3 stable extensions
    assert asp.count_extensions(pairs, "stable").count == 8
    assert asp.count_extensions(pairs, "complete").count == 27
    first = asp.enumerate_extensions(pairs, "preferred", limit=3)
    assert len(first.extensions) == 3 and not first.exhausted and first.exists
    every = asp.enumerate_extensions(pairs, "preferred", limit=8)
    assert len(every.extensions) == 8 and every.exhausted
    (one,) = asp.one_extension(pairs, "stage").extensions
    assert one in solved(pairs, "stage")
    assert asp.enumerate_extensions(pairs, "stable", limit=0).extensions == []


def test_timeout_says_what_was_found_so_far() -> None:
    pairs = Framework.from_indices(
        [*(str(i) for i in range(40)), "x"],
        list(range(40)),
        [i + 1 if i % 2 == 0 else i - 1 for i in range(40)],
    )  # 2^20 stable extensions: more than any timeout of zero lets through; x is in all of them
    search = asp.enumerate_extensions(pairs, "stable", timeout=0.0)
    assert search.timed_out and not search.exhausted and search.exists in (True, None)
    count = asp.count_extensions(pairs, "stable", timeout=0.0)
    assert count.timed_out and not count.exact
    # preferred always has an extension: a count stopped before the first one still says 1
    assert asp.count_extensions(pairs, "preferred", timeout=0.0).count >= 1
    answer = asp.acceptance(pairs, "stage", "x", sceptical=True, timeout=0.0)
    assert answer.timed_out and answer.accepted is None


def test_progress_is_called_only_after_the_quiet_period() -> None:
    calls: list[tuple[float, int]] = []
    fw = framework("abcd", "ab ba cd dc")
    asp.enumerate_extensions(fw, "complete", progress=lambda seconds, found: calls.append((seconds, found)))
    assert calls == []
    budget = asp.Budget(progress=lambda seconds, found: calls.append((seconds, found)), quiet=0.0)
    budget.found = 3
    budget.check()
    assert calls and calls[0][1] == 3


def test_acceptance_with_witness_and_counter_example() -> None:
    fw, _ = KNOWN["floating acceptance"]
    yes = asp.acceptance(fw, "preferred", "d", sceptical=True)
    assert (yes.accepted, yes.witness) == (True, None)
    no = asp.acceptance(fw, "preferred", "a", sceptical=True)
    assert no.accepted is False and no.witness in ext("bd")
    some = asp.acceptance(fw, "stable", "a")
    assert some.accepted and some.witness in ext("ad") and some.mode == "credulous"
    assert asp.acceptance(fw, "ideal", "d").accepted is False
    with pytest.raises(KeyError):
        asp.acceptance(fw, "preferred", "zz")


def test_a_long_chain_is_split_by_grounded_and_needs_no_recursion() -> None:
    n = 100_001
    names = [str(i) for i in range(n)]
    chain = Framework.from_indices(names, list(range(n - 1)), list(range(1, n)))
    evens = frozenset(names[0::2])
    for semantics in ALL:
        assert asp.enumerate_extensions(chain, semantics).extensions == [evens], semantics
    assert asp.acceptance(chain, "stage", "2", sceptical=True).accepted


# --------------------------------------------------------------------------- oracles


def brute_force(fw: Framework) -> dict[str, set[frozenset[str]]]:
    """Every semantics from its definition, over all subsets (tiny frameworks only)."""
    args = frozenset(fw.arguments)
    attacks = set(fw.attacks)

    def plus(s: Iterable[str]) -> set[str]:
        members = set(s)
        return {b for a, b in attacks if a in members}

    def defends(s: frozenset[str], a: str) -> bool:
        return all(b in plus(s) for b, target in attacks if target == a)

    subsets = [frozenset(c) for r in range(len(args) + 1) for c in itertools.combinations(sorted(args), r)]
    cf = [s for s in subsets if not any(a in s and b in s for a, b in attacks)]
    ad = [s for s in cf if all(defends(s, a) for a in s)]
    co = [s for s in ad if all(a in s for a in args if defends(s, a))]

    def widest(sets: list[frozenset[str]]) -> set[frozenset[str]]:
        reach = {s: s | plus(s) for s in sets}
        return {s for s in sets if not any(reach[s] < reach[t] for t in sets)}

    pr = {s for s in ad if not any(s < t for t in ad)}
    common = frozenset.intersection(*pr) if pr else frozenset()
    ideal = max((s for s in ad if s <= common), key=len)
    return {
        "complete": set(co),
        "preferred": pr,
        "stable": {s for s in cf if s | plus(s) == args},
        "semi-stable": widest(co),
        "stage": widest(cf),
        "ideal": {ideal},
    }


@st.composite
def frameworks(draw: st.DrawFn, max_arguments: int = 7) -> Framework:
    n = draw(st.integers(0, max_arguments))
    names = [f"a{i}" for i in range(n)]
    pairs = st.tuples(st.integers(0, n - 1), st.integers(0, n - 1)) if n else st.nothing()
    attacks = draw(st.sets(pairs, max_size=3 * n))
    return Framework(names, [(names[s], names[t]) for s, t in sorted(attacks)])


FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(frameworks())
def test_matches_the_definitions(fw: Framework) -> None:
    for semantics, answer in brute_force(fw).items():
        assert solved(fw, semantics) == answer, semantics


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(frameworks(max_arguments=6), st.data())
def test_acceptance_agrees_with_enumeration(fw: Framework, data: st.DataObject) -> None:
    if not len(fw):
        return
    argument = data.draw(st.sampled_from(fw.arguments))
    for semantics in ALL:
        every = solved(fw, semantics)
        for sceptical in (False, True):
            answer = asp.acceptance(fw, semantics, argument, sceptical=sceptical)
            expected = all(argument in e for e in every) if sceptical else any(argument in e for e in every)
            assert answer.accepted is expected, (semantics, sceptical)
            if answer.witness is not None:
                assert answer.witness in every and (argument in answer.witness) is not sceptical
            assert asp.count_extensions(fw, semantics).count == len(every)


@FAST
@given(frameworks(max_arguments=6))
def test_matches_formal_argumentation(fw: Framework) -> None:
    """formal-argumentation 0.3 (PyPI) implements all seven semantics by brute force."""
    dung = pytest.importorskip("argumentation.core.dung", reason="formal-argumentation is a test extra")
    theirs = dung.ArgumentationFramework(arguments=frozenset(fw.arguments), defeats=frozenset(fw.attacks))
    for semantics in ALL:
        expected = {frozenset(e) for e in dung.extensions_for(theirs, semantics)}
        assert solved(fw, semantics) == expected, semantics


# --------------------------------------------------------------------------- ICCMA files both ways


def test_frameworks_written_as_af_and_apx_read_back_exactly() -> None:
    from argmap.formats import apx, iccma

    fw = Framework(["thesis", "stagnation-view", "a=>b", 'q"uote'], [("stagnation-view", "thesis")])
    fw = Framework(fw.arguments, [*fw.attacks, ("a=>b", "a=>b"), ('q"uote', "thesis")])
    back = apx.read_framework(apx.write_framework(fw))
    assert back == fw
    text = iccma.write_framework(fw)
    assert text.splitlines()[:2] == ["p af 4", "# 1 thesis"]
    numbered = iccma.read_framework(text)
    assert numbered.attacks == [("2", "1"), ("3", "3"), ("4", "1")]
    assert solved(numbered, "preferred") == {frozenset({"2", "4"})}


def test_a_map_writes_its_direct_framework_and_warns_about_undercuts() -> None:
    from argmap.formats import apx, iccma
    from argmap.model import validate

    amap = validate(
        {"claims": [{"id": "a", "kind": "claim", "text": "a"}, {"id": "b-1", "kind": "claim", "text": "b"}]}
    )
    amap.claims[1].attacks.append("a")
    assert apx.write(amap) == 'arg(a).\narg("b-1").\natt("b-1",a).\n'
    assert iccma.write(amap) == "p af 2\n# 1 a\n# 2 b-1\n2 1\n"
    cut = validate(
        {
            "claims": [
                {"id": "p", "kind": "claim", "text": "p", "supports": ["c"]},
                {"id": "c", "kind": "claim", "text": "c"},
                {"id": "u", "kind": "claim", "text": "u", "undercuts": [{"from": "p", "to": "c"}]},
            ]
        }
    )
    from argmap.errors import MapWarning

    with pytest.warns(MapWarning, match="undercut support steps are left out"):
        assert iccma.write(cut) == "p af 3\n# 1 p\n# 2 c\n# 3 u\n"


# --------------------------------------------------------------------------- the evaluate tasks


@pytest.fixture
def odd_cycle(tmp_path):  # type: ignore[no-untyped-def]
    path = tmp_path / "odd.af"
    path.write_text("p af 3\n1 2\n2 3\n3 1\n", encoding="utf-8")
    return str(path)


def test_evaluate_says_there_is_no_stable_extension(run, odd_cycle) -> None:  # type: ignore[no-untyped-def]
    import json

    assert run("--map", odd_cycle, "evaluate", "-s", "stable").stdout.splitlines()[0] == "no stable extension"
    data = json.loads(run("--map", odd_cycle, "evaluate", "-s", "stable", "--json").stdout)
    assert (data["extensions"], data["exists"]) == ([], False)
    one = run("--map", odd_cycle, "evaluate", "-s", "stable", "--one")
    assert (one.exit_code, one.stdout) == (0, "no stable extension\n")
    data = json.loads(run("--map", odd_cycle, "evaluate", "-s", "ST", "--one", "--json").stdout)
    assert (data["task"], data["extensions"], data["exists"]) == ("one", [], False)


def test_evaluate_tasks_in_text_and_json(run, odd_cycle) -> None:  # type: ignore[no-untyped-def]
    import json

    def out(*args: str) -> str:
        result = run("--map", odd_cycle, "evaluate", *args)
        assert result.exit_code == 0, result.stderr
        return str(result.stdout)

    assert out("-s", "stage", "--count") == "3 stage extensions\n"
    assert out("-s", "stage", "--limit", "2").splitlines()[-1] == (
        "(the first 2; there are more: --count counts them)"
    )
    assert (
        out("-s", "stage", "--accepts", "1") == "yes: 1 is credulously accepted under stage; witness: {1}\n"
    )
    assert out("-s", "stage", "--accepts", "1", "--sceptical").startswith(
        "no: 1 is not sceptically accepted under stage; counter-example: {"
    )
    assert out("-s", "stable", "--accepts", "1", "--sceptical") == (
        "yes: 1 is sceptically accepted under stable (vacuously: no stable extension)\n"
    )
    data = json.loads(out("-s", "preferred", "--accepts", "2", "--json"))
    assert (data["accepted"], data["witness"], data["mode"]) == (False, None, "credulous")
    assert json.loads(out("-s", "stage", "--count", "--json"))["count"] == 3


def test_evaluate_timeout_before_any_extension(run, odd_cycle, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from argmap.argumentation import asp

    stopped = asp.Search("preferred", [], exhausted=False, timed_out=True)
    monkeypatch.setattr(asp, "one_extension", lambda *args, **kwargs: stopped)
    result = run("--map", odd_cycle, "evaluate", "-s", "preferred", "--one", "--timeout", "5")
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        "no preferred extension found before the timeout",
        "stopped by --timeout 5: the answer above is what was found so far",
    ]


def test_evaluate_task_errors(run, odd_cycle) -> None:  # type: ignore[no-untyped-def]
    both = run("--map", odd_cycle, "evaluate", "--count", "--one")
    assert both.exit_code == 2 and "separate tasks" in both.stderr
    missing = run("--map", odd_cycle, "evaluate", "--accepts", "4")
    assert missing.exit_code == 2 and "no argument has the id '4'" in missing.stderr


def test_evaluate_bipolar_tasks_on_a_map(run) -> None:  # type: ignore[no-untyped-def]
    import json

    label = {
        c["id"]: c for c in json.loads(run("evaluate", "-s", "PR", "--bipolar", "--json").stdout)["claims"]
    }
    some = run("evaluate", "-s", "preferred", "--bipolar", "--accepts", "thesis").stdout
    every = run("evaluate", "-s", "preferred", "--bipolar", "--accepts", "thesis", "--sceptical").stdout
    assert some.startswith("yes: thesis is credulously accepted under preferred; witness: {")
    assert label["thesis"]["credulous"]
    assert every.startswith(
        "yes" if label["thesis"]["sceptical"] else "no: thesis is not sceptically accepted"
    )


def test_export_af_and_apx(run, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from argmap.formats import apx

    text = run("export", "--to", "apx").stdout
    framework = apx.read_framework(text)
    assert "larger-perspective" in framework.arguments
    assert any("=>" in name for name in framework.arguments), "the undercut inference is an argument"
    target = tmp_path / "essay.af"
    assert run("export", "-o", str(target), "--bipolar").exit_code == 0
    assert target.read_text(encoding="utf-8").startswith("p af ")
