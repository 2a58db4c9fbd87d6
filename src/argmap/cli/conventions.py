"""The global options a user may also give after the command name (``argmap list --map x.yaml``).

Each command gets ``--map``, ``--from``, ``--max-bytes``, ``--in``, ``--no-refresh``,
``--quiet`` and ``--verbose`` added to its own options unless it declares that flag itself
(``check --map``, ``convert --from``; ``list --search -q`` keeps ``-q``, so there ``--quiet``
has no short form); given there, they replace the value given before the command for that run.
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any, NamedTuple, get_args, get_type_hints

import typer

from argmap.cli.options import FROM_HELP, QUIET_HELP, VERBOSE_HELP, settings


class LateOption(NamedTuple):
    """A global option as a command takes it: its flags, type, help and the `Settings` field
    it sets (``value`` turns what was given into that field's value)."""

    name: str
    flags: tuple[str, ...]
    kind: Any
    help: str
    field: str
    metavar: str | None = None
    value: Callable[[Any], Any] = lambda given: given

    def annotation(self, taken: set[str]) -> Any:
        """The typer annotation, without the short flags the command already uses (``-q``)."""
        flags = [flag for flag in self.flags if flag not in taken]
        option = typer.Option(*flags, metavar=self.metavar, help=self.help)
        return Annotated[self.kind, option]


#: Each option accepted after the command; a flag (bool) counts only when given.
LATE_OPTIONS: list[LateOption] = [
    LateOption(
        "late_map",
        ("--map", "-m"),
        Path | None,
        "Map file to read ('-' for stdin), as before the command.",
        "map",
        "FILE",
    ),
    LateOption(
        "late_from",
        ("--from",),
        str | None,
        FROM_HELP,
        "from_format",
        "FORMAT",
    ),
    LateOption(
        "late_max_bytes",
        ("--max-bytes",),
        int | None,
        "Refuse larger input files (0 lifts the cap).",
        "max_bytes",
        "N",
    ),
    LateOption(
        "late_in", ("--in",), str | None, "With a store of several maps: the map to use.", "in_map", "NAME"
    ),
    LateOption(
        "late_no_refresh",
        ("--no-refresh",),
        bool,
        "Refuse a store whose sources changed instead of refreshing it.",
        "refresh",
        value=lambda given: False,
    ),
    LateOption("late_quiet", ("--quiet", "-q"), bool, QUIET_HELP, "quiet"),
    LateOption(
        "late_verbose",
        ("--verbose", "-v"),
        bool,
        VERBOSE_HELP,
        "verbose",
    ),
]


def declared_flags(function: Callable[..., Any], hints: dict[str, Any] | None = None) -> set[str]:
    """The option flags ``function`` declares itself (``hints``: its evaluated annotations)."""
    flags: set[str] = set()
    if hints is None:
        hints = get_type_hints(function, include_extras=True)
    for hint in hints.values():
        for meta in get_args(hint)[1:]:
            # in Annotated, an option's first name is stored as its ``default``
            first = getattr(meta, "default", None)
            flags.update([first] if isinstance(first, str) else [])
            flags.update(getattr(meta, "param_decls", ()) or ())
    return flags


def accepting_global_options(function: Callable[..., None]) -> Callable[..., None]:
    """``function`` with the `LATE_OPTIONS` it lacks added to its signature for typer.

    Its annotations are evaluated once, here: each evaluation builds every option anew, and
    this runs on every run."""
    hints = get_type_hints(function, include_extras=True)
    own = declared_flags(function, hints)
    added = [option for option in LATE_OPTIONS if option.flags[0] not in own]
    if not added:
        return function

    @functools.wraps(function)
    def run(*args: Any, **kwargs: Any) -> None:
        given = {
            option.field: option.value(value)
            for option in added
            if (value := kwargs.pop(option.name)) is not None and value is not False
        }
        if given:
            ctx = kwargs["ctx"]  # every command takes its context as ``ctx``
            ctx.obj = settings(ctx)._replace(**given)
        function(*args, **kwargs)

    hints.update((option.name, option.annotation(own)) for option in added)
    signature = inspect.signature(function)
    parameters = [
        p.replace(annotation=hints.get(p.name, p.annotation)) for p in signature.parameters.values()
    ]
    parameters += [
        inspect.Parameter(
            option.name,
            inspect.Parameter.KEYWORD_ONLY,
            default=False if option.kind is bool else None,
            annotation=hints[option.name],
        )
        for option in added
    ]
    run.__signature__ = signature.replace(parameters=parameters, return_annotation=None)  # type: ignore[attr-defined]
    run.__annotations__ = hints
    return run


__all__ = ["LATE_OPTIONS", "accepting_global_options"]


#: Placeholders for options whose type alone would read ``<str>``.
PLACEHOLDERS = {
    "--to": "FORMAT",
    "--from": "FORMAT",
    "--format": "FORMAT",
    "--status": "SEMANTICS",
    "--semantics": "SEMANTICS",
    "--gradual": "METHOD",
    "--search": "WORDS",
    "--cluster-by": "KEY",
    "--rankdir": "DIR",
    "--in": "NAME",
}


def placeholder(option: Any) -> str:
    """``N`` for numbers, ``FILE`` for paths, else a word for what the option takes."""
    name = max(option.opts, key=len)
    if name in PLACEHOLDERS:
        return PLACEHOLDERS[name]
    described = option.type_descriptor
    if described.is_path:
        return "FILE"
    if described.annotation in (int, float) or described.is_ranged:
        return "N"
    return str(name).lstrip("-").upper()


def readable_help(params: list[Any]) -> None:
    """Give ``params`` the placeholders the help shows (``ID``, ``N``, ``FORMAT``), never a
    type such as ``<list[str]>`` or ``<int range>``."""
    from typer.core import TyperArgument, TyperOption

    for param in params:
        if isinstance(param, TyperArgument):
            param.__class__ = PlainArgument
        elif isinstance(param, TyperOption):
            param.__class__ = PlainOption
            if not param.is_flag and param.metavar is None:
                param.metavar = placeholder(param)


def _plain_classes() -> tuple[type, type, type, type]:
    from typer.core import TyperArgument, TyperCommand, TyperGroup, TyperOption

    class Argument(TyperArgument):
        def display_type_rich(self, ctx: Any) -> str | None:
            return None

        def get_usage_pieces(self, ctx: Any) -> list[str]:
            """The usage line as click writes it (``ID``, ``[ID]``, ``WORDS...``, ``[MAP]...``):
            typer would bracket a metavar that is already bracketed, and brace required ones."""
            name = (self.metavar or self.name or "").strip("[].").upper()
            piece = name if self.required else f"[{name}]"
            return [piece + ("..." if self.nargs != 1 else "")]

    class Option(TyperOption):
        def process_value(self, ctx: Any, value: Any) -> Any:
            """An optional option not given needs no conversion; typer would first build a
            pydantic adapter for it, and most of a command's options are not given."""
            if value is not None or self.required:
                return super().process_value(ctx, value)
            value = () if self.multiple or self.nargs == -1 else None
            return value if self.callback is None else self.callback(ctx, self, value)

    class Command(TyperCommand):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            readable_help(self.params)

    class Group(TyperGroup):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            readable_help(self.params)

    return Argument, Option, Command, Group


PlainArgument, PlainOption, PlainCommand, PlainGroup = _plain_classes()
