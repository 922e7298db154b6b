"""Reading drafts from files and stdin: encodings, BOM and line endings kept, bad input named."""

from __future__ import annotations

import codecs
import os
import sys
from dataclasses import dataclass
from pathlib import Path

from .errors import InputError

#: Larger inputs are refused rather than analysed for minutes: no support reply is this long.
MAX_CHARS = 1_000_000


@dataclass(frozen=True)
class Source:
    """A draft as read: ``text`` uses the file's own line endings; ``encoding`` and ``bom`` to write back."""

    name: str
    text: str
    encoding: str = "utf-8"
    bom: bool = False
    path: Path | None = None

    @property
    def newline(self) -> str:
        if "\r\n" in self.text:
            return "\r\n"
        return "\r" if "\r" in self.text else "\n"


def decode(data: bytes, name: str, encoding: str | None = None) -> Source:
    if b"\x00" in data[:8192] and not data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise InputError(f"{name}: похоже на двоичный файл, а не на текст")
    bom = data.startswith(codecs.BOM_UTF8)
    chosen = encoding or "utf-8"
    if encoding is None and data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        chosen = "utf-16"  # the codec reads and writes the BOM itself
    try:
        text = data.decode("utf-8-sig" if chosen.lower().replace("_", "-") in ("utf-8", "utf8") else chosen)
    except UnicodeDecodeError as exc:
        guess = _guess(data)
        hint = f"похоже на {guess}; " if guess else ""
        raise InputError(
            f"{name}: текст не в кодировке {chosen} (байт {exc.start}); {hint}укажите кодировку: "
            f"--encoding {guess or 'cp1251'} или encoding = \"{guess or 'cp1251'}\" в настройках"
        ) from None
    except LookupError:
        raise InputError(f"неизвестная кодировка {chosen!r}") from None
    if len(text) > MAX_CHARS:
        size = f"{len(text):,} символов, предел {MAX_CHARS:,}".replace(",", " ")
        raise InputError(f"{name}: текст слишком большой ({size})")
    return Source(name, text, chosen, bom)


def _guess(data: bytes) -> str | None:
    """A legacy Cyrillic encoding the bytes read well in, for the error message only."""
    for candidate in ("cp1251", "koi8-r"):
        text = data[:4096].decode(candidate, errors="replace")
        letters = [ch for ch in text if ch.isalpha()]
        lower = sum(1 for ch in letters if "а" <= ch <= "я")
        if letters and lower / len(letters) > 0.6:
            return candidate
    return None


def read(path: str, encoding: str | None = None) -> Source:
    """Read ``path`` (``-`` is stdin)."""
    if path == "-":
        return decode(sys.stdin.buffer.read(), "<stdin>", encoding)
    p = Path(path)
    try:
        data = p.read_bytes()
    except FileNotFoundError:
        raise InputError(f"{path}: файл не найден") from None
    except IsADirectoryError:
        raise InputError(f"{path}: это каталог") from None
    except OSError as exc:
        raise InputError(f"{path}: не удалось прочитать ({exc.strerror})") from None
    source = decode(data, path, encoding)
    return Source(source.name, source.text, source.encoding, source.bom, p)


def write(source: Source, text: str) -> bool:
    """Atomically replace the file with ``text`` in its encoding and BOM; False when nothing changed."""
    if source.path is None or text == source.text:
        return False
    data = text.encode(source.encoding if source.encoding.lower() not in ("utf-8", "utf8") else "utf-8")
    if source.bom:
        data = codecs.BOM_UTF8 + data
    tmp = source.path.with_name(f".{source.path.name}.tonecheck-tmp")
    try:
        with open(tmp, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if source.path.exists():
            os.chmod(tmp, source.path.stat().st_mode)
        os.replace(tmp, source.path)
    finally:
        if tmp.exists():
            tmp.unlink()
    return True
