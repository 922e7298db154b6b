#!/usr/bin/env python3
"""Train the harshness model (tonecheck/models/harsh.{npy,json}) from the shared training data.

    python scripts/train_harsh.py                        # data from ../shared/eval/data
    python scripts/train_harsh.py --data DIR --out tonecheck/models/harsh

Reads only training material (see docs/model.md):
  toxic (1): RUSSE-2022 train toxic comments, RuDetoxifier 10k toxic comments, vyhuholl toxic texts;
  neutral (0): RUSSE-2022 train neutral paraphrases, vyhuholl polite rewrites, the even-numbered
  RUTUBE FAQ answers (the odd ones are held out to count false alarms on support text), half of the
  RuLexNorm tweets the annotators left unchanged (everyday chat full of words no dictionary knows;
  the other half is held out to count false alarms on chat; tweets with mat are left out), and our
  own support-style sentences in scripts/harsh_neutral.txt.
Every text that also occurs in an evaluation file (RUSSE dev and test, the fix-suite pairs) is dropped.
RUSSE dev is used only to pick the threshold. Needs numpy, scipy and scikit-learn (training only; the
package itself reads the weights with the standard library).

Sentences are the unit: a neutral text gives one negative per sentence; a toxic text gives its
sentences as one bag, and after a first fit only its rudest sentences stay positive (multiple-instance
refinement), so polite sentences inside a rude comment do not teach the model that politeness is rude.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import sys
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tonecheck.doc import Doc  # noqa: E402
from tonecheck.model import FEATURE_VERSION, flat_features  # noqa: E402
from tonecheck.morph import morph  # noqa: E402

csv.field_size_limit(1 << 30)
BITS = 20
MAX_CHARS = 1_000  # very long comments are cut: a linter scores replies, not essays


@dataclass
class Text:
    text: str
    label: int
    source: str
    sentences: list[list[int]] | None = None  # feature ids per sentence
    sizes: list[int] | None = None  # words per sentence
    weight: float = 1.0


def norm(text: str) -> str:
    return " ".join(text.lower().replace("ё", "е").split())


def _tsv(path: Path, delimiter: str = "\t") -> Iterator[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        yield from csv.DictReader(handle, delimiter=delimiter)


def _lines(path: Path) -> Iterator[str]:
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                yield line.strip()


def held_out_texts(data: Path) -> set[str]:
    """Texts of the evaluation suites: never trained on."""
    out: set[str] = set()
    for row in _tsv(data / "russe_detox_2022/dev_binary.tsv"):
        out.add(norm(row["text"]))
    test = data / "russe_detox_2022/test.tsv"
    if test.exists():
        for row in _tsv(test):
            out.add(norm(row.get("toxic_comment") or ""))
    for row in _tsv(data / "snlp_rudetoxifier/dataset_200.tsv"):
        out.update((norm(row["Toxic comment"]), norm(row["Polite comment"])))
    pairs = data / "jzavorohina_censure/fix_test_pairs.tsv"
    if pairs.exists():
        for row in _tsv(pairs):
            out.update((norm(row["obscene_sentence"]), norm(row["expected_fixed_sentence"])))
    out.discard("")
    return out


def faq_answers(data: Path, held_out: bool) -> list[str]:
    """RUTUBE FAQ answers: even ``faq_id`` for training, odd ones held out for the false-alarm count."""
    rows = _tsv(data / "rutube_support_qna/knowledge_base_faq.tsv")
    return [r["answer"] for r in rows if r["answer"].strip() and (int(r["faq_id"]) % 2 == 1) == held_out]


def chat_tweets(data: Path, held_out: bool) -> list[str]:
    """RuLexNorm tweets nobody corrected, without mat: one half (by a checksum) trains, the other counts
    false alarms. Everyday chat teaches the model that a word the dictionary does not know is not rude."""
    import zlib

    from tonecheck import Config, Linter

    path = data / "rulexnorm/train_real_sentences.tsv"
    if not path.exists():
        return []
    obscene = Linter(Config(select=("obscene",)))
    out = []
    for row in _tsv(path):
        text = row["original"]
        if row["n_token_changes_excl_case"] != "0" or (zlib.crc32(text.encode("utf-8")) % 2 == 1) != held_out:
            continue
        if not obscene.lint(text).findings:
            out.append(text)
    return out


def training_texts(data: Path, ours_weight: float = 1.0) -> list[Text]:
    texts: list[Text] = []
    for row in _tsv(data / "russe_detox_2022/train_binary.tsv"):
        texts.append(Text(row["text"], int(row["label_toxic"]), "russe"))
    for line in _lines(data / "snlp_rudetoxifier/ru_test_10k_toxic.txt"):
        texts.append(Text(line, 1, "rudetoxifier"))
    vy = data / "vyhuholl_russian_detoxification"
    for line in _lines(vy / "test_toxic_only.txt"):
        texts.append(Text(line, 1, "vyhuholl"))
    for row in _tsv(vy / "parallel_corpus.csv", ","):
        texts.append(Text(row["toxic"], 1, "vyhuholl"))
        if row["polite"].strip():
            texts.append(Text(row["polite"], 0, "vyhuholl"))
    for answer in faq_answers(data, held_out=False):
        texts.append(Text(answer, 0, "support"))
    for tweet in chat_tweets(data, held_out=False):
        texts.append(Text(tweet, 0, "chat"))
    for line in _lines(ROOT / "scripts/harsh_neutral.txt"):
        if not line.startswith("#"):
            texts.append(Text(line, 0, "ours", weight=ours_weight))
    for line in _lines(ROOT / "scripts/harsh_pairs.txt"):
        if not line.startswith("#"):
            rude, calm = line.split("\t")
            texts.append(Text(rude, 1, "ours", weight=ours_weight))
            texts.append(Text(calm, 0, "ours", weight=ours_weight))
    banned = held_out_texts(data)
    seen: set[tuple[str, int]] = set()
    kept = []
    for t in texts:
        key = (norm(t.text), t.label)
        if not key[0] or key[0] in banned or key in seen:
            continue
        seen.add(key)
        t.text = t.text[:MAX_CHARS]
        kept.append(t)
    return kept


def featurize(texts: Iterable[Text], bits: int = BITS) -> None:
    analyzer = morph()
    for t in texts:
        doc = Doc.build(t.text, analyzer=analyzer)
        feats = [flat_features(doc.sentence_tokens(s), bits) for s in doc.sentences]
        feats = [f for f in feats if f[0]] or [([], 0)]
        t.sentences = [f[0] for f in feats]
        t.sizes = [f[1] for f in feats]


def matrix(rows: list[list[int]], bits: int):
    import numpy as np
    from scipy.sparse import csr_matrix

    indptr = np.zeros(len(rows) + 1, dtype=np.int64)
    indptr[1:] = np.cumsum([len(r) for r in rows])
    indices = np.fromiter((i for r in rows for i in r), dtype=np.int64, count=int(indptr[-1]))
    m = csr_matrix((np.ones(len(indices), dtype=np.float32), indices, indptr), shape=(len(rows), 1 << bits))
    m.sum_duplicates()
    return m


@dataclass
class Fit:
    weights: object  # numpy float array
    bias: float


def fit(rows: list[list[int]], labels: list[int], weights: list[float], c: float, bits: int) -> Fit:
    import numpy as np
    from sklearn.linear_model import LogisticRegression

    x = matrix(rows, bits)
    clf = LogisticRegression(C=c, solver="liblinear", max_iter=200, random_state=0)
    clf.fit(x, np.array(labels), sample_weight=np.array(weights))
    return Fit(clf.coef_[0].astype(np.float64), float(clf.intercept_[0]))


def sentence_logits(model: Fit, sentences: list[list[int]]) -> list[float]:
    w = model.weights
    return [model.bias + float(sum(w[i] for i in s)) for s in sentences]


def examples(texts: list[Text], model: Fit | None, keep_margin: float,
             neutral_weight: float) -> tuple[list, list, list]:
    """Rows, labels and sample weights; toxic bags keep their rudest sentences once a model exists.

    Every toxic text weighs 1 in all; neutral sentences together weigh ``neutral_weight`` times that.
    """
    rows: list[list[int]] = []
    labels: list[int] = []
    weights: list[float] = []
    for t in texts:
        assert t.sentences is not None
        if t.label == 0:
            rows.extend(t.sentences)
            labels.extend([0] * len(t.sentences))
            weights.extend([t.weight] * len(t.sentences))
            continue
        if model is None or len(t.sentences) == 1:
            rows.append([i for s in t.sentences for i in s])
            labels.append(1)
            weights.append(t.weight)
            continue
        logits = sentence_logits(model, t.sentences)
        top = max(logits)
        chosen = [s for s, z in zip(t.sentences, logits, strict=True) if z >= top - keep_margin]
        rows.extend(chosen)
        labels.extend([1] * len(chosen))
        weights.extend([t.weight / len(chosen)] * len(chosen))
    toxic = sum(w for w, y in zip(weights, labels, strict=True) if y)
    neutral = sum(w for w, y in zip(weights, labels, strict=True) if not y)
    factor = neutral_weight * toxic / neutral
    weights = [w if y else w * factor for w, y in zip(weights, labels, strict=True)]
    return rows, labels, weights


def text_logit(model: Fit, t: Text) -> float:
    assert t.sentences is not None
    return max(sentence_logits(model, t.sentences))


def dev_texts(data: Path) -> list[Text]:
    rows = _tsv(data / "russe_detox_2022/dev_binary.tsv")
    return [Text(r["text"], int(r["label_toxic"]), "dev") for r in rows]


def pick_threshold(model: Fit, dev: list[Text], max_fpr: float) -> tuple[float, dict]:
    """The lowest probability threshold whose false-positive rate on dev neutral texts is ≤ ``max_fpr``."""
    import math

    neg = sorted((text_logit(model, t) for t in dev if t.label == 0), reverse=True)
    pos = [text_logit(model, t) for t in dev if t.label == 1]
    allowed = int(max_fpr * len(neg))
    logit = neg[allowed] + 1e-6 if allowed < len(neg) else -1e9
    threshold = 1 / (1 + math.exp(-logit))
    recall = sum(z > logit for z in pos) / len(pos)
    fpr = sum(z > logit for z in neg) / len(neg)
    return threshold, {"dev_recall": round(recall, 4), "dev_fpr": round(fpr, 4)}


def support_false_alarms(model: Fit, answers: list[Text], threshold: float) -> dict:
    """Share of held-out support answers (and of their sentences) the model would flag."""
    import math

    logit = math.log(threshold / (1 - threshold))
    scores = [sentence_logits(model, t.sentences or [[]]) for t in answers]
    flagged = sum(max(s) >= logit for s in scores)
    sentences = sum(len(s) for s in scores)
    return {"answers": len(answers), "answers_flagged": flagged,
            "answer_rate": round(flagged / len(answers), 4),
            "sentence_rate": round(sum(z >= logit for s in scores for z in s) / sentences, 4)}


def quantize(model: Fit) -> tuple[object, float]:
    import numpy as np

    peak = float(np.abs(model.weights).max()) or 1.0
    scale = peak / 32767
    return np.round(model.weights / scale).astype("<i2"), scale


def save(stem: Path, model: Fit, meta: dict) -> None:
    import numpy as np

    q, scale = quantize(model)
    stem.parent.mkdir(parents=True, exist_ok=True)
    np.save(stem.with_suffix(".npy"), q, allow_pickle=False)
    meta = {"feature_version": FEATURE_VERSION, "bits": BITS, "bias": model.bias, "scale": scale, **meta}
    text = json.dumps(meta, ensure_ascii=False, indent=2) + "\n"
    stem.with_suffix(".json").write_text(text, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared/eval/data")
    parser.add_argument("--out", type=Path, default=ROOT / "tonecheck/models/harsh")
    parser.add_argument("--c", type=float, default=1.0, help="inverse L2 regularisation strength")
    parser.add_argument("--rounds", type=int, default=1, help="multiple-instance refinement rounds")
    parser.add_argument("--margin", type=float, default=1.0, help="logit margin of kept rude sentences")
    parser.add_argument("--neutral-weight", type=float, default=1.0, help="neutral to toxic weight ratio")
    parser.add_argument("--ours-weight", type=float, default=4.0, help="weight of our own written sentences")
    parser.add_argument("--max-fpr", type=float, default=0.03, help="dev false-positive rate allowed")
    args = parser.parse_args(argv)
    if not args.data.is_dir():
        parser.error(f"нет каталога с данными: {args.data} (нужен shared/eval/data)")
    random.seed(0)
    started = time.perf_counter()
    texts = training_texts(args.data, args.ours_weight)
    dev = dev_texts(args.data)
    toxic = sum(t.label for t in texts)
    print(f"{len(texts)} training texts ({toxic} toxic), {len(dev)} dev", file=sys.stderr)
    support = [Text(a[:MAX_CHARS], 0, "support-held-out") for a in faq_answers(args.data, held_out=True)]
    chat = [Text(t[:MAX_CHARS], 0, "chat-held-out") for t in chat_tweets(args.data, held_out=True)]
    featurize(texts)
    featurize(dev)
    featurize(support)
    featurize(chat)
    print(f"features ready in {time.perf_counter() - started:.0f} s", file=sys.stderr)
    model: Fit | None = None
    for round_ in range(args.rounds + 1):
        rows, labels, weights = examples(texts, model, args.margin, args.neutral_weight)
        model = fit(rows, labels, weights, args.c, BITS)
        threshold, figures = pick_threshold(model, dev, args.max_fpr)
        print(f"round {round_}: {len(rows)} rows, threshold {threshold:.3f}, {figures}", file=sys.stderr)
    assert model is not None
    alarms = support_false_alarms(model, support, threshold)
    print(f"held-out support answers: {alarms}", file=sys.stderr)
    chat_alarms = support_false_alarms(model, chat, threshold)
    print(f"held-out chat tweets: {chat_alarms}", file=sys.stderr)
    counts: dict[str, list[int]] = {}
    for t in texts:
        counts.setdefault(t.source, [0, 0])[t.label] += 1
    save(args.out, model, {
        "threshold": round(threshold, 4),
        "dev": figures,
        "support_held_out": alarms,
        "chat_held_out": chat_alarms,
        "trained_on": {k: {"neutral": v[0], "toxic": v[1]} for k, v in sorted(counts.items())},
        "c": args.c, "rounds": args.rounds, "margin": args.margin, "neutral_weight": args.neutral_weight,
        "ours_weight": args.ours_weight,
    })
    print(f"wrote {args.out}.npy/.json in {time.perf_counter() - started:.0f} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
