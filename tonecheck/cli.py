"""The click layer: parse options, build a Config, call a command, exit with its code."""

from __future__ import annotations

import sys

import click
from rich.console import Console

from . import __version__
from .commands import EXIT_ERROR, check, rules, validate
from .context import CHANNELS
from .errors import ToneCheckError
from .source import read


def _consoles(color: str) -> tuple[Console, Console]:
    force = {"always": True, "never": False}.get(color)
    no_color = color == "never"
    out = Console(force_terminal=force, no_color=no_color, highlight=False, soft_wrap=True)
    err = Console(stderr=True, force_terminal=force, no_color=no_color, highlight=False, soft_wrap=True)
    return out, err


def _codes(value: str | None) -> tuple[str, ...]:
    return tuple(v.strip() for v in (value or "").split(",") if v.strip())


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="tonecheck")
def main() -> None:
    """tonecheck — проверка тона и этикета ответов службы поддержки."""


@main.command("check")
@click.argument("paths", nargs=-1)
@click.option("-t", "--text", help="Текст черновика прямо в командной строке.")
@click.option("--name", "customer_name", help="Имя клиента, например «Анна» или «Игорь Викторович».")
@click.option("--reply-to", "reply_to", type=click.Path(dir_okay=False), help="Файл с сообщением клиента.")
@click.option("--reply-to-text", help="Сообщение клиента текстом.")
@click.option("--channel", type=click.Choice(CHANNELS), help="Канал: chat (по умолчанию), email, sms, social.")
@click.option("--followup", is_flag=True, help="Продолжение переписки: приветствие не нужно.")
@click.option("--first-contact", is_flag=True, help="Первое обращение: оператор представляется.")
@click.option("--format", "output_format", type=click.Choice(check.FORMATS), default="text", show_default=True,
              help="text — для людей; json; sarif — для code scanning; github — аннотации GitHub Actions.")
@click.option("--select", help="Только эти правила: коды, префиксы, имена или категории через запятую.")
@click.option("--extend-select", help="Добавить правила к выбранным, в том числе выключенные по умолчанию "
              "(ST003, ST004): коды, префиксы, имена или категории через запятую.")
@click.option("--ignore", help="Пропустить эти правила (коды, префиксы, имена, категории).")
@click.option("--fail-under", type=click.IntRange(0, 100), help="Код 1, если оценка ниже N.")
@click.option("--exit-zero", is_flag=True, help="Всегда завершаться с кодом 0, если нет ошибок ввода.")
@click.option("--color", type=click.Choice(["auto", "always", "never"]), default="auto", show_default=True)
@click.option("--encoding", help="Кодировка входных файлов (по умолчанию UTF-8 или encoding из настроек).")
@click.option("--fix", is_flag=True, help="Применить безопасные исправления к файлам.")
@click.option("--unsafe-fixes", is_flag=True, help="Применить и исправления, меняющие смысл.")
@click.option("--diff", is_flag=True, help="Показать исправления как diff, ничего не записывая.")
@click.option("--config", "config_path", type=click.Path(dir_okay=False),
              help="Файл настроек (.tonecheck.toml или pyproject.toml) вместо поиска рядом с файлами.")
@click.option("--isolated", is_flag=True, help="Не читать файлы настроек.")
@click.option("--stdin-filename", help="Имя файла для текста из стандартного ввода (формат, настройки).")
@click.option("--redact", is_flag=True, help="Скрыть в выводе найденные персональные данные.")
def check_command(paths: tuple[str, ...], text: str | None, customer_name: str | None, reply_to: str | None,
                  reply_to_text: str | None, channel: str | None, followup: bool, first_contact: bool,
                  output_format: str, select: str | None, extend_select: str | None, ignore: str | None,
                  fail_under: int | None,
                  exit_zero: bool, color: str, encoding: str | None, fix: bool, unsafe_fixes: bool,
                  diff: bool, config_path: str | None, isolated: bool, stdin_filename: str | None,
                  redact: bool) -> None:
    """Проверить черновики и шаблоны: файлы, каталоги, «-» (стандартный ввод) или -t ТЕКСТ."""
    out, err = _consoles("never" if output_format != "text" else color)
    try:
        message = reply_to_text
        if reply_to:
            message = read(reply_to, encoding).text
    except ToneCheckError as exc:
        err.print(f"tonecheck: {exc}", markup=False, highlight=False)
        sys.exit(EXIT_ERROR)
    opts = check.Options(
        paths=paths, text=text, customer_name=customer_name, customer_message=message, channel=channel,
        followup=followup, first_contact=first_contact, output_format=output_format, fail_under=fail_under,
        exit_zero=exit_zero, encoding=encoding, fix=fix, unsafe_fixes=unsafe_fixes, diff=diff,
        select=_codes(select), extend_select=_codes(extend_select), ignore=_codes(ignore),
        config_path=config_path, discover=not isolated,
        stdin_filename=stdin_filename, redact=redact,
    )
    try:
        code = check.run(opts, out, err)
    except ToneCheckError as exc:  # a service a check relies on (a LanguageTool server) failed mid-run
        err.print(f"tonecheck: {exc}", markup=False, highlight=False)
        code = EXIT_ERROR
    sys.exit(code)


@main.command("rules")
@click.option("--color", type=click.Choice(["auto", "always", "never"]), default="auto")
def rules_command(color: str) -> None:
    """Список всех правил."""
    out, _ = _consoles(color)
    sys.exit(rules.list_rules(out))


@main.command("explain")
@click.argument("code")
def explain_command(code: str) -> None:
    """Подробно объяснить правило: tonecheck explain FM002."""
    out, err = _consoles("auto")
    sys.exit(rules.explain(code, out, err))


@main.command("validate-rules")
@click.argument("paths", nargs=-1, required=True)
def validate_command(paths: tuple[str, ...]) -> None:
    """Проверить файлы правил (свои или встроенные): ошибки в виде файл:строка: сообщение."""
    out, err = _consoles("auto")
    sys.exit(validate.run(list(paths), out, err))


if __name__ == "__main__":
    main()
