"""The command line: CliRunner for parsing and exit codes, ``check.run`` called directly for behaviour."""

from __future__ import annotations

import io
import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from rich.console import Console

from tonecheck.cli import main
from tonecheck.commands import EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS, check

DATA = Path(__file__).parent / "data" / "templates"
RUDE = "Привет! Твой заказ готов, забери его.\n"
CLEAN = "Здравствуйте! Ваш заказ готов, заберите его в пункте выдачи.\n"


def invoke(*args: str, stdin: str | bytes | None = None):
    return CliRunner().invoke(main, list(args), input=stdin)


def run(**options) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = check.run(check.Options(**options), Console(file=out, no_color=True, width=200),
                     Console(file=err, no_color=True, width=200))
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def repo(tmp_path, monkeypatch):
    """A copy of the template repository (with its .tonecheck.toml) as the working directory."""
    target = tmp_path / "templates"
    shutil.copytree(DATA, target)
    monkeypatch.chdir(tmp_path)
    return target


# ---------------------------------------------------------------- exit codes and parsing


def test_exit_codes(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "clean.txt").write_text(CLEAN, encoding="utf-8")
    (tmp_path / "rude.txt").write_text(RUDE, encoding="utf-8")
    assert invoke("check", "clean.txt").exit_code == EXIT_CLEAN
    assert invoke("check", "rude.txt", "--fail-under", "90").exit_code == EXIT_FINDINGS
    assert invoke("check", "rude.txt", "--fail-under", "90", "--exit-zero").exit_code == EXIT_CLEAN
    assert invoke("check", "--no-such-option").exit_code == EXIT_ERROR
    assert invoke("check", "--format", "xml", "clean.txt").exit_code == EXIT_ERROR
    missing = invoke("check", "missing.txt")
    assert missing.exit_code == EXIT_ERROR and "missing.txt: файл не найден" in missing.stderr
    assert "Traceback" not in missing.output


def test_many_warnings_fail_like_an_error(tmp_path, monkeypatch):
    # No error, but so many warnings the score is under 50: the verdict says «Нельзя отправлять», so does the code.
    monkeypatch.chdir(tmp_path)
    slangy = "привет. ну чё, посмотрел твой заказ, там всё норм, щас курьер его везёт. если чё пиши, разрулим."
    result = invoke("check", "-", "--ignore", "harsh", "--format", "json", stdin=slangy)
    report = json.loads(result.stdout)["files"][0]
    assert report["score"] < 50 and not [f for f in report["findings"] if f["severity"] == "error"]
    assert result.exit_code == EXIT_FINDINGS


def test_stdin_dash(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = invoke("check", "-", "--select", "familiar", "--format", "json", stdin=RUDE)
    assert result.exit_code == EXIT_CLEAN  # warnings only, no fail_under
    payload = json.loads(result.stdout)
    assert payload["files"][0]["path"] == "<stdin>"
    assert [f["code"] for f in payload["files"][0]["findings"]] == ["FM003", "FM001", "FM002"]


def test_stdin_fix_writes_the_fixed_text_to_stdout(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = invoke("check", "--fix", "-", stdin=RUDE)
    assert result.stdout == "Здравствуйте! Ваш заказ готов, заберите его.\n"
    unchanged = invoke("check", "--fix", "-", stdin=CLEAN)
    assert unchanged.stdout == CLEAN


def test_machine_formats_have_no_colour(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "rude.txt").write_text(RUDE, encoding="utf-8")
    for fmt in ("json", "sarif", "github"):
        result = invoke("check", "--color", "always", "--format", fmt, "rude.txt")
        assert "\x1b[" not in result.stdout, fmt
    gh = invoke("check", "--select", "familiar", "--format", "github", "rude.txt").stdout.splitlines()
    assert gh[1] == ("::warning file=rude.txt,line=1,col=9,endLine=1,endColumn=13,"
                     "title=FM001 informal-pronoun::Обращение к клиенту на «ты» → «Ваш»")


def test_customer_text_is_not_rich_markup():
    _, out, _ = run(text="[bold red]Твой[/] заказ готов")
    assert "[bold red]Твой[/]" in out


# ---------------------------------------------------------------- configuration


def test_bad_config_is_exit_2_with_file_line_key(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "pyproject.toml").write_text('[tool.tonecheck]\nchanel = "sms"\n', encoding="utf-8")
    (tmp_path / "a.txt").write_text(CLEAN, encoding="utf-8")
    result = invoke("check", "a.txt")
    assert result.exit_code == EXIT_ERROR
    assert "pyproject.toml:2: tool.tonecheck.chanel: неизвестный ключ; может быть, «channel»?" in result.stderr
    assert "Traceback" not in result.output
    assert invoke("check", "--isolated", "a.txt").exit_code == EXIT_CLEAN


def test_unknown_selector_is_a_config_error(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = invoke("check", "--select", "FMX", "-t", "Текст")
    assert result.exit_code == EXIT_ERROR and "«FMX» не совпадает ни с одним правилом" in result.stderr


def test_extend_select_turns_on_rules_that_are_off_by_default(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    email = "Здравствуйте, Анна!\n\nЗаказ в пути.\n\nС уважением,\nМария"
    plain = invoke("check", "--isolated", "--channel", "email", "--name", "Анна", "--color", "never", "-t", email)
    assert "ST003" not in plain.stdout
    extended = invoke("check", "--isolated", "--channel", "email", "--name", "Анна", "--color", "never",
                      "--extend-select", "ST003,missing-help-offer", "-t", email)
    assert "ST003" in extended.stdout and "ST004" in extended.stdout and extended.exit_code == 0
    typo = invoke("check", "--extend-select", "STX", "-t", "Текст")
    assert typo.exit_code == EXIT_ERROR and "extend_select: «STX»" in typo.stderr


def test_explicit_config_and_per_path_overrides(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # globs in a --config file are relative to the working directory
    cfg = tmp_path / "conf" / "tone.toml"
    cfg.parent.mkdir()
    cfg.write_text('[tool.tonecheck]\nfail_under = 90\n[tool.tonecheck.overrides."sms/**"]\nignore = ["familiar"]\n',
                   encoding="utf-8")
    (tmp_path / "sms").mkdir()
    (tmp_path / "sms" / "a.txt").write_text(RUDE, encoding="utf-8")
    (tmp_path / "b.txt").write_text(RUDE, encoding="utf-8")
    code, out, _ = run(paths=[str(tmp_path)], config_path=str(cfg), output_format="json")
    files = {Path(f["path"]).name: f for f in json.loads(out)["files"]}
    assert files["a.txt"]["findings"] == [] and len(files["b.txt"]["findings"]) == 3
    assert code == EXIT_FINDINGS


def test_bad_rule_file_is_exit_2(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "house").mkdir()
    (tmp_path / "house" / "broken.yaml").write_text("code: ST950\nname: [unclosed\n", encoding="utf-8")
    (tmp_path / ".tonecheck.toml").write_text('rule_dirs = ["house"]\n', encoding="utf-8")
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text(CLEAN, encoding="utf-8")
    result = invoke("check", ".")
    assert result.exit_code == EXIT_ERROR
    assert result.stderr.count("broken.yaml:3: ошибка YAML") == 1 and "Traceback" not in result.output
    validate = invoke("validate-rules", "house")
    assert validate.exit_code == EXIT_ERROR and "house/broken.yaml:3: ошибка YAML" in validate.stderr


# ---------------------------------------------------------------- bad input


def test_unclosed_placeholder_is_a_finding_with_position():
    code, out, _ = run(text="Здравствуйте, {{ name!\nВаш заказ готов.")
    assert code == EXIT_FINDINGS
    assert "1:15 ST901" in out and "Заполнитель «{{» не закрыт" in out


def test_cp1251_file_without_encoding(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "old.txt").write_bytes(RUDE.encode("cp1251"))
    result = invoke("check", "old.txt")
    assert result.exit_code == EXIT_ERROR
    assert "old.txt: текст не в кодировке utf-8 (байт 0); похоже на cp1251" in result.stderr
    fixed = invoke("check", "--encoding", "cp1251", "--fix", "old.txt")
    assert fixed.exit_code == EXIT_CLEAN
    assert (tmp_path / "old.txt").read_bytes() == "Здравствуйте! Ваш заказ готов, заберите его.\n".encode("cp1251")


def test_binary_file_is_named_and_the_rest_still_checked(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "logo.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    (tmp_path / "rude.txt").write_text(RUDE, encoding="utf-8")
    result = invoke("check", "--format", "json", ".")
    assert result.exit_code == EXIT_ERROR
    assert "logo.txt: похоже на двоичный файл" in result.stderr
    assert [Path(f["path"]).name for f in json.loads(result.stdout)["files"]] == ["rude.txt"]


def test_empty_input_is_an_error():
    code, _, err = run(text="   ")
    assert code == EXIT_ERROR and "пустой текст" in err


# ---------------------------------------------------------------- directories, fixing


def test_recursion_and_summary(repo):
    code, out, err = run(paths=["templates"])
    assert code == EXIT_FINDINGS, err  # the repository sets fail_under = 80
    assert "Итого: файлов 60" in out
    categories = next(line for line in out.splitlines() if "по категориям:" in line)
    assert "familiar" in categories and "structure" in categories and "хуже всего: templates/" in out
    assert "templates/order/order-confirmed.html.j2" not in out  # clean files are not listed


def test_per_path_channel_and_encoding_from_the_repository_config(repo):
    _, out, _ = run(paths=["templates"], output_format="json")
    files = {f["path"]: f for f in json.loads(out)["files"]}
    assert files["templates/sms/code.txt"]["context"]["channel"] == "sms"
    assert files["templates/support/chat-waiting.txt"]["context"]["channel"] == "chat"
    assert files["templates/order/order-paid.txt"]["context"]["channel"] == "email"
    assert "templates/legacy/review-thanks.txt" in files  # cp1251, read through the override
    birthday = files["templates/sms/promo-birthday.txt"]
    assert "FM003" not in [f["code"] for f in birthday["findings"]]  # «Привет» suppressed for the whole file


def test_fix_then_check_leaves_no_safe_fix(repo):
    before = {p: p.read_bytes() for p in repo.rglob("*") if p.is_file()}
    _, _, err = run(paths=["templates"], fix=True)
    assert "исправлен файл templates/order/order-delayed.txt" in err
    _, out, _ = run(paths=["templates"], output_format="json")
    payload = json.loads(out)
    safe = [(f["path"], x["code"]) for f in payload["files"] for x in f["findings"]
            if any(s["safe"] for s in x["suggestions"])]
    assert safe == []
    after = {p: p.read_bytes() for p in repo.rglob("*") if p.is_file()}
    changed = sorted(str(p.relative_to(repo)) for p in before if before[p] != after[p])
    assert "order/order-delayed.txt" in changed and "order/order-confirmed.html.j2" not in changed
    assert len(changed) >= 11  # the familiar fixes; rules added later may fix more
    assert after[repo / "legacy/review-thanks.txt"].decode("cp1251")  # still cp1251
    assert not list(repo.rglob("*.tonecheck-tmp"))


def test_diff_writes_nothing(repo):
    before = {p: p.read_bytes() for p in repo.rglob("*") if p.is_file()}
    code, out, _ = run(paths=["templates/order"], diff=True)
    assert code == EXIT_FINDINGS
    assert "--- a/templates/order/order-delayed.txt" in out
    assert "+Ваш заказ №{{ order_number }} задерживается" in out
    assert before == {p: p.read_bytes() for p in repo.rglob("*") if p.is_file()}
    assert run(paths=["templates/order/order-paid.txt"], diff=True)[0] == EXIT_CLEAN


def test_fix_keeps_crlf_bom_and_html(tmp_path):
    path = tmp_path / "letter.html"
    original = "\ufeff<p>Привет!</p>\r\n<p>Твой <a href=\"https://x.example/ty\">заказ</a> готов.</p>\r\n"
    path.write_bytes(original.encode("utf-8"))
    run(paths=[str(path)], fix=True, discover=False)
    assert path.read_bytes() == ("\ufeff<p>Здравствуйте!</p>\r\n<p>Ваш <a href=\"https://x.example/ty\">заказ</a>"
                                 " готов.</p>\r\n").encode("utf-8")


def test_unsafe_fixes_only_when_asked(tmp_path):
    path = tmp_path / "wait.txt"
    path.write_text("Ждите.\n", encoding="utf-8")
    code, _, _ = run(paths=[str(path)], fix=True, discover=False)
    assert code == EXIT_FINDINGS and path.read_text(encoding="utf-8") == "Ждите.\n"
    code, _, err = run(paths=[str(path)], unsafe_fixes=True, discover=False)
    assert "исправлен файл" in err and path.read_text(encoding="utf-8") == "Пожалуйста, подождите.\n"


def test_stdin_filename_picks_markup_and_config(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    html = '<p title="Твой заказ">Здравствуйте!</p>'
    as_text = json.loads(invoke("check", "--stdin-filename", "note.txt", "--select", "familiar", "--format", "json",
                                "-", stdin=html).stdout)
    assert [f["code"] for f in as_text["files"][0]["findings"]] == ["FM001"]
    result = invoke("check", "--stdin-filename", "letter.html", "--select", "familiar", "--format", "json", "-",
                    stdin=html)
    payload = json.loads(result.stdout)
    assert payload["files"][0]["path"] == "letter.html" and payload["files"][0]["findings"] == []


def test_include_and_exclude(tmp_path):
    (tmp_path / ".tonecheck.toml").write_text('include = ["*.msg"]\nexclude = ["drafts"]\n', encoding="utf-8")
    for name in ("a.msg", "b.txt", "drafts/c.msg"):
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_text(RUDE, encoding="utf-8")
    _, out, _ = run(paths=[str(tmp_path)], output_format="json")
    assert [Path(f["path"]).name for f in json.loads(out)["files"]] == ["a.msg"]
