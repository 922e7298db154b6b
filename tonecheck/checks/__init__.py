"""Kinds of checks. Each module exposes ``KEYS`` (its YAML fields) and ``compile(rule, morph)``."""

from __future__ import annotations

from types import ModuleType

from . import caps, phrase, regex, substitution

KINDS: dict[str, ModuleType] = {
    "phrase": phrase,
    "substitution": substitution,
    "regex": regex,
    "caps": caps,
}


def register(name: str, module: ModuleType) -> None:
    KINDS[name] = module


def kind_keys() -> dict[str, frozenset[str]]:
    return {name: frozenset(module.KEYS) for name, module in KINDS.items()}
