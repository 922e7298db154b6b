#!/usr/bin/env python3
"""Write the tables that spare pymorphy3 work while the built-in rules load.

    python scripts/update_paradigms.py

- tonecheck/data/paradigms.json: the paradigms of the built-in lexicons' unknown words;
- tonecheck/data/readings.json: the readings of every word the built-in rules parse while they load
  and the forms ``Morph.inflect`` finds for them (``Morph.shipped_table``).

Run it after changing a rule in rules/ or upgrading pymorphy3 or its dictionary; tests/test_substitution.py
and tests/test_morph.py fail while a table is out of date. The tables only save time: without them (or
when they were written by another pymorphy3) the same answers are computed when the rules load.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tonecheck.checks import substitution  # noqa: E402
from tonecheck.config import Config  # noqa: E402
from tonecheck.engine import compile_rules, load_rules  # noqa: E402
from tonecheck.morph import READINGS, Morph, morph  # noqa: E402
from tonecheck.pattern import compile_atom  # noqa: E402
from tonecheck.rule import builtin_dir  # noqa: E402


def table() -> dict[str, object]:
    """Every built-in substitution key the dictionary does not know, with its forms."""
    analyzer = morph()
    paradigms: dict[str, list[list[object]]] = {}
    for rule in load_rules([builtin_dir()]):
        if rule.kind != "substitution":
            continue
        for key in rule.spec["lexicon"]:
            body = substitution.unknown_lemma(key, analyzer)
            if body is None:
                continue
            atom = compile_atom(key, analyzer)
            forms = substitution.live_paradigm(body, atom, analyzer)
            assert all(a.lemma == body and a.score == 1.0 for _, a in forms.values()), key  # what rows leave out
            paradigms[substitution.paradigm_key(body, atom)] = [
                [word, a.pos, ",".join(sorted(a.grammemes)), a.known, n] for word, (n, a) in forms.items()]
    return {"version": analyzer.version, "paradigms": dict(sorted(paradigms.items()))}


class _Recorder(Morph):
    """An analyzer asking pymorphy3 itself, noting the words it parses and the forms it inflects."""

    def __init__(self) -> None:
        self.words: list[str] = []
        self.inflections: list[tuple[str, frozenset[str], str | None]] = []
        super().__init__(shipped=False)

    def _parse(self, word: str) -> tuple[Any, ...]:
        self.words.append(word)
        return super()._parse(word)

    def _inflect(self, lemma: str, grammemes: frozenset[str], pos: str | None = None) -> str | None:
        self.inflections.append((lemma, grammemes, pos))
        return super()._inflect(lemma, grammemes, pos)


def readings() -> dict[str, Any]:
    """What compiling the built-in rules (with the shipped paradigms) asks of pymorphy3, answered."""
    recorder = _Recorder()
    compile_rules(load_rules([builtin_dir()]), recorder, Config().options)
    return recorder.shipped_table(recorder.words, recorder.inflections)


def write(path: Path, data: dict[str, Any]) -> None:
    path.parent.mkdir(exist_ok=True)
    path.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")


def main() -> int:
    paradigms = table()
    write(substitution.SHIPPED, paradigms)
    print(f"wrote {substitution.SHIPPED.relative_to(ROOT)}: {len(paradigms['paradigms'])} paradigms")  # type: ignore[arg-type]
    substitution.shipped.cache_clear()  # the readings are those of a load that finds the new paradigms
    parsed = readings()
    write(READINGS, parsed)
    print(f"wrote {READINGS.relative_to(ROOT)}: {len(parsed['parses'])} words, "
          f"{len(parsed['inflections'])} inflections")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
