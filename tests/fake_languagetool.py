"""A fake LanguageTool server for the grammar tests: the two endpoints language_tool_python calls."""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs

#: What the fake knows, as LanguageTool 6 reports it: pattern → (rule id, category, message, replacement).
FAKE_LT_MISTAKES = (
    (re.compile(r"в течении(?=\s)", re.IGNORECASE), "V_TECHENIE", "GRAMMAR",
     "Предлог пишется с «е» на конце: «в течение» (в течение часа), «в течении» — о течении реки.",
     "в течение"),
    (re.compile(r"(?<=\S) +(?=[,.!?])"), "COMMA_PARENTHESIS_WHITESPACE", "TYPOGRAPHY",
     "Перед знаком препинания не нужен пробел.", ""),
    (re.compile(r"(?<=\S) {2,}(?=\S)"), "WHITESPACE_RULE", "TYPOGRAPHY",
     "Повтор пробелов.", " "),
)


def _utf16(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


class FakeLanguageTool(ThreadingHTTPServer):
    """``GET /v2/languages`` and ``POST /v2/check`` as a LanguageTool server answers them, on 127.0.0.1.

    Offsets and lengths are in UTF-16 units, as Java counts; ``disabledRules`` is honoured; every check
    request's form is kept in ``checks``.
    """

    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _FakeHandler)
        self.checks: list[dict[str, str]] = []

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"

    def matches(self, text: str, disabled: set[str]) -> list[dict]:
        out = []
        for pattern, rule_id, category, message, replacement in FAKE_LT_MISTAKES:
            if rule_id in disabled:
                continue
            for m in pattern.finditer(text):
                offset, length = _utf16(text[:m.start()]), _utf16(m.group())
                out.append({
                    "message": message, "shortMessage": "", "replacements": [{"value": replacement}],
                    "offset": offset, "length": length,
                    "context": {"text": text, "offset": offset, "length": length}, "sentence": text,
                    "type": {"typeName": "Other"},
                    "rule": {"id": rule_id, "description": message, "issueType": "grammar",
                             "category": {"id": category, "name": category.title()}},
                    "ignoreForIncompleteSentence": False, "contextForSureMatch": 0,
                })
        return sorted(out, key=lambda m: m["offset"])


class _FakeHandler(BaseHTTPRequestHandler):
    server: FakeLanguageTool

    def log_message(self, *args: object) -> None:  # keep pytest's output clean
        pass

    def _send(self, body: object, status: int = 200) -> None:
        data = json.dumps(body, ensure_ascii=False).encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self) -> None:
        if self.path.split("?")[0] == "/v2/languages":
            self._send([{"name": "Russian", "code": "ru", "longCode": "ru-RU"}])
        else:
            self._send({"error": "not found"}, 404)

    def do_POST(self) -> None:
        if self.path.split("?")[0] != "/v2/check":
            self._send({"error": "not found"}, 404)
            return
        body = self.rfile.read(int(self.headers.get("Content-Length", 0))).decode("utf-8")
        form = {k: v[0] for k, v in parse_qs(body, keep_blank_values=True).items()}
        self.server.checks.append(form)
        disabled = set(filter(None, form.get("disabledRules", "").split(",")))
        self._send({"software": {"name": "LanguageTool", "version": "6.8"},
                    "language": {"name": "Russian", "code": "ru-RU"},
                    "matches": self.server.matches(form.get("text", ""), disabled)})




@contextmanager
def running() -> Iterator[FakeLanguageTool]:
    """Serve on a free local port until the block ends."""
    server = FakeLanguageTool()
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
