"""``tonecheck check``: lint drafts from files, directories, stdin or ``-t``; optionally fix them."""

from __future__ import annotations

import difflib
import sys
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rich.console import Console

from .. import config as config_file
from .. import markup, render, sarif, source
from ..config import Config
from ..engine import Linter, load_rules
from ..errors import ConfigError, RuleError, ToneCheckError
from ..redact import redact
from ..report import Report
from ..rule import Rule, builtin_dir
from . import EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS

FORMATS = ("text", "json", "sarif", "github")
#: Kept for callers of ``expand``; the configured ``include`` globs are the same by default.
DEFAULT_GLOBS = config_file.DEFAULT_INCLUDE


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
    #: Directory recursion globs; None: the config's ``include``.
    globs: Sequence[str] | None = None
    #: Rule selection from the command line: ``select`` replaces the config's, ``ignore`` adds to it.
    select: Sequence[str] = ()
    extend_select: Sequence[str] = ()
    ignore: Sequence[str] = ()
    #: A config file to use for every input instead of looking one up beside each file.
    config_path: str | None = None
    #: A ready config for every input (the library and tests); wins over ``config_path`` and discovery.
    config: Config | None = None
    stdin_filename: str | None = None
    #: False: no config file is looked up (``--isolated``).
    discover: bool = True
    #: Mask the personal data the privacy rules find in everything printed (``--redact``).
    redact: bool = False


@dataclass
class Result:
    name: str
    report: Report
    changed: bool = False
    fixed_from: int | None = None  # findings before --fix


@dataclass
class Settings:
    """Configs and Linters per input, each built once: a Linter per distinct effective config."""

    opts: Options
    _files: dict[Path, Config | None] = field(default_factory=dict)
    _folders: dict[Path, Path | None] = field(default_factory=dict)
    _linters: dict[tuple[Any, ...], Linter] = field(default_factory=dict)
    _rules: dict[tuple[Path, ...], list[Rule]] = field(default_factory=dict)

    def base(self, path: str | None) -> Config:
        """The config file's settings for ``path`` (None: stdin and ``-t``, looked up from here)."""
        if self.opts.config is not None:
            return self.opts.config
        if self.opts.config_path:
            return self._load(Path(self.opts.config_path), Path.cwd())
        if not self.opts.discover:
            return Config()
        folder = Path(path) if path else Path.cwd()
        folder = (folder if folder.is_dir() else folder.parent).resolve()
        if folder not in self._folders:
            self._folders[folder] = config_file.find(folder)
        found = self._folders[folder]
        return self._load(found) if found else Config()

    def _load(self, path: Path, root: Path | None = None) -> Config:
        key = path.resolve()
        if key not in self._files:
            self._files[key] = config_file.load(path, root)
        cfg = self._files[key]
        assert cfg is not None
        return cfg

    def config(self, path: str | None) -> tuple[Config, tuple[Any, ...]]:
        """The effective config for one input and a key that identifies it."""
        base = self.base(path)
        overrides = base.matching(path) if path else ()
        cfg = base
        for i in overrides:
            cfg = cfg.merged(base.overrides[i][1])
        cli: dict[str, Any] = {}
        if self.opts.select:
            cli["select"] = tuple(self.opts.select)
        if self.opts.extend_select:
            cli["extend_select"] = (*cfg.extend_select, *self.opts.extend_select)
        if self.opts.ignore:
            cli["ignore"] = (*cfg.ignore, *self.opts.ignore)
        if self.opts.fail_under is not None:
            cli["fail_under"] = self.opts.fail_under
        if cli:
            cfg = cfg.with_(**cli)
        return cfg, (id(base), overrides)

    def linter(self, path: str | None) -> tuple[Linter, Config]:
        cfg, key = self.config(path)
        if key not in self._linters:
            dirs = tuple(cfg.rule_dirs)
            if dirs not in self._rules:
                self._rules[dirs] = load_rules([builtin_dir(), *dirs])
            rules = self._rules[dirs]
            _check_selectors(cfg, rules)
            self._linters[key] = Linter(cfg, rules=rules)
        return self._linters[key], cfg

    def rules(self) -> list[Rule]:
        seen: dict[str, Rule] = {}
        for rules in self._rules.values() or [load_rules([builtin_dir()])]:
            for r in rules:
                seen.setdefault(r.code, r)
        return sorted(seen.values(), key=lambda r: r.code)


def _check_selectors(cfg: Config, rules: list[Rule]) -> None:
    """A selector that names no rule is a typo that would silently turn checking off."""
    for key in ("select", "extend_select", "ignore"):
        for item in getattr(cfg, key):
            if not any(r.code.startswith(item) or item in (r.name, r.category) for r in rules):
                where = cfg.source or "командная строка"
                raise ConfigError(f"{where}: {key}: «{item}» не совпадает ни с одним правилом (коды, имена, категории)")


def expand(paths: Sequence[str], globs: Sequence[str] | None = None,
           settings: Settings | None = None) -> list[str]:
    """Files named directly, and files under named directories that match the include globs.

    Hidden files and folders are skipped, and so is whatever the config's ``exclude`` names.
    """
    out: list[str] = []
    for p in paths:
        path = Path(p)
        if p != "-" and path.is_dir():
            cfg = settings.base(p) if settings else Config()
            patterns = tuple(globs) if globs else cfg.include
            found = sorted({f for g in patterns for f in path.rglob(g) if f.is_file()
                            and not any(part.startswith(".") for part in f.relative_to(path).parts)})
            out.extend(str(f) for f in found if not (settings and settings.base(str(f)).excludes(f)))
        elif p == "-" or not (settings and path.is_file() and settings.base(p).excludes(p)):
            out.append(p)
    return out


def _say(err: Console, message: str) -> None:
    err.print(f"tonecheck: {message}", markup=False, highlight=False)


def run(opts: Options, out: Console, err: Console) -> int:
    settings = Settings(opts)
    context: dict[str, Any] = {
        "customer_name": opts.customer_name, "customer_message": opts.customer_message,
        "channel": opts.channel, "followup": opts.followup, "first_contact": opts.first_contact,
    }
    machine = opts.output_format in ("json", "sarif", "github")
    # With --fix on stdin the fixed text owns stdout, so the report goes to stderr.
    stdin_fix = (opts.fix or opts.unsafe_fixes) and not opts.diff and (not opts.paths or "-" in opts.paths)
    report_out = err if stdin_fix and not machine else out
    try:
        names = expand(opts.paths, opts.globs, settings) if opts.paths else []
    except ToneCheckError as exc:
        _say(err, str(exc))
        return EXIT_ERROR
    if not names and opts.text is None:
        if opts.paths:
            _say(err, "не найдено ни одного файла для проверки")
            return EXIT_ERROR
        names = ["-"]
        if sys.stdin is not None and sys.stdin.isatty():  # an operator at a terminal: say what we wait for
            _say(err, "вставьте текст черновика и нажмите Ctrl-D (или укажите файл, «-t ТЕКСТ»; справка: --help)")

    inputs: list[tuple[str | None, str, source.Source | None]] = []
    if opts.text is not None:
        inputs.append((None, "<текст>", source.Source("<текст>", opts.text)))
    inputs += [(None if n == "-" else n, n, None) for n in names]

    results: list[Result] = []
    errors = 0
    failed = False
    for path, name, src in inputs:
        try:
            config_path = path or opts.stdin_filename
            linter, cfg = settings.linter(config_path)
            if src is None:
                src = source.read(name, opts.encoding or cfg.encoding)
                if path is None and opts.stdin_filename:
                    src = source.Source(opts.stdin_filename, src.text, src.encoding, src.bom)
        except (ConfigError, RuleError) as exc:
            _say(err, str(exc))
            return EXIT_ERROR  # the same config or rule would fail every file: stop at the first
        except ToneCheckError as exc:  # one unreadable file: say so, check the rest, exit 2 at the end
            _say(err, str(exc))
            errors += 1
            continue
        if not src.text.strip():
            if len(inputs) == 1:
                _say(err, f"{src.name}: пустой текст, проверять нечего")
                return EXIT_ERROR
            continue
        lint_ctx = {**context, "markup": markup.detect(src.name, src.text)}
        report = linter.lint(src.text, **lint_ctx)
        result = Result(src.name, report)
        if opts.fix or opts.unsafe_fixes or opts.diff:
            fixed = linter.fix(src.text, unsafe=opts.unsafe_fixes, **lint_ctx)
            result.changed = fixed != src.text
            if opts.diff:
                shown = source.Source(src.name, _shown(opts, linter, src.text, lint_ctx))
                _print_diff(out, shown, _shown(opts, linter, fixed, lint_ctx))
            else:
                if src.path is None:
                    out.file.write(_shown(opts, linter, fixed, lint_ctx))
                    out.file.flush()
                else:
                    try:
                        if source.write(src, fixed):
                            err.print(f"исправлен файл {src.name}", markup=False, highlight=False)
                    except (OSError, UnicodeEncodeError) as exc:
                        _say(err, f"{src.name}: не удалось записать исправления ({exc})")
                        errors += 1
                        result.changed = False
                if result.changed:
                    result.fixed_from = len(report.findings)
                    result.report = report = linter.lint(fixed, **lint_ctx)
        if opts.redact:
            result.report = redact(result.report)
        results.append(result)
        # «Нельзя отправлять» fails the run: an error, or so many warnings that the score fell under 50.
        failed = failed or report.verdict == "block" or report.score < cfg.fail_under

    _render(opts, results, settings, report_out)
    if errors:
        return EXIT_ERROR
    if opts.exit_zero:
        return EXIT_CLEAN
    if opts.diff:
        return EXIT_FINDINGS if any(r.changed for r in results) else EXIT_CLEAN
    return EXIT_FINDINGS if failed else EXIT_CLEAN


def _shown(opts: Options, linter: Linter, text: str, lint_ctx: dict[str, Any]) -> str:
    """``text`` as printed: with --redact, the personal data its privacy findings found masked."""
    return redact(linter.lint(text, **lint_ctx)).text if opts.redact else text


def _render(opts: Options, results: list[Result], settings: Settings, out: Console) -> None:
    items = [(r.name, r.report) for r in results]
    if opts.output_format == "json":
        out.file.write(render.json_report(items) + "\n")
    elif opts.output_format == "sarif":
        out.file.write(sarif.dumps(items, settings.rules()) + "\n")
    elif opts.output_format == "github":
        out.file.write("".join(render.github_line(name, f) + "\n" for name, report in items for f in report.findings))
    elif not opts.diff:
        many = len(results) > 1
        shown = 0
        for r in results:
            if many and not r.report.findings and not r.changed:
                continue  # a long run over a template folder lists only what needs attention
            if shown:
                out.print()
            render.text_report(out, r.name, r.report, show_source=not many)
            if r.fixed_from is not None:
                out.print(f"исправлено: замечаний было {r.fixed_from}, осталось {len(r.report.findings)}",
                          style="dim", markup=False, highlight=False)
            shown += 1
        if many:
            _summary(out, results)


def _print_diff(out: Console, src: source.Source, fixed: str) -> None:
    if fixed == src.text:
        return
    diff = difflib.unified_diff(src.text.splitlines(keepends=True), fixed.splitlines(keepends=True),
                                fromfile=f"a/{src.name}", tofile=f"b/{src.name}")
    for line in diff:
        style = "green" if line.startswith("+") else "red" if line.startswith("-") else None
        out.print(line.rstrip("\r\n"), style=style, markup=False, highlight=False)


def _summary(out: Console, results: list[Result]) -> None:
    by_category: Counter[str] = Counter(f.category for r in results for f in r.report.findings)
    total = sum(by_category.values())
    with_findings = sum(1 for r in results if r.report.findings)
    out.print()
    out.print(f"Итого: файлов {len(results)}, с замечаниями {with_findings}, замечаний {total}",
              style="bold", markup=False, highlight=False)
    fixed = [r for r in results if r.fixed_from is not None]
    if fixed:
        out.print(f"  исправлено файлов: {len(fixed)}", markup=False, highlight=False)
    if by_category:
        out.print("  по категориям: " + ", ".join(f"{c} {n}" for c, n in by_category.most_common()),
                  markup=False, highlight=False)
        worst = sorted((r for r in results if r.report.findings), key=lambda r: (r.report.score, r.name))[:5]
        out.print("  хуже всего: " + ", ".join(f"{r.name} ({r.report.score})" for r in worst),
                  markup=False, highlight=False)
