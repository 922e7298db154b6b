"""Benchmark of the topic rules: embedding load time and memory, relevance time per pair.

    PYTHONPATH=. python bench/topic.py            # prints a small table
    PYTHONPATH=. python bench/topic.py --pairs 500

Pairs are built from the support questions and answers below, every question against every answer.
"""

from __future__ import annotations

import argparse
import itertools
import resource
import statistics
import time

QUESTIONS = [
    "Здравствуйте! Как вернуть деньги за отменённый заказ?",
    "Почему с карты списали плату за подписку, если я её отключил?",
    "Не приходит СМС с кодом для входа в приложение банка",
    "Курьер опоздал на два часа и привёз холодную пиццу. Хочу компенсацию.",
    "Где мой заказ? И можно ли поменять адрес доставки?",
]
ANSWERS = [
    "Добрый день! Деньги за отменённый заказ вернутся на карту, с которой вы платили, "
    "в течение 3–5 рабочих дней.",
    "Подписка продлилась автоматически за день до отключения, поэтому списание прошло. Мы оформили возврат.",
    "Проверьте, что номер телефона в профиле указан верно, и перезагрузите телефон. "
    "Если код так и не придёт, войдите по отпечатку пальца или через интернет-банк. "
    "Если останутся вопросы, обращайтесь!",
    "Простите за опоздание курьера и остывшую пиццу. Мы начислили вам компенсацию — 500 бонусных рублей.",
    "Да, можно.",
]


def rss_mb() -> float:
    with open("/proc/self/statm") as f:
        pages = int(f.read().split()[1])
    return pages * resource.getpagesize() / 2**20


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", type=int, default=200, help="how many relevance calls to time")
    args = parser.parse_args()

    from tonecheck import relevance
    from tonecheck.checks.topic import load_lexicon
    from tonecheck.doc import Doc
    from tonecheck.morph import morph
    from tonecheck.rule import builtin_dir

    analyzer = morph()
    lexicon = load_lexicon(builtin_dir() / "topic" / "_lexicon.yaml", analyzer)
    before = rss_mb()
    start = time.perf_counter()
    from tonecheck.vectors import vectors

    vec = vectors()
    vec.common  # noqa: B018 - part of the first load
    load = time.perf_counter() - start
    after = rss_mb()

    pairs = list(itertools.product(QUESTIONS, ANSWERS))
    docs = {t: Doc.build(t, analyzer=analyzer) for t in QUESTIONS + ANSWERS}
    for q, a in pairs:  # warm the word caches, as a long-running process has them
        relevance.compare(relevance.side(docs[q], lexicon, vec), relevance.side(docs[a], lexicon, vec), vec)
    times = []
    cpu = []
    for q, a in itertools.islice(itertools.cycle(pairs), args.pairs):
        t0, c0 = time.perf_counter(), time.thread_time()
        relevance.compare(relevance.side(docs[q], lexicon, vec), relevance.side(docs[a], lexicon, vec), vec)
        times.append((time.perf_counter() - t0) * 1000)
        cpu.append((time.thread_time() - c0) * 1000)
    cold = []
    for q, a in pairs:  # including analysing the customer's message (razdel + pymorphy3)
        t0 = time.perf_counter()
        message = Doc.build(q + " ", analyzer=analyzer)
        relevance.compare(relevance.side(message, lexicon, vec), relevance.side(docs[a], lexicon, vec), vec)
        cold.append((time.perf_counter() - t0) * 1000)
    times.sort()
    cpu.sort()
    print(f"embeddings load:            {load:.2f} s")
    print(f"memory (RSS) added by load: {after - before:.0f} MB (process {after:.0f} MB)")
    print(f"relevance per pair:         median {statistics.median(times):.2f} ms, "
          f"p95 {times[int(0.95 * len(times)) - 1]:.2f} ms over {len(times)} calls")
    print(f"  CPU time per pair:        median {statistics.median(cpu):.2f} ms, "
          f"p95 {cpu[int(0.95 * len(cpu)) - 1]:.2f} ms (wall time suffers when the machine is busy)")
    print(f"with the message parsed:    median {statistics.median(cold):.2f} ms")


if __name__ == "__main__":
    main()
