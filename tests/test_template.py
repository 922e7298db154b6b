from __future__ import annotations

import time

import pytest

from tonecheck import Config, Linter
from tonecheck.template import DEFAULT_PLACEHOLDERS, is_name, mask, name_spans, placeholder_name, unclosed


@pytest.fixture(scope="module")
def linter() -> Linter:
    """Only the familiar and structure rules these texts are about, so other rules cannot add findings."""
    return Linter(Config(select=("familiar", "ST9")))


def codes(report) -> list[str]:
    return [f.code for f in report.findings]


@pytest.mark.parametrize("text", [
    "Здравствуйте, {{ name }}! Заказ {{ order.number|upper }} готов.",
    "{% if paid %}Оплачено{% endif %} {# комментарий, ты #}",
    "Сумма: ${amount} руб., код %CODE%, ссылка {url}, имя {имя}.",
])
def test_mask_keeps_length_and_blanks_only_placeholders(text):
    view, spans = mask(text)
    assert len(view) == len(text)
    assert spans
    for start, stop in spans:
        assert view[start:stop].strip() == ""
    outside = "".join(ch for i, ch in enumerate(text) if not any(s <= i < e for s, e in spans))
    assert outside == "".join(ch for i, ch in enumerate(view) if not any(s <= i < e for s, e in spans))


def test_mask_keeps_line_breaks_inside_multiline_blocks():
    text = "Заказ {#\nстарый текст\n#} готов"
    view, _ = mask(text)
    assert view.count("\n") == 2 and "старый" not in view


def test_unclosed_opener_is_blanked_to_end_of_line():
    text = "Здравствуйте, {{ name !\nВаш заказ {{ order_id }} готов."
    view, _ = mask(text)
    assert view.splitlines()[0] == "Здравствуйте," + " " * 10
    assert "Ваш заказ" in view and "order_id" not in view
    assert unclosed(text, [(34, 48)]) == [(14, 23)]


def test_custom_patterns_replace_the_defaults():
    text = "Промокод [[promo_code]] и {{ name }}"
    view, _ = mask(text, [r"\[\[[a-z_]+\]\]"])
    assert "promo_code" not in view and "{{ name }}" in view  # only the given patterns mask
    view, _ = mask(text, [*DEFAULT_PLACEHOLDERS, r"\[\[[a-z_]+\]\]"])
    assert view.strip() == "Промокод" + " " * 16 + "и"


@pytest.mark.parametrize("placeholder,expected", [
    ("{{ name }}", True), ("{{ customer.first_name|title }}", True), ("%NAME%", True),
    ("${clientName}", True), ("${clientId}", False), ("{имя}", True), ("{{- user.full_name -}}", True),
    ("{{ order_id }}", False), ("{{ username }}", False), ("%ORDER%", False),
])
def test_is_name(placeholder, expected):
    assert is_name(placeholder) is expected


def test_name_spans_pick_the_customer_name():
    text = "Здравствуйте, {{ name }}! Заказ {{ order_id }}."
    _, spans = mask(text)
    assert [text[s:e] for s, e in name_spans(text, spans)] == ["{{ name }}"]


def test_placeholders_never_trigger_rules_and_offsets_point_into_the_file(linter):
    text = "Здравствуйте, {{ ty_name }}! {# тебе привет #}Твой заказ {{ order }} готов."
    report = linter.lint(text)
    assert codes(report) == ["FM001"]
    finding = report.findings[0]
    assert text[finding.start:finding.end] == "Твой" == finding.text


def test_doc_knows_which_placeholders_are_the_customer_name(linter):
    doc = linter.doc("Здравствуйте, {{ customer.first_name }}! Заказ %ORDER% готов.")
    assert [doc.text[s:e] for s, e in doc.name_placeholders] == ["{{ customer.first_name }}"]
    assert linter.doc("Заказ {{ order_id }} готов.").name_placeholders == []


@pytest.mark.parametrize("unit", ["{{\n", "{% x\n{{ y }}\n", "${", "{# a #}"])
def test_many_placeholders_are_masked_in_linear_time(unit):
    text = unit * (200_000 // len(unit))
    start = time.perf_counter()
    view, _ = mask(text)
    assert len(view) == len(text)
    assert time.perf_counter() - start < 5  # a quadratic overlap check takes minutes here


@pytest.mark.parametrize(
    ("placeholder", "name"),
    [
        ("{{ agent.name|e }}", "agent.name"),
        ("{{- customer.first_name -}}", "customer.first_name"),
        ("%SIGNATURE%", "signature"),
        ("[[promo_code]]", "promo_code"),
        ("${clientName}", "clientname"),
        ("{имя}", "имя"),
    ],
)
def test_placeholder_name(placeholder, name):
    assert placeholder_name(placeholder) == name
