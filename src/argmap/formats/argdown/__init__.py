"""Argdown (argdown.org), read and write.

Reading follows Argdown 1.7.5 itself: `lexer`, `parser` and `document` port its lexer,
grammar and model builder, so a file has the statements, arguments and explicit relations
that ``argdown json`` reports; `reader` maps that model onto an `ArgumentMap`:

- equivalence class (``[Title]``, or an untitled paragraph) → claim. Id: the data ``id`` if
  given, else the title as a slug (``Statement 1`` → ``statement-1``, ``步行街`` stays ``步行街``),
  or for untitled statements a slug of the first words;
  made unique with ``-2``, ``-3``. A title that is not its id is kept as the first tag,
  ``title:<Title>``. Text: the first definition; later different definitions are warned about.
- argument (``<Title>``) → claim with the description as text and first tag
  ``argument:<Title>``, unless it is a bare reconstruction (no description, no relation of its
  own besides undercuts), which only contributes its inferences.
- premise-conclusion structure → each inference step is a support of its conclusion: one
  premise gives ``supports``, several give a ``linked`` support (declared on the first premise).
  Premises of a step are the data ``uses: [n, ...]`` or else the statements since the previous
  conclusion, as Argdown's own explodeArguments reads them. A reconstructed argument that is a
  claim also ``supports`` its main conclusion.
- ``+`` / ``+>`` (and strict ``entails``) → supports; ``-`` / ``->`` → attacks; relations of
  a reconstructed argument start at its main conclusion, as in Argdown.
- ``><`` (contradictory) and strict-mode ``-`` (contrary) → **mutual attacks**, with a warning.
  argmap's ``contrasts`` means two sides of one comparison with no inference between them;
  contradictories and contraries exclude each other, which is what a pair of attacks says to the
  acceptability semantics. What is lost is only the label: written back, they are two attacks.
- undercut (``_``, ``<_``, ``_>``) of an inference → ``undercuts: {from, to}`` on the
  undercutting claim, ``from`` being the step's first premise; of a statement or a sketched
  argument → an undercut of each of its supports (an attack, with a warning, if it has none).
- headings → ``section`` (the innermost heading's text); ``#tag`` / ``#(tag)`` → tags;
  front matter ``title``/``author``/``source``/``licence``/``url`` → meta; data keys ``kind``,
  ``quote``, ``section``, ``base_score``, ``tags``, ``text``, ``contrasts`` → those fields.
- bold, italic, mentions, shortcodes: kept in the text as Argdown renders it; link URLs,
  inference rules, other data and front-matter keys, heading tags and nesting: dropped with a
  located warning.

Writing gives Argdown that the Argdown CLI accepts and that reads back to the same map: one
definition ``[id]: text #tags {data}`` per claim in map order (``<Title>:`` for claims read
from arguments, ``[Title]:`` where a ``title:`` tag allows it), headings for sections, relations
indented under their source (``+>``, ``->``, ``_>``), and for each linked support and each
undercut inference a reconstruction ``<Inference n>`` whose premises and conclusion are the
claims. ``_> <Inference n> {from: "id"}`` names the undercut premise when it is not the first.
What Argdown text cannot carry exactly (line breaks, edge whitespace, tags with ``)``, an id
no title slugs to, such as ``Thesis``) goes into the data block as well, and ``contrasts``
always does (Argdown has no such relation).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from argmap.formats.argdown.ids import slug
from argmap.formats.options import no_options

if TYPE_CHECKING:
    from argmap.model import ArgumentMap

__all__ = ["OPTIONS", "comment_lines", "read", "slug", "write"]

OPTIONS = None


def read(text: str, *, path: str | None = None) -> ArgumentMap:
    """The map in an Argdown document; `MapError` (with line and column) if it is not Argdown."""
    from argmap.formats.argdown.reader import read as read_document

    return read_document(text, path=path)


def comment_lines(text: str) -> int:
    """How many lines of ``text`` hold a comment, which a map does not keep."""
    from argmap.formats.argdown.lexer import comment_lines as count

    return count(text)


def write(amap: ArgumentMap, options: None = None, **fields: Any) -> str:
    """Argdown text for ``amap``, accepted by the Argdown CLI; `read` gives ``amap`` back."""
    from argmap.formats.argdown.writer import write_text
    from argmap.memory import gc_paused

    no_options("argdown", options, fields)
    with gc_paused():
        return write_text(amap)
