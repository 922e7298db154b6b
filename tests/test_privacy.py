"""Personal data in replies: check digits, the words around a number, masks and the allow-list."""

from __future__ import annotations

from datetime import date

import pytest

from tonecheck import Config, ConfigError, Linter
from tonecheck.checks.privacy import (
    FEWEST_DIGITS,
    SHAPES,
    account_key_valid,
    inn_valid,
    luhn,
    mask,
    passport_series_valid,
    snils_valid,
)

CARD = "4276 3800 1234 5679"  # Luhn-valid
NOT_CARD = "4276 3800 1234 5678"  # the same digits with a wrong check digit


@pytest.fixture(scope="module")
def pv(builtin_rules):
    return Linter(rules=[r for r in builtin_rules if r.category == "privacy"])


def found(report) -> list[tuple[str, str]]:
    return [(f.code, f.text) for f in report.findings]


# ---------------------------------------------------------------- check digits


@pytest.mark.parametrize(("number", "valid"), [
    ("4111111111111111", True), ("4276380012345679", True), ("5536913799227455", True),
    ("378282246310005", True), ("4276380012345678", False), ("1234567812345678", False),
])
def test_luhn(number, valid):
    assert luhn(number) is valid


@pytest.mark.parametrize(("number", "valid"), [
    ("7707083893", True), ("500100732259", True), ("7707083894", False), ("500100732258", False),
    ("500100732269", False), ("12345", False),
])
def test_inn_check_digits(number, valid):
    assert inn_valid(number) is valid


@pytest.mark.parametrize(("number", "valid"), [
    ("11223344595", True), ("11223344596", False), ("00100199800", False),
])
def test_snils_checksum(number, valid):
    assert snils_valid(number) is valid


def test_passport_series_needs_a_region_and_a_plausible_year():
    today = date(2025, 6, 1)
    assert passport_series_valid("4509", today) and passport_series_valid("4598", today)
    assert not passport_series_valid("4550", today)  # blanks printed in 2050
    assert not passport_series_valid("0012", today)  # no region 00


def test_account_key_against_the_bik():
    assert account_key_valid("40817810938160925982", "044525225")
    assert not account_key_valid("40817810938160925983", "044525225")


def test_masks_keep_length_and_separators():
    assert mask(CARD, 4) == "**** **** **** 5679"
    assert mask("+7 (916) 123-45-67", 2) == "+* (***) ***-**-67"
    assert mask("ivan.petrov@gmail.com", email=True) == "i**********@gmail.com"
    assert mask("Qw3rty_2024", whole=True) == "*" * 11


# ---------------------------------------------------------------- cards


def test_a_card_number_is_found_and_masked_by_an_unsafe_fix(pv):
    report = pv.lint(f"Деньги вернулись на карту {CARD}.")
    assert found(report) == [("PV001", CARD)]
    (suggestion,) = report.findings[0].suggestions
    assert suggestion.replacement == "**** **** **** 5679" and not suggestion.safe
    assert pv.fix(f"Карта {CARD}.") == f"Карта {CARD}."  # masking changes content: not a safe fix
    assert pv.fix(f"Карта {CARD}.", unsafe=True) == "Карта **** **** **** 5679."


@pytest.mark.parametrize("text", [
    "Оплата прошла с карты 4111111111111111.",
    "Номер карты 5536-9137-9922-7455, срок до 12/27.",
    "Карта American Express 3782 822463 10005.",
])
def test_card_formats(pv, text):
    assert [c for c, _ in found(pv.lint(text))] == ["PV001"]


@pytest.mark.parametrize("text", [
    f"Код {NOT_CARD} не проходит проверку.",  # fails Luhn, and no «карта» before it
    "Ваш заказ 1234567890123456 передан в доставку.",  # fails Luhn
    "Номер заказа 4276 3800 1234 5679 — сохраните его.",  # passes Luhn, but it is an order number
    "Трек-номер отправления 4111111111111111.",
    "Накладная 8000 0000 0000 0006 от 12.03.2024.",  # starts like no card
    "Платёж от 12.03.2024 на сумму 1 500 000 ₽ зачислен, остаток 23 456,78 ₽.",
    "Артикул 4111-1111-1111-1111.",
])
def test_order_numbers_dates_and_prices_are_not_cards(pv, text):
    assert not [c for c, _ in found(pv.lint(text)) if c == "PV001"]


def test_no_false_alarm_on_order_numbers_that_fail_luhn(pv):
    # Every 16-digit order number with a wrong check digit, across many prefixes, stays silent.
    numbers = [f"{p}{i:012d}" for p in ("4276", "5536", "2200") for i in range(0, 10**12, 10**12 // 40)]
    for number in numbers:
        if not luhn(number):
            assert pv.lint(f"Заказ оформлен, номер {number}.").findings == [], number
            assert pv.lint(f"Номер: {number[:4]} {number[4:8]} {number[8:12]} {number[12:]}").findings == []


# ---------------------------------------------------------------- secrets


@pytest.mark.parametrize(("text", "code", "value"), [
    ("Проверьте данные карты, CVV 123.", "PV002", "123"),
    ("CVC/CVV: 4821", "PV002", "4821"),
    ("Ваш пароль: Qw3rty_2024", "PV003", "Qw3rty_2024"),
    ("Пароль от Wi-Fi: sunflower", "PV003", "sunflower"),
    ("Код из СМС: 4821, введите его на сайте.", "PV004", "4821"),
    ("Код подтверждения 739 204", "PV004", "739 204"),
    ("Ваш ПИН-код 1234.", "PV004", "1234"),
])
def test_secrets_being_sent(pv, text, code, value):
    assert found(pv.lint(text)) == [(code, value)]


@pytest.mark.parametrize("text", [
    "Пароль должен содержать не менее 8 символов.",
    "Пароль: не короче 8 символов.",
    "Ваш пароль: ********",
    "Никому не сообщайте код из СМС и CVV-код.",
    "Код подтверждения придёт в течение минуты.",
    "Промокод SALE2024 даёт скидку 10%.",
    "Код ошибки 4040 означает, что сервер недоступен.",
])
def test_talk_about_secrets_is_fine(pv, text):
    assert found(pv.lint(text)) == []


# ---------------------------------------------------------------- documents


@pytest.mark.parametrize(("text", "expected"), [
    ("Заявка оформлена на паспорт 4509 123456.", [("PV005", "4509 123456")]),
    ("Паспорт: серия 45 06, номер 731945.", [("PV005", "45 06, номер 731945")]),
    ("Номер заявки 4509 123456.", []),  # no «паспорт» near it
    ("Паспорт 4550 123456 недействителен.", []),  # no such series
    ("СНИЛС 112-233-445 95 привязан.", [("PV006", "112-233-445 95")]),
    ("Номер 112-233-445 95 в анкете.", [("PV006", "112-233-445 95")]),  # its own format is enough
    ("СНИЛС 112-233-445 96 с ошибкой.", []),
    ("Ваш СНИЛС 11223344595 подтверждён.", [("PV006", "11223344595")]),
    ("Номер обращения 11223344595.", []),  # bare digits need the word
    ("ИНН получателя 500100732259.", [("PV007", "500100732259")]),
    ("ИНН: 7707083893", [("PV007", "7707083893")]),
    ("ИНН 500100732258 указан с ошибкой.", []),
    ("Номер договора 7707083893.", []),
    ("Вернём деньги на счёт 40817810099910004312.", [("PV010", "40817810099910004312")]),
    ("БИК 044525225, счёт 40817810938160925983.", []),  # the control key disagrees with the bank
    ("Корр. счёт 30101810400000000225.", []),
])
def test_documents(pv, text, expected):
    assert found(pv.lint(text)) == expected


# ---------------------------------------------------------------- phones and e-mails


@pytest.mark.parametrize("text", [
    "Курьер Иван, его телефон +7 916 123-45-67.",
    "Позвоните менеджеру по номеру 8 (903) 555-12-34.",
    "Телефон клиента 89161234567.",
    "Номер в Минске: +375 29 123-45-67.",
])
def test_phones(pv, text):
    assert [c for c, _ in found(pv.lint(text))] == ["PV008"]


@pytest.mark.parametrize("text", [
    "Звоните на горячую линию 8 800 555-35-35.",
    "Номер заказа 8 916 123 45 67.",
    "Адрес: Москва, 125009, ул. Тверская, д. 7, стр. 1, кв. 15.",
    "Пункт выдачи: ул. 8 Марта, д. 12, корп. 3, офис 916, индекс 620144.",
    "Склад: 8-я улица Соколиной Горы, 10-12, ворота 3.",
    "Доставка 12.03.2024 с 10:00 до 18:00, стоимость 7 990 ₽.",
    "Сумма к оплате — 1 234 567 890 ₽.",
])
def test_phone_like_strings_that_are_not_phones(pv, text):
    assert found(pv.lint(text)) == []


def test_role_mailboxes_are_not_personal(pv):
    assert found(pv.lint("Напишите нам на support@shop.ru или help@rutube.ru.")) == []
    assert found(pv.lint("Менеджер: ivan.petrov@gmail.com")) == [("PV009", "ivan.petrov@gmail.com")]


def test_allow_list_from_config_options(builtin_rules):
    rules = [r for r in builtin_rules if r.category == "privacy"]
    text = "Звоните +7 (495) 111-22-33, пишите anna@company.ru или anna@sub.company.ru; ИНН 7707083893."
    assert len(Linter(rules=rules).lint(text).findings) == 4
    allowed = Linter(Config(options={"privacy_allow": ["84951112233", "company.ru", "7707083893"]}), rules=rules)
    assert allowed.lint(text).findings == []
    only_address = Linter(Config(options={"privacy_allow": ["anna@company.ru"]}), rules=rules)
    assert [f.text for f in only_address.lint(text).findings if f.code == "PV009"] == ["anna@sub.company.ru"]


def test_bad_allow_list_is_a_config_error(builtin_rules):
    rules = [r for r in builtin_rules if r.category == "privacy"]
    with pytest.raises(ConfigError, match="privacy_allow"):
        Linter(Config(options={"privacy_allow": "company.ru"}), rules=rules)


# ---------------------------------------------------------------- the doc-level gates skip only what cannot match


@pytest.mark.parametrize("shape", sorted(set(SHAPES) - {"email"}))
def test_no_shape_matches_with_fewer_digits_than_its_gate_asks(shape):
    hypothesis = pytest.importorskip("hypothesis")
    st = hypothesis.strategies
    fewest = FEWEST_DIGITS[shape]
    pieces = st.sampled_from(["1", "2", "4", "7", "8", "9", "0", " ", "-", "+", "(", ")", "№", ".", ",", "\u00a0",
                              "ИНН ", "счёт ", "паспорт ", "СНИЛС ", "тел. "])

    @hypothesis.settings(max_examples=300, deadline=None, derandomize=True)
    @hypothesis.given(st.lists(pieces, max_size=40))
    def check(parts):
        text = "".join(parts)
        hypothesis.assume(sum(ch.isdigit() for ch in text) < fewest)
        assert list(SHAPES[shape](text)) == []

    check()


def test_shapes_hold_at_least_the_digits_the_gate_asks():
    samples = {"card": "4276 3800 1234 5679", "passport": "45 06 123456", "snils": "112-233-445 95",
               "inn": "500100732259", "phone": "+1 23 45 67", "account": "40817810099910004312"}
    for shape, value in samples.items():
        assert list(SHAPES[shape](value)), shape
        assert sum(ch.isdigit() for ch in value) >= FEWEST_DIGITS[shape]


def test_codes_need_digits_but_passwords_do_not(pv):
    checks = {c.rule.code: c for c in pv.checks}
    assert checks["PV002"].value_needs_digit and checks["PV004"].value_needs_digit
    assert not checks["PV003"].value_needs_digit
    # A password of letters only is still found in a text without a digit.
    assert [f.code for f in pv.lint("Ваш временный пароль: Xkcdpass").findings if f.code.startswith("PV")] == [
        "PV003"]


def test_a_grouped_number_right_after_card_is_hidden_without_luhn(linter):
    # One mistyped digit away from the real card: still the card's digits.
    found = [f.text for f in linter.lint("Номер карты 4276 3800 1234 5678, срок 12/27.").findings if f.code == "PV001"]
    assert found == ["4276 3800 1234 5678"]
    assert not [f for f in linter.lint("Заказ 4276 3800 1234 5678 передан.").findings if f.code == "PV001"]
    assert not [f for f in linter.lint("Номер карты 4276380012345678.").findings if f.code == "PV001"]
