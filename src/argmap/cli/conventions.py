"""The global options a user may also give after the command name (``argmap list --map x.yaml``).

Each command gets ``--map``, ``--from`` and ``--max-bytes`` added to its own options unless it
declares that flag itself (``check --map``, ``convert --from``); given there, they replace the
value given before the command for that run.
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any, get_args, get_type_hints

import typer

from argmap.cli.options import settings

#: (parameter name, flag, annotation, Settings field) of each option accepted after the command.
LATE_OPTIONS: list[tuple[str, str, Any, str]] = [
    (
        "late_map",
        "--map",
        Annotated[
            Path | None,
            typer.Option(
                "--map", "-m", metavar="FILE", help="Map file to read ('-' for stdin), as before the command."
            ),
        ],
        "map",
    ),
    (
        "late_from",
        "--from",
        Annotated[
            str | None,
            typer.Option(
                "--from", metavar="FORMAT", help="Format of --map when the extension does not tell."
            ),
        ],
        "from_format",
    ),
    (
        "late_max_bytes",
        "--max-bytes",
        Annotated[
            int | None,
            typer.Option("--max-bytes", metavar="N", help="Refuse larger input files (0 lifts the cap)."),
        ],
        "max_bytes",
    ),
]


def declared_flags(function: Callable[..., Any]) -> set[str]:
    """The option flags ``function`` declares itself."""
    flags: set[str] = set()
    for hint in get_type_hints(function, include_extras=True).values():
        for meta in get_args(hint)[1:]:
            # in Annotated, an option's first name is stored as its ``default``
            first = getattr(meta, "default", None)
            flags.update([first] if isinstance(first, str) else [])
            flags.update(getattr(meta, "param_decls", ()) or ())
    return flags


def accepting_global_options(function: Callable[..., None]) -> Callable[..., None]:
    """``function`` with the `LATE_OPTIONS` it lacks added to its signature for typer."""
    own = declared_flags(function)
    added = [(name, annotation, field) for name, flag, annotation, field in LATE_OPTIONS if flag not in own]
    if not added:
        return function

    @functools.wraps(function)
    def run(*args: Any, **kwargs: Any) -> None:
        given = {field: kwargs.pop(name) for name, _annotation, field in added}
        given = {field: value for field, value in given.items() if value is not None}
        if given:
            ctx = kwargs["ctx"]  # every command takes its context as ``ctx``
            ctx.obj = settings(ctx)._replace(**given)
        function(*args, **kwargs)

    signature = inspect.signature(function, eval_str=True)
    extra = [
        inspect.Parameter(name, inspect.Parameter.KEYWORD_ONLY, default=None, annotation=annotation)
        for name, annotation, _field in added
    ]
    run.__signature__ = signature.replace(parameters=[*signature.parameters.values(), *extra])  # type: ignore[attr-defined]
    run.__annotations__ = {
        **get_type_hints(function, include_extras=True),
        **{name: annotation for name, annotation, _field in added},
    }
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
    from typer.core import TyperArgument

    for param in params:
        if isinstance(param, TyperArgument):
            param.__class__ = PlainArgument
        elif not getattr(param, "is_flag", True) and param.metavar is None:
            param.metavar = placeholder(param)


def _plain_classes() -> tuple[type, type, type]:
    from typer.core import TyperArgument, TyperCommand, TyperGroup

    class Argument(TyperArgument):
        def display_type_rich(self, ctx: Any) -> str | None:
            return None

    class Command(TyperCommand):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            readable_help(self.params)

    class Group(TyperGroup):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            readable_help(self.params)

    return Argument, Command, Group


PlainArgument, PlainCommand, PlainGroup = _plain_classes()
