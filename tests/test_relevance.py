from __future__ import annotations

import pytest

from tonecheck import relevance
from tonecheck.checks import topic
from tonecheck.doc import Doc
from tonecheck.morph import morph
from tonecheck.relevance import THRESHOLD
from tonecheck.rule import builtin_dir


@pytest.fixture(scope="module")
def lexicon():
    return topic.load_lexicon(builtin_dir() / "topic" / "_lexicon.yaml", morph())


def doc(text: str) -> Doc:
    return Doc.build(text, analyzer=morph())


@pytest.mark.parametrize("message", [
    "Как удалить аккаунт?",
    "Здравствуйте! Почему не приходит код подтверждения?",
    "А в каких городах есть доставка",  # no «?» at the end of the message
    "Сколько стоит доставка? Когда её привезут?",
    "Что делать, если курьер не приехал?",
])
def test_open_questions(lexicon, message):
    assert relevance.asks_open_only(doc(message), lexicon)


@pytest.mark.parametrize("message", [
    "Можно ли оплатить заказ картой?",
    "Можно оплатить картой?",  # a yes/no question without «ли»
    "Как оплатить заказ? Можно ли картой?",  # one yes/no question is enough for «Да»
    "Подскажите, как оплатить заказ?",  # indirect: «Да, конечно» may come first
    "Как только открываю приложение, оно закрывается.",  # «как» of a statement
    "Не приходит код подтверждения",
])
def test_not_only_open_questions(lexicon, message):
    assert not relevance.asks_open_only(doc(message), lexicon)


@pytest.mark.parametrize(("reply", "expected"), [
    ("Да, можно.", True),
    ("Нет.", True),
    ("Здравствуйте, Ольга! Да, картой можно.", True),  # service talk first
    ("Нет, к сожалению, такой возможности нет.", True),
    ("Нету такой функции.", False),
    ("Данные карты не сохраняются.", False),  # «Данные» starts with «да» but is another word
    ("Оплатить можно картой, да.", False),
])
def test_reply_opens_with_yes_or_no(lexicon, reply, expected):
    assert relevance.opens_yes_no(doc(reply), lexicon) is expected


def test_yes_no_reply_to_an_open_question_loses_relevance(linter):
    question = "Как удалить аккаунт?"
    assert linter.lint("Да, можно.", customer_message=question).relevance < THRESHOLD
    assert linter.lint("Да, можно.", customer_message="Можно ли удалить аккаунт?").relevance >= THRESHOLD
    # A reply that names the question's things stays on topic whatever its first word.
    named = linter.lint("Нет, удалить аккаунт нельзя, но его можно заблокировать в настройках профиля.",
                        customer_message=question)
    assert named.relevance >= THRESHOLD


def test_a_reply_without_a_number_to_how_many_scores_lower(linter):
    question = "Сколько дней идёт посылка до Казани?"
    with_number = linter.lint("Обычно 3 дня.", customer_message=question).relevance
    in_words = linter.lint("Обычно пять дней.", customer_message=question).relevance
    without = linter.lint("Обычно быстро.", customer_message=question).relevance
    assert without < with_number
    assert without < in_words
    assert with_number >= THRESHOLD


def test_modifiers_weigh_less_than_the_words_they_modify(linter, lexicon):
    from tonecheck.vectors import vectors

    side = relevance.side(doc("Не работает бесконтактная оплата телефоном"), lexicon, vectors())
    weight = dict(zip(side.lemmas, side.weights, strict=True))
    assert weight["бесконтактный"] == pytest.approx(relevance.MODIFIER_WEIGHT * relevance.weight(
        "бесконтактный", "бесконтактная", vectors(), lexicon, latin=False))
    assert weight["бесконтактный"] < weight["оплата"]


def test_exasperated_how_long_asks_for_no_number(lexicon):
    assert relevance.asks_number(doc("Сколько стоит доставка в Тверь?"), lexicon)
    assert not relevance.asks_number(doc("Сколько можно ждать? Заказ опаздывает уже на три дня!"), lexicon)


def test_the_signature_under_a_sign_off_and_names_are_no_topic(lexicon):
    reply = doc("Здравствуйте, Наталья!\n\nПылесос можно сдать по гарантии в любой магазин.\n\n"
                "С уважением,\nЕлена Смирнова\nотдел клиентского сервиса")
    lemmas = [lemma for _, lemma in relevance.content_tokens(reply, lexicon)]
    assert "пылесос" in lemmas and "гарантия" in lemmas
    assert not {"наталья", "елена", "смирнов", "смирнова", "отдел", "клиентский", "сервис"} & set(lemmas)


def test_a_sign_off_inside_the_text_hides_nothing_after_it(lexicon):
    # «Всего доброго» mid-line is no signature: the sentence after it still counts.
    reply = doc("Заказ доставят завтра, всего доброго. Курьер позвонит за час.")
    assert "курьер" in [lemma for _, lemma in relevance.content_tokens(reply, lexicon)]


@pytest.mark.parametrize(("message", "asks"), [
    ("Курьер нахамил мне при доставке и бросил коробку у двери.", False),
    ("Приложение вылетает после обновления", False),
    ("Как вернуть деньги?", True),
    ("Можно ли оплатить картой", True),
    ("Подскажите, где найти чек", True),  # a sentence that opens with «где» after the request
    ("Правила размещения субтитров", True),  # a heading names its topic: judged as a question
])
def test_asks_anything(lexicon, message, asks):
    assert relevance.asks_anything(doc(message), lexicon) is asks


def test_a_complaint_answered_with_amends_is_on_topic(linter):
    message = "Курьер нахамил мне при доставке и бросил коробку у двери."
    reply = ("Здравствуйте! Нам очень жаль, это недопустимое поведение. Мы передали жалобу в службу доставки, "
             "с сотрудником проведут беседу. В качестве извинения начислили вам 500 бонусов.")
    report = linter.lint(reply, customer_message=message)
    assert report.relevance > THRESHOLD
    assert not [f for f in report.findings if f.category == "topic"]
