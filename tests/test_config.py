from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from tonecheck import Linter
from tonecheck.config import DEFAULT_INCLUDE, Config, find, load, matches
from tonecheck.errors import ConfigError
from tonecheck.template import DEFAULT_PLACEHOLDERS

FULL = """\
[project]
name = "support-templates"

[tool.tonecheck]
select = ["familiar", "ST"]
extend_select = ["ST003"]
ignore = ["FM003"]
fail_under = 85
channel = "email"
allowed_terms = ["ЛавкаДом"]
rule_dirs = ["house-rules"]
spam_threshold = 4.5
harsh_threshold = 0.7
privacy_allow = ["support@lavkadom.example"]
placeholders = ['\\[\\[\\w+\\]\\]']
include = ["*.txt", "*.html"]
exclude = ["drafts/**"]
encoding = "utf-8"

[tool.tonecheck.severity]
FM001 = "error"

[tool.tonecheck.overrides."sms/**"]
channel = "sms"
ignore = ["greeting"]

[tool.tonecheck.overrides."*.html"]
severity = { FM002 = "info" }
"""


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def test_load_every_key(tmp_path):
    (tmp_path / "house-rules").mkdir()
    cfg = load(write(tmp_path / "pyproject.toml", FULL))
    assert cfg.select == ("familiar", "ST") and cfg.ignore == ("FM003",) and cfg.extend_select == ("ST003",)
    assert (cfg.fail_under, cfg.channel, cfg.allowed_terms) == (85, "email", ("ЛавкаДом",))
    assert cfg.rule_dirs == (tmp_path.resolve() / "house-rules",)
    assert cfg.severity == {"FM001": "error"}
    assert cfg.options["spam_threshold"] == 4.5 and cfg.options["harsh_threshold"] == 0.7
    assert cfg.options["privacy_allow"] == ["support@lavkadom.example"]
    assert cfg.options["placeholders"] == [*DEFAULT_PLACEHOLDERS, r"\[\[\w+\]\]"]
    assert cfg.include == ("*.txt", "*.html") and cfg.exclude == ("drafts/**",)
    assert cfg.root == tmp_path.resolve()


def test_overrides_apply_by_path(tmp_path):
    (tmp_path / "house-rules").mkdir()
    cfg = load(write(tmp_path / "pyproject.toml", FULL))
    sms = cfg.for_path(tmp_path / "sms" / "code.txt")
    assert sms.channel == "sms" and sms.ignore == ("FM003", "greeting")
    html = cfg.for_path(tmp_path / "email" / "letter.html")
    assert html.channel == "email" and html.severity == {"FM001": "error", "FM002": "info"}
    assert cfg.for_path(tmp_path / "email" / "letter.txt") == cfg
    assert cfg.excludes(tmp_path / "drafts" / "a" / "b.txt") and not cfg.excludes(tmp_path / "sms" / "b.txt")


def test_tonecheck_toml_has_top_level_keys(tmp_path):
    cfg = load(write(tmp_path / ".tonecheck.toml", 'channel = "sms"\n[overrides."legacy/**"]\nencoding = "cp1251"\n'))
    assert cfg.channel == "sms"
    assert cfg.for_path(tmp_path / "legacy" / "old.txt").encoding == "cp1251"


def test_find_walks_up_and_skips_foreign_pyproject(tmp_path):
    write(tmp_path / "pyproject.toml", "[tool.tonecheck]\nfail_under = 50\n")
    write(tmp_path / "templates" / "pyproject.toml", "[project]\nname = 'x'\n")
    nested = tmp_path / "templates" / "sms" / "a.txt"
    write(nested, "текст")
    assert find(nested) == (tmp_path / "pyproject.toml").resolve()
    write(tmp_path / "templates" / ".tonecheck.toml", "fail_under = 60\n")
    assert find(nested) == (tmp_path / "templates" / ".tonecheck.toml").resolve()


@pytest.mark.parametrize("glob,path,expected", [
    ("sms/**", "sms/code.txt", True), ("sms/**", "sms/a/b.txt", True), ("sms/**", "email/sms.txt", False),
    ("sms", "sms/a/b.txt", True), ("*.html", "a/b/c.html", True), ("*.html", "a/b/c.txt", False),
    ("**/promo/*.txt", "promo/a.txt", True), ("**/promo/*.txt", "x/promo/a.txt", True),
    ("email/*.txt", "email/a/b.txt", False), ("email/[ab].txt", "email/a.txt", True), ("./sms/", "sms/x.txt", True),
])
def test_glob_matching(glob, path, expected):
    assert matches(glob, path) is expected


@pytest.mark.parametrize("text,expected", [
    ("[tool.tonecheck]\nselct = ['FM']\n",
     "pyproject.toml:2: tool.tonecheck.selct: неизвестный ключ; может быть, «select»?"),
    ("[tool.tonecheck]\nfail_under = 120\n", "pyproject.toml:2: tool.tonecheck.fail_under: ожидается целое число"),
    ("[tool.tonecheck]\nchannel = 'fax'\n", "pyproject.toml:2: tool.tonecheck.channel: неизвестный канал 'fax'"),
    ("[tool.tonecheck]\nselect = FM\n", "pyproject.toml:2: ошибка TOML"),
    ("[tool.tonecheck.severity]\nFM001 = 'fatal'\n",
     "pyproject.toml:2: tool.tonecheck.severity.FM001: ожидается одно из"),
    ("[tool.tonecheck]\nplaceholders = ['(']\n", "pyproject.toml:2: tool.tonecheck.placeholders: ошибка в регулярном"),
    ("[tool.tonecheck]\nrule_dirs = ['nope']\n", "pyproject.toml:2: tool.tonecheck.rule_dirs: каталог правил"),
    ("[tool.tonecheck]\nencoding = 'klingon'\n", "pyproject.toml:2: tool.tonecheck.encoding: неизвестная кодировка"),
    ("[tool.tonecheck]\nallowed_terms = 5\n", "pyproject.toml:2: tool.tonecheck.allowed_terms: ожидается список строк"),
    ("[tool.tonecheck]\nspam_threshold = 'high'\n", "pyproject.toml:2: tool.tonecheck.spam_threshold: ожидается число"),
    ("[tool.tonecheck.overrides.'sms/**']\nchanel = 'sms'\n",
     "pyproject.toml:2: tool.tonecheck.overrides.sms/**.chanel: неизвестный ключ"),
    ("[tool.tonecheck.overrides.'sms/**']\nrule_dirs = ['x']\n", "overrides.sms/**.rule_dirs: неизвестный ключ"),
    ("[project]\nname = 'x'\n", "pyproject.toml: нет раздела [tool.tonecheck]"),
])
def test_errors_name_file_line_and_key(tmp_path, text, expected):
    path = write(tmp_path / "pyproject.toml", text)
    with pytest.raises(ConfigError) as exc:
        load(path)
    message = str(exc.value)
    assert message.startswith(str(path.parent)), message
    assert expected in message, message


def test_missing_file(tmp_path):
    with pytest.raises(ConfigError, match="не найден"):
        load(tmp_path / "nope.toml")


def test_defaults():
    cfg = Config()
    assert cfg.include == DEFAULT_INCLUDE and cfg.overrides == () and cfg.options == {}
    assert cfg.selects("FM001", "informal-pronoun", "familiar")


def test_config_drives_the_linter(tmp_path):
    write(tmp_path / "house" / "brand.yaml", """\
        code: ST950
        name: competitor-name
        category: structure
        severity: warning
        kind: regex
        regex: (?i)конкурент
        message: Упоминание конкурента
        why: Не называем конкурентов в ответах.
        examples:
          fire: [Как у конкурента]
          pass: [Как у нас]
        """)
    cfg = load(write(tmp_path / ".tonecheck.toml", """\
        rule_dirs = ["house"]
        select = ["familiar", "ST950"]
        allowed_terms = ["Чё-Почём"]
        placeholders = ['\\[\\[\\w+\\]\\]']
        [severity]
        FM001 = "error"
        """))
    linter = Linter(cfg)
    report = linter.lint("Твой заказ в «Чё-Почём» дешевле, чем у конкурента. Код [[ty_code]].")
    assert {(f.code, f.severity) for f in report.findings} == {("FM001", "error"), ("ST950", "warning")}
