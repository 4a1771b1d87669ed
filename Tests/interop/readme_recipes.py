"""The README's runnable recipes, read from README.md itself so that the tests run exactly the text a
user copies: a block is marked by an HTML comment `<!-- recipe: NAME -->` on the line right before
its opening fence. An edit that breaks a marked block fails the test that runs it; a marker without
a block, an unclosed fence or a name used twice fails every recipe test at once."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

README = Path(__file__).resolve().parents[2] / "README.md"

_MARKER = re.compile(r"^<!--\s*recipe:\s*([A-Za-z0-9_.-]+)\s*-->\s*$")
_FENCE = re.compile(r"^(```+|~~~+)\s*([A-Za-z0-9_+-]*)\s*$")


@dataclass(frozen=True)
class Recipe:
    name: str
    language: str   # the fence's info string: sh, python, go, yaml, ...
    text: str       # the block's lines, each ending in "\n", without the fences
    line: int       # 1-based line number of the opening fence in README.md

    def where(self) -> str:
        return f"README.md:{self.line} (recipe {self.name})"


def parse(markdown: str) -> dict[str, Recipe]:
    """All marked blocks of `markdown` by name; ValueError on a malformed or duplicate marker."""
    lines = markdown.splitlines(keepends=True)
    recipes: dict[str, Recipe] = {}
    i = 0
    while i < len(lines):
        marker = _MARKER.match(lines[i].rstrip("\n"))
        i += 1
        if not marker:
            continue
        name = marker.group(1)
        if name in recipes:
            raise ValueError(f"README.md:{i}: recipe {name!r} is marked twice")
        fence = _FENCE.match(lines[i].rstrip("\n")) if i < len(lines) else None
        if not fence:
            raise ValueError(f"README.md:{i}: recipe {name!r}: the next line must open a fenced code block")
        start = i + 1
        end = start
        while end < len(lines) and lines[end].rstrip("\n") != fence.group(1):
            end += 1
        if end == len(lines):
            raise ValueError(f"README.md:{start}: recipe {name!r}: the code block is never closed")
        body = "".join(lines[start:end])
        recipes[name] = Recipe(name, fence.group(2), body, start)
        i = end + 1
    return recipes


def recipes() -> dict[str, Recipe]:
    """The marked blocks of the repository's README.md."""
    return parse(README.read_text())


def recipe(name: str) -> Recipe:
    """One marked block of README.md; KeyError naming the known recipes if it is missing."""
    found = recipes()
    if name not in found:
        raise KeyError(f"README.md has no block marked <!-- recipe: {name} --> (marked: {sorted(found)})")
    return found[name]
