"""The ``argmap`` command line: the typer app, its global options and its error handling.

Each command (in `argmap.cli.browse`, `.structure`, `.export`, `.evaluate`, `.check`, `.store`) parses
its options, calls the library and hands the result to a view in `argmap.views.output`.
Only typer is imported at the top, so ``argmap --help`` stays fast; everything else is
imported inside the commands that need it.
"""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any

import typer

from argmap.cli.conventions import PlainCommand, PlainGroup, accepting_global_options
from argmap.cli.options import (
    EXIT_INTERNAL,
    EXIT_USAGE,
    FROM_HELP,
    QUIET_HELP,
    VERBOSE_HELP,
    Settings,
    settings,
)
from argmap.errors import MapError
from argmap.version import __version__

__all__ = ["COMMANDS", "EXIT_INTERNAL", "EXIT_USAGE", "app_for", "build_app", "command", "main"]

#: Every command by name, in the order ``--help`` lists them, as ``module:function`` in
#: `argmap.cli` (the entry-point notation). A run imports only the module of the command it runs.
COMMANDS: dict[str, str] = {
    "list": "browse:list_claims",
    "show": "browse:show",
    "tree": "structure:tree",
    "trace": "structure:trace_chains",
    "search": "browse:search",
    "index": "store:index_maps",
    "check": "check:check_maps",
    "convert": "export:convert",
    "export": "export:export",
    "render": "export:render",
    "serve": "export:serve",
    "evaluate": "evaluate:evaluate_claims",
}


def command(name: str) -> Callable[..., None]:
    """The function of the command called ``name``."""
    from importlib import import_module

    module, _, function = COMMANDS[name].partition(":")
    found: Callable[..., None] = getattr(import_module(f"argmap.cli.{module}"), function)
    return found


def _version(value: bool) -> None:
    if value:
        typer.echo(f"argmap {__version__}")
        raise typer.Exit()


def _global(
    ctx: typer.Context,
    map_path: Annotated[
        Path | None,
        typer.Option(
            "--map",
            "-m",
            help="Map file to read (YAML, JSON, Argdown, AIF, Kialo, .af/.apx; '-' for stdin). "
            "Default: the bundled essay map.",
            envvar="ARGMAP_MAP",
        ),
    ] = None,
    from_format: Annotated[str | None, typer.Option("--from", help=FROM_HELP)] = None,
    max_bytes: Annotated[
        int | None,
        typer.Option("--max-bytes", help="Refuse larger input files (default 32 MiB; 0 lifts the cap)."),
    ] = None,
    in_map: Annotated[
        str | None,
        typer.Option("--in", help="With a store of several maps: the map to use (or STORE.db#NAME)."),
    ] = None,
    no_refresh: Annotated[
        bool,
        typer.Option(
            "--no-refresh", help="Refuse a store whose sources changed (exit 2) instead of refreshing it."
        ),
    ] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help=QUIET_HELP)] = False,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help=VERBOSE_HELP)] = False,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit.")
    ] = False,
) -> None:
    ctx.obj = Settings(map_path, from_format, max_bytes, in_map, not no_refresh, quiet, verbose)


def build_app(names: Iterable[str] | None = None) -> typer.Typer:
    """A new app with the commands ``names`` (default: all); nothing is shared between apps.

    Shell completion is the whole app's: its options stand before any command name, and the
    shell calls argmap with no arguments to complete, so an app of one command goes without.
    """
    app = typer.Typer(
        name="argmap",
        help="Make the reasoning of an argued text inspectable: list, trace, evaluate and export its claims.\n\n"
        "Without --map, every command works on the bundled map of Meng Yonghui's essay "
        "'The Undercurrent of the Industrial Internet'.",
        rich_markup_mode=None,
        pretty_exceptions_enable=False,
        add_completion=names is None,
        no_args_is_help=True,
        context_settings={"help_option_names": ["-h", "--help"]},
        cls=PlainGroup,
    )
    app.callback()(_global)
    for name in COMMANDS if names is None else names:
        app.command(name, cls=PlainCommand)(accepting_global_options(_guarded(command(name), name)))
    return app


def app_for(argv: list[str]) -> typer.Typer:
    """The app for one run: only the command the first argument names, when it names one.

    typer builds every registered command's options (signatures, annotations, converters) on
    each run, a third of what a command on the essay map takes beyond its imports; only the
    one that runs needs them. The first argument can only be a command's name (no option
    precedes it to take it as a value), so nothing else changes: anything else gets every
    command, and typer's own help, errors and suggestions.
    """
    if len(argv) >= 2 and argv[1] in COMMANDS:
        return build_app([argv[1]])
    return build_app()


def _guarded(function: Callable[..., None], name: str) -> Callable[..., None]:
    """``function`` with user errors as one message and exit code 2, warnings as stderr lines
    (none with --quiet), progress on a terminal and, with --verbose, the time of each phase."""

    @functools.wraps(function)
    def run(*args: Any, **kwargs: Any) -> None:
        options = settings(kwargs["ctx"])
        as_json = kwargs.get("as_json") is True or (name == "check" and kwargs.get("output") == "json")
        with (
            user_errors(),
            timings_shown(options.verbose) as timer,
            warnings_to_stderr(shown=not options.quiet),
            progress_shown(name, status=not (options.quiet or as_json), timer=timer),
        ):
            function(*args, **kwargs)

    return run


@contextmanager
def timings_shown(verbose: bool) -> Iterator[Any]:
    """With --verbose: a `Timings` for the run's steps, and its line on stderr at the end,
    after the warnings."""
    if not verbose:
        yield None
        return
    from argmap.views.progress import Timings

    timer = Timings()
    try:
        yield timer
    finally:
        sys.stderr.write(timer.line() + "\n")


@contextmanager
def progress_shown(name: str, *, status: bool, timer: Any = None) -> Iterator[None]:
    """Within: the progress the library reports reaches a status line on a terminal (``status``;
    never for ``serve``, which runs until stopped) and ``timer`` (--verbose)."""
    show = None
    if status and name != "serve":
        from argmap.views.terminal import status_line

        show = status_line(background=True)  # None unless stderr is a terminal
    if show is None and timer is None:
        with _no_status(status):
            yield
        return
    from argmap.progress import progress_observed
    from argmap.views.progress import status_progress

    shown = None if show is None else status_progress(show, name)
    try:
        with _no_status(status), progress_observed(*(o for o in (shown, timer) if o is not None)):
            yield
    finally:
        if shown is not None:
            shown.close()


@contextmanager
def _no_status(status: bool) -> Iterator[None]:
    """Within: no status line at all when not ``status`` (the store's and the solver's included).
    After: no status line left on the terminal, so an error never follows a stale one."""
    from argmap.views.terminal import clear_status, statusless

    try:
        if status:
            yield
        else:
            with statusless():
                yield
    finally:
        clear_status()


@contextmanager
def user_errors() -> Iterator[None]:
    """Turn `MapError` into one stderr line per problem and exit 2; hide internal tracebacks in a file."""
    try:
        yield
    except (typer.Exit, typer.Abort, BrokenPipeError):
        raise
    except MapError as error:
        for problem in error.problems:
            _say_error(str(problem))
        raise typer.Exit(EXIT_USAGE) from None
    except Exception as error:
        if os.environ.get("ARGMAP_DEBUG"):
            raise
        report = _save_traceback(error)
        _say_error(
            f"internal error ({type(error).__name__}): this is a bug in argmap, not in your input. "
            f"Please report it with the traceback saved in {report} (ARGMAP_DEBUG=1 shows it here)."
        )
        raise typer.Exit(EXIT_INTERNAL) from None


@contextmanager
def warnings_to_stderr(*, shown: bool = True) -> Iterator[None]:
    """Print each `MapWarning` a reader or writer raised as one ``argmap: warning:`` line, and
    each `MapNote` as an ``argmap: note:`` line (neither when not ``shown``: --quiet)."""
    import warnings

    from argmap.errors import MapNote, MapWarning

    caught: list[warnings.WarningMessage] = []
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", MapWarning)
            yield
    finally:
        for warning in caught:
            if issubclass(warning.category, MapWarning):
                if shown:
                    kind = "note" if issubclass(warning.category, MapNote) else "warning"
                    sys.stderr.write(f"argmap: {kind}: {warning.message}\n")
            else:
                warnings.warn_explicit(warning.message, warning.category, warning.filename, warning.lineno)


def _say_error(message: str) -> None:
    from argmap.views.output import say_error

    say_error(message)


def _save_traceback(error: BaseException) -> str:
    import tempfile
    import traceback

    fd, name = tempfile.mkstemp(prefix="argmap-crash-", suffix=".txt")
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(f"argmap {__version__}, Python {sys.version.split()[0]}, argv {sys.argv!r}\n")
        handle.write("".join(traceback.format_exception(type(error), error, error.__traceback__)))
    return name


def __getattr__(name: str) -> typer.Typer:
    """``app``: the app with every command, for tests and for embedding, built when first
    asked for (`main` builds its own per run, so a run never pays for it)."""
    if name != "app":
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    built = globals()["app"] = build_app()
    return built


def main() -> None:
    """Console-script entry point: also ends quietly on a closed pipe or Ctrl-C."""
    import gc

    # A run is short and builds large acyclic structures: the cyclic collector only costs time.
    gc.disable()
    try:
        app_for(sys.argv)()
    except SystemExit as done:
        # Freeing a big map object by object at exit is pure waste (seconds at 1M claims).
        code = done.code if isinstance(done.code, int) else (0 if done.code is None else 1)
        if done.code is not None and not isinstance(done.code, int):
            sys.stderr.write(f"{done.code}\n")
        try:
            sys.stdout.flush()
        except BrokenPipeError:
            _silence_stdout()
        sys.stderr.flush()
        os._exit(code)
    except BrokenPipeError:
        _silence_stdout()
        sys.exit(0)
    except KeyboardInterrupt:
        sys.stderr.write("argmap: interrupted\n")
        sys.exit(130)


def _silence_stdout() -> None:
    """After a closed pipe, point stdout at /dev/null so the final flush cannot fail."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass
