from __future__ import annotations

from pathlib import Path

import pytest

from tonecheck import Linter, RuleError
from tonecheck.checks import topic
from tonecheck.engine import load_rules
from tonecheck.morph import morph
from tonecheck.relevance import THRESHOLD
from tonecheck.rule import builtin_dir

# Realistic support pairs from several trades, written for these tests.
PAIRS = [
    ("Здравствуйте! Как вернуть деньги за отменённый заказ?",
     "Добрый день! Деньги за отменённый заказ вернутся на карту, с которой вы платили, "
     "в течение 3–5 рабочих дней."),
    ("Почему с карты списали плату за подписку, если я её отключил?",
     "Подписка продлилась автоматически за день до отключения, поэтому списание прошло. Мы оформили возврат, "
     "деньги придут на карту в течение недели."),
    ("Не приходит СМС с кодом для входа в приложение банка",
     "Проверьте, что номер телефона в профиле указан верно, и перезагрузите телефон. "
     "Если код так и не придёт, войдите по отпечатку пальца или через интернет-банк."),
    ("Курьер опоздал на два часа и привёз холодную пиццу. Хочу компенсацию.",
     "Простите за опоздание курьера и остывшую пиццу. Мы начислили вам компенсацию — 500 бонусных рублей на "
     "следующий заказ."),
    ("Как поменять тариф на более дешёвый?",
     "Сменить тариф можно в личном кабинете в разделе «Тарифы» или командой *100#. Новый тариф начнёт "
     "действовать с первого числа следующего месяца."),
    ("Не работает интернет дома с утра, роутер мигает красным",
     "На вашей линии ведутся ремонтные работы, связь восстановят сегодня до 18:00. "
     "Перезагружать роутер не нужно."),
]


@pytest.fixture(scope="module")
def rules():
    return [r for r in load_rules([builtin_dir()]) if r.category == "topic"]


@pytest.fixture(scope="module")
def only(rules):
    cache: dict[str, Linter] = {}

    def get(code: str) -> Linter:
        if code not in cache:
            cache[code] = Linter(rules=[r for r in rules if r.code == code])
        return cache[code]

    return get


def topic_codes(report) -> list[str]:
    return [f.code for f in report.findings if f.category == "topic"]


def test_without_a_customer_message_there_is_no_relevance_and_no_topic_rule(linter):
    report = linter.lint("Ваша посылка уже передана курьеру, он позвонит за час до приезда.")
    assert report.relevance is None
    assert topic_codes(report) == []
    assert report.to_dict()["relevance"] is None


def test_relevance_is_a_float_between_0_and_1(linter):
    report = linter.lint("Заказ уже в пути.", customer_message="Где мой заказ?")
    assert isinstance(report.relevance, float)
    assert 0.0 <= report.relevance <= 1.0
    assert report.to_dict()["relevance"] == report.relevance


@pytest.mark.parametrize(("question", "answer"), PAIRS, ids=[q[:25] for q, _ in PAIRS])
def test_real_answers_are_on_topic(linter, question, answer):
    report = linter.lint(answer, customer_message=question)
    assert report.relevance >= THRESHOLD
    assert "TP001" not in topic_codes(report)


def test_answers_for_other_questions_score_lower_than_the_right_one(linter):
    for i, (question, answer) in enumerate(PAIRS):
        right = linter.lint(answer, customer_message=question).relevance
        for j, (_, other) in enumerate(PAIRS):
            if i != j:
                assert linter.lint(other, customer_message=question).relevance < right, (i, j)


def test_most_swapped_answers_are_flagged(linter):
    swapped = [(q, a) for i, (q, _) in enumerate(PAIRS) for j, (_, a) in enumerate(PAIRS) if i != j]
    flagged = sum("TP001" in topic_codes(linter.lint(a, customer_message=q)) for q, a in swapped)
    assert flagged >= 0.8 * len(swapped)


@pytest.mark.parametrize(("question", "answer"), [
    ("Можно ли поменять адрес доставки?", "Да, можно."),
    ("Можно ли вернуть товар без чека?", "Нет, к сожалению."),
    ("Когда откроется пункт выдачи?", "Завтра в девять."),
    ("Вы работаете в выходные?", "Да, без выходных."),
])
def test_short_answers_are_not_off_topic(only, question, answer):
    report = only("TP001").lint(answer, customer_message=question)
    assert report.relevance >= THRESHOLD
    assert topic_codes(report) == []


def test_answer_in_other_words_is_on_topic(linter):
    paraphrase = linter.lint("Возврат средств оформлен, сумма поступит на вашу карту за 3–5 дней.",
                             customer_message="Когда мне вернут деньги?")
    unrelated = linter.lint("Курьер позвонит вам за час до приезда и привезёт посылку до двери.",
                            customer_message="Когда мне вернут деньги?")
    assert paraphrase.relevance >= THRESHOLD
    assert unrelated.relevance < THRESHOLD
    short = linter.lint("Возврат средств уже оформлен.", customer_message="Как вернуть деньги?")
    assert short.relevance >= THRESHOLD


def test_off_topic_reply_names_the_missing_key_terms(only):
    report = only("TP001").lint(
        "Чтобы подключить тариф «Безлимит», наберите команду и дождитесь СМС с подтверждением подключения.",
        customer_message="Здравствуйте! Почему у меня списали деньги за подписку, которую я не оформлял?")
    (finding,) = report.findings
    assert finding.code == "TP001" and finding.severity == "warning"
    assert finding.message.startswith("Ответ не касается вопроса клиента")
    missing = finding.data["missing"]
    assert missing and set(missing) <= {"списали", "деньги", "подписку", "оформлял"}
    assert "здравствуйте" not in finding.message
    assert all(f"«{term}»" in finding.message for term in missing)
    assert finding.text.startswith("Чтобы") and finding.text.endswith("подключения")


def test_long_unrelated_reply_scores_lower_than_a_short_one(linter):
    question = "Как поменять пароль от личного кабинета?"
    short = linter.lint("Посылка в пути.", customer_message=question).relevance
    long = linter.lint(
        "Посылка в пути. Курьер привезёт её завтра с десяти до четырнадцати часов. Перед приездом он "
        "позвонит, оплатить покупку можно картой или наличными при получении, чек придёт на почту.",
        customer_message=question).relevance
    assert long < short


def test_every_unanswered_question_is_quoted(only):
    report = only("TP002").lint(
        "Ваш заказ уже в пути, курьер привезёт его завтра до обеда.",
        customer_message="Где мой заказ? И можно ли поменять адрес доставки? "
                         "Как оплатить картой при получении?")
    quoted = [f.data["question"] for f in report.findings]
    assert quoted == ["И можно ли поменять адрес доставки?", "Как оплатить картой при получении?"]
    assert all(f.severity == "warning" for f in report.findings)
    assert "«И можно ли поменять адрес доставки?»" in report.findings[0].message


def test_all_questions_answered_gives_no_finding(only):
    report = only("TP002").lint(
        "Ваш заказ уже в пути, курьер привезёт его завтра. Адрес доставки можно поменять в личном кабинете.",
        customer_message="Где мой заказ? И можно ли поменять адрес доставки?")
    assert report.findings == []


def test_unanswered_question_needs_another_question_answered(only):
    # Nothing answered: the reply is off topic as a whole (TP001), not a skipped question.
    report = only("TP002").lint("Спасибо, что выбрали нас!",
                                customer_message="Где мой заказ? Можно ли поменять адрес?")
    assert report.findings == []


def test_advertisement_in_the_middle_of_an_answer_drifts(only):
    report = only("TP003").lint(
        "Ваш заказ уже в пути, курьер привезёт его завтра до обеда. Кстати, подписывайтесь на наш канал в "
        "Телеграме, там каждый день розыгрыши призов и промокоды! Курьер позвонит за час до приезда.",
        customer_message="Где мой заказ? Когда его привезут?")
    (finding,) = report.findings
    assert finding.severity == "info"
    assert finding.text.startswith("Кстати, подписывайтесь")


def test_service_talk_is_not_drift(only):
    report = only("TP003").lint(
        "Здравствуйте, Анна! Благодарим за обращение и приносим извинения за ожидание. Ваш заказ уже в пути, "
        "курьер привезёт его завтра до обеда. Если у вас останутся вопросы, обращайтесь, будем рады помочь! "
        "Хорошего дня и отличного настроения! С уважением, служба поддержки.",
        customer_message="Где мой заказ? Когда его привезут?")
    assert report.findings == []


def test_greetings_in_the_message_are_not_key_terms(linter):
    plain = linter.lint("Заказ уже в пути.", customer_message="Где мой заказ?").relevance
    polite = linter.lint(
        "Заказ уже в пути.",
        customer_message="Добрый день! Подскажите, пожалуйста, где мой заказ? Спасибо!").relevance
    assert polite == pytest.approx(plain, abs=0.05)


def test_the_three_rules_share_one_analysis(linter):
    topic._cache.clear()
    linter.lint("Заказ уже в пути.", customer_message="Где мой заказ?")
    assert len(topic._cache) == 1


# ---------------------------------------------------------------- loading


def _rule_with(tmp_path: Path, extra: str, lexicon: str | None) -> Path:
    (tmp_path / "r.yaml").write_text(
        "code: TP050\nname: custom-topic\ncategory: topic\nseverity: warning\nkind: topic\n"
        "message: м\nwhy: w\nexamples: {fire: [a], pass: [b]}\n" + extra, encoding="utf-8")
    if lexicon is not None:
        (tmp_path / "_lexicon.yaml").write_text(lexicon, encoding="utf-8")
    return tmp_path


def _compile(directory: Path):
    (rule,) = load_rules([directory])
    return topic.compile(rule, morph())


def test_unknown_test_is_an_error(tmp_path):
    with pytest.raises(RuleError, match="test"):
        _compile(_rule_with(tmp_path, "test: everything\n", "function_words: [быть]\n"))


def test_missing_lexicon_is_an_error(tmp_path):
    with pytest.raises(RuleError, match="lexicon"):
        _compile(_rule_with(tmp_path, "test: reply\n", None))


def test_bad_service_pattern_names_the_lexicon_file(tmp_path):
    with pytest.raises(RuleError) as err:
        _compile(_rule_with(tmp_path, "test: reply\n", "service_talk:\n  - 'спасибо<nosuchgram>'\n"))
    assert "_lexicon.yaml" in str(err.value) and "service_talk" in str(err.value)


def test_unknown_lexicon_field_is_an_error(tmp_path):
    with pytest.raises(RuleError, match="stop_words"):
        _compile(_rule_with(tmp_path, "test: reply\n", "stop_words: [быть]\n"))


def test_threshold_out_of_range_is_an_error(tmp_path):
    with pytest.raises(RuleError, match="threshold"):
        _compile(_rule_with(tmp_path, "test: reply\nthreshold: 5\n", "function_words: [быть]\n"))
