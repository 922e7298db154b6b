"""Settings for a Linter: which rules run, how strictly, and for which channel.

Read from ``[tool.tonecheck]`` in ``pyproject.toml`` or from ``.tonecheck.toml``, found upward from the
checked file; every error names the file, the line and the key.
"""

from __future__ import annotations

import codecs
import difflib
import re
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path, PurePosixPath
from typing import Any

from . import grammar
from .context import CHANNELS
from .errors import ConfigError
from .finding import SEVERITIES
from .template import DEFAULT_PLACEHOLDERS

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib

CONFIG_FILES = (".tonecheck.toml", "tonecheck.toml", "pyproject.toml")
DEFAULT_INCLUDE = ("*.txt", "*.md", "*.html", "*.htm", "*.j2", "*.jinja", "*.jinja2", "*.tmpl")

#: Keys of ``Config.options``, read by the checks that need them: key → expected type.
OPTION_KEYS: dict[str, type | tuple[type, ...]] = {
    "spam_threshold": (int, float), "harsh_threshold": (int, float), "privacy_allow": list,
    "grammar": str, "grammar_disabled_rules": list, "sms_placeholder_lengths": dict,
}
#: Keys allowed inside ``[overrides."glob"]``.
OVERRIDE_KEYS = {"select", "extend_select", "ignore", "severity", "fail_under", "channel", "allowed_terms",
                 "encoding", *OPTION_KEYS}
TOP_KEYS = OVERRIDE_KEYS | {"rule_dirs", "placeholders", "include", "exclude", "overrides"}


@dataclass(frozen=True)
class Config:
    select: tuple[str, ...] = ()
    #: Added to ``select`` (or to the default set): how a rule that is off by default is turned on.
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    severity: dict[str, str] = field(default_factory=dict)
    fail_under: int = 0
    channel: str = "chat"
    allowed_terms: tuple[str, ...] = ()
    rule_dirs: tuple[Path, ...] = ()
    options: dict[str, Any] = field(default_factory=dict)
    source: str = ""
    include: tuple[str, ...] = DEFAULT_INCLUDE
    exclude: tuple[str, ...] = ()
    encoding: str | None = None
    #: ``(glob, settings)`` pairs applied in order by ``for_path``; globs are relative to ``root``.
    overrides: tuple[tuple[str, dict[str, Any]], ...] = ()
    root: Path | None = None

    def __post_init__(self) -> None:
        where = self.source or "config"
        if self.channel not in CHANNELS:
            raise ConfigError(f"{where}: channel: неизвестный канал {self.channel!r}; ожидается {', '.join(CHANNELS)}")
        for code, sev in self.severity.items():
            if sev not in SEVERITIES:
                raise ConfigError(f"{where}: severity.{code}: ожидается одно из {', '.join(SEVERITIES)}")
        if not 0 <= self.fail_under <= 100:
            raise ConfigError(f"{where}: fail_under: ожидается число от 0 до 100")

    def with_(self, **changes: Any) -> Config:
        return replace(self, **changes)

    def selects(self, code: str, name: str, category: str) -> bool:
        """ruff-style selection: codes, code prefixes, rule names or categories."""
        def hit(items: tuple[str, ...]) -> bool:
            return any(code.startswith(i) or i in (name, category) for i in items)

        if self.select and not hit(self.select) and not hit(self.extend_select):
            return False
        return not hit(self.ignore)

    def turns_on(self, code: str, name: str) -> bool:
        """Whether ``select`` or ``extend_select`` names the rule itself (code or name, not a prefix or a
        category): the only way to run a rule that is off by default (``enabled: false``)."""
        return any(i in (code, name) for i in (*self.select, *self.extend_select))

    def relative(self, path: str | Path) -> str:
        """``path`` relative to the config's directory, with ``/`` separators (as globs are written)."""
        p = Path(path)
        if self.root is not None:
            try:
                return p.resolve().relative_to(self.root).as_posix()
            except ValueError:
                pass
        return PurePosixPath(p.as_posix()).as_posix()

    def matching(self, path: str | Path) -> tuple[int, ...]:
        """Indices of the overrides whose glob matches ``path``."""
        rel = self.relative(path)
        return tuple(i for i, (glob, _) in enumerate(self.overrides) if matches(glob, rel))

    def for_path(self, path: str | Path) -> Config:
        """This config with the overrides for ``path`` applied (``ignore`` and lists extend, the rest replace)."""
        config = self
        for i in self.matching(path):
            config = config.merged(self.overrides[i][1])
        return config

    def merged(self, settings: Mapping[str, Any]) -> Config:
        changes: dict[str, Any] = {}
        options = dict(self.options)
        for key, value in settings.items():
            if key == "select":
                changes["select"] = tuple(value)
            elif key in ("ignore", "allowed_terms", "extend_select"):
                changes[key] = (*getattr(self, key), *value)
            elif key == "severity":
                changes["severity"] = {**self.severity, **value}
            elif key in ("privacy_allow", "grammar_disabled_rules"):
                options[key] = [*options.get(key, []), *value]
            elif key in OPTION_KEYS:
                options[key] = value
            else:
                changes[key] = value
        return replace(self, options=options, **changes)

    def excludes(self, path: str | Path) -> bool:
        rel = self.relative(path)
        return any(matches(glob, rel) for glob in self.exclude)


# ---------------------------------------------------------------- globs


@lru_cache(maxsize=512)
def _glob_regex(glob: str) -> re.Pattern[str]:
    out, i = [], 0
    while i < len(glob):
        if glob.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
        elif glob.startswith("**", i):
            out.append(".*")
            i += 2
        elif glob[i] == "*":
            out.append("[^/]*")
            i += 1
        elif glob[i] == "?":
            out.append("[^/]")
            i += 1
        elif glob[i] == "[" and "]" in glob[i + 1:]:
            end = glob.index("]", i + 1)
            out.append("[" + glob[i + 1:end].replace("!", "^", 1) + "]")
            i = end + 1
        else:
            out.append(re.escape(glob[i]))
            i += 1
    return re.compile("".join(out) + r"\Z")


def matches(glob: str, rel: str) -> bool:
    """gitignore-like: a glob without ``/`` matches a name at any depth; a match on a folder covers its files."""
    glob = glob.strip().removeprefix("./").rstrip("/")
    parts = rel.split("/")
    candidates = ["/".join(parts[:n]) for n in range(len(parts), 0, -1)]
    if "/" not in glob:
        candidates = [part for part in parts]
    return any(_glob_regex(glob).match(c) for c in candidates)


# ---------------------------------------------------------------- files


def find(start: Path) -> Path | None:
    """The nearest config file at or above ``start`` (a file or a folder); a pyproject needs [tool.tonecheck]."""
    start = start.resolve()
    folder = start if start.is_dir() else start.parent
    for candidate in (folder, *folder.parents):
        for name in CONFIG_FILES:
            path = candidate / name
            if path.is_file() and (name != "pyproject.toml" or _has_section(path)):
                return path
    return None


def _has_section(path: Path) -> bool:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return False
    return re.search(r"^\s*\[\s*tool\s*\.\s*tonecheck\s*[\].]", text, re.MULTILINE) is not None


def load(path: str | Path, root: Path | None = None) -> Config:
    """Read and validate one config file.

    Globs and folders in it are relative to ``root``: the file's own folder unless given (``--config``
    makes them relative to the working directory, as in ruff).
    """
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConfigError(f"{path}: файл настроек не найден") from None
    except UnicodeDecodeError:
        raise ConfigError(f"{path}: файл настроек не в UTF-8") from None
    except OSError as exc:
        raise ConfigError(f"{path}: не удалось прочитать файл настроек ({exc.strerror})") from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        line = re.search(r"line (\d+)", str(exc))
        where = f"{path}:{line.group(1)}" if line else str(path)
        raise ConfigError(f"{where}: ошибка TOML: {exc}") from None
    if path.name == "pyproject.toml" or "tool" in data:
        section = data.get("tool", {}).get("tonecheck")
        if section is None:
            raise ConfigError(f"{path}: нет раздела [tool.tonecheck]")
        prefix = "tool.tonecheck."
    else:
        section, prefix = data, ""
    return _parse(section, _Where(_shown(path), text, prefix), (root or path.parent).resolve())


def _shown(path: Path) -> Path:
    """The path as the user would type it: relative to the working directory when inside it."""
    try:
        return path.resolve().relative_to(Path.cwd().resolve())
    except (ValueError, OSError):
        return path


@dataclass(frozen=True)
class _Where:
    path: Path
    text: str
    prefix: str

    def error(self, key: str, message: str, leaf: str | None = None) -> ConfigError:
        line = self.line(leaf or key.split(".")[-1])
        where = f"{self.path}:{line}" if line else str(self.path)
        return ConfigError(f"{where}: {self.prefix}{key}: {message}")

    def line(self, key: str) -> int | None:
        pattern = re.compile(rf"^\s*(?:\[\s*)?(?:[\w.]*\.)?[\"']?{re.escape(key)}[\"']?\s*(?:=|\])", re.MULTILINE)
        m = pattern.search(self.text)
        return self.text.count("\n", 0, m.start()) + 1 if m else None


def _check_keys(table: Mapping[str, Any], allowed: set[str], where: _Where, prefix: str = "") -> None:
    for key in table:
        if key not in allowed:
            close = difflib.get_close_matches(key, sorted(allowed), n=1)
            hint = f"; может быть, «{close[0]}»?" if close else f"; известны: {', '.join(sorted(allowed))}"
            raise where.error(prefix + key, f"неизвестный ключ{hint}", key)


def _strings(value: Any, key: str, where: _Where, leaf: str | None = None) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise where.error(key, "ожидается список строк", leaf)
    return tuple(value)


def _settings(table: Mapping[str, Any], where: _Where, prefix: str = "") -> dict[str, Any]:
    """Validate the keys shared by the top level and the overrides; values come back typed."""
    out: dict[str, Any] = {}
    for key, value in table.items():
        name = prefix + key
        if key in ("select", "extend_select", "ignore", "allowed_terms", "privacy_allow", "grammar_disabled_rules"):
            out[key] = list(_strings(value, name, where, key))
        elif key == "severity":
            if not isinstance(value, dict):
                raise where.error(name, leaf=key, message="ожидается таблица «код = важность»")
            for code, sev in value.items():
                if sev not in SEVERITIES:
                    expected = ", ".join(SEVERITIES)
                    raise where.error(f"{name}.{code}", leaf=str(code),
                                      message=f"ожидается одно из {expected}, получено {sev!r}")
            out[key] = dict(value)
        elif key == "fail_under":
            if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 100:
                raise where.error(name, leaf=key, message=f"ожидается целое число от 0 до 100, получено {value!r}")
            out[key] = value
        elif key == "channel":
            if value not in CHANNELS:
                expected = ", ".join(CHANNELS)
                raise where.error(name, leaf=key, message=f"неизвестный канал {value!r}; ожидается один из {expected}")
            out[key] = value
        elif key == "encoding":
            try:
                codecs.lookup(value if isinstance(value, str) else "")
            except LookupError:
                raise where.error(name, leaf=key, message=f"неизвестная кодировка {value!r}") from None
            out[key] = value
        elif key in OPTION_KEYS:
            kind = OPTION_KEYS[key]
            if isinstance(value, bool) or not isinstance(value, kind):
                expected = ("список" if kind is list else "строка" if kind is str
                            else "таблица" if kind is dict else "число")
                raise where.error(name, leaf=key, message=f"ожидается {expected}, получено {value!r}")
            if key == "grammar":
                try:
                    grammar.setting(value)
                except ConfigError as exc:
                    raise where.error(name, leaf=key, message=str(exc).removeprefix("grammar: ")) from None
            out[key] = value
    return out


def _parse(section: Any, where: _Where, base: Path) -> Config:
    if not isinstance(section, dict):
        raise where.error("", "ожидается таблица настроек")
    _check_keys(section, TOP_KEYS, where)
    settings = _settings(section, where)
    options = {k: settings.pop(k) for k in list(settings) if k in OPTION_KEYS}
    changes: dict[str, Any] = {k: tuple(v) if isinstance(v, list) else v for k, v in settings.items()}

    if "placeholders" in section:
        patterns = _strings(section["placeholders"], "placeholders", where)
        for pattern in patterns:
            try:
                re.compile(pattern)
            except re.error as exc:
                raise where.error("placeholders", f"ошибка в регулярном выражении {pattern!r}: {exc}") from None
        options["placeholders"] = [*DEFAULT_PLACEHOLDERS, *patterns]
    if "rule_dirs" in section:
        dirs = tuple((base / d) for d in _strings(section["rule_dirs"], "rule_dirs", where))
        for d in dirs:
            if not d.is_dir():
                raise where.error("rule_dirs", f"каталог правил {d} не найден")
        changes["rule_dirs"] = dirs
    for key in ("include", "exclude"):
        if key in section:
            changes[key] = _strings(section[key], key, where)
    overrides = section.get("overrides", {})
    if not isinstance(overrides, dict):
        raise where.error("overrides", 'ожидаются таблицы [overrides."шаблон-пути"]')
    parsed = []
    for glob, table in overrides.items():
        if not isinstance(table, dict):
            raise where.error(f"overrides.{glob}", "ожидается таблица настроек", glob)
        _check_keys(table, OVERRIDE_KEYS, where, f"overrides.{glob}.")
        parsed.append((glob, _settings(table, where, f"overrides.{glob}.")))
    return Config(options=options, source=str(where.path), overrides=tuple(parsed), root=base, **changes)
