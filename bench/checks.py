"""Where lint time goes: microseconds per text for the Doc and for every rule, on new and on seen texts.

    python bench/checks.py               # 1500 measured texts after 3000 warm-up texts, as bench/core.py
    python bench/checks.py --top 20

"new" is the first pass over texts the linter has not seen (the state bench/core.py measures: first
sight of new words counts); "seen" is a second pass over the same texts. Also prints how many objects
each new text leaves behind in the caches: each of them costs the garbage collector time later.
Figures are wall-clock and noisy on a shared machine: compare runs, not single numbers.
"""

from __future__ import annotations

import argparse
import collections
import gc
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from core import corpus, warmup


def one_pass(linter, texts: list[str]) -> collections.Counter[str]:
    ctx = linter.context()
    plan = [(check, getattr(check, "measure", None)) for check in linter.active(ctx)]
    spent: collections.Counter[str] = collections.Counter()
    for text in texts:
        start = time.perf_counter()
        doc = linter.doc(text)
        _ = doc.index  # built once per text; most rules read it
        spent["<Doc+index>"] += time.perf_counter() - start
        for check, measure in plan:
            start = time.perf_counter()
            for _ in check.run(doc, ctx):
                pass
            if measure is not None:
                measure(doc, ctx)
            spent[f"{check.rule.code} {check.rule.kind}"] += time.perf_counter() - start
    return spent


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=1500)
    parser.add_argument("--warm", type=int, default=3000)
    parser.add_argument("--top", type=int, default=30)
    args = parser.parse_args()

    import tonecheck

    texts, others = corpus(args.n), warmup(args.warm)
    linter = tonecheck.Linter()
    for text in others:
        linter.lint(text)
    gc.collect()
    before = len(gc.get_objects())
    new = one_pass(linter, texts)
    gc.collect()
    survivors = (len(gc.get_objects()) - before) / len(texts)
    seen = one_pass(linter, texts)
    n = len(texts)
    print(f"sum of parts: new {sum(new.values()) / n * 1e3:.3f} ms/text, seen {sum(seen.values()) / n * 1e3:.3f}; "
          f"objects left per new text: {survivors:.1f}")
    print(f"{'new µs':>9} {'seen µs':>9}  part")
    for key, value in new.most_common(args.top):
        print(f"{value / n * 1e6:9.1f} {seen[key] / n * 1e6:9.1f}  {key}")
    kinds_new: collections.Counter[str] = collections.Counter()
    kinds_seen: collections.Counter[str] = collections.Counter()
    for key, value in new.items():
        kinds_new[key.split()[-1]] += value
        kinds_seen[key.split()[-1]] += seen[key]
    print("by kind:")
    for key, value in kinds_new.most_common():
        print(f"{value / n * 1e6:9.1f} {kinds_seen[key] / n * 1e6:9.1f}  {key}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
