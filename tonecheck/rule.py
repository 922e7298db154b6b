"""Rules as data: one YAML file a rule, validated on load with file, line and field in every error."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

import yaml

from .context import CHANNELS, Context
from .doc import Doc
from .errors import RuleError
from .finding import SEVERITIES, Hit

CATEGORIES = (
    "harsh", "obscene", "slang", "familiar", "greeting", "personalization", "topic",
    "spam", "shouting", "privacy", "clarity", "surzhyk", "grammar", "structure",
)
FIX_SAFETY = ("safe", "unsafe", "none")
DEFAULT_WEIGHT = {"error": 25.0, "warning": 8.0, "info": 2.0}
CODE = re.compile(r"^[A-Z]{2,3}\d{3}$")
#: libyaml when PyYAML was built with it: ten times faster, which the CLI's cold start needs.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
NAME = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")

COMMON_KEYS = {
    "code": True, "name": True, "category": True, "severity": True, "kind": True, "message": True,
    "fix_title": False, "why": True, "example": False, "use_instead": False, "fix_safety": False,
    "weight": False, "channels": False, "examples": True, "fixes": False, "enabled": False,
    "context": False,
}


@dataclass(frozen=True)
class Example:
    text: str
    context: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Rule:
    """A rule's documentation and metadata; its behaviour lives in ``check``."""

    code: str
    name: str
    category: str
    severity: str
    kind: str
    message: str
    why: str
    fix_title: str = ""
    example: str = ""
    use_instead: str = ""
    fix_safety: str = "none"
    weight: float = 0.0
    channels: tuple[str, ...] = CHANNELS
    enabled: bool = True
    fire: tuple[Example, ...] = ()
    passes: tuple[Example, ...] = ()
    fixes: tuple[tuple[str, str, dict[str, Any]], ...] = ()
    spec: dict[str, Any] = field(default_factory=dict, repr=False)
    path: str = ""
    lines: dict[str, int] = field(default_factory=dict, repr=False)

    def where(self, key: str) -> tuple[str, int | None]:
        return self.path, self.lines.get(key)

    def error(self, key: str | None, message: str) -> RuleError:
        return RuleError(self.path, self.lines.get(key or "", None), key, message)


class Check(Protocol):
    """A compiled rule: reads a Doc and the context, yields hits."""

    rule: Rule

    def run(self, doc: Doc, ctx: Context) -> Iterable[Hit]: ...


# ---------------------------------------------------------------- loading


def _mapping_lines(node: yaml.Node) -> dict[str, int]:
    lines: dict[str, int] = {}
    if isinstance(node, yaml.MappingNode):
        for key, _value in node.value:
            if isinstance(key, yaml.ScalarNode):
                lines[str(key.value)] = key.start_mark.line + 1
    return lines


def read_yaml(path: Path) -> tuple[Any, dict[str, int]]:
    """Parse one YAML file; errors name the file and line."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise RuleError(str(path), None, None, f"файл не в UTF-8 ({exc.reason})") from None
    except OSError as exc:
        raise RuleError(str(path), None, None, f"не удалось прочитать файл: {exc.strerror}") from None
    try:
        loader = _LOADER(text)
        try:  # one parse: the node gives the lines, the same node the data
            node = loader.get_single_node()
            data = None if node is None else loader.construct_document(node)
        finally:
            loader.dispose()
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark else None
        problem = getattr(exc, "problem", None) or str(exc)
        raise RuleError(str(path), line, None, f"ошибка YAML: {problem}") from None
    return data, _mapping_lines(node) if node is not None else {}


def _examples(raw: Any, rule_path: str, line: int | None, key: str) -> tuple[Example, ...]:
    if raw is None:
        return ()
    if not isinstance(raw, list):
        raise RuleError(rule_path, line, key, "ожидается список примеров")
    out = []
    for item in raw:
        if isinstance(item, str):
            out.append(Example(item))
        elif isinstance(item, dict) and isinstance(item.get("text"), str):
            ctx = {k: v for k, v in item.items() if k != "text"}
            out.append(Example(item["text"], ctx))
        else:
            raise RuleError(rule_path, line, key, f"пример должен быть строкой или {{text: …}}: {item!r}")
    return tuple(out)


def parse_rule(data: Any, lines: dict[str, int], path: str, kind_keys: dict[str, frozenset[str]]) -> Rule:
    """Validate the common fields of a rule; kind-specific keys go into ``spec``."""
    if not isinstance(data, dict):
        raise RuleError(path, 1, None, "файл правила должен быть YAML-словарём")

    def need(key: str, kind: type = str) -> Any:
        if key not in data:
            raise RuleError(path, None, key, "обязательное поле отсутствует")
        value = data[key]
        if not isinstance(value, kind):
            raise RuleError(path, lines.get(key), key, f"ожидается {kind.__name__}, получено {value!r}")
        return value

    kind = need("kind")
    if kind not in kind_keys:
        raise RuleError(path, lines.get("kind"), "kind",
                        f"неизвестный вид проверки {kind!r}; известны: {', '.join(sorted(kind_keys))}")
    allowed = set(COMMON_KEYS) | set(kind_keys[kind])
    for key in data:
        if key not in allowed:
            raise RuleError(path, lines.get(str(key)), str(key), f"неизвестное поле для вида {kind!r}")
    code = need("code")
    if not CODE.match(code):
        raise RuleError(path, lines.get("code"), "code", f"код {code!r} должен быть вида AB123")
    name = need("name")
    if not NAME.match(name):
        raise RuleError(path, lines.get("name"), "name", f"имя {name!r} должно быть в kebab-case")
    category = need("category")
    if category not in CATEGORIES:
        raise RuleError(path, lines.get("category"), "category",
                        f"неизвестная категория {category!r}; известны: {', '.join(CATEGORIES)}")
    severity = need("severity")
    if severity not in SEVERITIES:
        raise RuleError(path, lines.get("severity"), "severity", f"ожидается одно из {SEVERITIES}")
    fix_safety = data.get("fix_safety", "none")
    if fix_safety not in FIX_SAFETY:
        raise RuleError(path, lines.get("fix_safety"), "fix_safety", f"ожидается одно из {FIX_SAFETY}")
    channels = tuple(data.get("channels", CHANNELS))
    for ch in channels:
        if ch not in CHANNELS:
            raise RuleError(path, lines.get("channels"), "channels", f"неизвестный канал {ch!r}")
    weight = data.get("weight", DEFAULT_WEIGHT[severity])
    if not isinstance(weight, (int, float)) or weight < 0:
        raise RuleError(path, lines.get("weight"), "weight", "ожидается неотрицательное число")
    examples = need("examples", dict)
    for key in examples:
        if key not in ("fire", "pass"):
            raise RuleError(path, lines.get("examples"), f"examples.{key}", "ожидается fire или pass")
    fire = _examples(examples.get("fire"), path, lines.get("examples"), "examples.fire")
    passes = _examples(examples.get("pass"), path, lines.get("examples"), "examples.pass")
    if not fire:
        raise RuleError(path, lines.get("examples"), "examples.fire",
                        "нужен хотя бы один пример, где правило срабатывает")
    if not passes:
        raise RuleError(path, lines.get("examples"), "examples.pass", "нужен хотя бы один пример, где правило молчит")
    fixes = []
    for item in data.get("fixes") or []:
        if not (isinstance(item, dict) and isinstance(item.get("before"), str) and isinstance(item.get("after"), str)):
            raise RuleError(path, lines.get("fixes"), "fixes", "каждое исправление — {before: …, after: …}")
        ctx = {k: v for k, v in item.items() if k not in ("before", "after")}
        fixes.append((item["before"], item["after"], ctx))
    spec = {k: v for k, v in data.items() if k in kind_keys[kind]}
    return Rule(
        code=code, name=name, category=category, severity=severity, kind=kind,
        message=need("message"), why=need("why"), fix_title=data.get("fix_title", ""),
        example=data.get("example", ""), use_instead=data.get("use_instead", ""), fix_safety=fix_safety,
        weight=float(weight), channels=channels, enabled=bool(data.get("enabled", True)),
        fire=fire, passes=passes, fixes=tuple(fixes), spec=spec, path=path, lines=lines,
    )


def rule_files(directory: Path) -> Iterator[Path]:
    yield from sorted(p for p in directory.rglob("*.yaml") if p.is_file() and not p.name.startswith("_"))


def builtin_dir() -> Path:
    """``rules/`` inside the installed wheel, or beside the package in a checkout."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "rules", here.parent / "rules"):
        if candidate.is_dir():
            return candidate
    raise RuleError(str(here / "rules"), None, None, "встроенные правила не найдены: пакет установлен не полностью")
