"""Kinds of checks, one module each: ``KEYS`` (its YAML fields) and ``compile(rule, morph) -> Check``.

A module in this package that defines both is a kind named after the module; nothing else to register.
A check may also define ``measure(doc, ctx) -> dict`` for report-level figures (relevance, spam score).
A kind that reads settings declares ``OPTIONS`` (the ``Config.options`` keys it reads) and takes them as
a third argument: ``compile(rule, morph, options)``.
"""

from __future__ import annotations

import importlib
import pkgutil
from types import ModuleType


def _discover() -> dict[str, ModuleType]:
    kinds = {}
    for info in pkgutil.iter_modules(__path__):
        if info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{__name__}.{info.name}")
        if hasattr(module, "KEYS") and hasattr(module, "compile"):
            kinds[info.name] = module
    return kinds


KINDS: dict[str, ModuleType] = _discover()


def kind_keys() -> dict[str, frozenset[str]]:
    return {name: frozenset(module.KEYS) for name, module in KINDS.items()}
