"""What the text reporter shows for the etiquette checks: the context used and the measurements."""

from __future__ import annotations

from rich.console import Console

from tonecheck.render import _extras_lines, context_line, text_report


def render(report) -> str:
    console = Console(record=True, width=200, no_color=True, highlight=False)
    text_report(console, "<текст>", report)
    return console.export_text()


def test_context_line_names_the_customer_and_channel(linter):
    report = linter.lint("Здравствуйте, Анна!", customer_name="Анна", channel="email")
    assert context_line(report).startswith("Клиент: Анна, канал: email")
    report = linter.lint("Здравствуйте!", followup=True, first_contact=True, customer_message="Где заказ?")
    assert context_line(report) == (
        "Клиент: имя не указано, канал: чат, продолжение переписки, первое обращение, есть сообщение клиента"
    )


def test_readability_and_sms_lines(linter):
    report = linter.lint("Здравствуйте, Анна! " + "Заказ передан курьеру. " * 6, channel="sms")
    lines = [line.plain for line in _extras_lines(report)]
    assert any(line.startswith("Читаемость (Флеш — Оборнева): ") for line in lines)
    assert "SMS: частей 3, символов 157 (UCS-2)" in lines
    chat = [line.plain for line in _extras_lines(linter.lint("Здравствуйте! Заказ в пути."))]
    assert not any(line.startswith("SMS") for line in chat)


def test_multiline_replacements_are_shown_on_one_line(linter):
    out = render(linter.lint("Возврат оформлен.", customer_name="Анна", channel="email"))
    assert "«Здравствуйте, Анна!↵↵»" in out
    assert "↵↵С уважением,↵служба поддержки" in out



def test_sms_figures_from_placeholders_are_called_an_estimate(linter):
    from tonecheck.render import _extras_lines

    text = "Здравствуйте, {{ name }}! Заказ {{ order_number }} готов, заберите его до {{ date }}."
    (line,) = [t.plain for t in _extras_lines(linter.lint(text, channel="sms")) if t.plain.startswith("SMS")]
    assert "частей примерно" in line and "символов примерно" in line
    (plain,) = [t.plain for t in _extras_lines(linter.lint("Заказ готов.", channel="sms")) if t.plain.startswith("SMS")]
    assert "примерно" not in plain


def test_a_span_over_several_lines_is_quoted_on_one_line(linter):
    text = "Уважаемая Валентина, добрый день!\n\nВаше обращение получено. Проверка идёт."
    report = linter.lint(text, customer_name="Валентина", customer_message="Где мой телевизор? Заказ 123.")
    out = render(report)
    assert "TP001" in out
    assert "«Уважаемая Валентина, добрый день!↵↵Ваше обращение получено." in out
