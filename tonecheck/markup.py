"""HTML and Markdown: only the text a customer reads is linted, at the offsets it has in the file.

Stripping is same-length blanking: tags, attributes, URLs and code become spaces, an entity becomes its
character padded with spaces, so every offset in the result is an offset in the original file.
"""

from __future__ import annotations

import bisect
import html
import re
from pathlib import PurePath

from .template import blank

FORMATS = ("text", "html", "markdown")
_SUFFIX = {".html": "html", ".htm": "html", ".xhtml": "html", ".md": "markdown", ".markdown": "markdown"}
_TEMPLATE_SUFFIXES = {".j2", ".jinja", ".jinja2", ".tmpl", ".tpl", ".twig", ".liquid"}

# Tempered ``(?:(?!opener).)*?`` stops at the next opener: an unclosed one costs one scan, not one per opener.
_HIDDEN = re.compile(r"<(script|style|head|template)\b[^<>]*>(?:(?!<\1\b).)*?</\1\s*>", re.IGNORECASE | re.DOTALL)
_COMMENT = re.compile(r"<!--(?:(?!<!--).)*?-->|<!\[CDATA\[(?:(?!<!\[).)*?\]\]>|<![^<>]*>|<\?[^<>]*\?>", re.DOTALL)
_TAG = re.compile(r"</?[A-Za-z][\w:-]*(?:\s+[^<>\"'=\s]+(?:\s*=\s*(?:\"[^\"]*\"|'[^']*'|[^\s\"'<>]+))?)*\s*/?>")
#: Tags that end a line of text for the reader: a break keeps two blocks from reading as one sentence.
_BLOCK = re.compile(r"</?(?:p|div|br|li|ul|ol|tr|td|th|table|h[1-6]|blockquote|section|article|header|"
                    r"footer|hr|pre|body|html)\b", re.IGNORECASE)
_ENTITY = re.compile(r"&(?:#\d{1,7}|#[xX][0-9A-Fa-f]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_URL = re.compile(r"\b(?:https?|ftp)://[^\s<>\"')\]]+|\bwww\.[^\s<>\"')\]]+", re.IGNORECASE)

_FENCE = re.compile(r"^[ \t]{0,3}(?:(`{3,})(?!`)[^`\n]*|(~{3,})(?!~)[^\n]*)\n.*?(?:^[ \t]{0,3}(?:\1|\2)[ \t]*$|\Z)",
                    re.MULTILINE | re.DOTALL)
_TICKS = re.compile(r"`+")
_IMAGE = re.compile(r"!\[[^\[\]\n]*\]\([^()\s]*(?:\s+\"[^\"\n]*\")?\)")
_LINK = re.compile(r"(\[)[^\[\]\n]*(\]\([^()\s]*(?:\s+\"[^\"\n]*\")?\)|\]\[[^\[\]\n]*\])")
_AUTOLINK = re.compile(r"<(?:https?://|mailto:)[^>\s]+>", re.IGNORECASE)
_REFERENCE = re.compile(r"^[ \t]{0,3}\[[^\]\n]+\]:[^\n]*$", re.MULTILINE)
_HEADING = re.compile(r"^[ \t]{0,3}(#{1,6})(?=[ \t])|^[ \t]{0,3}(?:>[ \t]?)+|^[ \t]*(?:[-*+]|\d{1,9}[.)])(?=[ \t])",
                      re.MULTILINE)
_EMPHASIS = re.compile(r"\*{1,3}(?=\S)|(?<=\S)\*{1,3}|(?<![\w])_{1,3}(?=\S)|(?<=\S)_{1,3}(?![\w])|~~")
_RULE = re.compile(r"^[ \t]{0,3}(?:[-*_][ \t]*){3,}$", re.MULTILINE)

# What comes before the letter itself: headings, a hidden preheader, a text logo, a subject line.
_MD_HEADING = re.compile(r"[ \t]{0,3}#{1,6}[ \t]")
_SETEXT = re.compile(r"[ \t]{0,3}(?:=+|-{2,})[ \t]*\r?$", re.MULTILINE)
_SUBJECT = re.compile(r"[ \t]*(?:тема(?:\s+письма)?|subject)[ \t]*:", re.IGNORECASE)
_HTML_HEADING = re.compile(r"<(/?)h[1-6]\b[^<>]*>", re.IGNORECASE)
_ANY_TAG = re.compile(r"<(/?)[A-Za-z][\w:-]*\b([^<>]*)>")
_CONCEALED = re.compile(
    r"display\s*:\s*none|visibility\s*:\s*hidden|mso-hide|max-height\s*:\s*0|opacity\s*:\s*0|"
    r"font-size\s*:\s*[01]px|\b(?:class|id)\s*=\s*[\"']?[^\"'>]*(?:preheader|preview|logo)",
    re.IGNORECASE,
)
#: How far back an HTML heading or a preheader's opening tag is looked for.
_LOOKBACK = 4000


def detect(name: str | None, text: str = "") -> str:
    """``html``, ``markdown`` or ``text`` from the file name (``letter.html.j2`` is HTML) or the content."""
    if name:
        suffixes = [s.lower() for s in PurePath(name).suffixes]
        while suffixes and suffixes[-1] in _TEMPLATE_SUFFIXES:
            suffixes.pop()
        if suffixes and suffixes[-1] in _SUFFIX:
            return _SUFFIX[suffixes[-1]]
        if suffixes:
            return "text"
    if re.search(r"<(?:html|body|p|div|br|table|a\s)\b", text[:4096], re.IGNORECASE):
        return "html"
    return "text"


def strip(view: str, fmt: str) -> str:
    """``view`` with markup blanked for ``fmt`` (``text`` returns it unchanged)."""
    if fmt == "html":
        return strip_html(view)
    if fmt == "markdown":
        return strip_markdown(view)
    if fmt != "text":
        raise ValueError(f"unknown markup format {fmt!r}; expected one of {', '.join(FORMATS)}")
    return view


def strip_html(view: str) -> str:
    chars = list(_blank_all(view, (_HIDDEN, _COMMENT)))
    for m in _TAG.finditer("".join(chars)):
        for i in range(m.start(), m.end()):
            if chars[i] not in "\r\n":
                chars[i] = " "
        if _BLOCK.match(m.group()) and chars[m.start()] == " ":
            chars[m.start()] = "\n"
    out = "".join(chars)
    out = _entities(out)
    return blank(out, [m.span() for m in _URL.finditer(out)])


def strip_markdown(view: str) -> str:
    out = _blank_all(view, (_FENCE, _COMMENT, _REFERENCE, _IMAGE, _AUTOLINK))
    out = blank(out, code_spans(out))
    # A link keeps its text and loses its brackets and target.
    out = blank(out, [span for m in _LINK.finditer(out) for span in (m.span(1), m.span(2))])
    out = _blank_all(out, (_RULE, _HEADING, _EMPHASIS))
    out = blank(out, [m.span() for m in _TAG.finditer(out)])
    out = _entities(out)
    return blank(out, [m.span() for m in _URL.finditer(out)])


def is_preamble(text: str, start: int) -> bool:
    """Whether the text at ``start`` comes before the letter itself: a heading (Markdown ``#`` or
    setext, HTML ``<h1>``–``<h6>``), a hidden preheader, a text logo, or a «Тема:»/«Subject:» line."""
    line = text.rfind("\n", 0, start) + 1
    if _MD_HEADING.match(text, line) or _SUBJECT.match(text, line):
        return True
    end = text.find("\n", start)
    if end >= 0 and _SETEXT.match(text, end + 1):
        return True
    window = max(0, start - _LOOKBACK)
    if text.find("<", window, start) < 0:  # plain text and Markdown without tags: no need to look further
        return False
    heading = _last(_HTML_HEADING, text, window, start)
    if heading is not None and not heading.group(1):  # inside <hN>…</hN>
        return True
    tag = _last(_ANY_TAG, text, window, start)
    return tag is not None and not tag.group(1) and bool(_CONCEALED.search(tag.group(2)))


def _last(pattern: re.Pattern[str], text: str, start: int, stop: int) -> re.Match[str] | None:
    found = None
    for found in pattern.finditer(text, start, stop):  # noqa: B007 - the last match is the one wanted
        pass
    return found


def code_spans(text: str) -> list[tuple[int, int]]:
    """Markdown code spans: a run of backticks up to the next run of the same length (CommonMark)."""
    runs = [m.span() for m in _TICKS.finditer(text)]
    by_length: dict[int, list[int]] = {}
    for i, (start, end) in enumerate(runs):
        by_length.setdefault(end - start, []).append(i)
    spans, i = [], 0
    while i < len(runs):
        start, end = runs[i]
        later = by_length[end - start]
        k = bisect.bisect_right(later, i)
        if k < len(later):
            j = later[k]
            spans.append((start, runs[j][1]))
            i = j + 1
        else:
            i += 1  # no closer: the backticks are literal
    return spans


def _blank_all(text: str, patterns: tuple[re.Pattern[str], ...]) -> str:
    for pattern in patterns:
        text = blank(text, [m.span() for m in pattern.finditer(text)])
    return text


def _entities(text: str) -> str:
    def one(m: re.Match[str]) -> str:
        char = html.unescape(m.group())
        if len(char) != 1 or char == "\xa0" or not char.isprintable():
            char = " "
        return char + " " * (len(m.group()) - 1)

    return _ENTITY.sub(one, text)
