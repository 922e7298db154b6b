"""Template placeholders: blanked out of the analysed view so they never trigger a rule."""

from __future__ import annotations

import re

#: Jinja/Django blocks, ``{name}``, ``%NAME%``, ``${name}``.
DEFAULT_PLACEHOLDERS = (
    r"\{\{.*?\}\}",
    r"\{%.*?%\}",
    r"\{#.*?#\}",
    r"\$\{[^{}\n]*\}",
    r"\{[A-Za-z_][\w.]*\}",
    r"%[A-Z_][A-Z0-9_]*%",
)
_DEFAULT = re.compile("|".join(DEFAULT_PLACEHOLDERS), re.DOTALL)


def mask(text: str, patterns: list[str] | None = None) -> tuple[str, list[tuple[int, int]]]:
    """The text with every placeholder replaced by spaces of the same length, and their spans."""
    regex = re.compile("|".join(patterns), re.DOTALL) if patterns else _DEFAULT
    spans = [(m.start(), m.end()) for m in regex.finditer(text)]
    if not spans:
        return text, []
    chars = list(text)
    for start, stop in spans:
        for i in range(start, stop):
            if chars[i] not in "\r\n":
                chars[i] = " "
    return "".join(chars), spans
