"""Data blocks (``{key: value}``) and front matter: YAML, as Argdown's DataPlugin reads it."""

from __future__ import annotations

import functools
import re
from typing import Any

from argmap.formats.argdown.document import ArgdownSyntaxError

_JSON_STRING = r'"(?:[^"\\\x00-\x1f]|\\(?:["\\/bfnrt]|u(?![dD][89abAB])[0-9a-fA-F]{4}))*"'
_JSON_SCALAR = rf"(?:{_JSON_STRING}|-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?|null|true|false)"
_VALUE = rf"(?:{_JSON_SCALAR}|\[\s*(?:{_JSON_SCALAR}\s*(?:,\s*{_JSON_SCALAR}\s*)*)?\])"


@functools.cache
def _flow() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """The flow mappings argmap writes (bare keys, JSON values), and their keys or strings."""
    key = "[A-Za-z_][A-Za-z0-9_]*"
    flow = re.compile(rf"\{{\s*(?:{key}\s*:\s*{_VALUE}\s*(?:,\s*{key}\s*:\s*{_VALUE}\s*)*)?\}}")
    return flow, re.compile(rf"({_JSON_STRING})|({key})(?=\s*:)")


def load_data(text: str, offset: int) -> Any:
    """YAML data; the flow mappings argmap writes (JSON values, bare keys) take a fast path."""
    flow, key_or_string = _flow()
    if flow.fullmatch(text):
        import json

        return json.loads(key_or_string.sub(lambda m: m.group(1) or f'"{m.group(2)}"', text))
    import yaml

    try:
        return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))  # a safe loader
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        problem = getattr(error, "problem", None) or str(error).splitlines()[0]
        raise ArgdownSyntaxError(
            f"the YAML data is not valid: {problem}", offset + (mark.index if mark else 0)
        ) from None


def merge_data(old: Any, new: Any) -> Any:
    """lodash.merge for data blocks: dicts merge key by key, anything else replaces."""
    if isinstance(old, dict) and isinstance(new, dict):
        merged = dict(old)
        for key, value in new.items():
            merged[key] = merge_data(merged.get(key), value)
        return merged
    return new
