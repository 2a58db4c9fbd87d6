"""Complete, preferred and stable labellings, by backtracking search.

A pure-Python search over labellings, in the style of Nofal, Atkinson & Dunne (2014,
"Algorithms for decision problems in argument systems under preferred semantics", AIJ 207)
and Modgil & Caminada (2009). It starts from the grounded labelling (every complete labelling
extends it, so only grounded-UNDEC arguments are searched), keeps a domain of possible labels
per argument and propagates the complete-labelling conditions to a fixed point at every node
(IN iff all attackers OUT; OUT iff some attacker IN; UNDEC otherwise). Stable search simply
drops UNDEC from the domains. Preferred search tries IN first, prunes a branch whose possible-IN
set lies inside an extension already found, and keeps the maximal ones.

We chose this over a SAT/ASP back end (clingo + ASPARTIX) because argument maps and the
field's test corpus are small after grounded propagation, and a pure-Python solver keeps
argmap free of a compiled dependency. The search is exponential in the worst case, like every
exact solver; a clingo back end could be added behind the same functions if people bring
ICCMA-sized instances.
"""

from __future__ import annotations

from collections.abc import Iterator

from argmap.argumentation.framework import IN, OUT, UNDEC, Framework, Labelling
from argmap.argumentation.grounded import grounded_codes
from argmap.argumentation.names import semantics_name

__all__ = [
    "complete_extensions",
    "extensions",
    "labelling_codes",
    "labellings",
    "preferred_extensions",
    "stable_extensions",
]


class _LabellingSearch:
    """Backtracking over complete labellings with domain propagation (see the module notes)."""

    def __init__(self, framework: Framework, *, stable: bool) -> None:
        self.attackers = framework.attackers
        self.children = framework.children
        grounded = grounded_codes(framework)
        undecided = UNDEC if not stable else 0
        self.domain = bytearray(grounded)
        free = [a for a, code in enumerate(grounded) if code == UNDEC]
        for a in free:
            self.domain[a] = IN | OUT | undecided
        # branch on the most connected arguments first: their choice propagates furthest
        free.sort(key=lambda a: -(len(self.attackers[a]) + len(self.children[a])))
        self.free = free
        self.trail: list[tuple[int, int]] = []
        self.pending: list[int] = []
        self.queued = bytearray(len(grounded))

    def _set(self, a: int, new: int) -> None:
        self.trail.append((a, self.domain[a]))
        self.domain[a] = new
        queued = self.queued
        pending = self.pending
        if not queued[a]:
            queued[a] = 1
            pending.append(a)
        for c in self.children[a]:
            if not queued[c]:
                queued[c] = 1
                pending.append(c)

    def _restrict(self, a: int, mask: int) -> bool:
        old = self.domain[a]
        new = old & mask
        if not new:
            return False
        if new != old:
            self._set(a, new)
        return True

    def _revise(self, y: int) -> bool:
        """Enforce y's condition against its attackers; False on a contradiction."""
        domain = self.domain
        attackers = self.attackers[y]
        can_all_out = True
        none_must_in = True
        n_in = n_undec = n_not_out = 0
        last_in = last_undec = last_not_out = -1
        for b in attackers:
            d = domain[b]
            if d & IN:
                n_in += 1
                last_in = b
                if d == IN:
                    none_must_in = False
            if d & UNDEC:
                n_undec += 1
                last_undec = b
            if d != OUT:
                n_not_out += 1
                last_not_out = b
            if not d & OUT:
                can_all_out = False
        allowed = 0
        if can_all_out:
            allowed |= IN
        if n_in:
            allowed |= OUT
        if none_must_in and n_undec:
            allowed |= UNDEC
        new = domain[y] & allowed
        if not new:
            return False
        if new != domain[y]:
            self._set(y, new)
        if new == IN:
            return all(self._restrict(b, OUT) for b in attackers)
        if not new & OUT and not all(self._restrict(b, OUT | UNDEC) for b in attackers):
            return False
        if new == OUT and n_in == 1 and not self._restrict(last_in, IN):
            return False
        if new == UNDEC and n_undec == 1 and not self._restrict(last_undec, UNDEC):
            return False
        return not (not new & IN and n_not_out == 1 and not self._restrict(last_not_out, IN | UNDEC))

    def _propagate(self) -> bool:
        pending = self.pending
        queued = self.queued
        while pending:
            y = pending.pop()
            queued[y] = 0
            if not self._revise(y):
                for z in pending:
                    queued[z] = 0
                pending.clear()
                return False
        return True

    def _undo(self, mark: int) -> None:
        trail = self.trail
        domain = self.domain
        while len(trail) > mark:
            a, old = trail.pop()
            domain[a] = old

    def _choose(self) -> int:
        domain = self.domain
        for a in self.free:
            if domain[a] not in (IN, OUT, UNDEC):
                return a
        return -1

    def _possible_in(self) -> int:
        """Bit set (over ``free``) of arguments that may still be IN."""
        domain = self.domain
        mask = 0
        for bit, a in enumerate(self.free):
            if domain[a] & IN:
                mask |= 1 << bit
        return mask

    def solutions(self, *, maximal: bool = False) -> Iterator[bytearray]:
        """Complete labellings (all, or with ``maximal`` the candidates for preferred)."""
        for a in self.free:
            self.queued[a] = 1
        self.pending = list(self.free)
        if not self._propagate():
            return
        found: list[int] = []

        def pruned() -> bool:
            if not maximal:
                return False
            possible = self._possible_in()
            return any(not possible & ~extension for extension in found)

        def leaf() -> bytearray:
            if maximal:
                found.append(self._possible_in())
            return bytearray(self.domain)

        if pruned():
            return
        first = self._choose()
        if first < 0:
            yield leaf()
            return
        stack: list[tuple[int, list[int], int]] = [(first, self._choices(first), len(self.trail))]
        while stack:
            a, choices, mark = stack[-1]
            self._undo(mark)
            if not choices:
                stack.pop()
                continue
            value = choices.pop(0)
            self._set(a, value)
            if not self._propagate() or pruned():
                continue
            nxt = self._choose()
            if nxt < 0:
                yield leaf()
            else:
                stack.append((nxt, self._choices(nxt), len(self.trail)))
        self._undo(0)

    def _choices(self, a: int) -> list[int]:
        d = self.domain[a]
        return [v for v in (IN, OUT, UNDEC) if d & v]


def labelling_codes(framework: Framework, semantics: str) -> list[bytearray]:
    """All labellings of a semantics as code arrays, in a deterministic order."""
    if semantics == "grounded":
        return [bytearray(grounded_codes(framework))]
    search = _LabellingSearch(framework, stable=semantics == "stable")
    if semantics != "preferred":
        return list(search.solutions())
    candidates = list(search.solutions(maximal=True))
    ins = [frozenset(i for i, c in enumerate(codes) if c == IN) for codes in candidates]
    return [
        codes for codes, mine in zip(candidates, ins, strict=True) if not any(mine < other for other in ins)
    ]


def labellings(framework: Framework, semantics: str = "grounded") -> list[Labelling]:
    """Every labelling of ``semantics`` (grounded, complete, preferred, stable; or GR/CO/PR/ST)."""
    return [
        Labelling.from_codes(framework, codes)
        for codes in labelling_codes(framework, semantics_name(semantics))
    ]


def extensions(framework: Framework, semantics: str = "grounded") -> list[frozenset[str]]:
    """Every extension of ``semantics``; stable may have none, the others at least one."""
    names = framework.arguments
    result = [
        frozenset(names[i] for i, code in enumerate(codes) if code == IN)
        for codes in labelling_codes(framework, semantics_name(semantics))
    ]
    return sorted(result, key=lambda e: (len(e), sorted(e)))


def complete_extensions(framework: Framework) -> list[frozenset[str]]:
    return extensions(framework, "complete")


def preferred_extensions(framework: Framework) -> list[frozenset[str]]:
    return extensions(framework, "preferred")


def stable_extensions(framework: Framework) -> list[frozenset[str]]:
    return extensions(framework, "stable")
