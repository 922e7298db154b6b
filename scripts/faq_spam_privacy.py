#!/usr/bin/env python3
"""How often [spam] and [privacy] fire on real support answers, with every hit shown for reading.

    python scripts/faq_spam_privacy.py [path/to/knowledge_base_faq.tsv] [--channel email] [--all]

The default path is the shared evaluation copy of RUTUBE's support knowledge base. ``--all`` also
prints answers that scored spam points below the threshold, to see what nearly fired.
"""

from __future__ import annotations

import argparse
import csv
import sys
from collections import Counter
from pathlib import Path

import tonecheck

DEFAULT = Path("/work/shared/eval/data/rutube_support_qna/knowledge_base_faq.tsv")
CATEGORIES = ("spam", "privacy")


def answers(path: Path) -> list[tuple[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return [(row["faq_id"], row["answer"]) for row in csv.DictReader(handle, delimiter="\t")]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", nargs="?", type=Path, default=DEFAULT)
    parser.add_argument("--channel", default="chat", choices=tonecheck.CHANNELS)
    parser.add_argument("--all", action="store_true", help="also answers below the threshold")
    args = parser.parse_args()
    if not args.path.exists():
        print(f"нет файла {args.path}", file=sys.stderr)
        return 2
    rows = answers(args.path)
    linter = tonecheck.Linter(tonecheck.Config(select=("spam", "privacy")))
    fired: Counter[str] = Counter()
    points = []
    for faq_id, text in rows:
        report = linter.lint(text, channel=args.channel)
        points.append(report.spam_score)
        hits = [f for f in report.findings if f.category in CATEGORIES]
        for category in {f.category for f in hits}:
            fired[category] += 1
        if hits or (args.all and report.spam_score > 0):
            spam = report.spam
            breakdown = ", ".join(f"{r['name']} +{r['points']:g}" for r in spam["rules"])
            print(f"#{faq_id}  спам-баллы {spam['score']:g}/{spam['threshold']:g}  [{breakdown}]")
            for f in hits:
                print(f"    {f.code} {f.name}: «{f.text[:100]}» — {f.message}")
            print("    " + " ".join(text.split())[:300])
    n = len(rows)
    print()
    print(f"ответов: {n}, канал: {args.channel}")
    for category in CATEGORIES:
        print(f"  [{category}] сработал в {fired[category]} ({fired[category] / n:.1%})")
    points.sort()
    print(f"  спам-баллы: медиана {points[n // 2]:g}, 95-й процентиль {points[int(n * 0.95)]:g}, "
          f"максимум {points[-1]:g}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
