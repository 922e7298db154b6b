from __future__ import annotations

import time

import pytest

from tonecheck import Config, Linter
from tonecheck.markup import code_spans, detect, is_preamble, strip, strip_html, strip_markdown
from tonecheck.suppression import parse


@pytest.fixture(scope="module")
def linter() -> Linter:
    """Only the familiar and structure rules these texts are about, so other rules cannot add findings."""
    return Linter(Config(select=("familiar", "ST9")))


def codes(report) -> list[str]:
    return [f.code for f in report.findings]

HTML = """<html><head><title>Ты</title><style>p { color: red }</style></head>
<body><p class="ty">Здравствуйте,&nbsp;Анна!</p>
<p>Ваш <a href="https://shop.example/ty/order?id=1">заказ</a> &laquo;готов&raquo;.</p>
<!-- ты тут не при чём --><img alt="ты" src="x.png"><br/>
<script>var ty = "ты";</script></body></html>"""


def test_html_keeps_offsets_and_only_text():
    view = strip_html(HTML)
    assert len(view) == len(HTML)
    words = view.split()
    assert "Здравствуйте," in words and "Анна!" in words and "заказ" in words
    for hidden in ("Ты", "ty", "ты", "href", "shop", "color", "<p", "&nbsp;"):
        assert hidden not in view
    assert view[HTML.index("Анна")] == "А"


def test_html_entities_become_their_character_padded():
    text = "<p>&laquo;Да&raquo;&nbsp;&#8212;&amp;</p>"
    view = strip_html(text)
    assert len(view) == len(text)
    assert view.split() == ["«", "Да»", "—", "&"]
    assert view.index("Да") == text.index("Да")


def test_block_tags_break_lines_for_the_reader():
    view = strip_html("<p>Здравствуйте</p><p>Заказ готов</p>")
    assert "\n" in view.strip()


MARKDOWN = """# Заказ **готов**

Привет, см. [личный кабинет](https://x.example/ty) и `ты код`.
![ты](pic.png) <https://x.example/ty>

```
ты в блоке кода
```

> Цитата _важно_
- пункт списка
[ref]: https://x.example/ty
"""


def test_markdown_keeps_link_text_and_drops_code_and_urls():
    view = strip_markdown(MARKDOWN)
    assert len(view) == len(MARKDOWN)
    assert "ты" not in view and "ty" not in view and "#" not in view and "**" not in view
    for kept in ("Заказ", "готов", "Привет", "личный кабинет", "Цитата", "важно", "пункт списка"):
        assert kept in view
    assert view.index("личный") == MARKDOWN.index("личный")


@pytest.mark.parametrize("name,text,expected", [
    ("letter.html", "", "html"), ("letter.HTM", "", "html"), ("letter.html.j2", "", "html"),
    ("notes.md", "", "markdown"), ("notes.md.jinja", "", "markdown"), ("sms.txt", "<p>не html</p>", "text"),
    ("reply.j2", "<p>Здравствуйте</p>", "html"), ("reply.tmpl", "Здравствуйте", "text"), (None, "", "text"),
])
def test_detect(name, text, expected):
    assert detect(name, text) == expected


def test_unknown_format_is_a_programming_error():
    with pytest.raises(ValueError):
        strip("x", "rtf")


def test_linter_reads_only_text_of_html(linter):
    text = '<p title="ты">Привет!</p>\n<a href="https://x.example/tvoy">Твой заказ</a>'
    report = linter.lint(text, markup="html")
    assert codes(report) == ["FM003", "FM001"]
    assert [text[f.start:f.end] for f in report.findings] == ["Привет", "Твой"]
    assert linter.fix(text, markup="html") == (
        '<p title="ты">Здравствуйте!</p>\n<a href="https://x.example/tvoy">Ваш заказ</a>')


def test_code_spans_pair_runs_of_equal_length():
    text = "a `ты` b ``c`ты`` d `не закрыт"
    spans = code_spans(text)
    assert [text[s:e] for s, e in spans] == ["`ты`", "``c`ты``"]


@pytest.mark.parametrize("unit", ["<!--", "<script>", "[x](", "![x](", "`", "` `` ", "<!", "{# tonecheck"])
def test_pathological_markup_is_linear(unit):
    text = unit * (200_000 // len(unit))
    start = time.perf_counter()
    assert len(strip_html(text)) == len(text) == len(strip_markdown(text))
    parse(text)
    assert time.perf_counter() - start < 5  # a quadratic scan of 200 000 characters takes minutes


@pytest.mark.parametrize(
    ("text", "at", "expected"),
    [
        ("# Заголовок\n\nТекст", "Заголовок", True),
        ("# Заголовок\n\nТекст", "Текст", False),
        ("Заголовок\n=========\n\nТекст", "Заголовок", True),
        ("Тема: заказ\n\nТекст", "заказ", True),
        ("<h1 class=t>Заголовок</h1><p>Текст</p>", "Заголовок", True),
        ("<h1 class=t>Заголовок</h1><p>Текст</p>", "Текст", False),
        ('<div style="display: none">Превью</div><p>Текст</p>', "Превью", True),
        ('<td class="preheader">Превью</td><p>Текст</p>', "Превью", True),
        ('<div class="logo">ЛавкаДом</div><p>Текст</p>', "ЛавкаДом", True),
        ('<div style="display: none">Превью</div><p>Текст</p>', "Текст", False),
        ("Просто текст\n\nещё текст", "Просто", False),
    ],
)
def test_is_preamble(text, at, expected):
    assert is_preamble(text, text.index(at)) is expected
