#!/usr/bin/env python3
"""Write tonecheck/data/paradigms.json: the paradigms of the built-in lexicons' unknown words.

    python scripts/update_paradigms.py

Run it after changing a substitution lexicon in rules/ or upgrading pymorphy3 or its dictionary;
tests/test_substitution.py fails while the table is out of date. The table only saves time: without
it (or when it was written by another pymorphy3) the paradigms are computed when the rules load.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tonecheck.checks import substitution  # noqa: E402
from tonecheck.engine import load_rules  # noqa: E402
from tonecheck.morph import morph  # noqa: E402
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


def main() -> int:
    substitution.SHIPPED.parent.mkdir(exist_ok=True)
    data = table()
    substitution.SHIPPED.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n",
                                    encoding="utf-8")
    print(f"wrote {substitution.SHIPPED.relative_to(ROOT)}: {len(data['paradigms'])} paradigms")  # type: ignore[arg-type]
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
