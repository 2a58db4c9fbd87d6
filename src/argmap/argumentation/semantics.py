"""Which claims stand: Dung acceptability, its bipolar variant, and gradual strength.

A map becomes an abstract argumentation framework (Dung 1995, "On the acceptability of
arguments", AIJ 77): every claim is an argument and every ``attacks`` entry an attack. An
undercut attacks an *inference*, not a claim, so each undercut support step gets its own
auxiliary argument (named ``premise=>conclusion``, or ``p1+p2=>conclusion`` for a linked
group) that its undercutters attack; its label says whether the step survives.

How the extensions are computed, and why
----------------------------------------
- **Grounded**: the linear-time labelling (as in Modgil & Caminada 2009, "Proof theories and
  algorithms for abstract argumentation frameworks"): count each argument's attackers not yet
  OUT; an argument whose count reaches zero is IN, and what it attacks is OUT. Iterative, on
  integer-indexed lists, each attack touched at most twice; a random 1M-argument framework
  takes a few seconds in CPython (``benchmarks/bench_semantics.py``).
- **Complete, preferred, stable**: a pure-Python backtracking search over labellings, in the
  style of Nofal, Atkinson & Dunne (2014, "Algorithms for decision problems in argument
  systems under preferred semantics", AIJ 207) and Modgil & Caminada (2009). It starts from the
  grounded labelling (every complete labelling extends it, so only grounded-UNDEC arguments are
  searched), keeps a domain of possible labels per argument and propagates the complete-labelling
  conditions to a fixed point at every node (IN iff all attackers OUT; OUT iff some attacker IN;
  UNDEC otherwise). Stable search simply drops UNDEC from the domains. Preferred search tries IN
  first, prunes a branch whose possible-IN set lies inside an extension already found, and
  keeps the maximal ones. We chose this over a SAT/ASP back end (clingo + ASPARTIX) because
  argument maps and the field's test corpus are small after grounded propagation (every corpus
  instance takes milliseconds), and a pure-Python solver keeps argmap free of a compiled
  dependency. The search is exponential in the worst case, like every exact solver; a clingo
  back end could be added behind the same functions if people bring ICCMA-sized instances.

Bipolar option
--------------
With ``bipolar=True`` plain ``supports`` count, read as *deductive* support (Cayrol &
Lagasquie-Schiex 2013, "Bipolarity in argumentation graphs: towards a better understanding",
IJAR 54(7), §4; Boella et al. 2010): "a supports b" means "if a is accepted, so is b". The
associated Dung framework adds the attacks this reading implies, on top of the direct ones:

- *supported attack*: a supports (via a chain of supports) x and x attacks c, so a attacks c;
- *mediated attack*: c attacks x and b supports (via a chain) x, so c attacks b;
- *super-mediated attack*: the two combined, a supports* y, y attacks x, b supports* x.

In general: a attacks b whenever a →sup* y →att x ←sup* b. A support step that is undercut
only yields its derived attacks while its undercutters are not accepted: each such derived
attack a→b goes through the standard attack-on-attack gadget (Boella, Gabbay, van der Torre &
Villata 2009, "Meta-argumentation modelling I"): a attacks X, X attacks Y, Y attacks b, and every
undercutter attacks Y. Linked groups only support jointly, which a Dung framework cannot express
without collective attacks (SETAFs), so the bipolar closure uses plain supports only. The
closure is meant for hand-made maps: its size grows with the length of support chains.

Gradual strength
----------------
- **DF-QuAD** (Rago, Toni, Aurisicchio & Baroni 2016, "Discontinuity-free decision support with
  quantitative argumentation debates", KR 2016): base score τ from ``Claim.base_score``
  (default 0.5); strength σ(a) = C(τ(a), F(σ of attackers), F(σ of supporters)) with
  F(v1..vn) = 1 − ∏(1 − vi) (0 for none) and C(v0, va, vs) = v0 − v0·(va − vs) if va ≥ vs,
  v0 + (1 − v0)·(vs − va) otherwise. A linked group or an undercut step becomes an inference
  node with base score 0 that supports the conclusion: its supporters are the premises (for a
  linked group their weakest, min, since they only support together) and its attackers are the
  undercutters, so its strength is max(0, premise strength − undercut strength). A plain step
  with no undercut is exactly DF-QuAD's own support.
- **h-categoriser** (Besnard & Hunter 2001, "A logic-based theory of deductive arguments",
  AIJ 128): h(a) = 1 / (1 + Σ h(attackers)); supports and base scores play no part.

Every node not on or below a cycle is scored once, parents first (an iterative depth-first
search finds that order), so acyclic maps take one pass. The nodes on or below cycles are then
iterated (Jacobi, from the base scores) until the largest change is at most a tolerance or an
iteration cap is reached; the result says whether it converged instead of raising, since
cyclic DF-QuAD can oscillate between several fixed points.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from argmap.argumentation.asp import SEMANTICS, semantics_name
from argmap.memory import gc_paused

if TYPE_CHECKING:
    from argmap.model import ArgumentMap

__all__ = [
    "GRADUAL",
    "SEMANTICS",
    "ClaimStatus",
    "Evaluation",
    "Framework",
    "GradualResult",
    "Inference",
    "InferenceStatus",
    "Label",
    "Labelling",
    "Strengths",
    "complete_extensions",
    "dfquad",
    "dfquad_scores",
    "evaluate",
    "evaluate_framework",
    "extensions",
    "framework_to_map",
    "gradual_name",
    "grounded_extension",
    "grounded_labelling",
    "h_categoriser",
    "h_categoriser_scores",
    "inferences",
    "labellings",
    "preferred_extensions",
    "semantics_name",
    "stable_extensions",
]

#: Label codes, also the bits of a search domain.
IN, OUT, UNDEC = 1, 2, 4
# grounded core leaves undecided arguments at 0
_GROUNDED_TO_LABEL = bytes([UNDEC, IN, OUT] + [0] * 253)

GRADUAL: tuple[str, ...] = ("dfquad", "hcat")
_GRADUAL_ALIASES = {"df-quad": "dfquad", "h-categoriser": "hcat", "hcategoriser": "hcat", "h-cat": "hcat"}
Label = Literal["in", "out", "undec", "credulous"]

DEFAULT_BASE_SCORE = 0.5
DEFAULT_TOLERANCE = 1e-9
DEFAULT_MAX_ITERATIONS = 1000


# --------------------------------------------------------------------------- frameworks


class Framework:
    """A Dung framework: named arguments and who attacks whom.

    Kept as parallel integer lists (attack k is ``sources[k]`` → ``targets[k]``) because the
    solvers work on indices; names only matter for reading and reporting. Treat it as
    immutable: adjacency lists and the grounded labelling are cached on first use.
    """

    __slots__ = ("_attackers", "_children", "_grounded", "_index", "arguments", "sources", "targets")

    def __init__(self, arguments: Iterable[str] = (), attacks: Iterable[tuple[str, str]] = ()) -> None:
        names = list(arguments)
        index = {name: position for position, name in enumerate(names)}
        if len(index) != len(names):
            duplicate = next(name for position, name in enumerate(names) if index[name] != position)
            raise ValueError(f"argument {duplicate!r} is declared twice")
        sources: list[int] = []
        targets: list[int] = []
        for attacker, attacked in attacks:
            if attacker not in index or attacked not in index:
                missing = attacker if attacker not in index else attacked
                raise ValueError(
                    f"attack ({attacker!r}, {attacked!r}) names the undeclared argument {missing!r}"
                )
            sources.append(index[attacker])
            targets.append(index[attacked])
        self._setup(names, sources, targets, index)

    @classmethod
    def from_indices(cls, arguments: Sequence[str], sources: list[int], targets: list[int]) -> Framework:
        """A framework from attack index lists, without a per-attack name lookup (readers use it).

        Names are taken as given (unique, unchecked); the lists are kept, not copied.
        """
        n = len(arguments)
        if len(sources) != len(targets):
            raise ValueError("sources and targets must have the same length")
        if sources and (min(sources) < 0 or max(sources) >= n or min(targets) < 0 or max(targets) >= n):
            raise ValueError(f"attack indices must lie in 0..{n - 1}")
        framework = cls.__new__(cls)
        framework._setup(list(arguments), sources, targets, None)
        return framework

    @classmethod
    def from_map(cls, amap: ArgumentMap, *, bipolar: bool = False) -> Framework:
        """The framework of a map: its claims first, in map order, then auxiliary arguments.

        Auxiliary arguments are one per undercut inference (``a=>b``) and, with ``bipolar``,
        two per undercuttable derived attack (``[a~>b#k]:x`` and ``:y``). See the module notes.
        """
        return _map_framework(amap, bipolar=bipolar)[0]

    def _setup(
        self, names: list[str], sources: list[int], targets: list[int], index: dict[str, int] | None
    ) -> None:
        self.arguments = names
        self.sources = sources
        self.targets = targets
        self._index = index
        self._children: list[list[int]] | None = None
        self._attackers: list[list[int]] | None = None
        self._grounded: bytearray | None = None

    def __len__(self) -> int:
        return len(self.arguments)

    def __repr__(self) -> str:
        return f"Framework({len(self.arguments)} arguments, {len(self.sources)} attacks)"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Framework):
            return NotImplemented
        return self.arguments == other.arguments and set(self.attacks) == set(other.attacks)

    __hash__ = None  # type: ignore[assignment]

    @property
    def attacks(self) -> list[tuple[str, str]]:
        names = self.arguments
        return [(names[s], names[t]) for s, t in zip(self.sources, self.targets, strict=True)]

    def index(self, name: str) -> int:
        if self._index is None:
            self._index = {n: i for i, n in enumerate(self.arguments)}
        return self._index[name]

    @property
    def children(self) -> list[list[int]]:
        """For each argument, the arguments it attacks (with repeats if an attack is repeated)."""
        if self._children is None:
            with gc_paused():
                children: list[list[int]] = [[] for _ in self.arguments]
                for s, t in zip(self.sources, self.targets, strict=True):
                    children[s].append(t)
            self._children = children
        return self._children

    @property
    def attackers(self) -> list[list[int]]:
        if self._attackers is None:
            with gc_paused():
                attackers: list[list[int]] = [[] for _ in self.arguments]
                for s, t in zip(self.sources, self.targets, strict=True):
                    attackers[t].append(s)
            self._attackers = attackers
        return self._attackers

    def grounded_codes(self) -> bytearray:
        """The grounded labelling as one code per argument (IN=1, OUT=2, UNDEC=4)."""
        if self._grounded is None:
            self._grounded = _grounded_core(len(self.arguments), self.targets, self.children).translate(
                _GROUNDED_TO_LABEL
            )
        return self._grounded

    def names(self, indices: Iterable[int]) -> frozenset[str]:
        names = self.arguments
        return frozenset(names[i] for i in indices)

    def labelling_of(self, extension: Iterable[str]) -> Labelling:
        """The labelling an extension induces: OUT = attacked by it, UNDEC = the rest."""
        codes = bytearray([UNDEC]) * len(self.arguments)
        children = self.children
        members = [self.index(name) for name in extension]
        for a in members:
            for b in children[a]:
                codes[b] = OUT
        for a in members:
            codes[a] = IN
        return Labelling.from_codes(self, codes)


@dataclass(frozen=True)
class Labelling:
    """IN / OUT / UNDEC: the three-valued view of an extension (Caminada 2006)."""

    in_: frozenset[str]
    out: frozenset[str]
    undec: frozenset[str]

    @classmethod
    def from_codes(cls, framework: Framework, codes: bytes | bytearray) -> Labelling:
        names = framework.arguments
        groups: dict[int, list[str]] = {IN: [], OUT: [], UNDEC: []}
        for name, code in zip(names, codes, strict=True):
            groups[code].append(name)
        return cls(frozenset(groups[IN]), frozenset(groups[OUT]), frozenset(groups[UNDEC]))

    def __getitem__(self, argument: str) -> str:
        if argument in self.in_:
            return "in"
        if argument in self.out:
            return "out"
        if argument in self.undec:
            return "undec"
        raise KeyError(argument)


def _grounded_core(n: int, targets: list[int], children: list[list[int]]) -> bytearray:
    """Linear-time grounded labelling: 1 = IN, 2 = OUT, 0 = undecided."""
    live_attackers = [0] * n
    for t in targets:
        live_attackers[t] += 1
    label = bytearray(n)
    queue = [a for a in range(n) if not live_attackers[a]]
    # the list grows while we walk it: a FIFO without deque overhead
    for a in queue:
        label[a] = IN
        for b in children[a]:
            if not label[b]:
                label[b] = OUT
                for c in children[b]:
                    live_attackers[c] -= 1
                    if not live_attackers[c] and not label[c]:
                        queue.append(c)
    return label


def _codes(
    framework: Framework, semantics: str, max_extensions: int | None = None, timeout: float | None = None
) -> list[bytearray]:
    """All labellings of a canonical semantics as code arrays, in a deterministic order.

    Grounded is the linear labelling; the others come from clingo (`argmap.argumentation.asp`),
    each extension E labelled IN, OUT when E attacks it, UNDEC otherwise (for complete-based
    semantics that is exactly the complete labelling).
    """
    if semantics == "grounded":
        return [bytearray(framework.grounded_codes())]
    from argmap.argumentation.asp import enumerate_extensions

    index = framework.index
    limit = None if max_extensions is None else max_extensions + 1
    search = enumerate_extensions(framework, semantics, limit=limit, timeout=timeout)
    found = search.extensions
    if search.timed_out or (max_extensions is not None and len(found) > max_extensions):
        from argmap.errors import MapError

        what = (
            f"the timeout of {timeout:g} s stopped the solver after {len(found)} extensions"
            if search.timed_out
            else f"more than {max_extensions} extensions"
        )
        raise MapError(
            f"{semantics} semantics: {what}",
            hint="too many to label and print: count them with --count, list the first N with --limit N",
        )
    found.sort(key=lambda e: (len(e), sorted(e)))
    return [_extension_codes(framework, [index(name) for name in e]) for e in found]


def _extension_codes(framework: Framework, members: list[int]) -> bytearray:
    codes = bytearray([UNDEC]) * len(framework)
    children = framework.children
    for a in members:
        for b in children[a]:
            codes[b] = OUT
    for a in members:
        codes[a] = IN
    return codes


def labellings(framework: Framework, semantics: str = "grounded") -> list[Labelling]:
    """Every labelling of ``semantics`` (any of `SEMANTICS`, or its ICCMA code: GR, CO, PR, ...)."""
    return [Labelling.from_codes(framework, codes) for codes in _codes(framework, semantics_name(semantics))]


def extensions(framework: Framework, semantics: str = "grounded") -> list[frozenset[str]]:
    """Every extension of ``semantics``; stable may have none, the others at least one.

    For the first few, a count, a timeout or acceptance queries use `argmap.argumentation.asp`.
    """
    names = framework.arguments
    result = [
        frozenset(names[i] for i, code in enumerate(codes) if code == IN)
        for codes in _codes(framework, semantics_name(semantics))
    ]
    return sorted(result, key=lambda e: (len(e), sorted(e)))


def grounded_extension(framework: Framework) -> frozenset[str]:
    codes = framework.grounded_codes()
    names = framework.arguments
    return frozenset(names[i] for i in range(len(codes)) if codes[i] == IN)


def grounded_labelling(framework: Framework) -> Labelling:
    return Labelling.from_codes(framework, framework.grounded_codes())


def complete_extensions(framework: Framework) -> list[frozenset[str]]:
    return extensions(framework, "complete")


def preferred_extensions(framework: Framework) -> list[frozenset[str]]:
    return extensions(framework, "preferred")


def stable_extensions(framework: Framework) -> list[frozenset[str]]:
    return extensions(framework, "stable")


# --------------------------------------------------------------------------- maps → frameworks


#: Where a reader found something: (``"arg"`` or ``"att"``, argument name) → (line, column).
Locator = Callable[[str, str], tuple[int | None, int | None]]


def framework_to_map(
    framework: Framework,
    *,
    path: str | None = None,
    locate: Locator | None = None,
) -> ArgumentMap:
    """One claim per argument (kind ``claim``, text ``argument <name>``) with its attacks.

    A map cannot hold a self-attack or an id outside ``[a-z0-9][a-z0-9._-]*``; both raise a
    `MapError` that ``locate`` places at the reader's line (``"arg"``: the declaration of a
    name, ``"att"``: the self-attack).
    """
    import re

    from argmap.errors import MapError
    from argmap.model import SLUG_PATTERN, validate

    names = framework.arguments
    where = locate or (lambda kind, name: (None, None))
    slug = re.compile(SLUG_PATTERN)
    for name in names:
        if len(name) > 200 or not slug.match(name):
            line, column = where("arg", name)
            raise MapError(
                f"the argument name {name!r} cannot be a claim id",
                path=path,
                line=line,
                column=column,
                hint="claim ids are lower-case letters, digits, '.', '_' or '-' (at most 200); "
                "read_framework() reads any name as a bare framework",
            )
    attacks: list[list[str]] = [[] for _ in names]
    for s, t in zip(framework.sources, framework.targets, strict=True):
        if s == t:
            line, column = where("att", names[s])
            raise MapError(
                f"argument {names[s]!r} attacks itself, which an argument map cannot express",
                path=path,
                line=line,
                column=column,
                hint="read it with read_framework() and evaluate the bare framework "
                "(argmap.argumentation.semantics.evaluate_framework)",
            )
        attacks[s].append(names[t])
    claims = [
        {"id": name, "kind": "claim", "text": f"argument {name}", "attacks": list(dict.fromkeys(targets))}
        for name, targets in zip(names, attacks, strict=True)
    ]
    return validate({"claims": claims})


@dataclass(frozen=True)
class Inference:
    """An undercut support step: ``premises`` together support ``conclusion``."""

    id: str
    premises: tuple[str, ...]
    conclusion: str
    undercut_by: tuple[str, ...]


def inferences(amap: ArgumentMap) -> list[Inference]:
    """The support steps some claim undercuts, each once, in map order."""
    cuts: dict[tuple[str, str], list[str]] = {}
    for claim in amap.claims:
        for cut in claim.undercuts:
            undercutters = cuts.setdefault((cut.from_, cut.to), [])
            if claim.id not in undercutters:
                undercutters.append(claim.id)
    if not cuts:
        return []
    found: dict[str, Inference] = {}
    for claim in amap.claims:
        for target in claim.supports:
            by = cuts.get((claim.id, target))
            if by:
                name = f"{claim.id}=>{target}"
                found.setdefault(name, Inference(name, (claim.id,), target, tuple(by)))
        for link in claim.linked:
            premises = (claim.id, *link.with_)
            group_by = list(dict.fromkeys(u for p in premises for u in cuts.get((p, link.to), ())))
            if group_by:
                name = "+".join(premises) + "=>" + link.to
                found.setdefault(name, Inference(name, premises, link.to, tuple(group_by)))
    return list(found.values())


def _map_framework(amap: ArgumentMap, *, bipolar: bool) -> tuple[Framework, list[Inference]]:
    names = [claim.id for claim in amap.claims]
    index = {name: i for i, name in enumerate(names)}
    sources: list[int] = []
    targets: list[int] = []
    for claim in amap.claims:
        a = index[claim.id]
        for target in claim.attacks:
            sources.append(a)
            targets.append(index[target])
    steps = inferences(amap)
    for step in steps:
        i = len(names)
        names.append(step.id)
        for u in step.undercut_by:
            sources.append(index[u])
            targets.append(i)
    if bipolar:
        _add_bipolar_attacks(amap, index, steps, names, sources, targets)
    return Framework.from_indices(names, sources, targets), steps


def _add_bipolar_attacks(
    amap: ArgumentMap,
    index: dict[str, int],
    steps: list[Inference],
    names: list[str],
    sources: list[int],
    targets: list[int],
) -> None:
    """Append the supported / mediated / super-mediated attacks (deductive support)."""
    n = len(amap.claims)
    plain_step = {(s.premises[0], s.conclusion): k for k, s in enumerate(steps) if len(s.premises) == 1}
    forward: list[list[tuple[int, int]]] = [[] for _ in range(n)]
    backward: list[list[tuple[int, int]]] = [[] for _ in range(n)]
    for claim in amap.claims:
        for target in claim.supports:
            cut = plain_step.get((claim.id, target), -1)
            forward[index[claim.id]].append((index[target], cut))
            backward[index[target]].append((index[claim.id], cut))
    if not any(forward):
        return
    direct: list[list[int]] = [[] for _ in range(n)]
    for s, t in zip(sources, targets, strict=True):
        if s < n and t < n:
            direct[s].append(t)
    existing = set(zip(sources, targets, strict=True))
    below: dict[int, list[tuple[int, frozenset[int]]]] = {}  # x → (b, cuts): b supports* x
    derived: dict[tuple[int, int], list[frozenset[int]]] = {}
    for a in range(n):
        for y, cuts_up in _support_reach(a, forward):
            for x in direct[y]:
                if x not in below:
                    below[x] = _support_reach(x, backward)
                for b, cuts_down in below[x]:
                    cuts = cuts_up | cuts_down
                    if not cuts and (a, b) in existing:
                        continue
                    known = derived.setdefault((a, b), [])
                    if any(k <= cuts for k in known):
                        continue
                    known[:] = [k for k in known if not cuts <= k]
                    known.append(cuts)
    for (a, b), cut_sets in sorted(derived.items()):
        for k, cuts in enumerate(sorted(cut_sets, key=sorted) if len(cut_sets) > 1 else cut_sets):
            if not cuts:
                sources.append(a)
                targets.append(b)
                continue
            x = len(names)
            names.append(f"[{names[a]}~>{names[b]}#{k}]:x")
            names.append(f"[{names[a]}~>{names[b]}#{k}]:y")
            sources.extend((a, x, x + 1))
            targets.extend((x, x + 1, b))
            for undercutter in dict.fromkeys(u for step in sorted(cuts) for u in steps[step].undercut_by):
                sources.append(index[undercutter])
                targets.append(x + 1)


def _support_reach(start: int, edges: list[list[tuple[int, int]]]) -> list[tuple[int, frozenset[int]]]:
    """Nodes reachable along support edges, with the minimal sets of undercut steps used."""
    empty: frozenset[int] = frozenset()
    if not edges[start]:
        return [(start, empty)]
    best: dict[int, list[frozenset[int]]] = {start: [empty]}
    queue = [(start, empty)]
    for node, cuts in queue:
        if cuts not in best.get(node, ()):
            continue  # superseded by a cheaper path
        for nxt, cut in edges[node]:
            reached = cuts | {cut} if cut >= 0 else cuts
            known = best.setdefault(nxt, [])
            if any(k <= reached for k in known):
                continue
            known[:] = [k for k in known if not reached <= k]
            known.append(reached)
            queue.append((nxt, reached))
    return [(node, cuts) for node, cut_sets in best.items() for cuts in cut_sets]


# --------------------------------------------------------------------------- gradual strength


@dataclass(frozen=True)
class Strengths:
    """Index-level gradual scores and how the computation ended."""

    scores: list[float]
    converged: bool
    iterations: int
    max_delta: float


def _topological_prefix(n: int, first: list[list[int]], second: list[list[int]] | None = None) -> list[int]:
    """Parents-first order of every node not on or below a cycle (parents: ``first`` ∪ ``second``).

    An iterative depth-first search along parent links, emitting each node when it finishes:
    it needs no child lists, which makes it a few times faster than Kahn's algorithm here. A
    node is settled when every parent finished settled before it; a parent still on the stack
    closes a cycle, and an unsettled parent passes that on to everything below it.
    """
    state = bytearray(n)  # 0 new, 1 on the stack, 2 settled, 3 on or below a cycle
    order: list[int] = []
    others = second if second is not None else [[]] * n
    for root in range(n):
        if state[root]:
            continue
        state[root] = 1
        extra = others[root]
        stack = [(root, iter(first[root] + extra if extra else first[root]))]
        while stack:
            node, pending = stack[-1]
            for p in pending:
                if not state[p]:
                    state[p] = 1
                    extra = others[p]
                    stack.append((p, iter(first[p] + extra if extra else first[p])))
                    break
            else:
                stack.pop()
                mark = 2
                for p in first[node]:
                    if state[p] != 2:
                        mark = 3
                        break
                else:
                    for p in others[node]:
                        if state[p] != 2:
                            mark = 3
                            break
                state[node] = mark
                if mark == 2:
                    order.append(node)
    return order


def _unsettled(n: int, order: list[int]) -> list[int]:
    settled = bytearray(n)
    for i in order:
        settled[i] = 1
    return [i for i in range(n) if not settled[i]]


def dfquad_scores(
    base: list[float],
    attackers: list[list[int]],
    supporters: list[list[int]],
    joint: Sequence[bool] | None = None,
    *,
    tolerance: float = DEFAULT_TOLERANCE,
    max_iterations: int = DEFAULT_MAX_ITERATIONS,
) -> Strengths:
    """DF-QuAD strengths; ``joint[i]`` aggregates node i's supporters by min instead of F."""
    n = len(base)
    order = _topological_prefix(n, attackers, supporters)
    score = list(base)

    def strength(i: int, s: list[float]) -> float:
        keep = 1.0
        for b in attackers[i]:
            keep *= 1.0 - s[b]
        va = 1.0 - keep
        sup = supporters[i]
        if joint is not None and joint[i]:
            vs = min(s[b] for b in sup) if sup else 0.0
        else:
            keep = 1.0
            for b in sup:
                keep *= 1.0 - s[b]
            vs = 1.0 - keep
        v0 = base[i]
        if va >= vs:
            return v0 - v0 * (va - vs)
        return v0 + (1.0 - v0) * (vs - va)

    # the one topological pass, inlined: a call per node would double its cost
    for i in order:
        keep = 1.0
        for b in attackers[i]:
            keep *= 1.0 - score[b]
        va = 1.0 - keep
        sup = supporters[i]
        if not sup:
            vs = 0.0
        elif joint is not None and joint[i]:
            vs = min([score[b] for b in sup])
        else:
            keep = 1.0
            for b in sup:
                keep *= 1.0 - score[b]
            vs = 1.0 - keep
        v0 = base[i]
        score[i] = v0 - v0 * (va - vs) if va >= vs else v0 + (1.0 - v0) * (vs - va)
    if len(order) == n:
        return Strengths(score, True, 1, 0.0)
    return _iterate(_unsettled(n, order), score, strength, tolerance, max_iterations)


def h_categoriser_scores(
    attackers: list[list[int]],
    *,
    tolerance: float = DEFAULT_TOLERANCE,
    max_iterations: int = DEFAULT_MAX_ITERATIONS,
) -> Strengths:
    """h(a) = 1 / (1 + Σ h(attackers)), by a topological pass and iteration on cycles."""
    n = len(attackers)
    order = _topological_prefix(n, attackers)
    score = [1.0] * n
    at = score.__getitem__

    def strength(i: int, s: list[float]) -> float:
        return 1.0 / (1.0 + sum(map(s.__getitem__, attackers[i])))

    for i in order:
        score[i] = 1.0 / (1.0 + sum(map(at, attackers[i])))
    if len(order) == n:
        return Strengths(score, True, 1, 0.0)
    return _iterate(_unsettled(n, order), score, strength, tolerance, max_iterations)


def _iterate(
    rest: list[int],
    score: list[float],
    strength: Any,
    tolerance: float,
    max_iterations: int,
) -> Strengths:
    """Jacobi sweeps over the nodes on or below a cycle; the settled ones stay fixed."""
    delta = 0.0
    for iteration in range(1, max_iterations + 1):
        new = [strength(i, score) for i in rest]
        delta = 0.0
        for i, value in zip(rest, new, strict=True):
            change = abs(value - score[i])
            delta = max(delta, change)
            score[i] = value
        if delta <= tolerance:
            return Strengths(score, True, iteration, delta)
    return Strengths(score, False, max_iterations, delta)


@dataclass(frozen=True)
class GradualResult:
    """Named gradual scores, and whether the iteration on cycles converged."""

    method: str
    scores: dict[str, float]
    converged: bool
    iterations: int
    max_delta: float

    def to_json(self) -> dict[str, Any]:
        return {
            "method": self.method,
            "converged": self.converged,
            "iterations": self.iterations,
            "max_delta": self.max_delta,
            "scores": dict(self.scores),
        }


def dfquad(
    amap: ArgumentMap,
    *,
    default_base: float = DEFAULT_BASE_SCORE,
    tolerance: float = DEFAULT_TOLERANCE,
    max_iterations: int = DEFAULT_MAX_ITERATIONS,
) -> GradualResult:
    """DF-QuAD strength of every claim and of every linked or undercut inference (by name)."""
    names = [claim.id for claim in amap.claims]
    index = {name: i for i, name in enumerate(names)}
    base = [default_base if claim.base_score is None else claim.base_score for claim in amap.claims]
    attackers: list[list[int]] = [[] for _ in names]
    supporters: list[list[int]] = [[] for _ in names]
    joint = [False] * len(names)
    undercut = {(s.premises, s.conclusion): s for s in inferences(amap)}

    def inference_node(name: str, premises: list[int], undercut_by: Iterable[str], together: bool) -> int:
        node = len(names)
        names.append(name)
        base.append(0.0)
        attackers.append([index[u] for u in undercut_by])
        supporters.append(premises)
        joint.append(together)
        return node

    for claim in amap.claims:
        a = index[claim.id]
        for target in claim.attacks:
            attackers[index[target]].append(a)
        for target in claim.supports:
            step = undercut.get(((claim.id,), target))
            if step is None:
                supporters[index[target]].append(a)
            else:
                supporters[index[target]].append(inference_node(step.id, [a], step.undercut_by, False))
        for link in claim.linked:
            premises = (claim.id, *link.with_)
            step = undercut.get((premises, link.to))
            name = step.id if step else "+".join(premises) + "=>" + link.to
            by = step.undercut_by if step else ()
            node = inference_node(name, [index[p] for p in premises], by, True)
            supporters[index[link.to]].append(node)
    result = dfquad_scores(
        base, attackers, supporters, joint, tolerance=tolerance, max_iterations=max_iterations
    )
    scores = dict(zip(names, result.scores, strict=True))
    return GradualResult("dfquad", scores, result.converged, result.iterations, result.max_delta)


def h_categoriser(
    source: ArgumentMap | Framework,
    *,
    tolerance: float = DEFAULT_TOLERANCE,
    max_iterations: int = DEFAULT_MAX_ITERATIONS,
) -> GradualResult:
    """h-categoriser strength of every argument (for a map: claims and undercut inferences)."""
    framework = source if isinstance(source, Framework) else Framework.from_map(source)
    result = h_categoriser_scores(framework.attackers, tolerance=tolerance, max_iterations=max_iterations)
    scores = dict(zip(framework.arguments, result.scores, strict=True))
    return GradualResult("hcat", scores, result.converged, result.iterations, result.max_delta)


def gradual_name(name: str) -> str:
    key = name.strip().lower()
    key = _GRADUAL_ALIASES.get(key, key)
    if key not in GRADUAL:
        from argmap.errors import MapError

        raise MapError(f"unknown gradual semantics {name!r}", hint="choose one of: " + ", ".join(GRADUAL))
    return key


# --------------------------------------------------------------------------- evaluation


@dataclass(frozen=True)
class ClaimStatus:
    """One claim's verdict.

    ``label`` is the grounded label for grounded semantics. With several extensions it is
    ``in`` when the claim is sceptically accepted (IN in every labelling), ``out`` when it is
    OUT in every labelling, ``credulous`` when it is IN in some labellings but not all, and
    ``undec`` otherwise. With no extension at all (stable semantics can have none) every claim
    is ``undec``, neither credulously nor sceptically accepted.
    """

    id: str
    label: Label
    credulous: bool
    sceptical: bool
    score: float | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "label": self.label,
            "credulous": self.credulous,
            "sceptical": self.sceptical,
            "score": self.score,
        }


@dataclass(frozen=True)
class InferenceStatus:
    """An undercut support step's verdict (same labels as claims)."""

    inference: Inference
    label: Label
    score: float | None = None

    def to_json(self) -> dict[str, Any]:
        step = self.inference
        return {
            "id": step.id,
            "premises": list(step.premises),
            "conclusion": step.conclusion,
            "undercut_by": list(step.undercut_by),
            "label": self.label,
            "score": self.score,
        }


@dataclass(frozen=True)
class Evaluation:
    """Which claims stand under one semantics, and optionally how strong each is."""

    semantics: str
    bipolar: bool
    claims: dict[str, ClaimStatus]
    extensions: list[frozenset[str]]
    inferences: list[InferenceStatus] = field(default_factory=list)
    gradual: GradualResult | None = None

    def label(self, claim_id: str) -> Label:
        return self.claims[claim_id].label

    @property
    def labels(self) -> dict[str, Label]:
        """Claim id → label: what ``--status`` colours by."""
        return {claim_id: status.label for claim_id, status in self.claims.items()}

    def score(self, claim_id: str) -> float | None:
        return self.claims[claim_id].score

    def summary(self) -> dict[str, int]:
        counts = {"in": 0, "out": 0, "undec": 0, "credulous": 0}
        for status in self.claims.values():
            counts[status.label] += 1
        return counts

    def to_json(self) -> dict[str, Any]:
        return {
            "semantics": self.semantics,
            "bipolar": self.bipolar,
            "gradual": None if self.gradual is None else self.gradual.method,
            "converged": None if self.gradual is None else self.gradual.converged,
            "iterations": None if self.gradual is None else self.gradual.iterations,
            "summary": self.summary(),
            "extensions": [sorted(e) for e in self.extensions],
            "exists": bool(self.extensions),
            "claims": [status.to_json() for status in self.claims.values()],
            "inferences": [status.to_json() for status in self.inferences],
        }


def evaluate(
    amap: ArgumentMap,
    semantics: str = "grounded",
    gradual: str | None = None,
    bipolar: bool = False,
    *,
    tolerance: float = DEFAULT_TOLERANCE,
    max_iterations: int = DEFAULT_MAX_ITERATIONS,
    max_extensions: int | None = None,
    timeout: float | None = None,
) -> Evaluation:
    """Label every claim under ``semantics`` and, if asked, score it with ``gradual``.

    Unknown names raise `MapError` listing the choices, so the CLI can pass options through;
    so do more than ``max_extensions`` extensions, or a solve stopped by ``timeout`` seconds.
    Gradual scores do not depend on ``bipolar``: DF-QuAD always counts supports, the
    h-categoriser never does.
    """
    semantics = semantics_name(semantics)
    method = gradual_name(gradual) if gradual is not None else None
    framework, steps = _map_framework(amap, bipolar=bipolar)
    result: GradualResult | None = None
    if method == "dfquad":
        result = dfquad(amap, tolerance=tolerance, max_iterations=max_iterations)
    elif method == "hcat":
        result = h_categoriser(amap, tolerance=tolerance, max_iterations=max_iterations)
    return _evaluation(
        framework, len(amap.claims), steps, semantics, bipolar, result, max_extensions, timeout
    )


def evaluate_framework(
    framework: Framework,
    semantics: str = "grounded",
    gradual: str | None = None,
    *,
    tolerance: float = DEFAULT_TOLERANCE,
    max_iterations: int = DEFAULT_MAX_ITERATIONS,
    max_extensions: int | None = None,
    timeout: float | None = None,
) -> Evaluation:
    """`evaluate` for a bare framework (e.g. ``.af`` files with self-attacks, which maps forbid).

    DF-QuAD here sees attacks only, every base score 0.5.
    """
    semantics = semantics_name(semantics)
    method = gradual_name(gradual) if gradual is not None else None
    result: GradualResult | None = None
    if method == "dfquad":
        n = len(framework)
        strengths = dfquad_scores(
            [DEFAULT_BASE_SCORE] * n,
            framework.attackers,
            [[] for _ in range(n)],
            tolerance=tolerance,
            max_iterations=max_iterations,
        )
        scores = dict(zip(framework.arguments, strengths.scores, strict=True))
        result = GradualResult(
            "dfquad", scores, strengths.converged, strengths.iterations, strengths.max_delta
        )
    elif method == "hcat":
        result = h_categoriser(framework, tolerance=tolerance, max_iterations=max_iterations)
    return _evaluation(framework, len(framework), [], semantics, False, result, max_extensions, timeout)


def _evaluation(
    framework: Framework,
    n_claims: int,
    steps: list[Inference],
    semantics: str,
    bipolar: bool,
    gradual: GradualResult | None,
    max_extensions: int | None = None,
    timeout: float | None = None,
) -> Evaluation:
    all_codes = _codes(framework, semantics, max_extensions, timeout)
    names = framework.arguments
    n = len(names)
    n_in = [0] * n
    n_out = [0] * n
    for codes in all_codes:
        for i, code in enumerate(codes):
            if code == IN:
                n_in[i] += 1
            elif code == OUT:
                n_out[i] += 1
    total = len(all_codes)

    def verdict(i: int) -> tuple[Label, bool, bool]:
        if not total:
            return "undec", False, False
        if n_in[i] == total:
            return "in", True, True
        if n_out[i] == total:
            return "out", False, False
        if n_in[i]:
            return "credulous", True, False
        return "undec", False, False

    scores = gradual.scores if gradual is not None else {}
    claims: dict[str, ClaimStatus] = {}
    for i in range(n_claims):
        label, credulous, sceptical = verdict(i)
        claims[names[i]] = ClaimStatus(names[i], label, credulous, sceptical, scores.get(names[i]))
    statuses = [
        InferenceStatus(step, verdict(n_claims + k)[0], scores.get(step.id)) for k, step in enumerate(steps)
    ]
    projected = {frozenset(names[i] for i in range(n_claims) if codes[i] == IN) for codes in all_codes}
    ordered = sorted(projected, key=lambda e: (len(e), sorted(e)))
    return Evaluation(semantics, bipolar, claims, ordered, statuses, gradual)
