"""``tonecheck check``: lint drafts from files, directories, stdin or ``-t``; optionally fix them."""

from __future__ import annotations

import difflib
import sys
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from rich.console import Console

from .. import render, source
from ..config import Config
from ..engine import Linter
from ..errors import InputError, ToneCheckError
from ..redact import redact
from ..report import Report
from . import EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS

DEFAULT_GLOBS = ("*.txt", "*.md", "*.html", "*.htm", "*.j2", "*.jinja", "*.jinja2", "*.tmpl")


@dataclass
class Options:
    paths: Sequence[str] = ()
    text: str | None = None
    customer_name: str | None = None
    customer_message: str | None = None
    channel: str | None = None
    followup: bool = False
    first_contact: bool = False
    output_format: str = "text"
    fail_under: int | None = None
    exit_zero: bool = False
    encoding: str | None = None
    fix: bool = False
    unsafe_fixes: bool = False
    diff: bool = False
    globs: Sequence[str] = DEFAULT_GLOBS
    config: Config = field(default_factory=Config)
    redact: bool = False


def expand(paths: Sequence[str], globs: Sequence[str]) -> list[str]:
    """Files named directly, and files under named directories that match ``globs``."""
    out: list[str] = []
    for p in paths:
        path = Path(p)
        if p != "-" and path.is_dir():
            found = sorted({f for g in globs for f in path.rglob(g) if f.is_file()
                            and not any(part.startswith(".") for part in f.relative_to(path).parts)})
            out.extend(str(f) for f in found)
        else:
            out.append(p)
    return out


def run(opts: Options, out: Console, err: Console) -> int:
    try:
        linter = Linter(opts.config)
    except ToneCheckError as exc:  # a broken rule or config is the user's to fix, not a traceback
        err.print(f"tonecheck: {exc}", markup=False, highlight=False)
        return EXIT_ERROR
    context = {
        "customer_name": opts.customer_name, "customer_message": opts.customer_message,
        "channel": opts.channel, "followup": opts.followup, "first_contact": opts.first_contact,
    }
    sources: list[source.Source] = []
    try:
        if opts.text is not None:
            sources.append(source.Source("<текст>", opts.text))
        for p in expand(opts.paths, opts.globs) if opts.paths else ([] if opts.text is not None else ["-"]):
            sources.append(source.read(p, opts.encoding))
    except InputError as exc:
        err.print(f"tonecheck: {exc}", markup=False, highlight=False)
        return EXIT_ERROR
    if not sources:
        err.print("tonecheck: не найдено ни одного файла для проверки", markup=False, highlight=False)
        return EXIT_ERROR
    empty = [s.name for s in sources if not s.text.strip()]
    if empty and len(sources) == 1:
        err.print(f"tonecheck: {empty[0]}: пустой текст, проверять нечего", markup=False, highlight=False)
        return EXIT_ERROR

    def shown(text: str) -> str:
        # With --redact nothing printed may carry the personal data found: texts are shown masked.
        return redact(linter.lint(text, **context)).text if opts.redact else text

    results: list[tuple[str, Report]] = []
    fail_under = opts.fail_under if opts.fail_under is not None else opts.config.fail_under
    failed = False
    for src in sources:
        if not src.text.strip():
            continue
        report = linter.lint(src.text, **context)
        if opts.fix or opts.unsafe_fixes or opts.diff:
            fixed = linter.fix(src.text, unsafe=opts.unsafe_fixes, **context)
            if opts.diff:
                _print_diff(out, source.Source(src.name, shown(src.text)), shown(fixed))
            elif source.write(src, fixed):
                err.print(f"исправлен файл {src.name}", markup=False, highlight=False)
            elif src.path is None and fixed != src.text:
                out.print(shown(fixed), markup=False, highlight=False)
            if not opts.diff:
                report = linter.lint(fixed, **context)
        results.append((src.name, redact(report) if opts.redact else report))
        failed = failed or report.has_errors or report.score < fail_under

    if opts.output_format == "json":
        sys.stdout.write(render.json_report(results) + "\n")
    elif not opts.diff:
        for i, (name, report) in enumerate(results):
            if i:
                out.print()
            render.text_report(out, name, report)
        if len(results) > 1:
            _summary(out, results)
    if opts.exit_zero:
        return EXIT_CLEAN
    return EXIT_FINDINGS if failed else EXIT_CLEAN


def _print_diff(out: Console, src: source.Source, fixed: str) -> None:
    if fixed == src.text:
        return
    diff = difflib.unified_diff(src.text.splitlines(keepends=True), fixed.splitlines(keepends=True),
                                fromfile=f"a/{src.name}", tofile=f"b/{src.name}")
    for line in diff:
        style = "green" if line.startswith("+") else "red" if line.startswith("-") else None
        out.print(line.rstrip("\r\n"), style=style, markup=False, highlight=False)


def _summary(out: Console, results: list[tuple[str, Report]]) -> None:
    by_category: Counter[str] = Counter(f.category for _, r in results for f in r.findings)
    total = sum(by_category.values())
    out.print()
    out.print(f"Итого: файлов {len(results)}, замечаний {total}", style="bold", markup=False, highlight=False)
    if by_category:
        out.print("  по категориям: " + ", ".join(f"{c} {n}" for c, n in by_category.most_common()),
                  markup=False, highlight=False)
        worst = sorted(results, key=lambda item: item[1].score)[:5]
        out.print("  хуже всего: " + ", ".join(f"{n} ({r.score})" for n, r in worst if r.findings),
                  markup=False, highlight=False)
