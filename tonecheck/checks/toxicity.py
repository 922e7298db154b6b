"""Rude sentences found by the learned harshness model, with the words that drove the score.

Catches rudeness made of ordinary words («вы вообще читать умеете?») that no word list names. The
model (``tonecheck/model.py``) is read on the first sentence scored, not at import time.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property
from operator import attrgetter, itemgetter
from pathlib import Path
from typing import Any

from .. import model as harsh_model
from ..context import Context
from ..doc import Doc, Sentence, Token
from ..errors import ConfigError
from ..finding import Hit, Suggestion
from ..morph import Morph
from ..rule import Rule

KEYS = {"model", "threshold", "error_above", "min_share", "max_words", "max_cut", "min_words", "unknown_weight"}
#: ``Config.options`` keys this kind reads.
OPTIONS = {"harsh_threshold"}


@dataclass(frozen=True)
class ToxicityCheck:
    rule: Rule
    stem: Path
    threshold: float
    error_above: float
    min_share: float  # a word is named as a cause when it adds at least this much to the logit
    max_words: int  # causes named in the message
    max_cut: int  # words the unsafe fix may delete from one sentence
    min_words: int  # shorter sentences are left to the word lists: a lone rare word is no evidence
    #: How much of what words unknown to the dictionary add counts toward the verdict (see ``_convinced``).
    unknown_weight: float = 1.0

    @cached_property
    def model(self) -> harsh_model.HarshModel:
        return harsh_model.load(self.stem)  # on the first sentence scored: startup never reads it

    @property
    def floor(self) -> float:
        """The threshold as a logit: what a sentence's logit must reach to be called rude."""
        return math.log(self.threshold / (1 - self.threshold))

    def run(self, doc: Doc, ctx: Context) -> Iterator[Hit]:
        model = self.model
        for sentence in doc.sentences:
            tokens = doc.sentence_tokens(sentence)
            probability, words = model.estimate(tokens)
            # Only a sentence over the threshold is scored token by token and explained.
            if probability < self.threshold or words < self.min_words:
                continue
            scored = model.score(tokens)
            if self._convinced(scored):
                yield self._hit(doc, sentence, tokens, scored)

    def _convinced(self, scored: harsh_model.Score) -> bool:
        """Whether the sentence stays over the threshold when what unknown words add counts at
        ``unknown_weight``: the model learnt that strange words are often disguised insults, so tech
        jargon, brands and typos («питальник проца», «асрок») scored as rude; disguised mat is the word
        lists' job, and a sentence is not called rude on unfamiliar words alone."""
        if self.unknown_weight >= 1.0:
            return True
        unknown = sum(share for token, share in scored.contributions
                      if share > 0 and token.is_word and not any(a.known for a in token.analyses))
        return scored.logit - (1.0 - self.unknown_weight) * unknown >= self.floor

    def _hit(self, doc: Doc, sentence: Sentence, tokens: list[Token], scored: harsh_model.Score) -> Hit:
        ranked = scored.drivers(0.0)
        drivers = [(t, c) for t, c in ranked if not _function_word(t)]
        causes = [(t, c) for t, c in drivers if c >= self.min_share][: self.max_words] or drivers[:1]
        p = scored.probability
        severity = "error" if p >= self.error_above else "warning"
        text = doc.text
        named = ", ".join(f"«{text[t.start:t.stop]}»" for t, _ in causes)
        message = f"{self.rule.message} (оценка модели {p:.2f})"
        if named:
            message += f"; больше всего — из-за {'слова' if len(causes) == 1 else 'слов'} {named}"
        data: dict[str, Any] = {
            "score": round(p, 4),
            "words": [{"text": text[t.start:t.stop], "start": t.start, "end": t.stop,
                       "weight": round(c, 3)} for t, c in causes],
        }
        start, stop = _trimmed(doc, sentence)
        suggestions: tuple[Suggestion, ...] = ()
        if self.rule.fix_safety != "none":
            cut = self._cut(tokens, scored, ranked)
            if cut:
                suggestions = (_deletion(text, start, stop, cut, self.rule.fix_safety == "safe"),)
        return Hit(start, stop, suggestions, message=message, severity=severity, data=data)

    def _cut(self, tokens: list[Token], scored: harsh_model.Score,
             ranked: list[tuple[Token, float]]) -> list[Token]:
        """The fewest top-scoring words whose shares, taken away, bring the sentence under the threshold.

        ``ranked`` is ``scored.drivers(0.0)``: its head down to ``min_share / 2`` is ``drivers(min_share / 2)``.
        """
        floor = self.floor
        logit = scored.logit
        shares = {t.index: c for t, c in scored.contributions}
        minimum = self.min_share / 2
        cut: list[Token] = []
        taken: set[int] = set()  # token indices in ``cut``
        for token, share in ranked:
            if share < minimum or logit < floor or len(cut) >= self.max_cut:
                break
            if token.index in taken or _function_word(token):
                continue
            for gone in (token, *_hangers_on(tokens, token)):
                if gone.index not in taken:
                    taken.add(gone.index)
                    cut.append(gone)
                    logit -= shares.get(gone.index, 0.0)
        return sorted(cut, key=_start)


_FUNCTION_POS = frozenset({"PREP", "CONJ", "PRCL"})
_start = attrgetter("start")


def _function_word(token: Token) -> bool:
    analyses = token.analyses
    return bool(analyses) and analyses[0].pos in _FUNCTION_POS


def _hangers_on(tokens: list[Token], token: Token) -> list[Token]:
    """Little words left hanging without ``token``: «из [жопы]», «ты и [придурок],», «[Заткнись] и жди»."""
    at = token.index - tokens[0].index  # a sentence's tokens are consecutive in ``doc.tokens``
    before = tokens[at - 1] if at > 0 else None
    after = tokens[at + 1] if at + 1 < len(tokens) else None
    out = []
    if before is not None and _function_word(before) and (
            (before.best is not None and before.best.pos == "PREP") or after is None or not after.is_word):
        out.append(before)
    if (before is None or not before.is_word) and after is not None and after.best is not None \
            and after.best.pos == "CONJ":
        out.append(after)
    # «[Вы] [идиот], заказ в пути»: the pronoun and the word were a clause of their own.
    if before is not None and before.lower in ("ты", "вы") and (after is None or not after.is_word) \
            and (at < 2 or not tokens[at - 2].is_word):
        out.append(before)
    return out


def _trimmed(doc: Doc, sentence: Sentence) -> tuple[int, int]:
    """The sentence span without the spaces and line breaks razdel may leave at its ends."""
    text = doc.text[sentence.start:sentence.stop]
    lead = len(text) - len(text.lstrip())
    trail = len(text) - len(text.rstrip())
    return sentence.start + lead, sentence.stop - trail


_SPACES = re.compile(r"[ \t]{2,}")
_SPACE_BEFORE_MARK = re.compile(r"[ \t]+([,.!?;:…)])")
# «ты, X, читай» without X: the commas fenced off an address, so both go.
_EMPTY_COMMAS = re.compile(r"\s*,(\s*,)+\s*")
_COMMA_BEFORE_END = re.compile(r",\s*([.!?…])")
# ``m[1]``, the kept mark: a callable costs nothing when nothing matches, a template ``\1`` is parsed per call.
_KEEP_MARK = itemgetter(1)


def _deletion(text: str, start: int, stop: int, cut: Sequence[Token], safe: bool) -> Suggestion:
    """The smallest edit that deletes ``cut`` from ``text[start:stop]``, spaces and commas tidied up."""
    pieces = []
    pos = start
    for token in cut:
        pieces.append(text[pos:token.start])
        pos = token.stop
    pieces.append(text[pos:stop])
    out = "".join(pieces)
    if out.count(",") >= 2:  # each pattern below is tried only when the text has what it needs
        out = _EMPTY_COMMAS.sub(" ", out)
    if "  " in out or "\t" in out:
        out = _SPACES.sub(" ", out)
    out = _SPACE_BEFORE_MARK.sub(_KEEP_MARK, out)
    if "," in out:
        out = _COMMA_BEFORE_END.sub(_KEEP_MARK, out)
    out = out.strip().lstrip(",;:—-– ").rstrip(",;:—-– ")
    if not any(map(str.isalpha, out)):
        out = ""
    elif text[start:start + 1].isupper():
        out = out[0].upper() + out[1:]
    return _narrowed(text, start, stop, out, safe)


def _narrowed(text: str, start: int, stop: int, replacement: str, safe: bool) -> Suggestion:
    """Trim the unchanged head and tail off a rewrite, so word-level fixes nearby still apply."""
    old = text[start:stop]
    limit = min(len(old), len(replacement))
    head = _common_head(old, replacement, limit)
    tail = _common_tail(old, replacement, limit - head)
    # Whole words on both ends, so the edit reads «Заткнись и жди» → «Жди», not «Заткнись и ж» → «Ж».
    while head > 0 and old[head - 1].isalnum():
        head -= 1
    while tail > 0 and old[len(old) - tail].isalnum():
        tail -= 1
    return Suggestion(replacement[head:len(replacement) - tail], start + head, stop - tail, safe)


# A binary search over lengths: sharing n characters means sharing every shorter run too, and each
# test is one comparison in C, where a walk would compare character by character in Python.
def _common_head(a: str, b: str, limit: int) -> int:
    """How many leading characters ``a`` and ``b`` share, at most ``limit`` (≤ both lengths)."""
    low, high = 0, limit
    while low < high:
        mid = (low + high + 1) // 2
        if a.startswith(b[:mid]):
            low = mid
        else:
            high = mid - 1
    return low


def _common_tail(a: str, b: str, limit: int) -> int:
    """How many trailing characters ``a`` and ``b`` share, at most ``limit`` (≤ both lengths)."""
    low, high = 0, limit
    while low < high:
        mid = (low + high + 1) // 2
        if a.endswith(b[len(b) - mid:]):
            low = mid
        else:
            high = mid - 1
    return low


def _probability(value: Any, where: str, field: str) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 < value < 1:
        raise ConfigError(f"{where}: {field}: ожидается число от 0 до 1, получено {value!r}")
    return float(value)


def compile(rule: Rule, analyzer: Morph, options: Mapping[str, Any] | None = None) -> ToxicityCheck:
    name = rule.spec.get("model", "harsh")
    if not isinstance(name, str) or not re.fullmatch(r"[a-z0-9_-]+", name):
        raise rule.error("model", "ожидается имя модели из tonecheck/models, например harsh")
    stem = harsh_model.MODELS_DIR / name
    if not stem.with_suffix(".npy").is_file():
        raise rule.error("model", f"файл модели {stem.with_suffix('.npy')} не найден")
    values: dict[str, float] = {}
    for key, default, top in (("threshold", 0.5, 1), ("error_above", 0.9, 1), ("min_share", 0.5, 10)):
        raw = rule.spec.get(key, default)
        if isinstance(raw, bool) or not isinstance(raw, (int, float)) or not 0 < raw < top:
            raise rule.error(key, f"ожидается число больше 0 и меньше {top}")
        values[key] = float(raw)
    unknown_weight = rule.spec.get("unknown_weight", 1.0)
    if isinstance(unknown_weight, bool) or not isinstance(unknown_weight, (int, float)) or not 0 <= unknown_weight <= 1:
        raise rule.error("unknown_weight", "ожидается число от 0 до 1")
    values["unknown_weight"] = float(unknown_weight)
    options = options or {}
    if "harsh_threshold" in options:
        values["threshold"] = _probability(options["harsh_threshold"], "config", "harsh_threshold")
    counts = {}
    for key, default in (("max_words", 3), ("max_cut", 4), ("min_words", 2)):
        raw = rule.spec.get(key, default)
        if isinstance(raw, bool) or not isinstance(raw, int) or raw < 1:
            raise rule.error(key, "ожидается целое число ≥ 1")
        counts[key] = raw
    return ToxicityCheck(rule, stem, values["threshold"], max(values["error_above"], values["threshold"]),
                         values["min_share"], counts["max_words"], counts["max_cut"], counts["min_words"],
                         values["unknown_weight"])
