from __future__ import annotations

import pytest

from tonecheck import Config, Linter
from tonecheck.suppression import parse


@pytest.fixture(scope="module")
def linter() -> Linter:
    """Only the rules these texts are about: other rules (greeting, sign-off) would add their own findings."""
    return Linter(Config(select=("familiar", "ST9")))


def codes(report) -> list[str]:
    return [f.code for f in report.findings]


def test_parse_forms_and_lines():
    text = ("{# tonecheck: disable-file=FM003 #}\n"
            "Строка два {# tonecheck: disable=FM001,familiar #}\n"
            "<!-- tonecheck: disable-next-line -->\n"
            "Строка четыре\n")
    file, line, next_line = parse(text)
    assert (file.scope, file.codes, file.first_line) == ("file", ("FM003",), 0)
    assert (line.scope, line.codes, line.first_line, line.last_line) == ("line", ("FM001", "familiar"), 2, 2)
    assert (next_line.scope, next_line.codes, next_line.first_line) == ("next-line", (), 4)
    assert text[line.start:line.end] == "tonecheck: disable=FM001,familiar"


def test_directives_outside_comments_are_text():
    assert parse("Напишите «tonecheck: disable=FM001» в поле комментария.") == ()


def test_disable_on_the_line(linter):
    text = "Твой заказ готов. {# tonecheck: disable=FM001 #}\nТвой чек в письме."
    report = linter.lint(text)
    assert [(f.code, f.line) for f in report.findings] == [("FM001", 2)]


def test_disable_next_line_in_html(linter):
    text = "<!-- tonecheck: disable-next-line=informal-pronoun -->\n<p>Твой заказ готов.</p>\n<p>Твой чек.</p>"
    report = linter.lint(text, markup="html")
    assert [(f.code, f.line) for f in report.findings] == [("FM001", 3)]


def test_disable_file_by_category(linter):
    text = "{# tonecheck: disable-file=familiar #}\nПривет! Твой заказ готов, забери его."
    assert codes(linter.lint(text)) == []


def test_bare_disable_silences_every_rule_on_its_line(linter):
    text = "Привет! Твой заказ готов. {# tonecheck: disable #}"
    assert codes(linter.lint(text)) == []


def test_unused_suppression_is_reported_with_a_safe_fix(linter):
    text = "Здравствуйте!\n{# tonecheck: disable-next-line=FM001 #}\nВаш заказ готов.\n"
    report = linter.lint(text)
    assert codes(report) == ["ST900"]
    finding = report.findings[0]
    assert finding.severity == "info" and finding.category == "structure" and finding.line == 2
    assert "FM001" in finding.message
    assert linter.fix(text) == "Здравствуйте!\nВаш заказ готов.\n"


def test_only_the_unused_code_is_removed(linter):
    text = "Твой заказ готов. {# tonecheck: disable=FM001,FM003 #}"
    report = linter.lint(text)
    assert codes(report) == ["ST900"]
    assert "FM003" in report.findings[0].message
    assert linter.fix(text) == "Твой заказ готов. {# tonecheck: disable=FM001 #}"


def test_bare_file_suppression_does_not_hide_its_own_report(linter):
    report = linter.lint("{# tonecheck: disable-file #}\nВаш заказ готов.")
    assert codes(report) == ["ST900"]


def test_unused_suppression_can_itself_be_silenced_by_name(linter):
    text = "{# tonecheck: disable-file=FM001,ST900 #}\nВаш заказ готов."
    assert "ST900" not in codes(linter.lint(text))


@pytest.mark.parametrize("text", [
    "Ваш заказ готов. {# tonecheck: disable=FM001 #}",
    "<!-- tonecheck: disable-next-line=FM001 -->\n<p>Ваш заказ готов.</p>",
])
def test_fix_removes_comment_without_leaving_blanks(linter, text):
    fixed = linter.fix(text, markup="html" if text.startswith("<") else "text")
    assert "tonecheck" not in fixed and not fixed.startswith((" ", "\n")) and not fixed.endswith(" ")
