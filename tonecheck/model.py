"""The harshness model: a linear scorer over hashed lemma, tag and character n-gram features of a sentence.

Features come from our own ``Doc`` tokens (lemmas and tags from ``morph``), never from a second
tokeniser. The weights are int16 numbers with one scale, stored as a ``.npy`` file beside a JSON file
of metadata in ``tonecheck/models/``; both are read with the standard library (``array``), so scoring
needs neither numpy nor a network, and the file is read once per process on first use.
"""

from __future__ import annotations

import ast
import json
import math
import re
import sys
import threading
import zlib
from array import array
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from operator import itemgetter
from pathlib import Path
from typing import BinaryIO

from .doc import Token
from .morph import Analysis

#: Bumped whenever ``token_features`` changes: a model trained on other features refuses to load.
FEATURE_VERSION = 1
#: Grammemes that go into a word's tag feature (imperative, person, number, vocative).
TAG_GRAMMEMES = ("impr", "1per", "2per", "3per", "sing", "plur", "voct")
ADDRESS = frozenset({"impr", "2per", "voct"})
NGRAMS = (3, 4, 5)
MAX_WORD = 24  # longer "words" (URLs, keyboard mashing) contribute only their first characters
MODELS_DIR = Path(__file__).resolve().parent / "models"


class ModelError(Exception):
    """The model file is missing, damaged or was trained for other features."""


def _hash(feature: str, mask: int) -> int:
    # crc32 is stable across processes (``hash`` is salted) and fast enough for ~300 features.
    return zlib.crc32(feature.encode("utf-8")) & mask


def lemma_of(token: Token) -> str:
    best = token.best
    return best.lemma if best is not None else token.lower


def _tag(best: Analysis | None) -> str:
    """The address tag of a word's best reading, or ""."""
    # Only the forms that address someone («заткнись», «ты», vocative) get a tag: a tag on every
    # noun would count words, and long comments would look rude for being long.
    if best is None or best.pos is None or ADDRESS.isdisjoint(best.grammemes):
        return ""
    return "t:" + best.pos + "".join("," + g for g in TAG_GRAMMEMES if g in best.grammemes)


#: crc32 of each feature name's prefix: crc32 continues from it over the rest, so a name is never
#: built (``crc32(b, crc32(a)) == crc32(a + b)``).
_LEMMA_HEAD = zlib.crc32(b"l:")
_GRAM_HEAD = zlib.crc32(b"g:")
_CAPS = zlib.crc32(b"c:caps")


def _word_features(lower: str, lemma: str, tag: str, caps: bool, grams: bool, mask: int) -> tuple[int, ...]:
    # Not cached: both callers keep what a token's text scores (``_TOKEN_INFO``, ``HarshModel._entries``).
    crc32 = zlib.crc32
    ids = [crc32(lemma.encode("utf-8"), _LEMMA_HEAD) & mask]  # «l:<lemma>»
    if tag:
        ids.append(crc32(tag.encode("utf-8")) & mask)
    if caps:
        ids.append(_CAPS & mask)
    if grams:
        padded = "<" + lower[:MAX_WORD] + ">"
        for n in NGRAMS:  # «g:<n letters>»
            ids.extend([crc32(padded[i:i + n].encode("utf-8"), _GRAM_HEAD) & mask
                        for i in range(len(padded) - n + 1)])
    return tuple(ids)


@lru_cache(maxsize=1_000)
def _punct_features(text: str, mask: int) -> tuple[int, ...]:
    # «!!!!!» and «!!!» are the same signal; keep at most three of a repeated mark.
    squeezed = "".join(ch for i, ch in enumerate(text) if i < 3 or ch != text[i - 3])
    return (_hash("p:" + squeezed[:6], mask),)


@dataclass(frozen=True, slots=True)
class TokenFeatures:
    """Hashed features of one token; ``pair`` joins it with the previous word (``prev``)."""

    token: Token
    own: tuple[int, ...]
    pair: int | None = None
    prev: int | None = None  # position in the feature list of the previous word


# What a token's text contributes, by (text, mask): ("w", ids, lemma) for a Russian word, ("m", ids, "")
# for a mark or a Latin word, ("", (), "") for numbers. A token's analyses depend only on its text.
_TOKEN_INFO: dict[tuple[str, int], tuple[str, tuple[int, ...], str]] = {}
_TOKEN_INFO_MAX = 200_000


def _token_info(token: Token, mask: int) -> tuple[str, tuple[int, ...], str]:
    key = (token.text, mask)
    info = _TOKEN_INFO.get(key)
    if info is not None:
        return info
    info = _describe(token, mask)
    if len(_TOKEN_INFO) >= _TOKEN_INFO_MAX:
        _TOKEN_INFO.clear()
    _TOKEN_INFO[key] = info
    return info


_CYRILLIC = re.compile("[а-яА-ЯёЁ]")  # ``Token.is_cyrillic`` in one C call


def _describe(token: Token, mask: int) -> tuple[str, tuple[int, ...], str]:
    """``_token_info`` uncached: the model keeps its own memo of what each text scores."""
    text = token.text
    if not _CYRILLIC.search(text):
        if token.is_word:
            return "m", (_hash("s:latin", mask),), ""
        if any(map(str.isdigit, text)):
            return "", (), ""
        return "m", _punct_features(text, mask), ""
    # A lower-case text with a Cyrillic letter has a lower-case letter: no need to list the letters.
    letters = [] if text.islower() else list(filter(str.isalpha, text))
    caps = len(letters) >= 3 and all(map(str.isupper, letters))
    best = token.best
    if best is None:
        lemma, tag, grams = token.lower, "", True
    else:
        # Letter n-grams only for words the dictionary does not know (обфускация, «долбоящер»):
        # on known words they find «дур» in «процедура» and «пиз» in «эпизод».
        lemma, tag, grams = best.lemma, _tag(best), not best.known
    return "w", _word_features(token.lower, lemma, tag, caps, grams, mask), lemma


@lru_cache(maxsize=50_000)
def _pair_feature(prev_lemma: str, lemma: str, mask: int) -> int:
    return _hash("b:" + prev_lemma + "_" + lemma, mask)


def token_features(tokens: Sequence[Token], bits: int) -> list[TokenFeatures]:
    """Features of a sentence's tokens: words by lemma, address tag and n-grams; marks by shape."""
    mask = (1 << bits) - 1
    out: list[TokenFeatures] = []
    prev: int | None = None
    prev_lemma = "<s>"
    marks: set[int] = set()  # marks and Latin words count once a sentence: links are full of dots
    for token in tokens:
        kind, own, lemma = _token_info(token, mask)
        if kind == "w":
            out.append(TokenFeatures(token, own, _pair_feature(prev_lemma, lemma, mask), prev))
            prev = len(out) - 1
            prev_lemma = lemma
        elif kind == "m" and own[0] not in marks:
            marks.add(own[0])
            out.append(TokenFeatures(token, own))
    return out


def flat_features(tokens: Sequence[Token], bits: int) -> tuple[list[int], int]:
    """All feature ids of a sentence, with repeats (what training counts), and its number of words."""
    ids: list[int] = []
    words = 0
    for tf in token_features(tokens, bits):
        ids.extend(tf.own)
        if tf.pair is not None:
            ids.append(tf.pair)
            words += 1
    return ids, words


@dataclass(frozen=True, slots=True)
class Score:
    """A sentence's probability of being rude and each token's share of the logit."""

    probability: float
    logit: float
    contributions: tuple[tuple[Token, float], ...]
    words: int = 0  # Russian words scored

    def drivers(self, minimum: float) -> list[tuple[Token, float]]:
        """Word tokens that pushed the score up by at least ``minimum``, strongest first."""
        found = [(t, c) for t, c in self.contributions if c >= minimum and t.is_word]
        return sorted(found, key=_SHARE, reverse=True)  # stable: equal shares stay in text order


_SHARE = itemgetter(1)


#: What a token's text scores, memoised: (weight of its own features, lemma in UTF-8, crc32 of the pair
#: feature's head «b:<lemma>_», mark id). A word has a lemma; a mark (punctuation, a Latin word) has a
#: feature id, counted once a sentence; a number has neither and scores nothing. Weights stay as the
#: int16 array gives them: ints, most of them small (shared objects), and their sums exact.
_Entry = tuple[float, "bytes | None", int, "int | None"]
#: A pair feature «b:<previous lemma>_<lemma>» hashed from its parts: crc32 continues from the head's
#: value, so a pair costs one C call and needs no memo of its own (most pairs of a new text are new).
_PAIR_HEAD = zlib.crc32(b"b:")
_START = zlib.crc32(b"<s>_", _PAIR_HEAD)


class HarshModel:
    """Weights of a logistic regression over hashed features; ``score`` a sentence's tokens."""

    def __init__(self, weights: Sequence[float], scale: float, bias: float, bits: int,
                 meta: dict | None = None) -> None:
        if len(weights) != 1 << bits:
            raise ModelError(f"ожидалось {1 << bits} весов, найдено {len(weights)}")
        self.weights = weights
        self.scale = scale
        self.bias = bias
        self.bits = bits
        self.mask = (1 << bits) - 1
        self.meta = meta or {}
        # Keyed by a token's text: a sentence's logit is then a sum of looked-up numbers.
        self._entries: dict[str, _Entry] = {}

    @classmethod
    def load(cls, stem: Path) -> HarshModel:
        """Read ``<stem>.json`` and ``<stem>.npy`` (int16 little-endian weights)."""
        meta_path, weights_path = stem.with_suffix(".json"), stem.with_suffix(".npy")
        try:
            meta = json.loads(meta_path.read_text(encoding="utf-8"))
            if meta.get("feature_version") != FEATURE_VERSION:
                found = meta.get("feature_version")
                raise ModelError(f"{meta_path}: модель обучена для признаков версии {found}, "
                                 f"а код — версии {FEATURE_VERSION}; переобучите scripts/train_harsh.py")
            with weights_path.open("rb") as handle:
                weights = _read_npy_int16(handle, weights_path)
        except (OSError, ValueError) as exc:
            raise ModelError(f"{stem}: модель не прочитана: {exc}") from None
        return cls(weights, float(meta["scale"]), float(meta["bias"]), int(meta["bits"]), meta)

    def _entry(self, token: Token) -> _Entry:
        kind, own, lemma = _describe(token, self.mask)
        weight = sum(map(self.weights.__getitem__, own))
        entry: _Entry
        if kind == "w":
            encoded = lemma.encode("utf-8")
            entry = (weight, encoded, zlib.crc32(encoded + b"_", _PAIR_HEAD), None)  # the head «b:<lemma>_»
        else:
            entry = (weight, None, 0, own[0] if kind == "m" else None)
        if len(self._entries) >= _TOKEN_INFO_MAX:
            self._entries.clear()  # bounded memory in a long-running process
        self._entries[token.text] = entry
        return entry

    def estimate(self, tokens: Sequence[Token]) -> tuple[float, int]:
        """``score(tokens)``'s probability and words, without the shares (most sentences stop here).

        Every weight is an int16 and every share a multiple of 1/2, so sums of them are exact: the
        integer total equals ``sum(shares)`` bit for bit, whatever the order.
        """
        memo, weights, mask, crc32 = self._entries, self.weights, self.mask, zlib.crc32
        marks: set[int] = set()
        prev = _START
        words = 0
        total: float = 0
        for token in tokens:
            own, lemma, head, mark = memo.get(token.text) or self._entry(token)
            if lemma is not None:
                total += own + weights[crc32(lemma, prev) & mask]  # ``_pair_feature(prev, lemma)``
                prev = head
                words += 1
            elif mark is not None and mark not in marks:  # marks count once a sentence
                marks.add(mark)
                total += own
        return _sigmoid(self.bias + total * self.scale), words

    def score(self, tokens: Sequence[Token]) -> Score:
        """The sentence's probability and each token's share; the same walk and sums as ``estimate``.

        A word's pair weight is split between it and the previous word.
        """
        memo, weights, mask, crc32 = self._entries, self.weights, self.mask, zlib.crc32
        marks: set[int] = set()
        prev = _START
        kept: list[Token] = []
        shares: list[float] = []
        last = -1  # position in ``shares`` of the previous word
        for token in tokens:
            own, lemma, head, mark = memo.get(token.text) or self._entry(token)
            if lemma is not None:
                pair = weights[crc32(lemma, prev) & mask]  # ``_pair_feature(prev, lemma)``
                prev = head
                if last >= 0:
                    shares[last] += pair / 2
                    shares.append(own + pair / 2)
                else:
                    shares.append(own + pair)
                last = len(kept)
                kept.append(token)
            elif mark is not None and mark not in marks:
                marks.add(mark)
                shares.append(own)
                kept.append(token)
        scale = self.scale
        logit = self.bias + sum(shares) * scale
        contributions = tuple(zip(kept, [s * scale for s in shares], strict=True))
        return Score(_sigmoid(logit), logit, contributions, len(kept) - len(marks))


def _sigmoid(logit: float) -> float:
    return 1.0 / (1.0 + math.exp(-max(-60.0, min(60.0, logit))))


def _read_npy_int16(handle: BinaryIO, path: Path) -> array:
    """The body of a version 1/2 ``.npy`` file holding a 1-d ``<i2`` array, read without numpy."""
    lead = handle.read(8)
    if lead[:6] != b"\x93NUMPY":
        raise ModelError(f"{path}: не файл .npy")
    width = 2 if lead[6] == 1 else 4
    size = int.from_bytes(handle.read(width), "little")
    header = ast.literal_eval(handle.read(size).decode("latin1"))
    if not isinstance(header, dict) or header.get("descr") != "<i2" or header.get("fortran_order") \
            or len(header.get("shape", ())) != 1:
        raise ModelError(f"{path}: ожидается одномерный массив <i2, найдено {header}")
    weights = array("h")
    try:
        weights.fromfile(handle, header["shape"][0])  # straight into the array: no second copy
    except EOFError:
        raise ModelError(f"{path}: файл обрезан") from None
    if sys.byteorder == "big":
        weights.byteswap()
    return weights


_cache: dict[Path, HarshModel] = {}
_lock = threading.Lock()


def load(stem: Path | None = None) -> HarshModel:
    """The model at ``stem`` (default: the built-in ``models/harsh``), read once per process."""
    stem = stem or MODELS_DIR / "harsh"
    model = _cache.get(stem)
    if model is None:
        with _lock:
            model = _cache.get(stem)
            if model is None:
                model = _cache[stem] = HarshModel.load(stem)
    return model
