"""Speed of ``tonecheck.lint`` against the floor: razdel + pymorphy3 over the same texts, same run.

    python bench/core.py                 # texts from ../shared/eval/data when present, else built-in
    python bench/core.py --n 2000 --json

``info_*`` lines, for information only (not the target): the floor with an uncached pymorphy3 parse.
Also measures the cold start of ``tonecheck check -t …`` (median of several runs) and its peak memory.
The ratio target is ≤ 2.0; the cold start target ≤ 0.6 s; peak memory ≤ 150 MB.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import resource
import shutil
import statistics
import subprocess
import sys
import time
from functools import lru_cache
from pathlib import Path

HERE = Path(__file__).resolve().parent
SHARED = HERE.parent.parent / "shared" / "eval" / "data"

# Built-in drafts, written for the benchmark, recombined when no corpus is at hand.
OPENINGS = ["Здравствуйте!", "Добрый день, Анна!", "Привет!", "Здравствуйте, Игорь Викторович.", ""]
BODIES = [
    "Ваш заказ уже передан в службу доставки, курьер привезёт его завтра с 10 до 18 часов.",
    "Щас проверю, бабки вернут в течение трёх дней.",
    "Вы сами виноваты, надо было читать условия внимательнее!!!",
    "К сожалению, товар закончился на складе, но мы можем предложить похожую модель.",
    "В настоящее время осуществляется проверка данного обращения.",
    "Напиши номер заказа, и я посмотрю, что случилось с твоей посылкой.",
    "Деньги за возврат поступят на карту, которой вы оплачивали покупку.",
    "Чтобы сменить пароль, откройте настройки профиля и нажмите «Безопасность».",
    "ВНИМАНИЕ! Доставка в праздничные дни не работает.",
    "Мы передали ваш отзыв руководителю отдела, спасибо, что сообщили.",
]
CLOSINGS = ["С уважением, служба поддержки.", "Если остались вопросы, напишите нам.", "Ждите.", ""]


def corpus(n: int, seed: int = 1) -> list[str]:
    texts: list[str] = []
    dev = SHARED / "russe_detox_2022" / "dev_binary.tsv"
    faq = SHARED / "rutube_support_qna" / "knowledge_base_faq.tsv"
    if dev.exists():
        with dev.open(encoding="utf-8", newline="") as handle:
            texts += [r["text"] for r in csv.DictReader(handle, delimiter="\t")]
    if faq.exists():
        with faq.open(encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle, delimiter="\t"))
            column = next((c for c in ("answer", "Answer", "text") if rows and c in rows[0]), None)
            if column:
                texts += [r[column] for r in rows if r[column]]
    rng = random.Random(seed)
    while len(texts) < n:
        texts.append(" ".join(x for x in (rng.choice(OPENINGS), rng.choice(BODIES), rng.choice(BODIES),
                                         rng.choice(CLOSINGS)) if x))
    rng.shuffle(texts)
    return texts[:n]


def floor(texts: list[str]) -> float:
    """razdel tokens and sentences, pymorphy3 parse of every word (cached per word, as tonecheck does)."""
    import pymorphy3
    from razdel import sentenize, tokenize

    analyzer = pymorphy3.MorphAnalyzer()
    parse = lru_cache(maxsize=200_000)(analyzer.parse)
    start = time.perf_counter()
    for text in texts:
        list(sentenize(text))
        for token in tokenize(text):
            if any(ch.isalpha() for ch in token.text):
                parse(token.text.lower())
    return time.perf_counter() - start


def floor_uncached(texts: list[str]) -> float:
    """For information only: the same floor with a pymorphy3 parse of every word, no cache."""
    import pymorphy3
    from razdel import sentenize, tokenize

    analyzer = pymorphy3.MorphAnalyzer()
    start = time.perf_counter()
    for text in texts:
        list(sentenize(text))
        for token in tokenize(text):
            if any(ch.isalpha() for ch in token.text):
                analyzer.parse(token.text.lower())
    return time.perf_counter() - start


def tonecheck_time(texts: list[str]) -> float:
    import tonecheck

    linter = tonecheck.Linter()
    linter.lint("Прогрев.")
    start = time.perf_counter()
    for text in texts:
        linter.lint(text)
    return time.perf_counter() - start


def cold_start(runs: int) -> tuple[float, float, float]:
    """Median wall time, median CPU time (user + system: robust to a busy machine), peak RSS in MB."""
    import compileall

    import tonecheck

    # An installed package has its bytecode (pip compiles it); a checkout run with PYTHONDONTWRITEBYTECODE
    # would otherwise compile every module from source on every run and measure that instead.
    compileall.compile_dir(Path(tonecheck.__file__).parent, quiet=1)
    exe = shutil.which("tonecheck") or str(Path(sys.executable).with_name("tonecheck"))
    # The runs start from a small wrapper process: a child forked from this process (which has loaded
    # everything) would report this process's memory as its own peak.
    report = subprocess.run([sys.executable, "-c", _COLD_WRAPPER, exe, str(runs)], capture_output=True,
                            text=True, check=True)
    figures = json.loads(report.stdout)
    return statistics.median(figures["wall"]), statistics.median(figures["cpu"]), figures["peak_kb"] / 1024


_COLD_WRAPPER = """
import json, resource, subprocess, sys, time
exe, runs = sys.argv[1], int(sys.argv[2])
wall, cpu = [], []
for _ in range(runs):
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run([exe, "check", "--color", "never", "-t", "Щас проверю, жди."], capture_output=True)
    wall.append(time.perf_counter() - start)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu.append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
print(json.dumps({"wall": wall, "cpu": cpu, "peak_kb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss}))
"""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=1500)
    parser.add_argument("--rounds", type=int, default=3, help="alternating rounds; the best of each is kept")
    parser.add_argument("--cold-runs", type=int, default=7)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()

    texts = corpus(args.n)
    floor_s, tc_s = [], []
    for _ in range(args.rounds):
        floor_s.append(floor(texts))
        tc_s.append(tonecheck_time(texts))
    best_floor, best_tc = min(floor_s), min(tc_s)
    uncached = floor_uncached(texts)
    cold, cold_cpu, peak = cold_start(args.cold_runs)
    result = {
        "texts": len(texts),
        "avg_chars": round(sum(map(len, texts)) / len(texts), 1),
        "floor_ms_per_text": round(1000 * best_floor / len(texts), 3),
        "tonecheck_ms_per_text": round(1000 * best_tc / len(texts), 3),
        "ratio": round(best_tc / best_floor, 2),
        "info_floor_uncached_ms_per_text": round(1000 * uncached / len(texts), 3),
        "info_ratio_vs_uncached_floor": round(best_tc / uncached, 2),
        "cold_start_median_s": round(cold, 3),
        "cold_start_cpu_s": round(cold_cpu, 3),
        "cold_start_peak_mb": round(peak, 1),
    }
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=2))
    else:
        for key, value in result.items():
            print(f"{key:32} {value}")
        print("targets: ratio ≤ 2.0, cold start ≤ 0.6 s, peak memory ≤ 150 MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
