"""Plain data to `ArgumentMap`: chunked validation of big maps, and located errors."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from pydantic_core import InitErrorDetails, ValidationError

from argmap.errors import MapError, progress_advance, progress_step
from argmap.model.messages import describe_error
from argmap.model.schema import ArgumentMap, Claim

T = TypeVar("T")


def validate(
    data: Any, source_text: str | None = None, *, lenient: bool = False, consume: bool = False
) -> ArgumentMap:
    """Validate plain data (from any reader) into an `ArgumentMap`.

    ``lenient`` checks the shape only and leaves cross-references to the caller. ``consume``
    lets a big map's claims be validated a chunk at a time, each chunk's plain data dropped
    once its models exist: the models then reuse that memory, which lowers the peak for big
    maps. The caller's ``data["claims"]`` is left full of None.
    """
    context = {"source_text": source_text, "lenient": lenient}
    claims = data.get("claims") if type(data) is dict else None
    with progress_step("validate", total=len(claims) if type(claims) is list else None):
        if consume and _big(data):
            data = {**data, "claims": _validate_claims_consuming(data["claims"])}
        return ArgumentMap.model_validate(data, context=context)


def _big(data: Any) -> bool:
    """Whether `validate` would consume ``data`` (a claim list longer than one chunk)."""
    claims = data.get("claims") if type(data) is dict else None
    return type(claims) is list and len(claims) > CHUNK


#: Claims validated per step when `validate` may consume its input.
CHUNK = 20_000


class InputConsumed(Exception):
    """A big map failed validation after its plain data was dropped; read it again whole."""


def read_consuming(read: Callable[[bool], T]) -> T:
    """``read(consume=True)``; should that fail after dropping the data its error needs,
    ``read(consume=False)`` for the exact message (its warnings were already given)."""
    from argmap.errors import warnings_silenced

    try:
        return read(True)
    except InputConsumed:
        with warnings_silenced():
            return read(False)


def _validate_claims_consuming(claims: list[Any]) -> list[Claim]:
    from pydantic import TypeAdapter

    adapter = TypeAdapter(list[Claim])
    models: list[Claim] = []
    for start in range(0, len(claims), CHUNK):
        chunk = claims[start : start + CHUNK]
        try:
            models += adapter.validate_python(chunk)
        except ValidationError as exc:
            raise ValidationError.from_exception_data(
                "ArgumentMap",
                [
                    InitErrorDetails(
                        type=error["type"],
                        loc=("claims", start + error["loc"][0], *error["loc"][1:]),  # type: ignore[operator]
                        input=error["input"],
                        ctx=error.get("ctx", {}),
                    )
                    for error in exc.errors(include_url=False)
                ],
                hide_input=True,
            ) from None
        claims[start : start + CHUNK] = [None] * len(chunk)
        progress_advance(start + len(chunk))
        del chunk
    return models


def validate_located(
    data: Any,
    *,
    path: str | None,
    source_text: str | None,
    locate: Callable[[tuple[Any, ...], bool], tuple[int, int] | None],
    lenient: bool = False,
    consume: bool = False,
) -> ArgumentMap:
    """`validate`, turning every pydantic error into one located `MapError` that reports them all,
    in the order of the file.

    With ``consume``, a big map that fails raises `InputConsumed` instead: its error needs the
    plain data that validation dropped, so the reader reads the input again without consuming.
    """
    consume = consume and _big(data)
    try:
        return validate(data, source_text, lenient=lenient, consume=consume)
    except ValidationError as exc:
        if consume:
            raise InputConsumed from None
        errors = exc.errors(include_url=False, include_input=False, include_context=True)
        problems = []
        for error in errors:
            message, hint = describe_error(error, data)
            where = locate(tuple(error["loc"]), error["type"] == "extra_forbidden")
            problems.append(
                MapError(
                    message,
                    path=path,
                    line=where[0] if where else None,
                    column=where[1] if where else None,
                    hint=hint,
                )
            )
        problems.sort(key=lambda p: (p.line is None, p.line or 0, p.column or 0))
        raise MapError.of(problems) from None
