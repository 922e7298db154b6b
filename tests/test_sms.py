"""CL050: SMS segments — UCS-2 70/67 for Cyrillic, GSM-7 160/153 otherwise."""

from __future__ import annotations

import pytest

from tests.conftest import codes
from tonecheck.checks.sms import parts_word, segments


@pytest.mark.parametrize(
    ("text", "encoding", "count"),
    [
        ("", "GSM-7", 0),
        ("a" * 160, "GSM-7", 1),
        ("a" * 161, "GSM-7", 2),
        ("a" * 306, "GSM-7", 2),
        ("a" * 307, "GSM-7", 3),
        ("€" * 80, "GSM-7", 1),  # extension characters take two septets
        ("€" * 81, "GSM-7", 2),
        ("я" * 70, "UCS-2", 1),
        ("я" * 71, "UCS-2", 2),
        ("я" * 134, "UCS-2", 2),
        ("я" * 135, "UCS-2", 3),
        ("a" * 159 + "я", "UCS-2", 3),  # one Cyrillic letter switches the whole message
        ("😀" * 35, "UCS-2", 1),  # outside the BMP: two UTF-16 units each
        ("😀" * 36, "UCS-2", 2),
    ],
)
def test_segments(text, encoding, count):
    seg = segments(text)
    assert (seg.encoding, seg.count) == (encoding, count)


def test_boundaries_never_split_a_character():
    seg = segments("я" + "😀" * 40)
    assert seg.boundaries == (34,)  # 1 + 33 × 2 = 67 units fit, the 34th emoji starts part two


def test_rule_fires_over_two_parts_and_shows_the_count(only):
    linter = only("CL050")
    long = "Здравствуйте, Анна! " + "Заказ передан курьеру. " * 6
    report = linter.lint(long, channel="sms")
    assert codes(report) == ["CL050"]
    assert "3 части" in report.findings[0].message and "UCS-2" in report.findings[0].message
    assert report.extras["sms_segments"] == 3 and report.extras["sms_encoding"] == "UCS-2"
    assert report.findings[0].start == 67 * 2 + 0
    assert codes(linter.lint(long, channel="chat")) == []
    assert codes(linter.lint("Анна, заказ готов к выдаче.", channel="sms")) == []


def test_parts_word():
    assert [parts_word(n) for n in (1, 2, 5, 11, 21, 22)] == [
        "часть",
        "части",
        "частей",
        "частей",
        "часть",
        "части",
    ]
