"""The spam score: weighted signals from rules/spam, their breakdown, channels, threshold, disguised words."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import pytest
from rich.console import Console

from tonecheck import Config, ConfigError, Linter, RuleError
from tonecheck.checks import kind_keys, spam
from tonecheck.render import json_report, text_report
from tonecheck.rule import parse_rule

SHOUTING_AD = "ТОЛЬКО СЕГОДНЯ!!! Бесплатно! Выигрыш 100%! Жми на ссылку!"
PROMO = "Только сегодня: бесплатная доставка и скидка 20% по промокоду. Успейте оформить заказ!"


@pytest.fixture(scope="module")
def sp(only):
    return only("SP001")


def names(report) -> dict[str, float]:
    return {r["name"]: r["points"] for r in report.spam["rules"]}


def test_the_issue_example_is_spam(sp):
    report = sp.lint(SHOUTING_AD)
    assert [f.code for f in report.findings] == ["SP001"]
    assert report.spam_score >= report.spam["threshold"] == 5.0
    assert {"click-link", "prize", "urgency", "free-offer", "exclamation-run", "caps-share"} <= set(names(report))
    finding = report.findings[0]
    assert finding.category == "spam"
    assert f"{report.spam_score:.1f}" in finding.message
    assert finding.start == 0 and finding.end == len(SHOUTING_AD)


def test_one_free_delivery_in_a_support_answer_is_fine(sp):
    report = sp.lint("Доставка бесплатно, курьер привезёт заказ завтра.")
    assert report.findings == []
    assert names(report) == {"free-offer": 1.0}
    assert report.spam_score == 1.0


@pytest.mark.parametrize("text", [
    "Здравствуйте! Возврат 1 500 ₽ придёт на карту в течение 5 рабочих дней.",
    "Перейдите по ссылке в письме, чтобы подтвердить адрес.",
    "Очистите кэш браузера, и всё заработает. Если нет — напишите нам.",
    "Скидка по промокоду действует до конца месяца, подробности в личном кабинете.",
    "Мы ждём вашего ответа, чтобы оформить возврат.",
    "Приложение для Аndroid можно скачать в магазине.",
])
def test_ordinary_support_answers_score_low(sp, text):
    report = sp.lint(text)
    assert report.findings == [] and report.spam_score < 3


def test_breakdown_in_to_dict_and_json(sp):
    report = sp.lint(SHOUTING_AD)
    data = report.to_dict()
    assert data["spam_score"] == report.spam_score
    rules = data["spam"]["rules"]
    assert rules == sorted(rules, key=lambda r: -r["points"])
    assert all(set(r) == {"name", "points", "description"} and r["description"] for r in rules)
    assert round(sum(r["points"] for r in rules), 2) == data["spam"]["score"]
    assert json.loads(json_report([("x", report)]))["files"][0]["spam"] == data["spam"]


def _text(report) -> str:
    console = Console(record=True, width=200, no_color=True, highlight=False)
    text_report(console, "<текст>", report)
    return console.export_text()


def test_breakdown_in_text_output(sp):
    out = _text(sp.lint(SHOUTING_AD))
    assert "Спам-баллы: 13.5 (порог 5.0)" in out
    assert "+2.0  click-link: Призыв «жми», «переходи по ссылке»" in out
    # Below the threshold the text output stays quiet; the breakdown is still in the JSON.
    quiet = sp.lint("Доставка бесплатно, курьер привезёт заказ завтра.")
    assert "Спам-баллы" not in _text(quiet) and quiet.to_dict()["spam"]["rules"]


def test_email_and_sms_weigh_signals_more_than_chat(sp):
    chat, email, sms = (sp.lint(PROMO, channel=c) for c in ("chat", "email", "sms"))
    assert chat.spam_score < 5 <= email.spam_score < sms.spam_score
    assert chat.findings == [] and [f.code for f in sms.findings] == ["SP001"]
    assert sms.spam_score == pytest.approx(chat.spam_score * 1.5)


def test_threshold_comes_from_the_config_options(builtin_rules):
    rules = [r for r in builtin_rules if r.code == "SP001"]
    strict = Linter(Config(options={"spam_threshold": 3}), rules=rules)
    report = strict.lint(PROMO)
    assert report.spam["threshold"] == 3.0 and [f.code for f in report.findings] == ["SP001"]
    lenient = Linter(Config(options={"spam_threshold": 50}), rules=rules)
    assert lenient.lint(SHOUTING_AD).findings == []
    with pytest.raises(ConfigError, match="spam_threshold"):
        Linter(Config(options={"spam_threshold": "высокий"}), rules=rules)


@pytest.mark.parametrize("text", ["CРОЧHO нужны люди!", "Плачу 300 д0ллaP0B", "𝗭𝗮𝗿𝗮𝗯𝗼𝘁𝗼𝗸 тут"])
def test_words_in_disguise_are_counted(sp, text):
    assert "mixed-script" in names(sp.lint(text))


@pytest.mark.parametrize("text", [
    "Скачайте приложение для Аndroid.",  # an English word with a stray Cyrillic «А»
    "Взял 7600х3д, доволен.",  # a model name
    "Оплата картой «Мир», Wi-Fi-роутер, 1С, 5G, iPhone-а.",
])
def test_ordinary_mixtures_are_not_disguise(sp, text):
    assert "mixed-script" not in names(sp.lint(text))


def test_disguised_words_are_read_back_for_the_phrases(sp):
    report = sp.lint("Зapабoтoк без влoжeний")
    found = names(report)
    assert {"mixed-script", "easy-money", "no-investment", "disguised-offer"} <= set(found)
    assert report.findings


def test_phrases_match_in_any_inflection(sp):
    for text in ("Ищем сотрудников на подработку", "Успей забрать выигрыш", "Кредиты без проверок"):
        assert sp.lint(text).spam_score >= 1.5, text


def test_combos_need_each_group(sp):
    alone = names(sp.lint("Пишите в лс"))
    assert "contact-in-private" in alone and "offer-with-contact" not in alone
    both = names(sp.lint("Подработка для студентов, пишите в лс"))
    assert {"contact-in-private", "easy-money", "offer-with-contact"} <= set(both)


def test_measure_reports_even_below_the_threshold(sp):
    report = sp.lint("Спасибо за обращение!")
    assert report.spam == {"score": 0, "threshold": 5.0, "rules": []} and report.spam_score == 0


# ---------------------------------------------------------------- rule file validation


def _rule(**spec):
    data = {
        "code": "SP099", "name": "test-spam", "category": "spam", "severity": "warning", "kind": "spam",
        "message": "м", "why": "п", "examples": {"fire": ["a"], "pass": ["b"]}, **spec,
    }
    return parse_rule(data, {"signals": 7}, "rules/spam/test.yaml", kind_keys())


def _compile(**spec):
    from tonecheck.morph import morph

    return spam.compile(_rule(**spec), morph())


@pytest.mark.parametrize(("signals", "message"), [
    ([{"name": "x", "description": "d", "kind": "magic", "points": 1}], "неизвестный вид"),
    ([{"name": "x", "description": "d", "points": 1, "patterns": ["a"]}] * 2, "объявлен дважды"),
    ([{"name": "x", "description": "d", "kind": "regex", "points": 1, "regex": "("}], "ошибка в выражении"),
    ([{"name": "x", "description": "d", "kind": "combo", "points": 1, "requires": [["nope"]]}], "nope"),
    ([{"name": "x", "description": "", "points": 1, "patterns": ["a"]}], "описание"),
    ([{"name": "x", "description": "d", "points": -1, "patterns": ["a"]}], "points"),
    ([{"name": "x", "description": "d", "points": 1, "patterns": ["a<Badgram>"]}], "граммема"),
    ([{"name": "x", "description": "d", "points": 1, "patterns": ["a"], "chanels": {}}], "chanels"),
    ([{"name": "x", "description": "d", "kind": "regex", "points": 1, "regex": "a", "gate": "("}], "ошибка в gate"),
    ([{"name": "x", "description": "d", "kind": "regex", "points": 1, "regex": ["a", "b"], "gate": ["a"]}],
     "той же длины"),
    ([{"name": "x", "description": "d", "kind": "regex", "points": 1, "regex": "a", "gate": [5]}], "gate"),
    ([{"name": "x", "description": "d", "points": 1, "patterns": ["a"], "gate": "a"}], "только у вида regex"),
])
def test_bad_signals_fail_loudly_with_file_and_line(signals, message):
    with pytest.raises(RuleError, match=message) as info:
        _compile(signals=signals)
    assert str(info.value).startswith("rules/spam/test.yaml:7: signals:")


def test_channel_factors_are_checked():
    signal = {"name": "x", "description": "d", "points": 1, "patterns": ["a"]}
    with pytest.raises(RuleError, match="неизвестный канал"):
        _compile(signals=[signal], channel_factor={"fax": 2})


def test_regex_gates_agree_with_the_prefilter():
    from tonecheck.prefilter import possible

    check = _compile(signals=[
        {"name": "percent", "description": "d", "kind": "regex", "points": 1, "regex": r"гарант\w*\s*100\s*%"},
        {"name": "bangs", "description": "d", "kind": "regex", "points": 1, "regex": ["!{2,}", r"[$€]\s*\d"]},
    ])
    texts = ["Гарантия 100%", "ГАРАНТ 100", "100 % гарантия", "Ура!!", "Ура! $5", "€ 7", "", "гарант"]
    for text in texts:
        expected = {position: [rx for rx, gate in zip(signal.regexes, signal.gates, strict=True)
                               if possible(gate, text)]
                    for position, signal in enumerate(check.signals)}
        assert check.gates.runnable(text) == {p: rxs for p, rxs in expected.items() if rxs}, text


def test_a_written_gate_spares_the_scan_and_nothing_else():
    check = _compile(signals=[
        {"name": "call", "description": "d", "kind": "regex", "points": 1, "regex": [r"звони\s*$", r"!{2,}"],
         "gate": [r"(?-i:[иИ])\s*$", None]},
        {"name": "links", "description": "d", "kind": "regex", "points": 1, "regex": r"\w+\.ru", "gate": r"\.r"},
    ])
    assert check.signals[0].written_gates[1] is None
    assert check.signals[1].written_gates[0].flags & re.IGNORECASE  # as the regexes it stands for
    assert check.gates.runnable("Звони ") == {0: [check.signals[0].regexes[0]]}
    assert check.gates.runnable("Звони мне!!") == {0: [check.signals[0].regexes[1]]}
    assert check.gates.runnable("Сайт: SHOP.RU") == {1: [check.signals[1].regexes[0]]}
    assert check.gates.runnable("shop ru") == {}


def _written_gates(spam_check):
    return [(rx, gate) for s in spam_check.signals for rx, gate in zip(s.regexes, s.written_gates, strict=True)
            if gate is not None]


def test_written_gates_hold_on_every_text_at_hand(spam_check):
    drafts = Path(__file__).parent / "data" / "drafts.jsonl"
    texts = [e.text for e in spam_check.rule.fire + spam_check.rule.passes] + _FRAGMENTS
    texts += [json.loads(line)["text"] for line in drafts.read_text(encoding="utf-8").splitlines()]
    gated = _written_gates(spam_check)
    assert len(gated) >= 4  # spaced letters, bare calls, links
    for rx, gate in gated:
        for text in texts:
            if rx.search(text):
                assert gate.search(text), (gate.pattern, text)


#: Characters ``re.IGNORECASE`` may take for one another, by upper-then-lower case: «т» also stands for
#: «ᲄ» and «ᲅ», «s» for «ſ», «k» for the Kelvin sign. Built once for the property test below.
_CASE_PARTNERS: dict[str, list[str]] = {}
for _code in range(0x10000):
    _CASE_PARTNERS.setdefault(chr(_code).upper().lower(), []).append(chr(_code))


def test_written_gates_hold_wherever_their_regex_matches(spam_check):
    for rx, gate in _written_gates(spam_check):
        _gate_holds(rx, gate)


def _gate_holds(rx: re.Pattern[str], gate: re.Pattern[str]) -> None:
    """Strings ``rx`` matches in, each character then swapped for any character it folds with."""
    hypothesis = pytest.importorskip("hypothesis")
    st = hypothesis.strategies

    @hypothesis.settings(max_examples=200, deadline=None, derandomize=True)
    @hypothesis.given(st.from_regex(rx), st.randoms(use_true_random=False))
    def check(text, random):
        text = "".join(random.choice(_CASE_PARTNERS.get(ch.upper().lower(), [ch])) for ch in text)
        if rx.search(text):
            assert gate.search(text), (gate.pattern, text)

    check()


# ---------------------------------------------------------------- gates never skip a signal that would score

_FRAGMENTS = [
    "Заработок", "без вложений", "пиши в лс", "ЛС‼", "кто-то", "Жми на ссылку", "bit.ly/x", "100%", "гарантия",
    "!!!", "! ! !", "5000 руб в день", "оплата от 3000", "с 18 лет", "Пишите", "интересно?", "ТОЛЬКО СЕГОДНЯ",
    "CРОЧHO", "д0ллaP0B", "𝗭𝗮𝗿𝗮𝗯𝗼𝘁𝗼𝗸", "б.е.з.", "в с е м", "😀😀😀", "@manager_bot", "site.ru", "www.x.com",
    "криптовалюта", "биткоины", "промокоды", "вакансії", "profit", "deposits", "зароботок", "Здравствуйте",
    "заказ", "доставка", "бесплатно", "скидка", "акция", "удалёнка", "набираем людей", "подробности в личке",
    "$20", "₽", "\n", ".", ",", " ", "-", "?", "профит", "ищу партнёров", "денежный поток", "Свободный график",
]


def _full_result(check, doc, ctx):
    """The score with every signal counted, no gate, no index: what the gates must agree with."""
    scan = check.scan(doc)
    everything = {id(p) for s in check.signals for p in s.patterns}
    base = check.channel_factor.get(ctx.channel, 1.0)
    scored = []
    for position, signal in enumerate(check.signals):
        if signal.kind == "combo":
            continue
        if signal.kind == "regex":
            spans = spam._disjoint([m.span() for rx in signal.regexes for m in rx.finditer(doc.view)
                                    if m.end() > m.start()])
            count = len(spans)
        elif signal.kind == "phrase":
            spans = spam._disjoint([(scan.words[i].start, scan.words[end - 1].stop)
                                    for p in signal.patterns for i, end in spam.find(p, doc, scan.words)])
            count = len(spans)
        else:
            count, spans = spam._count(signal, scan, everything)
        points = signal.score(count) * signal.channels.get(ctx.channel, base)
        if points > 0:
            scored.append((position, signal.name, points, tuple(spans)))
    names = {name for _, name, _, _ in scored}
    for position, signal in enumerate(check.signals):
        if signal.kind == "combo" and scored:
            points = signal.score(int(signal.fires(names))) * signal.channels.get(ctx.channel, base)
            if points > 0:
                scored.append((position, signal.name, points, ()))
    scored.sort(key=lambda s: (-s[2], s[0]))
    return [(name, points, spans) for _, name, points, spans in scored]


@pytest.fixture(scope="module")
def spam_check(sp):
    return next(c for c in sp.checks if c.rule.code == "SP001")


def test_gates_agree_with_the_full_count_on_the_rule_examples(sp, spam_check):
    texts = [e.text for e in spam_check.rule.fire + spam_check.rule.passes]
    texts += [SHOUTING_AD, PROMO, " ".join(_FRAGMENTS), "".join(_FRAGMENTS)]
    for text in texts:
        for channel in ("chat", "sms"):
            ctx = sp.context(channel=channel)
            doc = sp.doc(text)
            got = spam_check.evaluate(doc, ctx)
            assert [(c.signal.name, c.points, c.spans) for c in got.contributions] == _full_result(
                spam_check, sp.doc(text), ctx), text


def test_gates_agree_with_the_full_count_on_random_mixtures(sp, spam_check):
    hypothesis = pytest.importorskip("hypothesis")
    st = hypothesis.strategies

    @hypothesis.settings(max_examples=150, deadline=None, derandomize=True)
    @hypothesis.given(st.lists(st.sampled_from(_FRAGMENTS), max_size=12), st.sampled_from([" ", "", ", ", "\n"]))
    def check(parts, glue):
        text = glue.join(parts)
        ctx = sp.context()
        got = spam_check.evaluate(sp.doc(text), ctx)
        assert [(c.signal.name, c.points, c.spans) for c in got.contributions] == _full_result(
            spam_check, sp.doc(text), ctx)

    check()


def test_every_capital_may_be_a_capital():
    # The caps gate counts what may be a capital: it must never miss one (all of Unicode's planes 0-1).
    capitals = "".join(chr(c) for c in range(0x20000) if chr(c).isupper())
    assert len(spam._MAYBE_CAPITAL.findall(capitals)) == len(capitals)


def test_every_foreign_letter_and_emoji_may_be_a_capital():
    # ``scan`` and the emoji test look for them among the characters that may be capitals only.
    everything = "".join(map(chr, range(sys.maxunicode + 1)))
    for pattern in (spam._FOREIGN, spam._EMOJI):
        found = "".join(pattern.findall(everything))
        assert len(spam._MAYBE_CAPITAL.findall(found)) == len(found) > 1000, pattern.pattern


def test_lower_case_keeps_what_is_not_alphanumeric():
    # ``scan`` tells that every word is alphanumeric from the words in lower case (ё as е) alone; the caps
    # signal takes a word for a letter at least, and a word is one whose lower case holds a letter.
    for code in range(sys.maxunicode + 1):
        ch = chr(code)
        assert ch.isalnum() or not ch.lower().replace("ё", "е").isalnum(), hex(code)
        assert ch.isalpha() or not any(map(str.isalpha, ch.lower())), hex(code)


def test_glued_and_hyphenated_words(sp, spam_check):
    doc = sp.doc("Пиши в лс‼ кто-то ждёт")
    scan = spam_check.scan(doc)
    assert scan.words is not doc.words and [t.lower for t in scan.words][2] == "лс"
    doc = sp.doc("Кто-то пишет по-русски")
    assert spam_check.scan(doc).words is doc.words


def test_odd_runs_are_found_as_before():
    # The two skipping searches together find what one alternation of the three cases found.
    odd = re.compile(r"[^\WA-Za-z0-9а-яёА-ЯЁ_]|[а-яёА-ЯЁ][A-Za-z0-9]|[A-Za-z0-9][а-яёА-ЯЁ]")
    for text in [*_FRAGMENTS, "abc", "аб1", "1аб", "x ж", "жx", "Аndroid", "ﬁ", "𝗸", "ab-вг", "éтот", "7600х3д"]:
        capitals = "".join(spam._MAYBE_CAPITAL.findall(text))
        found = spam._FOREIGN.search(capitals) is not None or spam._TOUCHING.search(text) is not None
        assert found == (odd.search(text) is not None), text
