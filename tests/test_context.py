"""The reply's context end to end: ``--name``, ``--channel``, ``--followup``, ``--first-contact``,
``--reply-to-text`` reach the rules from the CLI and the library."""

from __future__ import annotations

import json

from click.testing import CliRunner

import tonecheck
from tonecheck.cli import main


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["check", "--color", "never", *args])
    return result.exit_code, result.output


def codes_in(output: str) -> set[str]:
    return {f["code"] for f in json.loads(output)["files"][0]["findings"]}


def test_name_and_channel_reach_the_rules():
    code, out = run("-t", "Здравствуйте, Пётр! Возврат оформлен.", "--name", "Ефим", "--format", "json")
    assert code == 1 and "PS003" in codes_in(out)
    payload = json.loads(out)["files"][0]
    assert payload["context"]["customer_name"] == "Ефим" and payload["context"]["channel"] == "chat"
    code, out = run(
        "-t",
        "Здравствуйте, Ефим! Возврат оформлен.",
        "--name",
        "Ефим",
        "--channel",
        "email",
        "--format",
        "json",
    )
    assert "ST001" in codes_in(out) and json.loads(out)["files"][0]["context"]["channel"] == "email"


def test_followup_and_first_contact_flags():
    text = "Ваш заказ уже в пути."
    _, out = run("-t", text, "--format", "json")
    assert "GR001" in codes_in(out)
    _, out = run("-t", text, "--followup", "--format", "json")
    assert "GR001" not in codes_in(out)
    _, out = run("-t", "Здравствуйте! Заказ в пути.", "--first-contact", "--format", "json")
    assert "PS006" in codes_in(out)


def test_customer_message_from_the_command_line():
    _, out = run(
        "-t", "Здравствуйте! Заказ передан курьеру.", "--reply-to-text", "Курьер опоздал!", "--format", "json"
    )
    assert "ST002" in codes_in(out)


def test_text_output_shows_the_context():
    _, out = run("-t", "Здравствуйте, Анна! Заказ в пути.", "--name", "Анна", "--channel", "email")
    assert "(Клиент: Анна, канал: email)" in out
    assert "Читаемость (Флеш — Оборнева)" in out


def test_library_api():
    report = tonecheck.lint("Уважаемый Анна, заказ готов.", channel="sms")
    assert "PS004" in {f.code for f in report.findings}
    assert report.sms_segments == 1 and report.to_dict()["sms_encoding"] == "UCS-2"
    assert tonecheck.fix("Уважаемый Анна, заказ готов.") == "Уважаемая Анна, заказ готов."
