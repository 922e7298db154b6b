from __future__ import annotations

import pytest

from tonecheck import Linter
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
