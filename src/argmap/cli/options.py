"""What every command shares: the global options (carried in typer's context), the options
several commands take, and reading the map those options name."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NamedTuple

import typer

if TYPE_CHECKING:
    from argmap.model import ArgumentMap

#: Exit codes: 0 fine, 1 ``check`` found problems, 2 bad usage or input, 70 a bug in argmap.
EXIT_USAGE = 2
EXIT_INTERNAL = 70


class Settings(NamedTuple):
    """The global options of one run (``--map``, ``--from``, ``--max-bytes``, ``--in``,
    ``--no-refresh``, ``--quiet``, ``--verbose``), as ``ctx.obj``. A named tuple: a frozen
    dataclass costs more to define, on every run (benchmarks/RESULTS.md)."""

    map: Path | None = None
    from_format: str | None = None
    max_bytes: int | None = None
    in_map: str | None = None
    refresh: bool = True
    quiet: bool = False
    verbose: bool = False

    @property
    def source(self) -> str | Path | None:
        """--map, naming the --in map of a store as ``STORE.db#NAME``."""
        return f"{self.map}#{self.in_map}" if self.map is not None and self.in_map else self.map


def settings(ctx: typer.Context) -> Settings:
    """This run's global options (the defaults when a command runs without the app's callback)."""
    found = ctx.find_object(Settings)
    return found if found is not None else Settings()


def load_map(options: Settings, *, comments: bool = False) -> ArgumentMap:
    """The map named by --map (or the bundled one); warnings reach stderr via the app's guard
    (with ``comments``, one says how many comment lines the map does not keep)."""
    from argmap.formats import load

    return load(
        options.source,
        fmt=options.from_format,
        max_bytes=options.max_bytes,
        refresh=options.refresh,
        comments=comments,
    )


KindOption = Annotated[
    list[str] | None,
    typer.Option(
        "--kind",
        "-k",
        help="Only claims of this kind (thesis, claim, evidence, objection, rebuttal); repeatable.",
    ),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Machine-readable JSON (schema in the README).")]
#: The semantics a --status option takes, for help texts (written out, since importing the
#: argumentation package would cost every command's start-up; a test keeps it in step).
SEMANTICS_HELP = "grounded, complete, preferred, stable, semi-stable, stage or ideal"
#: The help of --quiet and --verbose, given before the command and after it alike.
QUIET_HELP = "No warnings and no progress; errors still print."
VERBOSE_HELP = "Also print how long each phase took (on stderr)."
#: The formats --from takes, written out for the same reason (the registry is kept in step by a test).
FROM_HELP = (
    "Format of --map when the extension does not tell: yaml, json, argdown, aif, kialo, iccma, apx or store."
)
StatusOption = Annotated[
    str | None,
    typer.Option("--status", help=f"Colour claims by their label under these semantics: {SEMANTICS_HELP}."),
]
GradualOption = Annotated[
    str | None,
    typer.Option("--gradual", "-g", help="HTML page: also score each claim, dfquad or hcat (h-categoriser)."),
]
IdArgument = Annotated[
    str | None, typer.Argument(metavar="[ID]", help="Export only the claims around this one (see --depth).")
]
DepthOption = Annotated[
    int | None,
    typer.Option("--depth", "-d", min=0, help="With ID: how many relations away from ID to include."),
]
ClusterOption = Annotated[str, typer.Option("--cluster-by", help="section (a box per section) or none.")]
WrapOption = Annotated[int, typer.Option("--wrap", min=8, help="Wrap labels at this many columns.")]
RankdirOption = Annotated[
    str, typer.Option("--rankdir", help="Layout direction: BT (support flows up), TB, LR or RL.")
]
