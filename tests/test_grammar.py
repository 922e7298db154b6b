"""The optional LanguageTool backend (tonecheck/grammar.py and the grammar kind), against a fake server."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from click.testing import CliRunner

from tonecheck import Config, ConfigError, Linter, grammar
from tonecheck import config as config_module
from tonecheck.checks.grammar import OVERLAPPING_RULES
from tonecheck.cli import main

ROOT = Path(__file__).resolve().parent.parent
MISTAKE = "Мы вернём деньги в течении трёх рабочих дней."


@pytest.fixture(scope="module")
def gm_rules(builtin_rules):
    return [r for r in builtin_rules if r.code == "GM001"]


@pytest.fixture(scope="module")
def gm(gm_rules, languagetool):
    return Linter(Config(options={"grammar": languagetool.url}), rules=gm_rules)


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_languagetool_match_becomes_gm001_with_its_message_and_replacement(gm):
    report = gm.lint(MISTAKE)
    [finding] = report.findings
    start = MISTAKE.index("в течении")
    assert (finding.code, finding.category, finding.severity) == ("GM001", "grammar", "warning")
    assert (finding.start, finding.end, finding.text) == (start, start + len("в течении"), "в течении")
    assert finding.message.startswith("Предлог пишется с «е» на конце")
    assert [(s.replacement, s.start, s.end, s.safe) for s in finding.suggestions] == \
        [("в течение", start, start + len("в течении"), False)]
    assert finding.data == {"rule_id": "V_TECHENIE", "category": "GRAMMAR"}


def test_offsets_after_emoji_are_in_python_characters(gm):
    # LanguageTool counts an emoji as two UTF-16 units; our offsets count characters.
    text = "Спасибо 😀🙏 за ожидание, ответим в течении дня."
    [finding] = gm.lint(text).findings
    assert finding.text == "в течении"
    assert finding.start == text.index("в течении")


def test_the_fix_is_unsafe_and_applies_only_when_asked(gm):
    assert gm.fix(MISTAKE) == MISTAKE
    assert gm.fix(MISTAKE, unsafe=True) == "Мы вернём деньги в течение трёх рабочих дней."


def test_matches_touching_a_placeholder_or_markup_are_dropped(gm):
    # «{name}» is blanked in doc.view, so LanguageTool sees «Здравствуйте,       !» and flags the spaces.
    text = "Здравствуйте, {name}! " + MISTAKE
    report = gm.lint(text)
    assert [(f.text, f.data["rule_id"]) for f in report.findings] == [("в течении", "V_TECHENIE")]
    html = "<p><b>Важно</b>, деньги вернём в течении дня.</p>"
    assert [f.text for f in gm.lint(html, markup="html").findings] == ["в течении"]


def test_a_real_space_before_a_comma_is_reported(gm):
    text = "Спасибо , что дождались ответа."
    [finding] = gm.lint(text).findings
    assert (finding.data["rule_id"], finding.start, finding.end) == ("COMMA_PARENTHESIS_WHITESPACE", 7, 8)


def test_overlapping_and_user_disabled_rules_are_not_asked_for(gm_rules, languagetool):
    linter = Linter(Config(options={"grammar": languagetool.url, "grammar_disabled_rules": ["V_TECHENIE"]}),
                    rules=gm_rules)
    text = "Вернём  деньги в течении дня."  # two spaces: LanguageTool's WHITESPACE_RULE, never asked for
    assert linter.lint(text).findings == []
    sent = languagetool.checks[-1]
    assert sent["text"] == text and sent["language"] == "ru-RU"
    assert set(sent["disabledRules"].split(",")) == {*OVERLAPPING_RULES, "V_TECHENIE"}


def test_one_server_per_setting_and_concurrent_checks_agree(gm, languagetool):
    assert grammar.server(languagetool.url) is grammar.server(languagetool.url)
    texts = [f"Ответим в течении {n} минут. " * (n % 3 + 1) for n in range(12)]
    with ThreadPoolExecutor(4) as pool:
        reports = list(pool.map(gm.lint, texts))
    for text, report in zip(texts, reports, strict=True):
        assert [f.start for f in report.findings] == [i for i in range(len(text)) if text.startswith("в течении", i)]


def test_off_by_default_imports_nothing_and_opens_no_socket(tmp_path):
    script = (
        "import json, socket, sys\n"
        "opened = []\n"
        "socket.socket.connect = lambda self, *a: opened.append(a)\n"
        "socket.socket.connect_ex = lambda self, *a: opened.append(a)\n"
        "import tonecheck\n"
        f"report = tonecheck.lint({MISTAKE!r})\n"
        "print(json.dumps({'modules': sorted(m for m in sys.modules if m.split('.')[0] in\n"
        "                  ('language_tool_python', 'requests', 'psutil')),\n"
        "                  'opened': len(opened), 'codes': [f.code for f in report.findings]}))\n"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    out = subprocess.run([sys.executable, "-c", script], cwd=tmp_path, env=env, capture_output=True, text=True,
                         timeout=120, check=True)
    result = json.loads(out.stdout)
    assert result["modules"] == [] and result["opened"] == 0
    assert "GM001" not in result["codes"]


def test_missing_package_is_a_clear_config_error(gm_rules, monkeypatch, tmp_path):
    monkeypatch.setitem(sys.modules, "language_tool_python", None)
    with pytest.raises(ConfigError, match=r"language-tool-python не установлен.*pip install 'tonecheck\[grammar\]'"):
        Linter(Config(options={"grammar": "http://localhost:8081"}), rules=gm_rules)
    (tmp_path / ".tonecheck.toml").write_text('grammar = "http://localhost:8081"\n', encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "--config", str(tmp_path / ".tonecheck.toml"), "-t", MISTAKE])
    assert result.exit_code == 2
    assert "pip install 'tonecheck[grammar]'" in result.output and "Traceback" not in result.output


def test_an_unreachable_server_is_exit_2_with_its_address(tmp_path):
    url = f"http://127.0.0.1:{_closed_port()}"
    (tmp_path / ".tonecheck.toml").write_text(f'grammar = "{url}"\nselect = ["GM001"]\n', encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "--config", str(tmp_path / ".tonecheck.toml"), "-t", MISTAKE])
    assert result.exit_code == 2
    assert url in result.output and "LanguageTool" in result.output and "Traceback" not in result.output


def test_cli_reports_gm001_through_a_configured_server(tmp_path, languagetool):
    (tmp_path / ".tonecheck.toml").write_text(f'grammar = "{languagetool.url}"\nselect = ["GM001"]\n',
                                              encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "--config", str(tmp_path / ".tonecheck.toml"),
                                       "--format", "json", "-t", MISTAKE])
    assert result.exit_code == 0  # a warning does not fail the run
    [finding] = json.loads(result.output)["files"][0]["findings"]
    assert (finding["code"], finding["text"]) == ("GM001", "в течении")


def test_config_keys(tmp_path):
    path = tmp_path / ".tonecheck.toml"
    path.write_text('grammar = "http://localhost:8081"\ngrammar_disabled_rules = ["MORFOLOGIK_RULE_RU_RU"]\n'
                    '[overrides."faq/*"]\ngrammar_disabled_rules = ["V_TECHENIE"]\n', encoding="utf-8")
    cfg = config_module.load(path)
    assert cfg.options == {"grammar": "http://localhost:8081", "grammar_disabled_rules": ["MORFOLOGIK_RULE_RU_RU"]}
    assert cfg.for_path(tmp_path / "faq" / "a.txt").options["grammar_disabled_rules"] == \
        ["MORFOLOGIK_RULE_RU_RU", "V_TECHENIE"]
    path.write_text('channel = "chat"\ngrammar = "localhost"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match=r"\.tonecheck\.toml:2: grammar: .*http://хост:порт"):
        config_module.load(path)
    path.write_text("grammar = true\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r":1: grammar: ожидается строка"):
        config_module.load(path)


@pytest.mark.parametrize("value, expected", [
    (None, None), ("", None), ("local", "local"), (" http://lt.internal:8010 ", "http://lt.internal:8010"),
    ("https://lt.example/api/", "https://lt.example/api/"),
])
def test_setting_values(value, expected):
    assert grammar.setting(value) == expected


@pytest.mark.parametrize("value", ["languagetool", "ftp://host", "http://", 8081])
def test_bad_setting_values(value):
    with pytest.raises(ConfigError, match="grammar:"):
        grammar.setting(value)


def test_local_starts_languagetool_without_a_remote_server(monkeypatch):
    # The real local mode downloads LanguageTool and runs Java: here the library's class is replaced.
    import language_tool_python

    calls = []

    class Tool:
        def __init__(self, language, **kwargs):
            calls.append((language, kwargs))
            self.disabled_rules: set[str] = set()

        def check(self, text):
            return []

    monkeypatch.setattr(language_tool_python, "LanguageTool", Tool)
    assert grammar.Server("local").check("Текст.") == []
    assert calls == [("ru-RU", {})]
