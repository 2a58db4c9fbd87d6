"""The framework type: named arguments, who attacks whom, and labellings of them.

Readers of abstract frameworks (ICCMA, ASPARTIX) need this type and nothing else, so it
holds no solver: the algorithms live beside it (`grounded`, `extensions`, `gradual`) and
take a `Framework` as their argument.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar

from argmap.memory import gc_paused

if TYPE_CHECKING:
    from argmap.errors import Locator
    from argmap.model import ArgumentMap

__all__ = ["IN", "OUT", "UNDEC", "Framework", "Labelling", "framework_to_map"]

#: Label codes, also the bits of a search domain.
IN, OUT, UNDEC = 1, 2, 4

T = TypeVar("T")


class Framework:
    """A Dung framework: named arguments and who attacks whom.

    Kept as parallel integer lists (attack k is ``sources[k]`` → ``targets[k]``) because the
    solvers work on indices; names only matter for reading and reporting. Treat it as
    immutable: adjacency lists and what solvers derive are cached on first use.
    """

    __slots__ = ("_attackers", "_children", "_derived", "_index", "arguments", "sources", "targets")

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

    def _setup(
        self, names: list[str], sources: list[int], targets: list[int], index: dict[str, int] | None
    ) -> None:
        self.arguments = names
        self.sources = sources
        self.targets = targets
        self._index = index
        self._children: list[list[int]] | None = None
        self._attackers: list[list[int]] | None = None
        self._derived: dict[str, Any] = {}

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
            self._children = self._adjacency(self.sources, self.targets)
        return self._children

    @property
    def attackers(self) -> list[list[int]]:
        if self._attackers is None:
            self._attackers = self._adjacency(self.targets, self.sources)
        return self._attackers

    def _adjacency(self, ends: list[int], others: list[int]) -> list[list[int]]:
        """For each argument, the ``others`` end of every attack whose ``ends`` end it is."""
        with gc_paused():
            lists: list[list[int]] = [[] for _ in self.arguments]
            for end, other in zip(ends, others, strict=True):
                lists[end].append(other)
        return lists

    def derived(self, key: str, compute: Callable[[Framework], T]) -> T:
        """``compute(self)``, computed once and kept under ``key``.

        Solvers keep what they derive here (the grounded labelling, for one) so that a second
        question about the same framework does not redo it; the framework never calls them.
        """
        derived = self._derived
        if key not in derived:
            derived[key] = compute(self)
        return derived[key]  # type: ignore[no-any-return]

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


def framework_to_map(
    framework: Framework,
    *,
    path: str | None = None,
    locate: Locator | None = None,
) -> ArgumentMap:
    """One claim per argument (kind ``claim``, text ``argument <name>``) with its attacks.

    A map cannot hold a self-attack or a name that is not a claim id; both raise a
    `MapError` that ``locate`` places at the reader's line: its path is ``("arg", name)`` for
    the declaration of a name and ``("att", name)`` for the self-attack.
    """
    from argmap.errors import MapError
    from argmap.model import ID_RULE, is_claim_id, normalize_id, validate

    names = framework.arguments

    def where(kind: str, name: str) -> tuple[int | None, int | None]:
        place = locate((kind, name), False) if locate is not None else None
        return place if place is not None else (None, None)

    spelt: dict[str, str] = {}
    for name in names:
        if not is_claim_id(name):
            message, hint = f"the argument name {name!r} cannot be a claim id", f"{ID_RULE} (at most 200)"
        elif (other := spelt.setdefault(normalize_id(name), name)) != name:
            message = f"the argument names {other!r} and {name!r} are one claim id (Unicode NFC)"
            hint = "rename one of them"
        else:
            continue
        line, column = where("arg", name)
        raise MapError(
            message,
            path=path,
            line=line,
            column=column,
            hint=f"{hint}; 'argmap --map FILE evaluate' evaluates any names as a bare framework",
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
                hint="'argmap --map FILE evaluate' evaluates it as a bare framework; the other commands "
                "need a map, and a map cannot hold a self-attack",
            )
        attacks[s].append(names[t])
    claims = [
        {"id": name, "kind": "claim", "text": f"argument {name}", "attacks": list(dict.fromkeys(targets))}
        for name, targets in zip(names, attacks, strict=True)
    ]
    return validate({"claims": claims})
