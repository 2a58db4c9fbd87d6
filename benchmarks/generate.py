"""Seeded synthetic argument maps for the benchmarks, written as YAML, argmap JSON and Argdown.

    PYTHONPATH=src python benchmarks/generate.py [--sizes 1k,10k,100k,1M] [--seed 7]
                                                [--out benchmarks/data] [--verify]

For each size N it writes, into ``--out``:

- ``map-N.yaml``      the native format (as a person would write it: ``  - id: ...``);
- ``map-N.json``      argmap JSON, written by ``argmap.formats.json.write`` (skipped, with a
                      message, while that module does not exist);
- ``map-N.argdown``   Argdown describing the same map: one ``[id]: text #tags {kind: ...}``
                      statement per claim, its supports and attacks indented under it as
                      ``+> [target]`` / ``-> [target]``, sections as headings. Argdown has no
                      contrast relation, so contrasts go into the data block (as argmap's own
                      Argdown writer does);
- ``map-N.meta.json`` what run.py needs: counts, the theses and a deepest claim to trace.

The shape (same seed, same bytes):

- several theses (3 at 1k, up to 20 at 1M), one section each, each the root of a tree whose
  depth is drawn from 10..20. Level sizes grow geometrically, every claim hangs under a random
  claim one level up, so some claims have many children and some none;
- about one attack per five supports: a child attacks its parent with probability 1/6 (an
  objection, or a rebuttal when it attacks an objection); the deepest supporting claims are
  evidence;
- cross-links: 5 % of claims also support a random claim of a *strictly shallower* level
  (in any tree), and every relation goes from a deeper level to a shallower one, so the
  support/attack graph is a DAG;
- contrasts: 1 % of claims contrast with another claim of their tree at the same level;
- ids ``c<n>``; texts of 8..24 words from a fixed vocabulary; a third of the claims have tags.

``--verify`` reads every file back with argmap (YAML, JSON and, up to 10k claims, Argdown) and
checks that the three describe the same claims, kinds, sections, tags and relations.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_OUT = ROOT / "benchmarks" / "data"

SIZES = {"1k": 1_000, "10k": 10_000, "100k": 100_000, "1M": 1_000_000}

VOCABULARY = """
able access account across action adoption advantage agent agreement analysis argument
asset balance bargain barrier benefit budget capacity capital carrier case cause change
channel choice claim client climate cloud commerce community company competition consumer
content contract control cost country credit culture customer data decision demand design
device digital distance driver economy edge effect efficiency effort energy engine equipment
evidence factory feedback field finance firm flow force form frame growth habit hardware
impact income industry inertia information input insight integration interest internet
investment labour layer lead level line link logistics loss machine maintenance manager
market measure method model motive network number operation order outcome output owner
partner pattern payment period plant platform policy power practice premise price process
producer product profit programme project quality rate reason record region regulation
relation resource result return revenue risk role routine rule safety sale scale schedule
scope sector security sensor service share signal skill software source speed stage
standard state step stock strategy strength structure supplier supply surface system target
task technology tension term test theory threshold time tool trade traffic trend trust unit
upgrade user utility value vendor volume wage waste wave welfare worker workflow yield
""".split()  # noqa: SIM905
LINKERS = """
raises lowers shapes limits drives follows explains outweighs enables blocks predicts
reflects changes sustains weakens strengthens precedes hides reveals mirrors
""".split()  # noqa: SIM905
ADJECTIVES = """
industrial hidden rapid slow visible modest steady uneven local global shared private public
early late small large direct indirect gradual sudden lasting fragile open closed
""".split()  # noqa: SIM905
TAGS = [f"topic-{i}" for i in range(1, 25)]


@dataclass
class Claim:
    id: str
    kind: str
    text: str
    section: str
    level: int
    tags: list[str] = field(default_factory=list)
    supports: list[str] = field(default_factory=list)
    attacks: list[str] = field(default_factory=list)
    contrasts: list[str] = field(default_factory=list)


def parse_size(label: str) -> tuple[str, int]:
    label = label.strip()
    if label in SIZES:
        return label, SIZES[label]
    number = label.lower().replace("_", "")
    scale = 1
    if number.endswith("k"):
        number, scale = number[:-1], 1_000
    elif number.endswith("m"):
        number, scale = number[:-1], 1_000_000
    count = int(float(number) * scale)
    if count < 100:
        raise SystemExit(f"size {label!r}: use at least 100 claims")
    return label, count


def _level_sizes(total: int, depth: int) -> list[int]:
    """``depth + 1`` level sizes, 1 at the root, growing by one factor, summing to ``total``."""
    if total <= depth + 1:
        return [1] * total
    low, high = 1.0, 2.0
    while sum(high**level for level in range(depth + 1)) < total:
        high *= 2
    for _ in range(60):
        mid = (low + high) / 2
        if sum(mid**level for level in range(depth + 1)) < total:
            low = mid
        else:
            high = mid
    sizes = [max(1, round(high**level)) for level in range(depth + 1)]
    sizes[-1] += total - sum(sizes)
    while sizes[-1] < 1:  # rounding overshot: take it back from the widest levels
        sizes[-1] += 1
        widest = max(range(depth), key=lambda i: sizes[i])
        sizes[widest] -= 1
    return sizes


def _text(rng: random.Random) -> str:
    words: list[str] = []
    target = rng.randint(8, 24)
    while len(words) < target:
        words += [
            rng.choice(ADJECTIVES),
            rng.choice(VOCABULARY),
            rng.choice(LINKERS),
            "the",
            rng.choice(VOCABULARY),
        ]
    words = words[:target]
    if words[-1] == "the":
        words.pop()
    if target > 12 and rng.random() < 0.5:
        words[target // 2] += ","
    return " ".join(words).capitalize() + "."


def generate(count: int, seed: int) -> tuple[list[Claim], dict[str, Any]]:
    """The claims of one synthetic map, in file order (tree by tree, level by level)."""
    rng = random.Random(seed * 1_000_003 + count)
    theses = max(3, min(20, count // 50_000))
    base, extra = divmod(count, theses)
    claims: list[Claim] = []
    by_level: dict[int, list[int]] = {}  # global level -> claim indices (for cross-links)
    deepest: tuple[int, int] = (-1, -1)  # (level, index) of the first deepest claim
    tree_depths = []
    for tree in range(theses):
        size = base + (1 if tree < extra else 0)
        depth = rng.randint(10, 20)
        levels = _level_sizes(size, depth)
        tree_depths.append(len(levels) - 1)
        section = f"part-{tree + 1}"
        previous: list[int] = []
        for level, width in enumerate(levels):
            current: list[int] = []
            for _ in range(width):
                index = len(claims)
                claim = Claim(f"c{index}", "claim", _text(rng), section, level)
                if level == 0:
                    claim.kind = "thesis"
                else:
                    parent = claims[rng.choice(previous)]
                    if rng.random() < 1 / 6:
                        claim.kind = "rebuttal" if parent.kind == "objection" else "objection"
                        claim.attacks.append(parent.id)
                    else:
                        claim.kind = (
                            "evidence" if level == len(levels) - 1 and rng.random() < 0.7 else "claim"
                        )
                        claim.supports.append(parent.id)
                if rng.random() < 1 / 3:
                    claim.tags = sorted(rng.sample(TAGS, rng.randint(1, 2)))
                claims.append(claim)
                current.append(index)
                by_level.setdefault(level, []).append(index)
                if level > deepest[0]:
                    deepest = (level, index)
            previous = current
    # Cross-links: a support towards a strictly shallower level keeps the graph acyclic.
    for claim in claims:
        if claim.level >= 2 and rng.random() < 0.05:
            level = rng.randrange(1, claim.level)
            target = claims[rng.choice(by_level[level])]
            if target.id not in claim.supports and target.id not in claim.attacks:
                claim.supports.append(target.id)
    # Contrasts: with another claim of the same tree and level.
    same: dict[tuple[str, int], list[int]] = {}
    for index, claim in enumerate(claims):
        same.setdefault((claim.section, claim.level), []).append(index)
    for claim in claims:
        if claim.level >= 1 and rng.random() < 0.01:
            peers = same[(claim.section, claim.level)]
            partner = claims[rng.choice(peers)]
            if (
                partner.id != claim.id
                and partner.id not in claim.contrasts
                and claim.id not in partner.contrasts
            ):
                claim.contrasts.append(partner.id)
    info = {
        "claims": len(claims),
        "seed": seed,
        "theses": [c.id for c in claims if c.kind == "thesis"],
        "tree_depths": tree_depths,
        "deep_claim": claims[deepest[1]].id,
        "deep_level": deepest[0],
        "supports": sum(len(c.supports) for c in claims),
        "attacks": sum(len(c.attacks) for c in claims),
        "contrasts": sum(len(c.contrasts) for c in claims),
    }
    return claims, info


# -- writers ------------------------------------------------------------------------------


def _flow(items: list[str]) -> str:
    return "[" + ", ".join(items) + "]"


def write_yaml(claims: list[Claim], title: str, path: Path) -> None:
    """Native YAML in the layout people write by hand (and `argmap` reads)."""
    lines = ["meta:", f"  title: {title}", "claims:"]
    append = lines.append
    for c in claims:
        append(f"  - id: {c.id}")
        if c.kind != "claim":
            append(f"    kind: {c.kind}")
        append(f"    text: {c.text}")
        append(f"    section: {c.section}")
        if c.tags:
            append(f"    tags: {_flow(c.tags)}")
        if c.supports:
            append(f"    supports: {_flow(c.supports)}")
        if c.attacks:
            append(f"    attacks: {_flow(c.attacks)}")
        if c.contrasts:
            append(f"    contrasts: {_flow(c.contrasts)}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def write_argdown(claims: list[Claim], title: str, path: Path) -> None:
    """Argdown with the same statements, relations, sections, tags and kinds."""
    lines = ["===", f"title: {title}", "===", ""]
    append = lines.append
    section = None
    for c in claims:
        if c.section != section:
            section = c.section
            append(f"# {section}")
            append("")
        data = [f"kind: {c.kind}"]
        if c.contrasts:
            data.append(f"contrasts: {_flow(c.contrasts)}")
        tags = "".join(f" #{tag}" for tag in c.tags)
        append(f"[{c.id}]: {c.text}{tags} {{{', '.join(data)}}}")
        for target in c.supports:
            append(f"  +> [{target}]")
        for target in c.attacks:
            append(f"  -> [{target}]")
        append("")
    path.write_text("\n".join(lines), encoding="utf-8")


def plain_data(claims: list[Claim], title: str) -> dict[str, Any]:
    items = []
    for c in claims:
        item: dict[str, Any] = {"id": c.id, "kind": c.kind, "text": c.text, "section": c.section}
        for key in ("tags", "supports", "attacks", "contrasts"):
            value = getattr(c, key)
            if value:
                item[key] = list(value)
        items.append(item)
    return {"meta": {"title": title}, "claims": items}


def write_json(claims: list[Claim], title: str, path: Path) -> bool:
    """argmap JSON through argmap's own writer; False while argmap has no JSON format yet."""
    try:
        from argmap.formats import json as json_format
    except ImportError:
        return False
    from argmap.memory import gc_paused
    from argmap.model import validate

    with gc_paused():
        amap = validate(plain_data(claims, title))
        text = json_format.write(amap)
    path.write_text(text, encoding="utf-8")
    return True


# -- verification -------------------------------------------------------------------------


def _signature(amap: Any) -> list[tuple[Any, ...]]:
    return [
        (
            c.id,
            c.kind,
            c.text,
            c.section,
            sorted(t for t in c.tags if not t.startswith(("title:", "argument:"))),
            list(c.supports),
            list(c.attacks),
            sorted(c.contrasts),
        )
        for c in amap.claims
    ]


def verify(claims: list[Claim], title: str, files: dict[str, Path]) -> None:
    """Read each written file with argmap and compare with the generated claims."""
    import warnings

    from argmap.formats import load
    from argmap.model import validate

    expected = _signature(validate(plain_data(claims, title)))
    for fmt, path in files.items():
        if fmt == "argdown" and len(claims) > 10_000:
            print(f"  verify {path.name}: skipped (Argdown read back only checked up to 10k)")
            continue
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            amap = load(path, max_bytes=0)
        got = _signature(amap)
        if got != expected:
            diff = (
                next(i for i, (a, b) in enumerate(zip(got, expected, strict=True)) if a != b)
                if len(got) == len(expected)
                else None
            )
            detail = (
                f"first difference at claim {diff}: {got[diff]} != {expected[diff]}"
                if diff is not None
                else f"{len(got)} claims, expected {len(expected)}"
            )
            raise SystemExit(f"{path.name} does not read back to the generated map: {detail}")
        print(f"  verify {path.name}: same {len(got):,} claims and relations")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--sizes", default="1k,10k,100k,1M", help="comma-separated: 1k,10k,100k,1M or any N, Nk, NM"
    )
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--formats", default="yaml,json,argdown", help="which files to write")
    parser.add_argument("--force", action="store_true", help="rewrite files that already exist")
    parser.add_argument("--verify", action="store_true", help="read each file back and compare")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    formats = [f.strip() for f in args.formats.split(",") if f.strip()]
    for label, count in (parse_size(s) for s in args.sizes.split(",") if s.strip()):
        stem = args.out / f"map-{label}"
        meta_path = stem.with_suffix(".meta.json")
        paths = {fmt: stem.with_suffix("." + fmt) for fmt in formats}
        if not args.force and meta_path.exists() and all(p.exists() for p in paths.values()):
            old = json.loads(meta_path.read_text())
            if old.get("seed") == args.seed and old.get("claims") == count:
                print(f"{label}: up to date ({', '.join(p.name for p in paths.values())})")
                if args.verify:
                    claims, _ = generate(count, args.seed)
                    verify(claims, old["title"], paths)
                continue
        start = time.perf_counter()
        claims, info = generate(count, args.seed)
        title = f"Synthetic map of {count:,} claims (seed {args.seed})"
        info["title"] = title
        info["files"] = {}
        for fmt, path in list(paths.items()):
            if fmt == "yaml":
                write_yaml(claims, title, path)
            elif fmt == "argdown":
                write_argdown(claims, title, path)
            elif fmt == "json":
                if not write_json(claims, title, path):
                    print(
                        f"  {label}: argmap.formats.json does not exist yet: no JSON file written",
                        file=sys.stderr,
                    )
                    del paths[fmt]
                    continue
            else:
                raise SystemExit(f"unknown format {fmt!r}")
            info["files"][fmt] = {"name": path.name, "bytes": path.stat().st_size}
        meta_path.write_text(json.dumps(info, indent=2) + "\n")
        sizes = ", ".join(f"{p.name} {p.stat().st_size / 1e6:.1f} MB" for p in paths.values())
        print(
            f"{label}: {info['claims']:,} claims, {info['supports']:,} supports, {info['attacks']:,} attacks, "
            f"{info['contrasts']:,} contrasts, depth {min(info['tree_depths'])}..{max(info['tree_depths'])}; "
            f"{sizes} ({time.perf_counter() - start:.1f} s)"
        )
        if args.verify:
            verify(claims, title, paths)
    return 0


if __name__ == "__main__":
    sys.exit(main())
