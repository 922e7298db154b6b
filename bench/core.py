"""Speed of ``tonecheck.lint`` against the floor: razdel + pymorphy3 over the same texts, same run.

    python bench/core.py                 # texts from ../shared/eval/data when present, else built-in
    python bench/core.py --n 2000 --json

Both sides are measured in the same state, the one a long-running helpdesk process is in: in each
round each side runs in a fresh process of its own that first warms it on other texts (RUSSE train
comments, else recombined built-in drafts), then times it over the measured texts, which neither has
seen — so new words cost their first pymorphy3 parse (and the objects they leave, the garbage
collector's time) on both sides. The ratio is the median over rounds.

``info_*`` lines, for information only (not the target): the same texts a second time (every word
seen by both sides), and the floor with an uncached pymorphy3 parse.
Also measures the cold start of ``tonecheck check -t …`` (median of several runs) and its peak memory.
The ratio target is ≤ 2.0; the cold start target ≤ 0.6 s; peak memory ≤ 150 MB.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
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
    """The measured texts: RUSSE 2022 dev comments and RUTUBE FAQ answers, topped up with built-in drafts."""
    texts = _column(SHARED / "russe_detox_2022" / "dev_binary.tsv", ("text",))
    texts += _column(SHARED / "rutube_support_qna" / "knowledge_base_faq.tsv", ("answer", "Answer", "text"))
    return _topped_up(texts, n, random.Random(seed))


def warmup(n: int, seed: int = 2) -> list[str]:
    """Texts to warm both sides on, never measured: RUSSE 2022 train comments, topped up likewise."""
    texts = _column(SHARED / "russe_detox_2022" / "train_binary.tsv", ("text",))
    rng = random.Random(seed)
    rng.shuffle(texts)
    return _topped_up(texts[:n], n, rng)


def _column(path: Path, names: tuple[str, ...]) -> list[str]:
    if not path.exists():
        return []
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    column = next((c for c in names if rows and c in rows[0]), None)
    return [r[column] for r in rows if r[column]] if column else []


def _topped_up(texts: list[str], n: int, rng: random.Random) -> list[str]:
    while len(texts) < n:
        texts.append(" ".join(x for x in (rng.choice(OPENINGS), rng.choice(BODIES), rng.choice(BODIES),
                                         rng.choice(CLOSINGS)) if x))
    rng.shuffle(texts)
    return texts[:n]


class Floor:
    """razdel tokens and sentences, pymorphy3 parse of every word (cached per word, as tonecheck does)."""

    def __init__(self, cached: bool = True) -> None:
        import pymorphy3

        analyzer = pymorphy3.MorphAnalyzer()
        self.parse = lru_cache(maxsize=200_000)(analyzer.parse) if cached else analyzer.parse

    def run(self, texts: list[str]) -> float:
        from razdel import sentenize, tokenize

        parse = self.parse
        start = time.perf_counter()
        for text in texts:
            list(sentenize(text))
            for token in tokenize(text):
                if any(ch.isalpha() for ch in token.text):
                    parse(token.text.lower())
        return time.perf_counter() - start


class Tonecheck:
    def __init__(self) -> None:
        import tonecheck

        self.linter = tonecheck.Linter()

    def run(self, texts: list[str]) -> float:
        lint = self.linter.lint
        start = time.perf_counter()
        for text in texts:
            lint(text)
        return time.perf_counter() - start


def one_side(side: str, n: int, warm: int) -> dict[str, float]:
    """One fresh process for one side: warm it on other texts, then time it on the measured texts twice.

    Each side has a process of its own: the garbage collector's full passes walk every object in the
    process, so a side timed next to the other would pay for the other's objects.
    """
    texts, others = corpus(n), warmup(warm)
    runner = Tonecheck() if side == "tonecheck" else Floor()
    runner.run(others)
    out = {side: runner.run(texts), f"{side}_seen": runner.run(texts)}  # new texts (the target), then again
    if side == "floor":
        out["floor_uncached"] = Floor(cached=False).run(texts)
    return out


def rounds(n: int, warm: int, count: int) -> list[dict[str, float]]:
    """``count`` rounds of both sides, each side in its own process, in alternating order."""
    out = []
    for i in range(count):
        sides = ("tonecheck", "floor") if i % 2 == 0 else ("floor", "tonecheck")
        figures: dict[str, float] = {}
        for side in sides:
            report = subprocess.run([sys.executable, __file__, "--side", side, "--n", str(n), "--warm", str(warm)],
                                    capture_output=True, text=True, check=True)
            figures.update(json.loads(report.stdout))
        out.append(figures)
    return out


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
    parser.add_argument("--warm", type=int, default=3000, help="warm-up texts, never measured")
    parser.add_argument("--rounds", type=int, default=5, help="rounds, each a fresh process; medians are kept")
    parser.add_argument("--cold-runs", type=int, default=7)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--side", choices=("tonecheck", "floor"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.side:
        print(json.dumps(one_side(args.side, args.n, args.warm)))
        return 0

    figures = rounds(args.n, args.warm, args.rounds)
    n = len(corpus(args.n))
    ms = lambda key: statistics.median(f[key] for f in figures) * 1000 / n  # noqa: E731
    ratio = lambda a, b: statistics.median(f[a] / f[b] for f in figures)  # noqa: E731
    cold, cold_cpu, peak = cold_start(args.cold_runs)
    texts = corpus(args.n)
    result = {
        "texts": n,
        "avg_chars": round(sum(map(len, texts)) / n, 1),
        "warmup_texts": args.warm,
        "rounds": args.rounds,
        "floor_ms_per_text": round(ms("floor"), 3),
        "tonecheck_ms_per_text": round(ms("tonecheck"), 3),
        "ratio": round(ratio("tonecheck", "floor"), 2),
        "ratio_spread": [round(min(f["tonecheck"] / f["floor"] for f in figures), 2),
                         round(max(f["tonecheck"] / f["floor"] for f in figures), 2)],
        "info_seen_floor_ms_per_text": round(ms("floor_seen"), 3),
        "info_seen_tonecheck_ms_per_text": round(ms("tonecheck_seen"), 3),
        "info_seen_ratio": round(ratio("tonecheck_seen", "floor_seen"), 2),
        "info_floor_uncached_ms_per_text": round(ms("floor_uncached"), 3),
        "info_ratio_vs_uncached_floor": round(ratio("tonecheck", "floor_uncached"), 2),
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
