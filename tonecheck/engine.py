"""The Linter: loads and compiles rules once, then lints texts (thread-safe)."""

from __future__ import annotations

import gc
import inspect
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from . import checks, markup, score, suppression
from .config import Config
from .context import Context
from .doc import Doc
from .errors import RuleError
from .finding import Finding, Hit
from .fix import apply, chosen_edits
from .morph import Morph, morph
from .report import Report
from .rule import DEFAULT_WEIGHT, Check, Rule, builtin_dir, parse_rule, read_yaml, rule_files
from .template import mask


def load_rules(directories: Iterable[Path]) -> list[Rule]:
    """Parse every rule file; duplicate codes and names are errors."""
    keys = checks.kind_keys()
    rules: list[Rule] = []
    seen: dict[str, str] = {}
    for directory in directories:
        if not directory.is_dir():
            raise RuleError(str(directory), None, None, "каталог правил не найден")
        for path in rule_files(directory):
            data, lines = read_yaml(path)
            rule = parse_rule(data, lines, str(path), keys)
            for key in (rule.code, rule.name):
                if key in seen:
                    field = "code" if key == rule.code else "name"
                    raise RuleError(str(path), lines.get(field), field, f"{key!r} уже занят правилом в {seen[key]}")
                seen[key] = str(path)
            rules.append(rule)
    return rules


def compile_rules(rules: Iterable[Rule], analyzer: Morph,
                  options: dict[str, Any] | None = None) -> list[Check]:
    """Compile each rule with its kind; kinds whose ``compile`` takes ``options`` get ``Config.options``."""
    out = []
    for rule in rules:
        kind = checks.KINDS[rule.kind]
        if "options" in inspect.signature(kind.compile).parameters:
            out.append(kind.compile(rule, analyzer, options=dict(options or {})))
        else:
            out.append(kind.compile(rule, analyzer))
    return out


class Linter:
    """Reusable and thread-safe: rules and dictionaries load once, each ``lint`` builds its own Doc."""

    def __init__(self, config: Config | None = None, *, rules: list[Rule] | None = None) -> None:
        self.config = config or Config()
        # Loading makes a few hundred thousand long-lived objects and no garbage cycles: the cyclic
        # collector would only walk them again and again (a quarter of the CLI's cold start).
        collecting = gc.isenabled()
        gc.disable()
        try:
            self.morph = morph()
            if rules is None:
                rules = load_rules([builtin_dir(), *self.config.rule_dirs])
            self.rules = rules
            self.checks = compile_rules(rules, self.morph, self.config.options)
        finally:
            if collecting:
                gc.enable()
        self.by_code = {r.code: r for r in rules}
        self._active: dict[str, list[Check]] = {}
        self._plans: dict[str, tuple[list[tuple[Check, bool, Any]], list[Any]]] = {}
        #: How sure each fallback check's guess is (lower wins where two guesses share a span).
        self._ranks = {c.rule.code: int(getattr(c, "fallback_rank", 1)) for c in self.checks
                       if getattr(c, "fallback", False)}

    def active(self, ctx: Context) -> list[Check]:
        """Checks that run for this channel under this config (computed once per channel)."""
        cached = self._active.get(ctx.channel)
        if cached is None:
            cfg = self.config
            cached = [
                c for c in self.checks
                if (c.rule.enabled or cfg.turns_on(c.rule.code, c.rule.name)) and ctx.channel in c.rule.channels
                and cfg.selects(c.rule.code, c.rule.name, c.rule.category)
            ]
            self._active[ctx.channel] = cached
        return cached

    def _plan(self, ctx: Context) -> tuple[list[tuple[Check, bool, Any]], list[Any]]:
        """The active checks with what ``lint`` asks of each (fallback? measure?), and the reviewers.

        Reviewers are checks that also define ``review(doc, ctx, findings)`` (unused suppressions).
        """
        cached = self._plans.get(ctx.channel)
        if cached is None:
            active = self.active(ctx)
            cached = ([(c, bool(getattr(c, "fallback", False)), getattr(c, "measure", None)) for c in active],
                      [c for c in active if hasattr(c, "review")])
            self._plans[ctx.channel] = cached
        return cached

    def context(self, customer_name: str | None = None, customer_message: str | None = None,
                channel: str | None = None, followup: bool = False, first_contact: bool = False) -> Context:
        return Context(customer_name or None, customer_message or None, channel or self.config.channel,
                       followup, first_contact)

    def doc(self, text: str, fmt: str = "text") -> Doc:
        view, placeholders = mask(text, self.config.options.get("placeholders"))
        return Doc.build(text, markup.strip(view, fmt), placeholders, self.morph)

    def lint(self, text: str, *, customer_name: str | None = None, customer_message: str | None = None,
             channel: str | None = None, followup: bool = False, first_contact: bool = False,
             config: Any = None, markup: str = "text") -> Report:
        """Lint one reply. ``config`` is accepted for API symmetry; a Linter keeps its own.

        ``markup`` (``text``, ``html``, ``markdown``): lint only the text a reader sees.
        """
        if not isinstance(text, str):
            raise TypeError(f"text must be str, not {type(text).__name__}")
        ctx = self.context(customer_name, customer_message, channel, followup, first_contact)
        doc = self.doc(text, markup)
        findings: list[Finding] = []
        extras: dict[str, Any] = {}
        relevance: float | None = None
        fallbacks: list[Finding] = []
        plan, reviewers = self._plan(ctx)
        finding = self._finding
        for check, fallback, measure in plan:
            # A fallback check (a guess such as a respelling) yields to a finding of its category on the same span.
            into = fallbacks if fallback else findings
            for hit in check.run(doc, ctx):
                into.append(finding(check.rule, hit, doc))
            if measure is not None:
                for key, value in measure(doc, ctx).items():
                    if key == "relevance":
                        relevance = value
                    else:
                        extras[key] = value
        if fallbacks:
            findings += _uncovered(fallbacks, findings, self._ranks)
        # Checks about other checks' findings (unused suppressions) run last, then suppressions apply.
        reviewed = [finding(check.rule, hit, doc) for check in reviewers for hit in check.review(doc, ctx, findings)]
        directives = suppression.parse(text)
        if directives:
            findings = (suppression.apply(directives, findings)[0]
                        + suppression.apply(directives, reviewed, blanket=False)[0])
        else:
            findings = findings + reviewed
        findings = self._allowed(findings)
        findings.sort(key=lambda f: (f.start, f.end, f.code))
        total = score.overall(findings)
        return Report(text, findings, total, score.by_category(findings), score.verdict(findings, total),
                      ctx, relevance, extras)

    def _allowed(self, findings: list[Finding]) -> list[Finding]:
        terms = {t.lower() for t in self.config.allowed_terms}
        if not terms:
            return findings
        return [f for f in findings if f.text.lower() not in terms]

    def _finding(self, rule: Rule, hit: Hit, doc: Doc) -> Finding:
        line, column = doc.position(hit.start)
        severity = self.config.severity.get(rule.code) or self.config.severity.get(rule.name) \
            or hit.severity or rule.severity
        weight = hit.weight if hit.weight is not None else (
            rule.weight if severity == rule.severity else DEFAULT_WEIGHT[severity])
        return Finding(
            code=rule.code, name=rule.name, category=rule.category, severity=severity,
            start=hit.start, end=hit.end, line=line, column=column, text=doc.text[hit.start:hit.end],
            message=hit.message or rule.message, weight=weight, suggestions=hit.suggestions,
            fix_title=rule.fix_title, data=dict(hit.data or {}),
        )

    def fix(self, text: str, *, unsafe: bool = False, passes: int = 4, **context: Any) -> str:
        """Apply fixes until none is left (at most ``passes`` rounds)."""
        for _ in range(passes):
            report = self.lint(text, **context)
            edits = chosen_edits(report.findings, unsafe=unsafe)
            if not edits:
                break
            fixed = apply(text, edits)
            if fixed == text:
                break
            text = fixed
        return text


def _uncovered(fallbacks: list[Finding], findings: list[Finding], ranks: dict[str, int]) -> list[Finding]:
    """Fallback findings on spans no other finding of their category covers, one per span: the surer
    guess (lower ``fallback_rank``: a respelling allowed one rewrite beats one allowed two), then the
    lower code."""
    covered = {(f.category, f.start, f.end) for f in findings}
    out = []
    for f in sorted(fallbacks, key=lambda f: (ranks.get(f.code, 1), f.code)):
        key = (f.category, f.start, f.end)
        if key not in covered:
            covered.add(key)
            out.append(f)
    return out
