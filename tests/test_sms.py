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


def test_placeholders_count_as_typical_values(only):
    linter = only("CL050")
    # «{{ customer.first_name }}» is 26 characters of syntax, but the customer gets a name of about 10.
    text = "{{ customer.first_name }}, заказ {{ order.number }} готов к выдаче. " + "Хранение 7 дней. " * 3
    report = linter.lint(text, channel="sms")
    assert report.extras["sms_estimate"] is True
    assert report.extras["sms_length"] == len(text.strip()) - 25 - 18 + 10 + 9  # first_name → 10, number → 9
    assert codes(report) == []


def test_estimated_message_says_so_and_points_into_the_file(only):
    text = "Здравствуйте, {{ name }}! " + "Заказ {{ order_number }} передан курьеру. " * 5
    (finding,) = only("CL050").lint(text, channel="sms").findings
    assert "примерно" in finding.message and "оценка" in finding.message
    assert finding.data["estimate"] is True
    assert finding.end == len(text.rstrip()) and text.index("{{ order_number }}") < finding.start


def test_comments_and_blocks_print_nothing(only):
    comment = "{# tonecheck: disable-file=FM003 — согласовано с маркетингом, длинное пояснение #}\n"
    text = comment + "{% if name %}{{ name }}, {% endif %}заказ готов к выдаче."
    report = only("CL050").lint(text, channel="sms")
    assert report.extras["sms_length"] == len("xxxxxxxxxx, заказ готов к выдаче.")


def test_encoding_ignores_placeholder_syntax(only):
    # Braces are GSM-7 extension characters (two septets each); the customer never sees them.
    report = only("CL050").lint("Order {{ order.number }} is ready for pickup.", channel="sms")
    assert report.extras["sms_encoding"] == "GSM-7"
    assert report.extras["sms_length"] == len("Order  is ready for pickup.") + 9


def test_lengths_from_settings(builtin_rules):
    from tonecheck.config import Config
    from tonecheck.engine import Linter
    from tonecheck.template import DEFAULT_PLACEHOLDERS

    rules = [r for r in builtin_rules if r.code == "CL050"]
    text = "Промокод [[promo]] до {{ valid_until }}."
    custom = Linter(Config(options={"sms_placeholder_lengths": {"promo": 12, "until": 6},
                                    "placeholders": [*DEFAULT_PLACEHOLDERS, r"\[\[[a-z_]+\]\]"]}), rules=rules)
    assert custom.lint(text, channel="sms").extras["sms_length"] == len("Промокод  до .") + 12 + 6


def test_bad_lengths_are_errors(builtin_rules):
    from tonecheck.checks import sms
    from tonecheck.errors import ConfigError, RuleError
    from tonecheck.morph import morph

    rule = next(r for r in builtin_rules if r.code == "CL050")
    with pytest.raises(ConfigError):
        sms.compile(rule, morph(), options={"sms_placeholder_lengths": {"name": "десять"}})
    broken = type(rule)(**{**rule.__dict__, "spec": {**rule.spec, "placeholder_lengths": ["name"]}})
    with pytest.raises(RuleError):
        sms.compile(broken, morph())


def test_typical_length_by_name():
    from tonecheck.checks.sms import typical_length

    lengths = {"default": 10, "name": 10, "number": 9, "url": 25, "full_name": 30}
    assert typical_length("customer.first_name", lengths) == 10
    assert typical_length("order_number", lengths) == 9
    assert typical_length("customer.full_name", lengths) == 30
    assert typical_length("short_url", lengths) == 25
    assert typical_length("status_text", lengths) == 10
