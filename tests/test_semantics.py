"""Acceptability semantics and gradual strength: the ICCMA corpus as oracle, hand-made
frameworks with known answers, a brute-force oracle under hypothesis, and map evaluation."""

from __future__ import annotations

import itertools
import json
import math
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from argmap.argumentation import (
    Framework,
    complete_extensions,
    dfquad,
    dfquad_scores,
    evaluate,
    evaluate_framework,
    extensions,
    framework_from_map,
    grounded_extension,
    grounded_labelling,
    h_categoriser,
    h_categoriser_scores,
    labellings,
    preferred_extensions,
    stable_extensions,
)
from argmap.argumentation.grounded import grounded_codes
from argmap.errors import MapError
from argmap.formats import apx, iccma
from argmap.model import ArgumentMap, validate

SEMANTICS = ("GR", "CO", "PR", "ST")


def as_sets(extensions_: Iterable[Iterable[str]]) -> set[frozenset[str]]:
    return {frozenset(e) for e in extensions_}


def make_map(*claims: dict[str, Any]) -> ArgumentMap:
    return validate({"claims": [{"kind": "claim", "text": c["id"], **c} for c in claims]})


# --------------------------------------------------------------------------- the corpus oracle


def corpus_instances(corpus: Path) -> dict[str, dict[str, Any]]:
    answers = corpus / "af" / "answers.json"
    if not answers.is_file():
        pytest.skip(f"no answers.json in {corpus / 'af'}")
    instances: dict[str, dict[str, Any]] = json.loads(answers.read_text(encoding="utf-8"))["instances"]
    assert instances, "answers.json lists no instance"
    return instances


def read_instance(corpus: Path, name: str, fmt: str) -> Framework:
    read_framework = apx.read_framework if fmt == "apx" else iccma.read_framework
    return read_framework((corpus / "af" / name).read_text(encoding="utf-8"), path=name)


@pytest.mark.parametrize("semantics", SEMANTICS)
def test_corpus_extensions_match_exactly(corpus: Path, semantics: str) -> None:
    wrong = []
    instances = corpus_instances(corpus)
    for name, answer in instances.items():
        framework = read_instance(corpus, name, answer["format"])
        got = extensions(framework, semantics)
        assert len(got) == len(set(got)), f"{name}: {semantics} lists an extension twice"
        if as_sets(got) != as_sets(answer[semantics]):
            wrong.append(name)
    assert not wrong, f"{semantics} differs from answers.json on {len(wrong)}/{len(instances)}: {wrong}"


def test_corpus_instances_read_with_their_sizes(corpus: Path) -> None:
    for name, answer in corpus_instances(corpus).items():
        framework = read_instance(corpus, name, answer["format"])
        assert len(framework) == answer["arguments"], name
        assert len(framework.attacks) == answer["attacks"], name


def test_corpus_answer_files_agree_with_answers_json(corpus: Path) -> None:
    """The .EE-* files are the ICCMA'15 output format; parse them as a second oracle."""
    for name, answer in corpus_instances(corpus).items():
        stem = (corpus / "af" / name).with_suffix("")
        for semantics in SEMANTICS:
            text = Path(f"{stem}.EE-{semantics}").read_text(encoding="utf-8").strip()
            inner = text[1:-1]
            parsed = [] if not inner else [part.strip("[]") for part in inner.split("],[")]
            listed = {frozenset(filter(None, part.split(","))) for part in parsed}
            assert listed == as_sets(answer[semantics]), (name, semantics)


def test_corpus_maps_give_the_same_framework(corpus: Path) -> None:
    """Through `read` (a map) the framework is the same, except self-attacks a map cannot hold."""
    for name, answer in corpus_instances(corpus).items():
        reader = apx if answer["format"] == "apx" else iccma
        text = (corpus / "af" / name).read_text(encoding="utf-8")
        framework = reader.read_framework(text, path=name)
        if any(s == t for s, t in framework.attacks):
            with pytest.raises(MapError, match="attacks itself") as caught:
                reader.read(text, path=name)
            assert caught.value.path == name and caught.value.line is not None
            continue
        amap = reader.read(text, path=name)
        assert framework_from_map(amap) == framework, name
        grounded = {frozenset(e) for e in answer["GR"]}
        assert {evaluate(amap).extensions[0]} == grounded, name


# --------------------------------------------------------------------------- hand-made frameworks


def framework(arguments: str, attacks: str = "") -> Framework:
    """``framework("abc", "ab bc")``: one-letter arguments, attacks as letter pairs."""
    return Framework(list(arguments), [(pair[0], pair[1]) for pair in attacks.split()])


def ext(*sets: str) -> set[frozenset[str]]:
    return {frozenset(s) for s in sets}


KNOWN = {
    # name: (framework, GR, CO, PR, ST)
    "empty": (framework(""), ext(""), ext(""), ext(""), ext("")),
    "lone argument": (framework("a"), ext("a"), ext("a"), ext("a"), ext("a")),
    "self-attack": (framework("a", "aa"), ext(""), ext(""), ext(""), set()),
    "self-attacker attacks another": (framework("ab", "aa ab"), ext(""), ext(""), ext(""), set()),
    "chain": (framework("abcd", "ab bc cd"), ext("ac"), ext("ac"), ext("ac"), ext("ac")),
    "even cycle (2)": (framework("ab", "ab ba"), ext(""), ext("", "a", "b"), ext("a", "b"), ext("a", "b")),
    "even cycle (4)": (
        framework("abcd", "ab bc cd da"),
        ext(""),
        ext("", "ac", "bd"),
        ext("ac", "bd"),
        ext("ac", "bd"),
    ),
    "odd cycle (3)": (framework("abc", "ab bc ca"), ext(""), ext(""), ext(""), set()),
    "odd cycle (5)": (framework("abcde", "ab bc cd de ea"), ext(""), ext(""), ext(""), set()),
    "odd cycle broken from outside": (
        framework("abcd", "da ab bc ca"),
        ext("bd"),
        ext("bd"),
        ext("bd"),
        ext("bd"),
    ),
    "odd cycle beside an unattacked argument": (
        framework("abcd", "ab bc ca"),
        ext("d"),
        ext("d"),
        ext("d"),
        set(),
    ),
    "floating acceptance": (
        framework("abcd", "ab ba ac bc cd"),
        ext(""),
        ext("", "ad", "bd"),
        ext("ad", "bd"),
        ext("ad", "bd"),
    ),
    "reinstatement": (framework("abc", "ab bc"), ext("ac"), ext("ac"), ext("ac"), ext("ac")),
    "2-cycle attacking a 3-cycle": (
        framework("abcde", "ab ba bc cd de ec"),
        ext(""),
        ext("", "a", "bd"),
        ext("a", "bd"),
        ext("bd"),
    ),
}


@pytest.mark.parametrize("name", KNOWN)
def test_known_frameworks(name: str) -> None:
    fw, gr, co, pr, st_ = KNOWN[name]
    assert {grounded_extension(fw)} == gr
    assert as_sets(complete_extensions(fw)) == co
    assert as_sets(preferred_extensions(fw)) == pr
    assert as_sets(stable_extensions(fw)) == st_


def test_labellings_are_in_out_undec() -> None:
    fw = framework("abcd", "ab bc ca")
    (labelling,) = labellings(fw, "grounded")
    assert labelling.in_ == {"d"} and labelling.out == set() and labelling.undec == set("abc")
    assert labelling["d"] == "in" and labelling["a"] == "undec"
    chain = grounded_labelling(framework("abc", "ab bc"))
    assert (chain["a"], chain["b"], chain["c"]) == ("in", "out", "in")
    assert fw.labelling_of({"d"}) == labelling


def test_semantics_names_and_aliases() -> None:
    fw = framework("ab", "ab ba")
    assert extensions(fw, "preferred") == extensions(fw, "PR") == extensions(fw, " pr ")
    with pytest.raises(MapError, match="unknown semantics 'naive'") as caught:
        extensions(fw, "naive")
    assert "grounded, complete, preferred, stable" in (caught.value.hint or "")


def test_framework_rejects_unknown_and_duplicate_arguments() -> None:
    with pytest.raises(ValueError, match="undeclared argument 'z'"):
        Framework(["a"], [("a", "z")])
    with pytest.raises(ValueError, match="'a' is declared twice"):
        Framework(["a", "b", "a"])
    with pytest.raises(ValueError, match="must lie in"):
        Framework.from_indices(["a"], [0], [1])


def test_repeated_attacks_change_nothing() -> None:
    once = framework("abc", "ab bc")
    twice = framework("abc", "ab ab bc bc")
    for semantics in SEMANTICS:
        assert extensions(once, semantics) == extensions(twice, semantics)


def test_deep_chain_of_100000_attacks_needs_no_recursion() -> None:
    n = 100_001
    names = [str(i) for i in range(n)]
    chain = Framework.from_indices(names, list(range(n - 1)), list(range(1, n)))
    evens = frozenset(names[0::2])
    assert grounded_extension(chain) == evens
    for semantics in ("CO", "PR", "ST"):
        assert extensions(chain, semantics) == [evens]
    h = h_categoriser_scores(chain.attackers)
    assert h.converged and h.scores[0] == 1.0 and h.scores[1] == 0.5
    assert all(0.0 < value <= 1.0 for value in h.scores)
    d = dfquad_scores([0.5] * n, chain.attackers, [[] for _ in range(n)])
    assert d.converged and d.scores[:3] == [0.5, 0.25, 0.375]


def test_deep_support_and_attack_chain_map_evaluates() -> None:
    n = 20_000
    # odd claims attack the next one, even claims support it: supported attacks c0 → c2 → c4 ...
    claims: list[dict[str, Any]] = [{"id": f"c{i}", "text": "x"} for i in range(n)]
    for i in range(n - 1):
        claims[i]["attacks" if i % 2 else "supports"] = [f"c{i + 1}"]
    amap = validate({"claims": claims})
    assert ("c0", "c2") in framework_from_map(amap, bipolar=True).attacks
    result = evaluate(amap, "preferred", gradual="dfquad", bipolar=True)
    assert result.gradual is not None and result.gradual.converged
    assert [result.label(f"c{i}") for i in range(4)] == ["in", "in", "out", "in"]


# --------------------------------------------------------------------------- brute force oracle


def brute_force(fw: Framework) -> dict[str, set[frozenset[str]]]:
    """Dung's definitions, literally, over every subset: the oracle for small frameworks."""
    args = fw.arguments
    attacks = set(fw.attacks)
    attackers = {a: {x for x, y in attacks if y == a} for a in args}

    def conflict_free(s: frozenset[str]) -> bool:
        return not any((x, y) in attacks for x in s for y in s)

    def defended(s: frozenset[str]) -> frozenset[str]:
        return frozenset(a for a in args if all(any((d, b) in attacks for d in s) for b in attackers[a]))

    subsets = [frozenset(c) for r in range(len(args) + 1) for c in itertools.combinations(args, r)]
    free = [s for s in subsets if conflict_free(s)]
    complete = {s for s in free if defended(s) == s}
    admissible = [s for s in free if s <= defended(s)]
    preferred = {s for s in admissible if not any(s < t for t in admissible)}
    stable = {s for s in free if all(a in s or attackers[a] & s for a in args)}
    grounded = {frozenset.intersection(*complete)}
    return {"GR": grounded, "CO": complete, "PR": preferred, "ST": stable}


@st.composite
def frameworks(draw: st.DrawFn, max_arguments: int = 7) -> Framework:
    n = draw(st.integers(0, max_arguments))
    names = [f"a{i}" for i in range(n)]
    if not n:
        return Framework()
    pair = st.tuples(st.sampled_from(names), st.sampled_from(names))
    return Framework(names, draw(st.lists(pair, max_size=3 * n)))


@settings(max_examples=300, deadline=None)
@given(frameworks())
def test_matches_brute_force(fw: Framework) -> None:
    oracle = brute_force(fw)
    for semantics in SEMANTICS:
        assert as_sets(extensions(fw, semantics)) == oracle[semantics], semantics


@settings(max_examples=200, deadline=None)
@given(frameworks(max_arguments=12))
def test_semantics_properties(fw: Framework) -> None:
    attacks = set(fw.attacks)
    grounded = grounded_extension(fw)
    complete = as_sets(complete_extensions(fw))
    preferred = as_sets(preferred_extensions(fw))
    stable = as_sets(stable_extensions(fw))
    assert preferred, "preferred extensions always exist"
    assert all(grounded <= p for p in preferred)
    assert stable <= preferred
    assert all(grounded <= c for c in complete) and grounded in complete
    assert preferred <= complete
    for p in preferred:
        assert not any((x, y) in attacks for x in p for y in p), "conflict-free"
        for a in p:
            for b, target in attacks:
                if target == a:
                    assert any((d, b) in attacks for d in p), "admissible: every attacker is counter-attacked"


# --------------------------------------------------------------------------- bipolar and undercuts


def test_undercut_gets_an_inference_argument() -> None:
    amap = make_map(
        {"id": "a", "supports": ["b"]},
        {"id": "b"},
        {"id": "u", "undercuts": [{"from": "a", "to": "b"}]},
    )
    fw = framework_from_map(amap)
    assert fw.arguments == ["a", "b", "u", "a=>b"]
    assert fw.attacks == [("u", "a=>b")]
    result = evaluate(amap)
    assert result.labels == {"a": "in", "b": "in", "u": "in"}
    (step,) = result.inferences
    assert (step.inference.id, step.label, step.inference.undercut_by) == ("a=>b", "out", ("u",))


def test_linked_group_is_undercut_as_a_whole() -> None:
    amap = make_map(
        {"id": "p", "linked": [{"to": "c", "with": ["q"]}]},
        {"id": "q"},
        {"id": "c"},
        {"id": "u", "undercuts": [{"from": "q", "to": "c"}]},
    )
    (step,) = evaluate(amap).inferences
    assert step.inference.id == "p+q=>c" and step.inference.premises == ("p", "q")
    assert step.label == "out"


def test_bipolar_supported_attack() -> None:
    # a supports b, b attacks c: a attacks c as well
    amap = make_map({"id": "a", "supports": ["b"]}, {"id": "b", "attacks": ["c"]}, {"id": "c"})
    assert ("a", "c") in framework_from_map(amap, bipolar=True).attacks
    assert ("a", "c") not in framework_from_map(amap).attacks


def test_bipolar_mediated_attack() -> None:
    # a supports b, x attacks b: x attacks a (if a held, b would)
    amap = make_map({"id": "a", "supports": ["b"]}, {"id": "b"}, {"id": "x", "attacks": ["b"]})
    assert evaluate(amap).labels == {"a": "in", "b": "out", "x": "in"}
    assert evaluate(amap, bipolar=True).labels == {"a": "out", "b": "out", "x": "in"}


def test_bipolar_super_mediated_attack_through_chains() -> None:
    # a supports y, y attacks x, b supports z supports x: a attacks b
    amap = make_map(
        {"id": "a", "supports": ["y"]},
        {"id": "y", "attacks": ["x"]},
        {"id": "x"},
        {"id": "b", "supports": ["z"]},
        {"id": "z", "supports": ["x"]},
    )
    assert ("a", "b") in framework_from_map(amap, bipolar=True).attacks


def test_bipolar_undercut_disables_the_derived_attack_while_it_stands() -> None:
    claims: list[dict[str, Any]] = [
        {"id": "a", "supports": ["b"]},
        {"id": "b"},
        {"id": "x", "attacks": ["b"]},
        {"id": "u", "undercuts": [{"from": "a", "to": "b"}]},
    ]
    assert evaluate(make_map(*claims), bipolar=True).label("a") == "in"
    claims.append({"id": "v", "attacks": ["u"]})
    assert evaluate(make_map(*claims), bipolar=True).label("a") == "out"


def test_bipolar_without_supports_is_the_plain_framework() -> None:
    amap = make_map(
        {"id": "a", "attacks": ["b"]}, {"id": "b", "attacks": ["a"]}, {"id": "c", "attacks": ["b"]}
    )
    assert framework_from_map(amap, bipolar=True) == framework_from_map(amap)


# --------------------------------------------------------------------------- evaluate()


def floating_map() -> ArgumentMap:
    return make_map(
        {"id": "a", "attacks": ["b", "c"]},
        {"id": "b", "attacks": ["a", "c"]},
        {"id": "c", "attacks": ["d"]},
        {"id": "d"},
    )


def test_grounded_status_is_the_grounded_label() -> None:
    result = evaluate(floating_map())
    assert result.semantics == "grounded"
    assert result.labels == {"a": "undec", "b": "undec", "c": "undec", "d": "undec"}
    assert result.extensions == [frozenset()]


def test_preferred_status_is_credulous_and_sceptical_acceptance() -> None:
    result = evaluate(floating_map(), "preferred")
    assert result.labels == {"a": "credulous", "b": "credulous", "c": "out", "d": "in"}
    assert result.claims["d"].sceptical and result.claims["d"].credulous
    assert result.claims["a"].credulous and not result.claims["a"].sceptical
    assert not result.claims["c"].credulous
    assert result.extensions == [frozenset("ad"), frozenset("bd")]
    assert evaluate(floating_map(), "complete").label("d") == "credulous"


def test_no_stable_extension_leaves_every_claim_undecided() -> None:
    amap = make_map(
        {"id": "a", "attacks": ["b"]}, {"id": "b", "attacks": ["c"]}, {"id": "c", "attacks": ["a"]}
    )
    result = evaluate(amap, "stable")
    assert result.extensions == []
    assert all(s.label == "undec" and not s.credulous and not s.sceptical for s in result.claims.values())


def test_evaluation_json_is_plain_data() -> None:
    result = evaluate(floating_map(), "preferred", gradual="hcat")
    data = json.loads(json.dumps(result.to_json()))
    assert data["semantics"] == "preferred" and data["gradual"] == "hcat" and data["converged"] is True
    assert data["summary"] == {"in": 1, "out": 1, "undec": 0, "credulous": 2}
    assert data["extensions"] == [["a", "d"], ["b", "d"]]
    assert [c["id"] for c in data["claims"]] == ["a", "b", "c", "d"]
    assert set(data["claims"][0]) == {"id", "label", "credulous", "sceptical", "score"}
    assert data["inferences"] == []


def test_evaluate_rejects_unknown_names_with_the_choices() -> None:
    with pytest.raises(MapError, match="unknown gradual semantics 'ranking'") as caught:
        evaluate(floating_map(), gradual="ranking")
    assert caught.value.hint == "choose one of: dfquad, hcat"
    with pytest.raises(MapError, match="unknown semantics"):
        evaluate(floating_map(), "admissible")


def test_evaluate_framework_handles_self_attacks() -> None:
    result = evaluate_framework(framework("ab", "aa ab"), "preferred", gradual="dfquad")
    assert result.labels == {"a": "undec", "b": "undec"}
    assert result.gradual is not None and result.gradual.converged


def test_essay_map_evaluates() -> None:
    import argmap

    try:
        amap = argmap.load()
    except (ImportError, FileNotFoundError, MapError) as error:  # pragma: no cover
        pytest.skip(f"the essay map does not load yet: {error}")
    for semantics in ("grounded", "complete", "preferred", "stable"):
        for bipolar in (False, True):
            result = evaluate(amap, semantics, gradual="dfquad", bipolar=bipolar)
            assert set(result.claims) == {c.id for c in amap.claims}
    grounded = evaluate(amap)
    assert grounded.label("thesis") == "in"


# --------------------------------------------------------------------------- gradual strength


def test_dfquad_published_functions() -> None:
    amap = make_map(
        {"id": "a", "attacks": ["b"]},
        {"id": "b"},
        {"id": "s", "supports": ["b"]},
        {"id": "t", "supports": ["a"]},
    )
    scores = dfquad(amap).scores
    # t → a: 0.5 + 0.5·0.5; a attacks b (0.75) and s supports it (0.5): va > vs → 0.5 − 0.5·0.25
    assert scores["a"] == pytest.approx(0.75)
    assert scores["b"] == pytest.approx(0.375)
    assert scores["s"] == scores["t"] == 0.5


def test_dfquad_aggregates_attackers_as_probabilistic_sum() -> None:
    amap = make_map({"id": "x", "attacks": ["c"]}, {"id": "y", "attacks": ["c"]}, {"id": "c"})
    # F(0.5, 0.5) = 1 − 0.25 = 0.75; C(0.5, 0.75, 0) = 0.5 − 0.5·0.75
    assert dfquad(amap).scores["c"] == pytest.approx(0.125)


def test_dfquad_uses_base_scores_from_the_map() -> None:
    amap = make_map({"id": "a", "base_score": 0.9, "attacks": ["b"]}, {"id": "b", "base_score": 0.2})
    scores = dfquad(amap).scores
    assert scores["a"] == 0.9 and scores["b"] == pytest.approx(0.2 - 0.2 * 0.9)
    assert dfquad(amap, default_base=0.1).scores["a"] == 0.9


def test_dfquad_undercut_weakens_the_support_step() -> None:
    supported = make_map({"id": "a", "supports": ["b"]}, {"id": "b"})
    assert dfquad(supported).scores["b"] == pytest.approx(0.75)
    undercut = make_map(
        {"id": "a", "supports": ["b"]}, {"id": "b"}, {"id": "u", "undercuts": [{"from": "a", "to": "b"}]}
    )
    scores = dfquad(undercut).scores
    assert scores["a=>b"] == 0.0 and scores["b"] == 0.5


def test_dfquad_linked_support_is_as_strong_as_its_weakest_premise() -> None:
    amap = make_map(
        {"id": "p", "base_score": 0.8, "linked": [{"to": "c", "with": ["q"]}]},
        {"id": "q", "base_score": 0.4},
        {"id": "c"},
    )
    scores = dfquad(amap).scores
    assert scores["p+q=>c"] == pytest.approx(0.4)
    assert scores["c"] == pytest.approx(0.5 + 0.5 * 0.4)


def test_dfquad_cycle_converges_to_the_fixed_point() -> None:
    amap = make_map(
        {"id": "a", "attacks": ["b"]}, {"id": "b", "attacks": ["a"]}, {"id": "c", "supports": ["a"]}
    )
    result = dfquad(amap)
    assert result.converged and result.iterations > 1
    a, b = result.scores["a"], result.scores["b"]
    assert b == pytest.approx(0.5 - 0.5 * a) and a > b


def test_dfquad_reports_an_oscillating_cycle_instead_of_raising() -> None:
    amap = make_map(
        {"id": "a", "base_score": 1.0, "attacks": ["b"]},
        {"id": "b", "base_score": 1.0, "attacks": ["a"]},
    )
    result = dfquad(amap, max_iterations=50)
    assert not result.converged and result.iterations == 50 and result.max_delta == 1.0
    assert evaluate(amap, gradual="dfquad").to_json()["converged"] is False


def test_h_categoriser() -> None:
    chain = h_categoriser(framework("abc", "ab bc")).scores
    assert chain == {"a": 1.0, "b": 0.5, "c": pytest.approx(2 / 3)}
    cycle = h_categoriser(framework("ab", "ab ba"))
    assert cycle.converged
    assert cycle.scores["a"] == pytest.approx((math.sqrt(5) - 1) / 2)


@st.composite
def maps(draw: st.DrawFn) -> ArgumentMap:
    n = draw(st.integers(1, 8))
    ids = [f"c{i}" for i in range(n)]
    claims: list[dict[str, Any]] = [{"id": i, "text": i} for i in ids]
    if n > 1:
        pair = st.tuples(st.sampled_from(ids), st.sampled_from(ids)).filter(lambda p: p[0] != p[1])
        for source, target in draw(st.lists(pair, max_size=12, unique=True)):
            claims[ids.index(source)].setdefault("attacks", []).append(target)
        supports = draw(st.lists(pair, max_size=12, unique=True))
        for source, target in supports:
            claims[ids.index(source)].setdefault("supports", []).append(target)
        if supports:
            for premise, conclusion in draw(st.lists(st.sampled_from(supports), max_size=3, unique=True)):
                cutter = draw(st.sampled_from(ids))
                claims[ids.index(cutter)].setdefault("undercuts", []).append(
                    {"from": premise, "to": conclusion}
                )
        if n > 2 and draw(st.booleans()):
            p, q, c = draw(st.permutations(ids))[:3]
            claims[ids.index(p)]["linked"] = [{"to": c, "with": [q]}]
    for claim in claims:
        base = draw(st.none() | st.floats(0.0, 1.0))
        if base is not None:
            claim["base_score"] = base
    return validate({"claims": claims})


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(maps())
def test_gradual_scores_stay_in_range(amap: ArgumentMap) -> None:
    d = dfquad(amap, max_iterations=200)
    assert all(0.0 <= value <= 1.0 for value in d.scores.values())
    h = h_categoriser(amap, max_iterations=200)
    assert all(0.0 < value <= 1.0 for value in h.scores.values())


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(maps(), st.booleans())
def test_map_evaluation_properties(amap: ArgumentMap, bipolar: bool) -> None:
    fw = framework_from_map(amap, bipolar=bipolar)
    grounded = grounded_extension(fw)
    preferred = as_sets(preferred_extensions(fw))
    assert all(grounded <= p for p in preferred)
    assert as_sets(stable_extensions(fw)) <= preferred
    result = evaluate(amap, "preferred", bipolar=bipolar)
    for claim_id, status in result.claims.items():
        in_all = all(claim_id in e for e in result.extensions)
        assert status.sceptical == in_all
        assert status.credulous == any(claim_id in e for e in result.extensions)


@settings(max_examples=200, deadline=None)
@given(
    st.integers(1, 12).flatmap(
        lambda n: st.lists(st.tuples(st.integers(0, n - 1), st.integers(0, n - 1)), max_size=3 * n).map(
            lambda e: (n, e)
        )
    )
)
def test_one_pass_covers_exactly_the_nodes_not_below_a_cycle(case: tuple[int, list[tuple[int, int]]]) -> None:
    import networkx as nx

    from argmap.argumentation.gradual import _topological_prefix

    n, edges = case
    parents: list[list[int]] = [[] for _ in range(n)]
    for parent, child in edges:
        parents[child].append(parent)
    graph: nx.DiGraph[int] = nx.DiGraph(edges)
    graph.add_nodes_from(range(n))
    on_cycles = {
        v for c in nx.strongly_connected_components(graph) for v in c if len(c) > 1 or graph.has_edge(v, v)
    }
    below = set(on_cycles).union(*(nx.descendants(graph, v) for v in on_cycles))
    order = _topological_prefix(n, parents)
    assert set(order) == set(range(n)) - below
    position = {node: i for i, node in enumerate(order)}
    assert all(position[p] < position[child] for child in order for p in parents[child])


# --------------------------------------------------------------------------- the package


def test_package_exports_resolve_to_what_they_name() -> None:
    import types

    import argmap.argumentation as package

    for name in package.__all__:
        value = getattr(package, name)
        assert not isinstance(value, types.ModuleType), f"{name} is shadowed by a submodule"
        assert getattr(value, "__name__", name) == name or name.isupper() or name == "Label", name
    with pytest.raises(AttributeError, match="no attribute 'Semantics'"):
        _ = package.Semantics


def test_the_framework_type_loads_no_solver() -> None:
    import subprocess
    import sys

    code = (
        "import sys; from argmap.argumentation.framework import Framework; from argmap.formats import iccma; "
        "iccma.read_framework('p af 2\\n1 2\\n'); "
        "print(sorted(m for m in sys.modules if m.startswith('argmap.argumentation')))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "['argmap.argumentation', 'argmap.argumentation.framework']"


def test_a_framework_keeps_its_grounded_labelling() -> None:
    fw = Framework(["a", "b", "c"], [("a", "b"), ("b", "c")])
    first = grounded_codes(fw)
    assert grounded_codes(fw) is first
    assert grounded_extension(fw) == {"a", "c"}
