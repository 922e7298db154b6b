from __future__ import annotations

import subprocess
import sys
import threading
from pathlib import Path

import pytest

from tonecheck import vectors as vectors_module
from tonecheck.vectors import MODEL, model_path, vectors


@pytest.fixture(scope="session")
def vec():
    return vectors()


def test_model_ships_with_natasha():
    path = model_path()
    assert path.name == MODEL
    assert path.is_file() and path.stat().st_size > 10_000_000
    assert "natasha" in path.parts


def test_loaded_once_across_threads(vec):
    seen = []
    threads = [threading.Thread(target=lambda: seen.append(vectors())) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert all(v is vec for v in seen)
    assert vectors_module.loaded()


def test_synonyms_are_closer_than_unrelated_words(vec):
    assert vec.similarity("изменить", "поменять") > 0.5
    assert vec.similarity("деньги", "средства") > 0.5
    assert vec.similarity("изменить", "пылесос") < 0.3
    assert vec.similarity("заказ", "заказ") == 1.0
    assert vec.similarity("заказ", "несуществующееслово") == 0.0


def test_vectors_are_unit_length_and_read_only(vec):
    v = vec.vector("заказ")
    assert v is not None and v.shape == (vec.dim,)
    assert abs(float(v @ v) - 1.0) < 1e-4
    assert not v.flags.writeable
    assert vec.vector("несуществующееслово") is None


def test_informativeness_follows_frequency(vec):
    assert vec.count("и") > vec.count("заказ") > vec.count("плейлист") > 0
    assert vec.informativeness("и") < vec.informativeness("заказ") < vec.informativeness("плейлист")
    assert vec.informativeness("несуществующееслово") == 1.0
    assert 0.0 <= vec.informativeness("и") <= 1.0


def test_common_direction_is_a_unit_vector(vec):
    common = vec.common
    assert common.shape == (vec.dim,)
    assert abs(float(common @ common) - 1.0) < 1e-4
    assert vec.common is common


def test_linting_without_a_customer_message_loads_no_embeddings():
    root = Path(__file__).resolve().parent.parent
    code = (
        "import sys, tonecheck\n"
        "tonecheck.lint('Здравствуйте! Заказ уже в пути.')\n"
        "print(any(m.split('.')[0] in ('natasha', 'navec') for m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=root, check=True,
                         env={"PYTHONPATH": str(root), "PATH": ""})
    assert out.stdout.strip() == "False", out.stderr
