"""Template placeholders: blanked out of the analysed view so they never trigger a rule."""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Iterable, Mapping, Sequence

#: Jinja/Django blocks (an opener inside one means the first was never closed), ``{name}``, ``%NAME%``, ``${name}``.
DEFAULT_PLACEHOLDERS = (
    r"\{\{(?:(?!\{\{|\{%).)*?\}\}",
    r"\{%(?:(?!\{%|\{\{).)*?%\}",
    r"\{#(?:(?!\{#).)*?#\}",
    r"\$\{[^{}\n]*\}",
    r"\{[^\W\d][\w.]*\}",
    r"%[A-Z_][A-Z0-9_]*%",
)
_DEFAULT = re.compile("|".join(DEFAULT_PLACEHOLDERS), re.DOTALL)

#: Opening and closing delimiters whose opener without a closer is a broken template.
PAIRS: Mapping[str, str] = {"{{": "}}", "{%": "%}", "{#": "#}", "${": "}"}

#: A placeholder that stands for the customer's name: ``{{ customer.first_name }}``, ``%NAME%``, ``{имя}``.
_NAME = re.compile(
    r"^(?:[\w.]*[._])?(?:first_?name|firstname|given_?name|name|имя|client_?name|customer_?name|"
    r"full_?name|fio|фио|name_?patronymic|имя_?отчество)(?:\s*\|.*)?$",
    re.IGNORECASE,
)
_INNER = re.compile(r"^(?:\{\{-?|\{|\$\{|%)\s*(.*?)\s*(?:-?\}\}|\}|%)$", re.DOTALL)
#: Delimiters around any placeholder, the defaults and custom ones alike: ``{{- … -}}``, ``[[…]]``, ``%…%``.
_DELIMITERS = re.compile(r"^[^\w\s]*-?\s*(.*?)\s*-?[^\w\s]*$", re.DOTALL)


def compile_patterns(patterns: Sequence[str] | None) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in patterns), re.DOTALL) if patterns else _DEFAULT


def unclosed(text: str, closed: Iterable[tuple[int, int]], pairs: Mapping[str, str] = PAIRS) -> list[tuple[int, int]]:
    """Spans from each opener outside a closed placeholder to the end of its line."""
    taken = sorted(closed)
    starts = [start for start, _ in taken]
    reach = list(itertools.accumulate((stop for _, stop in taken), max))  # furthest stop so far
    opener = re.compile("|".join(re.escape(o) for o in sorted(pairs, key=len, reverse=True)))
    spans: list[tuple[int, int]] = []
    for m in opener.finditer(text):
        i = bisect.bisect_right(starts, m.start()) - 1
        if (i >= 0 and m.start() < reach[i]) or (spans and m.start() < spans[-1][1]):
            continue
        end = text.find("\n", m.end())
        spans.append((m.start(), len(text) if end < 0 else end))
    return spans


def mask(text: str, patterns: Sequence[str] | None = None) -> tuple[str, list[tuple[int, int]]]:
    """The text with every placeholder replaced by spaces of the same length, and their spans.

    An opener that is never closed (``{{ name``) is blanked to the end of its line, so the rest of the
    template is still analysed; the ``unclosed-placeholder`` rule reports it.
    """
    spans = [(m.start(), m.end()) for m in compile_patterns(patterns).finditer(text) if m.end() > m.start()]
    closed = spans if patterns is None else spans + [m.span() for m in _DEFAULT.finditer(text)]
    spans += unclosed(text, closed)
    if not spans:
        return text, []
    spans.sort()
    return blank(text, spans), spans


def blank(text: str, spans: Iterable[tuple[int, int]], fill: str = " ") -> str:
    """``text`` with the characters in ``spans`` replaced by ``fill``; line breaks stay where they are."""
    chars = list(text)
    for start, stop in spans:
        for i in range(start, stop):
            if chars[i] not in "\r\n":
                chars[i] = fill
    return "".join(chars)


def is_name(placeholder: str) -> bool:
    """Whether a placeholder's text (``{{ user.first_name }}``, ``%NAME%``) stands for the customer's name."""
    m = _INNER.match(placeholder.strip())
    inner = m.group(1) if m else placeholder
    return bool(_NAME.match(inner.strip()))


def name_spans(text: str, spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """The placeholders among ``spans`` that stand for the customer's name (they count as addressing by name)."""
    return [(start, stop) for start, stop in spans if is_name(text[start:stop])]


def placeholder_name(placeholder: str) -> str:
    """What a placeholder names, lower case, without delimiters and filters.

    ``{{ agent.name|e }}`` → ``agent.name``, ``%SIGNATURE%`` → ``signature``, ``[[promo_code]]`` →
    ``promo_code``, ``{% include "signature.html" %}`` → ``include "signature.html"``.
    """
    m = _DELIMITERS.match(placeholder.strip())
    inner = m.group(1) if m else placeholder
    return inner.split("|", 1)[0].strip().lower()
