from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from tonecheck import Config, Linter
from tonecheck.engine import load_rules
from tonecheck.rule import builtin_dir


@pytest.fixture(scope="session")
def linter() -> Linter:
    return Linter()


@pytest.fixture(scope="session")
def builtin_rules():
    return load_rules([builtin_dir()])


def codes(report) -> list[str]:
    return [f.code for f in report.findings]


@pytest.fixture(scope="session")
def only(builtin_rules):
    """``only("PS001", "PS002")``: a Linter with just these built-in rules (cached per set)."""
    cache: dict[tuple[str, ...], Linter] = {}

    def get(*selected: str) -> Linter:
        if selected not in cache:
            # Named in ``select``: rules that are off by default run too.
            cache[selected] = Linter(Config(select=selected), rules=[r for r in builtin_rules if r.code in selected])
            assert cache[selected].rules, f"no built-in rule {selected}"
        return cache[selected]

    return get


# CI runs the property tests with a fixed seed, so a run is reproducible; locally they explore.
import os  # noqa: E402

from hypothesis import settings as _settings  # noqa: E402

_settings.register_profile("ci", derandomize=True)
if os.environ.get("CI"):
    _settings.load_profile("ci")


@pytest.fixture(scope="session")
def languagetool():
    """A fake LanguageTool server (tests/fake_languagetool.py) on a free local port, for the session."""
    # Loaded by path: the tests run with --import-mode=importlib, so tests/ is not on sys.path.
    spec = importlib.util.spec_from_file_location("fake_languagetool", Path(__file__).with_name("fake_languagetool.py"))
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("fake_languagetool", module)
    spec.loader.exec_module(module)
    running = module.running

    with running() as server:
        yield server
