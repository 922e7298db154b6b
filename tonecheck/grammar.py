"""LanguageTool, the optional grammar backend: the only module that imports ``language_tool_python``.

Off unless the user names a server: ``grammar = "http://localhost:8081"`` (their own LanguageTool
server; the reply's text is sent there) or ``grammar = "local"`` (language_tool_python downloads
LanguageTool from languagetool.org once and runs it with Java ≥ 17 on this machine). The package is
an optional extra (``pip install 'tonecheck[grammar]'``) imported on the first check, so a run
without grammar neither imports it nor opens a socket. Matches become our own ``Issue`` records here.
"""

from __future__ import annotations

import importlib.util
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlparse

from .errors import ConfigError, ToneCheckError

LOCAL = "local"
LANGUAGE = "ru-RU"
INSTALL_HINT = "установите дополнительный модуль: pip install 'tonecheck[grammar]'"
#: Seconds to wait for the server; the library's own default (300 s) would hang a pre-commit hook.
TIMEOUT = 30


class GrammarError(ToneCheckError):
    """The LanguageTool server could not be started or reached, or answered nonsense."""


@dataclass(frozen=True, slots=True)
class Issue:
    """One LanguageTool match, in Python string offsets into the checked text."""

    start: int
    end: int
    message: str
    replacements: tuple[str, ...]
    rule_id: str
    category: str


def setting(value: Any) -> str | None:
    """The ``grammar`` option checked: None (off), ``"local"`` or an http(s) URL of a LanguageTool server."""
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise ConfigError(f"grammar: ожидается адрес сервера LanguageTool или \"local\", получено {value!r}")
    value = value.strip()
    if value == LOCAL:
        return value
    url = urlparse(value)
    if url.scheme not in ("http", "https") or not url.netloc:
        raise ConfigError(f"grammar: {value!r} — не адрес сервера; ожидается http://хост:порт "
                          f"(например, http://localhost:8081) или \"local\"")
    return value


def require() -> None:
    """Fail with a clear message, before any text is checked, when the optional package is missing."""
    try:
        found = importlib.util.find_spec("language_tool_python") is not None
    except (ImportError, ValueError):
        found = False
    if not found:
        raise ConfigError(f"grammar: проверка грамматики включена, но пакет language-tool-python не установлен; "
                          f"{INSTALL_HINT}")


class Server:
    """One LanguageTool connection, created on the first check; ``check`` is serialised by a lock.

    language_tool_python keeps per-text state in class attributes (``Match.PREVIOUS_MATCHES_TEXT``) and
    the disabled rules on the tool object, so two threads must not check at once.
    """

    def __init__(self, setting: str) -> None:
        self.setting = setting
        self._lock = threading.Lock()
        self._tool: Any = None

    def check(self, text: str, disabled: Iterable[str] = ()) -> list[Issue]:
        """LanguageTool's matches in ``text``, without the rules in ``disabled``."""
        disabled = frozenset(disabled)
        with self._lock:
            tool = self._connect()
            tool.disabled_rules = set(disabled)
            try:
                matches = tool.check(text)
            except Exception as exc:  # the library raises its own errors, requests' and JSON's
                raise GrammarError(f"grammar: сервер LanguageTool {self._where()} не ответил: {exc}") from exc
        issues = (_issue(m, text) for m in matches)
        return [i for i in issues if i.rule_id not in disabled]

    def _connect(self) -> Any:
        if self._tool is None:
            try:
                import language_tool_python as ltp
            except ImportError as exc:
                raise ConfigError(f"grammar: не удалось загрузить language-tool-python ({exc}); {INSTALL_HINT}") \
                    from exc
            tool: Any
            try:
                if self.setting == LOCAL:
                    tool = ltp.LanguageTool(LANGUAGE)
                else:
                    tool = ltp.LanguageTool(LANGUAGE, remote_server=self.setting)
            except Exception as exc:  # no Java, no download, server down, language missing on the server
                raise GrammarError(f"grammar: не удалось подключиться к LanguageTool {self._where()}: {exc}") from exc
            tool._TIMEOUT = TIMEOUT  # the library reads the timeout from this attribute on every request
            self._tool = tool
        return self._tool

    def _where(self) -> str:
        return "(локальный сервер)" if self.setting == LOCAL else self.setting


_servers: dict[str, Server] = {}
_servers_lock = threading.Lock()


def server(setting: str) -> Server:
    """The process-wide Server for this setting (one LanguageTool per URL, one local Java server)."""
    with _servers_lock:
        found = _servers.get(setting)
        if found is None:
            found = _servers[setting] = Server(setting)
        return found


def _issue(match: Any, text: str) -> Issue:
    """Our record of a ``language_tool_python.Match``; its length counts UTF-16 units, ours characters."""
    start = min(max(int(match.offset), 0), len(text))
    return Issue(
        start=start,
        end=_advance(text, start, int(match.error_length)),
        message=str(match.message),
        replacements=tuple(str(r) for r in match.replacements),
        rule_id=str(match.rule_id),
        category=str(match.category),
    )


def _advance(text: str, start: int, units: int) -> int:
    """The offset ``units`` UTF-16 code units after ``start`` (emoji count twice for LanguageTool)."""
    end = start
    while units > 0 and end < len(text):
        units -= 2 if ord(text[end]) > 0xFFFF else 1
        end += 1
    return end
