"""--redact: no output format repeats the personal data the privacy rules found, and nothing is logged."""

from __future__ import annotations

import io
import json
import logging

import pytest
from click.testing import CliRunner
from rich.console import Console

from tonecheck.cli import main
from tonecheck.commands import check
from tonecheck.context import Context
from tonecheck.finding import Finding, Suggestion
from tonecheck.redact import redact
from tonecheck.report import Report

CARD = "2200 7034 5612 8902"
# None of these is in the rules' own examples: SARIF output carries those, and they are no leak.
SECRETS = (CARD, "2200703456128902", "926 555-01-23", "olga.sidorova", "Zx9_kLm42q", "771234567859")
DRAFT = (f"Привет! Деньги вернулись на карту {CARD}, курьер Ольга: +7 926 555-01-23, olga.sidorova@yandex.ru. "
         "Ваш пароль: Zx9_kLm42q, ИНН 771234567859.")


def leaked(output: str) -> list[str]:
    return [s for s in SECRETS if s.lower() in output.lower()]


def test_redact_masks_text_findings_and_keeps_offsets(linter):
    report = linter.lint(DRAFT)
    private = [f for f in report.findings if f.category == "privacy"]
    assert {f.code for f in private} == {"PV001", "PV003", "PV007", "PV008", "PV009"}
    hidden = redact(report)
    assert len(hidden.text) == len(DRAFT) and leaked(hidden.text) == []
    assert "**** **** **** 8902" in hidden.text and "o************@yandex.ru" in hidden.text
    for before, after in zip(report.findings, hidden.findings, strict=True):
        assert (after.start, after.end, after.line, after.column) == (before.start, before.end, before.line,
                                                                      before.column)
        assert after.text == hidden.text[after.start:after.end]
    assert leaked(json.dumps(hidden.to_dict(), ensure_ascii=False)) == []
    assert hidden.score == report.score and hidden.spam_score == report.spam_score


def test_a_report_without_personal_data_is_unchanged(linter):
    report = linter.lint("Здравствуйте! Заказ передан курьеру.")
    assert redact(report) is report


def _finding(code, category, start, end, text, suggestions=(), message="м", data=None):
    return Finding(code, code.lower(), category, "warning", start, end, 1, start + 1, text, message, 8.0,
                   tuple(suggestions), "", data or {})


def test_other_rules_suggestions_do_not_bring_the_data_back():
    text = f"КАРТА {CARD} ГОТОВА"
    card = _finding("PV001", "privacy", 6, 25, CARD, [Suggestion("**** **** **** 8902", 6, 25, False)],
                    data={"masked": "**** **** **** 8902"})
    lowered = _finding("SH001", "shouting", 0, len(text), text, [Suggestion(text.lower(), 0, len(text))],
                       message=f"«{text}» написано заглавными")
    respaced = _finding("XX001", "clarity", 6, 25, CARD, [Suggestion(CARD.replace(" ", "-"), 6, 25)])
    report = Report(text, [card, lowered, respaced], 80, {}, "fix", Context(), None, {"echo": [CARD]})
    hidden = redact(report)
    assert hidden.text == "КАРТА **** **** **** 8902 ГОТОВА"
    assert hidden.findings[1].suggestions[0].replacement == "карта **** **** **** 8902 готова"
    assert hidden.findings[1].message == "«КАРТА **** **** **** 8902 ГОТОВА» написано заглавными"
    assert hidden.findings[2].suggestions == ()  # the same number with dashes: dropped, not shown
    assert hidden.extras == {"echo": ["**** **** **** 8902"]}


def _run(**options) -> tuple[int, str]:
    buffer = io.StringIO()
    out = Console(file=buffer, width=300, no_color=True, highlight=False)
    err = Console(file=io.StringIO(), width=300, no_color=True)
    code = check.run(check.Options(text=DRAFT, redact=True, **options), out, err)
    return code, buffer.getvalue()


def test_text_output_is_redacted():
    code, output = _run()
    assert code == 1 and "PV001" in output and "**** **** **** 8902" in output
    assert leaked(output) == []


def test_text_output_without_redact_shows_the_draft():
    buffer = io.StringIO()
    out, err = Console(file=buffer, width=300, no_color=True), Console(file=io.StringIO())
    check.run(check.Options(text=DRAFT), out, err)
    assert CARD in buffer.getvalue()


def test_json_output_is_redacted():
    code, output = _run(output_format="json")
    data = json.loads(output)
    assert code == 1 and leaked(json.dumps(data, ensure_ascii=False)) == []
    texts = [f["text"] for f in data["files"][0]["findings"] if f["category"] == "privacy"]
    assert "**** **** **** 8902" in texts


def test_sarif_and_github_outputs_are_redacted():
    for output_format in ("sarif", "github"):
        code, output = _run(output_format=output_format)
        assert code == 1 and "8902" in output and leaked(output) == []


def test_diff_is_redacted():
    _, output = _run(diff=True, unsafe_fixes=True)
    assert "+Здравствуйте! Деньги вернулись на карту **** **** **** 8902" in output
    assert leaked(output) == []


def test_fixed_text_printed_to_stdout_is_redacted():
    result = CliRunner().invoke(main, ["check", "--color", "never", "--redact", "--unsafe-fixes", "-"], input=DRAFT)
    assert "Здравствуйте! Деньги вернулись на карту **** **** **** 8902" in result.output
    assert leaked(result.output) == []


def test_cli_flag(tmp_path):
    draft = tmp_path / "draft.txt"
    draft.write_text(DRAFT, encoding="utf-8")
    runner = CliRunner()
    for args in (["--redact"], ["--redact", "--format", "json"]):
        result = runner.invoke(main, ["check", "--color", "never", *args, str(draft)])
        assert result.exit_code == 1, result.output
        assert leaked(result.output) == [] and "8902" in result.output
    plain = runner.invoke(main, ["check", "--color", "never", str(draft)])
    assert CARD in plain.output


def test_nothing_is_logged(linter, caplog):
    with caplog.at_level(logging.DEBUG):
        redact(linter.lint(DRAFT))
        linter.fix(DRAFT, unsafe=True)
    assert leaked(" ".join(r.getMessage() for r in caplog.records)) == []
    assert not [r for r in caplog.records if r.name.startswith("tonecheck")]


@pytest.mark.parametrize("channel", ["chat", "email", "sms", "social"])
def test_every_channel(linter, channel):
    assert leaked(json.dumps(redact(linter.lint(DRAFT, channel=channel)).to_dict(), ensure_ascii=False)) == []
