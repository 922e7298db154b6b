"""The drafts set: realistic replies (chat, email, SMS; complaints and plain questions) written for
tonecheck, each with the categories it must get (``expect``) and must not get (``forbid``).

It is the same file ``evaluate.py --only drafts --drafts tests/data/drafts.jsonl`` reads.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from tonecheck import CATEGORIES, CHANNELS

DRAFTS = Path(__file__).parent / "data" / "drafts.jsonl"
ETIQUETTE = ("greeting", "personalization", "structure", "clarity", "surzhyk", "familiar")
#: Floors per category on this set (precision, recall); the measured figures are in docs/etiquette.md.
FLOORS = {
    "greeting": (0.95, 0.95),
    "personalization": (0.95, 0.95),
    "structure": (0.95, 0.95),
    "clarity": (0.95, 0.95),
    "surzhyk": (0.95, 0.95),
    "familiar": (0.9, 0.95),
}


def load() -> list[dict]:
    with DRAFTS.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


CASES = load()


def test_the_set_is_well_formed():
    assert len(CASES) >= 40
    ids = [c["id"] for c in CASES]
    assert len(ids) == len(set(ids))
    for case in CASES:
        assert set(case) == {"id", "text", "customer_name", "customer_message", "channel", "expect", "forbid"}
        assert case["channel"] in CHANNELS
        assert set(case["expect"]) <= set(CATEGORIES) and set(case["forbid"]) <= set(CATEGORIES)
        assert not set(case["expect"]) & set(case["forbid"]), case["id"]
    channels = Counter(c["channel"] for c in CASES)
    assert min(channels[ch] for ch in ("chat", "email", "sms")) >= 5
    assert sum(1 for c in CASES if c["customer_message"]) >= 15


@pytest.fixture(scope="module")
def outcomes(linter) -> list[tuple[dict, set[str]]]:
    out = []
    for case in CASES:
        report = linter.lint(
            case["text"],
            customer_name=case["customer_name"],
            customer_message=case["customer_message"],
            channel=case["channel"],
        )
        out.append((case, {f.category for f in report.findings}))
    return out


def scores(outcomes: list[tuple[dict, set[str]]]) -> dict[str, dict[str, float | int | None]]:
    """Per category over the cases that label it: precision, recall and the counts behind them."""
    table = {}
    for category in ETIQUETTE:
        c: Counter[str] = Counter()
        for case, found in outcomes:
            if category in case["expect"]:
                c["tp" if category in found else "fn"] += 1
            elif category in case["forbid"]:
                c["fp" if category in found else "tn"] += 1
        precision = c["tp"] / (c["tp"] + c["fp"]) if c["tp"] + c["fp"] else None
        recall = c["tp"] / (c["tp"] + c["fn"]) if c["tp"] + c["fn"] else None
        table[category] = {
            "precision": precision,
            "recall": recall,
            **{k: c[k] for k in ("tp", "fp", "fn", "tn")},
        }
    return table


def test_case_pass_rate(outcomes):
    failed = [
        case["id"] for case, found in outcomes if set(case["expect"]) - found or set(case["forbid"]) & found
    ]
    assert 1 - len(failed) / len(outcomes) >= 0.95, failed


@pytest.mark.parametrize("category", ETIQUETTE)
def test_precision_and_recall_floors(outcomes, category):
    row = scores(outcomes)[category]
    assert row["tp"] >= 3, f"too few positive cases for {category}"
    low_p, low_r = FLOORS[category]
    assert row["precision"] >= low_p and row["recall"] >= low_r, row


if __name__ == "__main__":  # the figures for the docs: python tests/test_drafts.py
    from tonecheck import Linter

    linter = Linter()
    table = scores(
        [
            (
                case,
                {
                    f.category
                    for f in linter.lint(
                        case["text"],
                        customer_name=case["customer_name"],
                        customer_message=case["customer_message"],
                        channel=case["channel"],
                    ).findings
                },
            )
            for case in CASES
        ]
    )
    for category, row in table.items():
        print(
            f"{category:16} P={row['precision']:.3f} R={row['recall']:.3f} "
            f"tp={row['tp']} fp={row['fp']} fn={row['fn']} tn={row['tn']}"
        )
