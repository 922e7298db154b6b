r"""What a regular expression cannot match without: literals one of which every match holds.

``required(regex)`` reads the expression once, when a rule loads, into the strings and character
classes it cannot match without (``%``, ``\d``, ``гарант``, ``[кп]`` for ``код|пин``), compiled with the
expression's case flags; ``possible(requirements, text)`` searches the text for each, one C-level
search apiece, so an expression that cannot match (no «%», no digit, no «код») is never run over the
text. The test only ever skips a scan that would have found nothing: a construct it does not
understand requires nothing.
"""

from __future__ import annotations

import re
from typing import Any

try:  # the parser of the re module: public as sre_parse up to 3.10, re._parser since 3.11
    from re import _parser as _sre  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - Python 3.10
    import sre_parse as _sre  # type: ignore[no-redef]

#: Stands for «any decimal digit» (``\d``) among the alternatives of a requirement.
DIGIT = "\\d"
#: Character classes wider than this are not spelt out: they require nothing.
_WIDEST = 64
Requirement = re.Pattern[str]
_Found = tuple[frozenset[str], bool]  # strings one of which a match holds, and whether case is ignored


def required(regex: re.Pattern[str]) -> tuple[Requirement, ...]:
    """Literals and character classes, each of which a match must contain (the two most telling ones)."""
    parsed = _parsed(regex, 0)
    if parsed is None:
        return ()
    found = _sequence(parsed, bool(regex.flags & re.IGNORECASE))
    chosen = sorted({f for f in found if _cheap(f)}, key=_telling)[:2]
    flags = regex.flags & re.ASCII
    return tuple(re.compile(_alternation(strings), flags | (re.IGNORECASE if fold else 0))
                 for strings, fold in chosen)


def letters(regex: re.Pattern[str]) -> tuple[frozenset[str], ...]:
    """Sets of characters, each of which a match must share a character with.

    For short subjects (one word) where a set test is cheaper than a search: a literal requires each of
    its characters, a class or an alternation one of its (first) characters. An expression that ignores
    case requires nothing (Unicode case folding has more pairs than ``str.lower`` tells).
    """
    parsed = _parsed(regex)
    if parsed is None:
        return ()
    out: set[frozenset[str]] = set()
    for strings, fold in _sequence(parsed, False):
        if fold or DIGIT in strings:  # ``\d`` is any Unicode digit: too many to list
            continue
        if len(strings) == 1:
            out.update(frozenset(ch) for ch in next(iter(strings)))
        else:
            out.add(frozenset(s[0] for s in strings))
    return tuple(sorted(out, key=lambda chars: (len(chars), sorted(chars))))


def possible(requirements: tuple[Requirement, ...], text: str) -> bool:
    """Whether ``text`` holds every requirement (if not, the regex cannot match)."""
    for requirement in requirements:  # noqa: SIM110 - a plain loop: all() over a generator costs more
        if requirement.search(text) is None:
            return False
    return True


def _cheap(found: _Found) -> bool:
    """One string, or a class of characters: an alternation of words costs more than it saves."""
    strings = found[0]
    return len(strings) == 1 or all(len(s) == 1 or s == DIGIT for s in strings)


def _telling(found: _Found) -> tuple[int, int, list[str]]:
    """Longer literals first (rarer in a text), then fewer alternatives; ties in a fixed order."""
    strings = found[0]
    return -min(1 if s == DIGIT else len(s) for s in strings), len(strings), sorted(strings)


def _alternation(strings: frozenset[str]) -> str:
    """One literal, or a class of characters (what ``_cheap`` lets through)."""
    if len(strings) == 1:
        (string,) = strings
        return r"\d" if string == DIGIT else re.escape(string)
    return "[" + "".join(r"\d" if s == DIGIT else re.escape(s) for s in sorted(strings)) + "]"


def _sequence(items: Any, fold: bool) -> list[_Found]:
    out: list[_Found] = []
    run: list[str] = []  # consecutive literal characters: one string to look for
    for op, arg in items:
        name = str(op)
        if name == "LITERAL":
            run.append(chr(arg))
            continue
        if run:
            out.append((frozenset({"".join(run)}), fold))
            run = []
        out += _item(name, arg, fold)
    if run:
        out.append((frozenset({"".join(run)}), fold))
    return out


def _item(op: str, arg: Any, fold: bool) -> list[_Found]:
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
            strings, alt_fold = min(found, key=_telling)
            union |= strings
            folds.add(alt_fold)
        # Alternatives with different case flags: ignoring case is the looser test, safe for both.
        # The strings, and their first characters: the cheap test when the strings are many.
        firsts = frozenset(s if s == DIGIT else s[0] for s in union)
        return [(frozenset(union), True in folds), (firsts, True in folds)]
    return []  # assertions, anchors, «.», back references: nothing they must have


def _set(items: Any) -> frozenset[str] | None:
    r"""The characters of a class ``[…]``, or None when it cannot be listed (negated, ``\w``, wide)."""
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


def _parsed(regex: re.Pattern[str], refused: int = re.IGNORECASE) -> list[Any] | None:
    """The expression's items as the ``re`` parser reads them; None under a ``refused`` flag or when the
    private parser disagrees (then nothing is required)."""
    if regex.flags & refused:
        return None
    try:
        return list(_sre.parse(regex.pattern, regex.flags))
    except Exception:  # a private parser: when it disagrees, require nothing
        return None


def last_letters(regex: re.Pattern[str]) -> frozenset[str] | None:
    """The characters one of which ends the subject of every match of an expression anchored at the end
    (``тся$``, ``([ое])в[ао]$``), a newline among them (``$`` matches before a final one); None when the
    expression is not anchored so or the parser cannot tell."""
    items = _parsed(regex, re.IGNORECASE | re.MULTILINE)
    if items is None or len(items) < 2 or str(items[-1][0]) != "AT" \
            or str(items[-1][1]) not in ("AT_END", "AT_END_STRING"):
        return None
    found = _edge(items[:-1], last=True)
    if found is None:
        return None
    return found | {"\n"} if str(items[-1][1]) == "AT_END" else found


def first_letters(regex: re.Pattern[str]) -> frozenset[str] | None:
    """The characters one of which starts every match (``т(?=[кп])``: «т»); None when a match may be
    empty or the parser cannot tell."""
    items = _parsed(regex)
    return None if items is None else _edge(items, last=False)


def _edge(items: Any, last: bool) -> frozenset[str] | None:
    """The characters one of which a match of ``items`` starts with (or ends with, ``last``); None for
    anything else."""
    for op, arg in reversed(items) if last else items:
        name = str(op)
        if not last and name in ("AT", "ASSERT", "ASSERT_NOT"):
            continue  # anchors and lookarounds take no character: the next item starts the match
        if name == "LITERAL":
            return frozenset(chr(arg))
        if name == "IN":
            chars = _set(arg)
            return None if chars is None or DIGIT in chars else chars
        if name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
            return _edge(arg[2], last) if arg[0] >= 1 else None
        if name == "SUBPATTERN":
            return None if arg[1] & re.IGNORECASE else _edge(arg[3], last)
        if name == "BRANCH":
            edges = [_edge(alternative, last) for alternative in arg[1]]
            return None if any(e is None for e in edges) else frozenset().union(*edges)  # type: ignore[arg-type]
        return None  # a back reference, «.», an assertion at the end: any character may be there
    return None  # an empty match


def first_item(regex: re.Pattern[str]) -> tuple[str, int | str] | None:
    """What every match starts with: ``("group", n)`` for a capturing group ``n`` of exactly one
    character (``([бв])…``), ``("literal", c)`` for the character ``c`` (``с(?=[нл])``); None otherwise."""
    items = _parsed(regex)
    for op, arg in items or ():
        name = str(op)
        if name in ("AT", "ASSERT", "ASSERT_NOT"):
            continue  # anchors and lookarounds take no character: the next item starts the match
        if name == "LITERAL":
            return "literal", chr(arg)
        if name == "SUBPATTERN" and arg[0] is not None and not arg[1] & re.IGNORECASE:
            return ("group", arg[0]) if tuple(arg[3].getwidth()) == (1, 1) else None
        return None
    return None
