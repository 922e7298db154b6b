from __future__ import annotations

import codecs
import os

import pytest

from tonecheck import source
from tonecheck.errors import InputError

TEXT = "Здравствуйте!\nТвой заказ готов.\n"


def test_utf8_bom_and_crlf_are_kept_on_write(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes(codecs.BOM_UTF8 + TEXT.replace("\n", "\r\n").encode())
    src = source.read(str(path))
    assert src.bom and src.newline == "\r\n" and src.text.startswith("Здравствуйте!\r\n")
    assert source.write(src, src.text.replace("Твой", "Ваш"))
    assert path.read_bytes() == codecs.BOM_UTF8 + TEXT.replace("Твой", "Ваш").replace("\n", "\r\n").encode()


def test_cp1251_round_trip(tmp_path):
    path = tmp_path / "legacy.txt"
    path.write_bytes(TEXT.encode("cp1251"))
    expected = r"legacy\.txt: текст не в кодировке utf-8 .*похоже на cp1251.*--encoding cp1251"
    with pytest.raises(InputError, match=expected):
        source.read(str(path))
    src = source.read(str(path), "cp1251")
    assert src.text == TEXT
    source.write(src, TEXT.replace("Твой", "Ваш"))
    assert path.read_bytes() == TEXT.replace("Твой", "Ваш").encode("cp1251")


def test_utf16_with_bom_is_read_and_written_back(tmp_path):
    path = tmp_path / "u16.txt"
    path.write_bytes(TEXT.encode("utf-16"))
    src = source.read(str(path))
    assert src.text == TEXT and src.encoding == "utf-16"
    source.write(src, TEXT.replace("Твой", "Ваш"))
    assert path.read_bytes().decode("utf-16") == TEXT.replace("Твой", "Ваш")


def test_binary_file_is_refused(tmp_path):
    path = tmp_path / "logo.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    with pytest.raises(InputError, match=r"logo\.txt: похоже на двоичный файл"):
        source.read(str(path))


@pytest.mark.parametrize("name,message", [("missing.txt", "файл не найден"), (".", "это каталог")])
def test_unreadable_paths(tmp_path, name, message):
    with pytest.raises(InputError, match=message):
        source.read(str(tmp_path / name))


def test_unknown_encoding(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(TEXT, encoding="utf-8")
    with pytest.raises(InputError, match="неизвестная кодировка"):
        source.read(str(path), "klingon")


def test_write_is_atomic_and_keeps_the_mode(tmp_path, monkeypatch):
    path = tmp_path / "a.txt"
    path.write_text(TEXT, encoding="utf-8")
    os.chmod(path, 0o640)
    src = source.read(str(path))
    replaced = []
    real_replace = os.replace

    def spy(a, b):
        # At the moment of the rename the target still holds the old text: readers never see half a file.
        assert path.read_text(encoding="utf-8") == TEXT
        replaced.append((os.path.basename(a), os.path.basename(b)))
        real_replace(a, b)

    monkeypatch.setattr(os, "replace", spy)
    assert source.write(src, "Ваш заказ готов.\n")
    assert replaced == [(".a.txt.tonecheck-tmp", "a.txt")]
    assert path.read_text(encoding="utf-8") == "Ваш заказ готов.\n"
    assert path.stat().st_mode & 0o777 == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt"]


def test_failed_write_leaves_the_file_and_no_temporary(tmp_path, monkeypatch):
    path = tmp_path / "a.txt"
    path.write_text(TEXT, encoding="utf-8")
    src = source.read(str(path))

    def boom(a, b):
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", boom)
    with pytest.raises(OSError):
        source.write(src, "Ваш заказ готов.\n")
    assert path.read_text(encoding="utf-8") == TEXT
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt"]


def test_unchanged_text_is_not_written(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(TEXT, encoding="utf-8")
    os.utime(path, (1_000_000, 1_000_000))
    src = source.read(str(path))
    assert source.write(src, TEXT) is False
    assert path.stat().st_mtime == 1_000_000


def test_text_without_path_is_never_written():
    assert source.write(source.Source("<stdin>", TEXT), "другое") is False


def test_too_large_input_is_refused():
    with pytest.raises(InputError, match="слишком большой"):
        source.decode(("а" * (source.MAX_CHARS + 1)).encode(), "big.txt")
