"""Reporters: rich text for people, JSON for programs. Customer text is never parsed as markup."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from rich.console import Console
from rich.text import Text

from .finding import Finding
from .report import Report

SEVERITY_STYLE = {"error": "bold white on red", "warning": "black on yellow", "info": "black on cyan"}
SEVERITY_LABEL = {"error": "ошибка", "warning": "предупреждение", "info": "совет"}
SEVERITY_COLOR = {"error": "red", "warning": "yellow", "info": "cyan"}
VERDICT_STYLE = {"ok": "bold green", "fix": "bold yellow", "block": "bold red"}
CHANNEL_LABEL = {"chat": "чат", "email": "email", "sms": "SMS", "social": "соцсети"}


def context_line(report: Report) -> str:
    ctx = report.context
    parts = [f"Клиент: {ctx.customer_name}" if ctx.customer_name else "Клиент: имя не указано",
             f"канал: {CHANNEL_LABEL[ctx.channel]}"]
    if ctx.followup:
        parts.append("продолжение переписки")
    if ctx.first_contact:
        parts.append("первое обращение")
    if ctx.customer_message:
        parts.append("есть сообщение клиента")
    return ", ".join(parts)


def highlighted(report: Report) -> Text:
    """The draft with each finding's span coloured by severity (worst wins where spans overlap)."""
    text = Text(report.text.rstrip("\r\n"))
    order = {"info": 0, "warning": 1, "error": 2}
    for finding in sorted(report.findings, key=lambda f: order[f.severity]):
        if finding.end > finding.start:
            text.stylize(SEVERITY_STYLE[finding.severity], finding.start, finding.end)
    for finding in report.findings:
        # Words a finding names as its cause (``data["words"]``: a list of start/end) stand out inside its
        # span; other checks keep other things under that key (the long-sentence rule, a word count).
        causes = finding.data.get("words")
        for word in causes if isinstance(causes, list) else ():
            start, end = (word.get("start"), word.get("end")) if isinstance(word, dict) else (None, None)
            if isinstance(start, int) and isinstance(end, int):
                text.stylize("bold underline", start, end)
    return text


def text_report(console: Console, name: str, report: Report, *, show_source: bool = True) -> None:
    console.print(Text.assemble((name, "bold"), "  ", (f"({context_line(report)})", "dim")))
    if show_source and report.findings:
        console.print(Text("─" * 60, style="dim"))
        console.print(highlighted(report))
        console.print(Text("─" * 60, style="dim"))
    for f in report.findings:
        head = Text.assemble(
            (f"{f.line}:{f.column}", "bold"), " ",
            (f.code, f"bold {SEVERITY_COLOR[f.severity]}"), " ",
            (SEVERITY_LABEL[f.severity], SEVERITY_COLOR[f.severity]), " ",
            (f"[{f.category}]", "dim"), " ", f.message,
        )
        console.print(head)
        # One line per finding, like the replacement below: line breaks inside the span show as «↵».
        quoted = f.text.replace("\n", "↵")
        quoted = quoted if len(quoted) <= 80 else quoted[:77] + "…"
        line = Text.assemble("    «", (quoted, "underline"), "»")
        if f.suggestions:
            s = f.suggestions[0]
            shown = s.replacement.replace("\n", "↵")
            if s.start == s.end:
                line.append(" + вставить «")
                line.append(shown, "bold green")
                line.append("»")
            else:
                if (s.start, s.end) != (f.start, f.end):
                    line.append(" «")
                    line.append(report.text[s.start:s.end].replace("\n", "↵"), "underline")
                    line.append("»")
                line.append(" → «" if s.replacement else " → ")
                line.append(shown if s.replacement else "(удалить)", "bold green")
                if s.replacement:
                    line.append("»")
            line.append("  (безопасно)" if s.safe else "  (проверьте: меняет смысл)", "dim")
        elif f.fix_title:
            line.append(f"  {f.fix_title}", "dim")
        console.print(line)
    extras = _extras_lines(report)
    for extra in extras:
        console.print(extra)
    verdict = Text.assemble(("Оценка: ", "bold"), (f"{report.score}/100", VERDICT_STYLE[report.verdict]),
                            " — ", (report.verdict_text, VERDICT_STYLE[report.verdict]))
    if not report.findings:
        verdict.append("  замечаний нет", "green")
    console.print(verdict)


def _extras_lines(report: Report) -> list[Text]:
    lines = []
    if report.relevance is not None:
        lines.append(Text(f"Соответствие вопросу клиента: {report.relevance:.2f}", style="dim"))
    spam = report.extras.get("spam")
    # The breakdown explains a spam finding; below the threshold it stays in JSON only.
    if isinstance(spam, dict) and spam.get("rules") and spam.get("score", 0) >= spam.get("threshold", 0):
        lines.append(Text(f"Спам-баллы: {spam.get('score', 0):.1f} (порог {spam.get('threshold', 0):.1f})",
                          style="dim"))
        for rule in spam["rules"]:
            lines.append(Text(f"    +{rule['points']:.1f}  {rule['name']}: {rule['description']}", style="dim"))
    extras = report.extras
    if isinstance(extras.get("readability"), (int, float)):
        level = f" — {extras['readability_level']}" if extras.get("readability_level") else ""
        lines.append(Text(f"Читаемость (Флеш — Оборнева): {extras['readability']:.0f}{level}", style="dim"))
    if isinstance(extras.get("sms_segments"), int) and extras["sms_segments"]:
        about = "примерно " if extras.get("sms_estimate") else ""  # placeholders counted at a typical length
        lines.append(Text(f"SMS: частей {about}{extras['sms_segments']}, символов {about}{extras.get('sms_length', 0)} "
                          f"({extras.get('sms_encoding', '')})", style="dim"))
    return lines


def json_report(items: Sequence[tuple[str, Report]]) -> str:
    payload: dict[str, Any] = {
        "schema_version": 1,
        "files": [{"path": name, **report.to_dict()} for name, report in items],
    }
    return json.dumps(payload, ensure_ascii=False, indent=2)


GITHUB_LEVEL = {"error": "error", "warning": "warning", "info": "notice"}


def _gh_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _gh_property(value: str) -> str:
    return _gh_data(value).replace(":", "%3A").replace(",", "%2C")


def github_line(name: str, finding: Finding) -> str:
    """One GitHub Actions workflow command: the finding shows as an annotation on the changed file."""
    end_line, end_column = finding.line, finding.column + max(0, len(finding.text.split("\n")[0]))
    if "\n" in finding.text:
        end_line = finding.line + finding.text.count("\n")
        end_column = len(finding.text.rsplit("\n", 1)[1]) + 1
    props = ",".join([
        f"file={_gh_property(name)}", f"line={finding.line}", f"col={finding.column}",
        f"endLine={end_line}", f"endColumn={end_column}", f"title={_gh_property(f'{finding.code} {finding.name}')}",
    ])
    message = finding.message
    if finding.suggestions and finding.suggestions[0].replacement:
        message += f" → «{finding.suggestions[0].replacement}»"
    elif finding.fix_title:
        message += f". {finding.fix_title}"
    return f"::{GITHUB_LEVEL[finding.severity]} {props}::{_gh_data(message)}"
