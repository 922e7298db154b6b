from __future__ import annotations

import json
import math
import subprocess
import sys
from array import array
from pathlib import Path

import numpy as np
import pytest

from tonecheck import model as harsh
from tonecheck.doc import Doc

ROOT = Path(__file__).resolve().parent.parent

# Our own sentences, none of them in the training files (checked below): support replies that must
# stay quiet and rude replies that must score high.
SUPPORT = [
    "Здравствуйте! К сожалению, мы не можем продлить акцию для вашего заказа.",
    "Вы правы, это наша ошибка: курьер привёз не тот товар.",
    "Приносим извинения, заявка потерялась при переносе в новую систему.",
    "Мы понимаем, что ожидание затянулось, и уже подключили старшего специалиста.",
    "К сожалению, вернуть стоимость доставки не получится.",
    "Откройте приложение, перейдите в раздел «Профиль» и нажмите «Выйти на всех устройствах».",
    "Если списание повторится, пришлите, пожалуйста, выписку из банка.",
    "Жалобу на оператора мы передали руководителю смены.",
    "Нет, перенести бонусы на другой аккаунт нельзя.",
    "Ваш отзыв опубликуют после проверки модератором.",
]
RUDE = [
    "Ты тупой, что ли, кнопку найти не можешь?",
    "Идиот, тебе же всё написали в договоре.",
    "Заткнись уже и жди своего курьера, придурок.",
    "Да пошёл ты со своими жалобами, урод.",
]


@pytest.fixture(scope="module")
def model() -> harsh.HarshModel:
    return harsh.load()


def sentence_score(model: harsh.HarshModel, text: str) -> harsh.Score:
    doc = Doc.build(text)
    return max((model.score(doc.sentence_tokens(s)) for s in doc.sentences), key=lambda s: s.probability)


def test_builtin_model_loads_once(model):
    assert harsh.load() is model
    assert len(model.weights) == 1 << model.bits
    assert model.meta["feature_version"] == harsh.FEATURE_VERSION
    assert 0 < model.meta["threshold"] < 1


def test_model_files_are_small_and_inside_the_package():
    stem = harsh.MODELS_DIR / "harsh"
    assert stem.with_suffix(".npy").stat().st_size < 5_000_000
    assert harsh.MODELS_DIR.parent.name == "tonecheck"


def test_weights_read_without_numpy_match_numpy(model):
    stored = np.load(harsh.MODELS_DIR / "harsh.npy")
    assert stored.dtype == np.dtype("<i2")
    assert np.array_equal(stored, np.frombuffer(model.weights.tobytes(), dtype="=i2"))


def test_contributions_add_up_to_the_logit(model):
    scored = sentence_score(model, "Ну ты и дебил, читай внимательнее!")
    total = model.bias + sum(share for _, share in scored.contributions)
    assert math.isclose(total, scored.logit, rel_tol=1e-9, abs_tol=1e-9)
    assert math.isclose(scored.probability, 1 / (1 + math.exp(-scored.logit)))


def test_estimate_is_the_score_without_shares(model):
    # The check skips ``score`` below the threshold on the strength of this: the very same floats.
    text = " ".join(SUPPORT + RUDE) + " Ну ты и дебил!!! читай ВНИМАТЕЛЬНЕЕ https://example.com 5 раз"
    doc = Doc.build(text)
    for sentence in doc.sentences:
        tokens = doc.sentence_tokens(sentence)
        scored = model.score(tokens)
        assert model.estimate(tokens) == (scored.probability, scored.words)


def test_drivers_are_words_strongest_first(model):
    scored = sentence_score(model, "Ну ты и дебил, читай внимательнее!")
    drivers = scored.drivers(0.3)
    assert drivers and all(token.is_word and share >= 0.3 for token, share in drivers)
    assert [share for _, share in drivers] == sorted((share for _, share in drivers), reverse=True)
    assert drivers[0][0].text == "дебил"


def test_scores_are_deterministic_across_processes(model):
    text = "Ты вообще соображаешь, что пишешь?"
    here = sentence_score(model, text).logit
    code = (f"from tonecheck.doc import Doc; from tonecheck import model as m; d = Doc.build({text!r}); "
            "print(repr(m.load().score(d.sentence_tokens(d.sentences[0])).logit))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         cwd=ROOT, env={"PYTHONPATH": str(ROOT), "PYTHONHASHSEED": "123"})
    assert float(out.stdout) == here


def test_support_language_is_not_rude(model):
    threshold = model.meta["threshold"]
    for text in SUPPORT:
        assert sentence_score(model, text).probability < threshold, text


def test_insults_score_high(model):
    threshold = model.meta["threshold"]
    for text in RUDE:
        assert sentence_score(model, text).probability >= threshold, text


def test_test_sentences_are_not_in_training_files():
    trained = set()
    for name in ("harsh_neutral.txt", "harsh_pairs.txt"):
        for line in (ROOT / "scripts" / name).read_text(encoding="utf-8").splitlines():
            trained.update(part.strip() for part in line.split("\t"))
    assert not trained & set(SUPPORT + RUDE)


def test_features_per_word_are_bounded():
    # Speed is bounded by the number of hashed features, whatever the input looks like.
    doc = Doc.build("а" * 5_000 + " бла" * 3)
    feats = harsh.token_features(doc.tokens, 20)
    assert max(len(f.own) for f in feats) <= 3 + sum(harsh.MAX_WORD + 3 - n for n in harsh.NGRAMS)


def test_known_words_get_no_letter_ngrams():
    # «процедура» must not share «дур» with «дура»: only unknown words are split into n-grams.
    doc = Doc.build("процедура")
    (feat,) = harsh.token_features(doc.tokens, 20)
    assert len(feat.own) == 1


def test_links_and_marks_count_once_a_sentence():
    doc = Doc.build("Ссылка: https://example.com/a/b/c.d.e?x=1.")
    feats = harsh.token_features(doc.tokens, 20)
    ids = [f.own for f in feats if not f.token.is_cyrillic]
    assert len(ids) == len(set(ids))


def _write_model(stem: Path, weights: np.ndarray, bias: float, **meta) -> None:
    np.save(stem.with_suffix(".npy"), weights.astype("<i2"), allow_pickle=False)
    info = {"feature_version": harsh.FEATURE_VERSION, "bits": int(np.log2(len(weights))), "bias": bias,
            "scale": 0.01, "threshold": 0.5, **meta}
    stem.with_suffix(".json").write_text(json.dumps(info), encoding="utf-8")


def test_a_hand_made_model_scores_by_its_weights(tmp_path):
    bits = 12
    doc = Doc.build("кот спит")
    cat, sleeps = harsh.token_features(doc.tokens, bits)
    weights = np.zeros(1 << bits, dtype=np.int64)
    weights[list(cat.own)] = 100  # 100 × scale 0.01 = 1.0 a feature
    _write_model(tmp_path / "tiny", weights, -2.0)
    tiny = harsh.HarshModel.load(tmp_path / "tiny")
    scored = tiny.score(doc.tokens)
    shares = {t.text: s for t, s in scored.contributions}
    w = weights * 0.01
    # The first word's pair (with the sentence start) is its own; the second pair is split in half.
    assert shares["кот"] == pytest.approx(sum(w[i] for i in cat.own) + w[cat.pair] + w[sleeps.pair] / 2)
    assert shares["спит"] == pytest.approx(sum(w[i] for i in sleeps.own) + w[sleeps.pair] / 2)
    assert shares["кот"] >= len(cat.own)
    assert scored.logit == pytest.approx(-2.0 + sum(shares.values()))


def test_model_trained_for_other_features_is_refused(tmp_path):
    _write_model(tmp_path / "old", np.zeros(16), 0.0, feature_version=harsh.FEATURE_VERSION + 1)
    with pytest.raises(harsh.ModelError, match="переобучите"):
        harsh.HarshModel.load(tmp_path / "old")


def test_damaged_model_files_are_refused(tmp_path):
    _write_model(tmp_path / "cut", np.zeros(16), 0.0)
    raw = (tmp_path / "cut.npy").read_bytes()
    (tmp_path / "cut.npy").write_bytes(raw[:-4])
    with pytest.raises(harsh.ModelError, match="обрезан"):
        harsh.HarshModel.load(tmp_path / "cut")
    (tmp_path / "cut.npy").write_bytes(b"not numpy")
    with pytest.raises(harsh.ModelError, match=r"\.npy"):
        harsh.HarshModel.load(tmp_path / "cut")
    with pytest.raises(harsh.ModelError, match="не прочитана"):
        harsh.HarshModel.load(tmp_path / "missing")


def test_weights_are_a_plain_array(model):
    # Scoring needs no numpy: the weights are a standard-library array.
    assert isinstance(model.weights, array)


def test_estimate_sums_exactly_the_trained_features(model):
    # The scoring memos (weights per token text and per lemma pair, marks once a sentence) must add up
    # to exactly what ``token_features`` gives training: the same logit, bit for bit.
    text = ("Ну ты и дебил!!! читай ВНИМАТЕЛЬНЕЕ https://example.com и https://example.org 5 раз, "
            "долбоящер. Здравствуйте, Анна! Ваш заказ уже в пути…")
    doc = Doc.build(text)
    w = model.weights
    for sentence in doc.sentences:
        tokens = doc.sentence_tokens(sentence)
        feats = harsh.token_features(tokens, model.bits)
        total = sum(w[i] for f in feats for i in f.own) + sum(w[f.pair] for f in feats if f.pair is not None)
        probability, words = model.estimate(tokens)
        assert probability == harsh._sigmoid(model.bias + float(total) * model.scale)
        assert words == sum(f.pair is not None for f in feats)


def test_memos_give_the_same_scores_when_cold_and_warm():
    cold = harsh.HarshModel.load(harsh.MODELS_DIR / "harsh")  # a fresh instance: empty memos
    doc = Doc.build(" ".join(RUDE + SUPPORT))
    first = [cold.score(doc.sentence_tokens(s)) for s in doc.sentences]
    again = [cold.score(doc.sentence_tokens(s)) for s in doc.sentences]
    assert first == again
    assert [s.logit for s in first] == [harsh.load().score(doc.sentence_tokens(s)).logit for s in doc.sentences]
