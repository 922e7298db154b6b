"""The one place that touches natasha's navec embeddings: word vectors and word frequencies.

The model is the one natasha ships (``natasha/data/emb/navec_news_v1_1B_250K_300d_100q.tar``: 250 000
words of a billion-word news corpus, 300 dimensions, product-quantised). It loads lazily, on the first
call of :func:`vectors`, once per process; nothing is ever downloaded.
"""

from __future__ import annotations

import importlib.util
import math
import threading
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import ToneCheckError

if TYPE_CHECKING:
    import numpy as np

MODEL = "navec_news_v1_1B_250K_300d_100q.tar"
COMMON_WORDS = 5000  # how many of the commonest words define the shared direction


class VectorsError(ToneCheckError):
    """The embeddings cannot be found or read."""


def model_path() -> Path:
    """Where natasha keeps the navec model (found without importing natasha itself)."""
    spec = importlib.util.find_spec("natasha")
    if spec is None or not spec.submodule_search_locations:
        raise VectorsError("пакет natasha не установлен: векторы слов недоступны")
    for location in spec.submodule_search_locations:
        path = Path(location) / "data" / "emb" / MODEL
        if path.is_file():
            return path
    raise VectorsError(f"в пакете natasha нет модели {MODEL}: установка неполная")


class Vectors:
    """Unit-length word vectors and corpus counts; thread-safe, every lookup cached."""

    def __init__(self, navec: Any) -> None:
        import numpy as np

        self._navec = navec
        self._ids: dict[str, int] = navec.vocab.word_ids
        self._counts = np.asarray(navec.vocab.counts, dtype=np.float64)
        self.total = float(self._counts.sum())
        self.dim = int(navec.pq.dim)
        # Rarest words in the vocabulary (a count of ~100) define the top of the informativeness scale.
        self._max_info = math.log(self.total / max(1.0, float(self._counts[self._counts > 0].min())))
        self.vector = lru_cache(maxsize=100_000)(self._vector)
        self._common: np.ndarray | None = None
        self._common_lock = threading.Lock()

    def __contains__(self, word: str) -> bool:
        return word in self._ids

    def count(self, word: str) -> int:
        """How often ``word`` (a lower-case form) occurs in navec's corpus; 0 when unknown."""
        index = self._ids.get(word)
        return 0 if index is None else int(self._counts[index])

    def informativeness(self, word: str) -> float:
        """0..1: ``log(total / count)`` over the largest such value; unknown words count as rarest."""
        count = self.count(word)
        if count <= 0:
            return 1.0
        return min(1.0, math.log(self.total / count) / self._max_info)

    def _vector(self, word: str) -> np.ndarray | None:
        index = self._ids.get(word)
        if index is None or self._counts[index] == 0:
            return None
        import numpy as np

        raw = np.asarray(self._navec.pq[index], dtype=np.float32)
        norm = float(np.linalg.norm(raw))
        if norm == 0.0:
            return None
        out = raw / norm
        out.setflags(write=False)
        return out

    @property
    def common(self) -> np.ndarray:
        """The direction every Russian text shares: the frequency-weighted mean of the commonest words.

        Taken out of sentence vectors so that two unrelated long texts do not look alike (SIF-style).
        """
        if self._common is None:
            with self._common_lock:
                if self._common is None:
                    self._common = self._mean_of_commonest(COMMON_WORDS)
        return self._common

    def _mean_of_commonest(self, n: int) -> np.ndarray:
        import numpy as np

        pq = self._navec.pq
        top = np.argpartition(-self._counts, n)[:n]
        rows = pq.codes[pq.qdims, pq.indexes[top]].reshape(len(top), self.dim).astype(np.float64)
        rows /= np.maximum(np.linalg.norm(rows, axis=1, keepdims=True), 1e-12)
        mean = (self._counts[top, None] * rows).sum(axis=0)
        out = (mean / np.linalg.norm(mean)).astype(np.float32)
        out.setflags(write=False)
        return out

    def similarity(self, a: str, b: str) -> float:
        """Cosine of two words' vectors; 1.0 for the same word, 0.0 when either is unknown."""
        if a == b:
            return 1.0
        va, vb = self.vector(a), self.vector(b)
        if va is None or vb is None:
            return 0.0
        return float(va @ vb)


_shared: Vectors | None = None
_lock = threading.Lock()


def vectors() -> Vectors:
    """The process-wide embeddings (loaded on first call, about a second and 130 MB)."""
    global _shared
    if _shared is None:
        with _lock:
            if _shared is None:
                _shared = _load(model_path())
    return _shared


def loaded() -> bool:
    """Whether the embeddings are already in memory (for tests and benchmarks)."""
    return _shared is not None


def _load(path: Path) -> Vectors:
    from navec import Navec

    try:
        return Vectors(Navec.load(str(path)))
    except (OSError, KeyError, ValueError) as exc:
        raise VectorsError(f"не удалось прочитать модель {path}: {exc}") from None
