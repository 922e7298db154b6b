#!/usr/bin/env python3
"""Benchmark of the harshness model: load time, memory, time per sentence, and its share of a lint.

    python bench/model.py            # from the project root
    python bench/model.py --rounds 5

Texts are our own sentences (scripts/harsh_neutral.txt, scripts/harsh_pairs.txt) put together into
replies of three sentences. The "floor" is what any linter on razdel and pymorphy3 pays: razdel
sentences and tokens plus one pymorphy3 parse of every word, without our caches.
"""

from __future__ import annotations

import argparse
import gc
import statistics
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def sentences() -> list[str]:
    out = []
    for name in ("harsh_neutral.txt", "harsh_pairs.txt"):
        for line in (ROOT / "scripts" / name).read_text(encoding="utf-8").splitlines():
            if line.strip() and not line.startswith("#"):
                out.extend(part.strip() for part in line.split("\t") if part.strip())
    return out


def replies(lines: list[str]) -> list[str]:
    return [" ".join(lines[i:i + 3]) for i in range(0, len(lines) - 2, 3)]


def best_of(rounds: int, fn) -> float:
    times = []
    for _ in range(rounds):
        gc.collect()
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args(argv)

    from tonecheck import model as harsh

    stem = harsh.MODELS_DIR / "harsh"
    tracemalloc.start()
    start = time.perf_counter()
    model = harsh.HarshModel.load(stem)
    load_ms = 1000 * (time.perf_counter() - start)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    size = stem.with_suffix(".npy").stat().st_size

    from tonecheck import Config, Linter
    from tonecheck.doc import Doc

    lines = sentences()
    docs = [Doc.build(t) for t in lines]
    units = [d.sentence_tokens(s) for d in docs for s in d.sentences]
    for tokens in units:  # warm the per-word feature cache, as a long-running linter would
        model.score(tokens)
    per_sentence = best_of(args.rounds, lambda: [model.score(t) for t in units]) / len(units)

    texts = replies(lines)
    with_model = Linter()
    without = Linter(Config(ignore=("HR100",)))
    for linter in (with_model, without):
        for text in texts:
            linter.lint(text)
    lint_on = best_of(args.rounds, lambda: [with_model.lint(t) for t in texts]) / len(texts)
    lint_off = best_of(args.rounds, lambda: [without.lint(t) for t in texts]) / len(texts)

    import pymorphy3
    from razdel import sentenize, tokenize

    analyzer = pymorphy3.MorphAnalyzer()

    def floor() -> None:
        for text in texts:
            list(sentenize(text))
            for token in tokenize(text):
                if any(ch.isalpha() for ch in token.text):
                    analyzer.parse(token.text.lower())

    floor_s = best_of(args.rounds, floor) / len(texts)

    words = statistics.mean(sum(1 for t in u if t.is_word) for u in units)
    print(f"model file           {size / 1e6:.2f} MB ({len(model.weights):,} int16 weights)")
    print(f"load                 {load_ms:.1f} ms, peak {peak / 1e6:.1f} MB allocated while loading")
    print(f"score one sentence   {1e6 * per_sentence:.0f} µs ({len(units)} sentences, {words:.1f} words avg)")
    print(f"lint one reply       {1000 * lint_on:.2f} ms with HR100, {1000 * lint_off:.2f} ms without")
    print(f"razdel+pymorphy3     {1000 * floor_s:.2f} ms a reply (floor)")
    print(f"ratio to the floor   {lint_on / floor_s:.2f} with HR100, {lint_off / floor_s:.2f} without")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
