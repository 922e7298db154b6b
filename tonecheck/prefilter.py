r"""What a regular expression cannot match without: the characters one of which every match holds.

``required(regex)`` reads the compiled expression once, when a rule loads, into character classes
(``[%]``, ``\d``, ``[пП]``, with the expression's case flags); ``possible(requirements, text)`` looks
for each class in the text, one C-level search apiece, so an expression that cannot match (no «%», no
digit, no «!») is never run over the text. The test only ever skips a scan that would have found
nothing: a construct it does not understand requires nothing.
"""

from __future__ import annotations

import re
from typing import Any

try:  # the parser of the re module: public as sre_parse up to 3.10, re._parser since 3.11
    from re import _parser as _sre  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - Python 3.10
    import sre_parse as _sre  # type: ignore[no-redef]

#: Stands for «any decimal digit» (``\d``) in a class.
DIGIT = "\\d"
#: Classes wider than this are not spelt out: they require nothing.
_WIDEST = 64
Requirement = re.Pattern[str]


def required(regex: re.Pattern[str]) -> tuple[Requirement, ...]:
    """Character classes, each of which a match must touch (the three most telling ones)."""
    try:
        parsed = _sre.parse(regex.pattern, regex.flags)
    except Exception:  # a private parser: when it disagrees, require nothing
        return ()
    found = _sequence(parsed, bool(regex.flags & re.IGNORECASE))
    chosen = sorted(set(found), key=lambda req: (len(req[0]), sorted(req[0])))[:3]
    flags = regex.flags & re.ASCII
    return tuple(re.compile(_class(chars), flags | (re.IGNORECASE if fold else 0)) for chars, fold in chosen)


def possible(requirements: tuple[Requirement, ...], text: str) -> bool:
    """Whether ``text`` holds a character of every requirement (if not, the regex cannot match)."""
    for requirement in requirements:  # noqa: SIM110 - a plain loop: all() over a generator costs more
        if requirement.search(text) is None:
            return False
    return True


def _class(chars: frozenset[str]) -> str:
    return "[" + "".join(c if c == DIGIT else re.escape(c) for c in sorted(chars)) + "]"


_Found = tuple[frozenset[str], bool]  # the characters of a class, and whether case is ignored


def _sequence(items: Any, fold: bool) -> list[_Found]:
    out: list[_Found] = []
    for op, arg in items:
        out += _item(str(op), arg, fold)
    return out


def _item(op: str, arg: Any, fold: bool) -> list[_Found]:
    if op == "LITERAL":
        return [(frozenset({chr(arg)}), fold)]
    if op == "IN":
        chars = _set(arg)
        return [(chars, fold)] if chars else []
    if op in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
        low, _high, sub = arg
        return _sequence(sub, fold) if low >= 1 else []
    if op == "SUBPATTERN":
        _group, add, remove, sub = arg
        if add & re.IGNORECASE:
            fold = True
        if remove & re.IGNORECASE:
            fold = False
        return _sequence(sub, fold)
    if op == "ATOMIC_GROUP":
        return _sequence(arg, fold)
    if op == "BRANCH":
        union: set[str] = set()
        folds = set()
        for alternative in arg[1]:
            found = _sequence(alternative, fold)
            if not found:
                return []
            chars, alt_fold = min(found, key=lambda f: len(f[0]))
            union |= chars
            folds.add(alt_fold)
        # Alternatives with different case flags: ignoring case is the looser test, safe for both.
        return [(frozenset(union), True in folds)]
    return []  # assertions, anchors, «.», back references: no character they must have


def _set(items: Any) -> frozenset[str] | None:
    """The characters of a class ``[…]``, or None when it cannot be listed (negated, ``\\w``, wide)."""
    chars: set[str] = set()
    for op, arg in items:
        name = str(op)
        if name == "LITERAL":
            chars.add(chr(arg))
        elif name == "RANGE" and arg[1] - arg[0] <= _WIDEST:
            chars.update(chr(c) for c in range(arg[0], arg[1] + 1))
        elif name == "CATEGORY" and str(arg) == "CATEGORY_DIGIT":
            chars.add(DIGIT)
        else:
            return None
    return frozenset(chars) if len(chars) <= _WIDEST else None
