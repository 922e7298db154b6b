"""The README's rule table is generated from rules/ and must match them."""

from __future__ import annotations

from pathlib import Path

import pytest

from tonecheck.catalogue import END, START, markdown

README = Path(__file__).resolve().parent.parent / "README.md"


@pytest.mark.skipif(not README.exists(), reason="README not beside the tests")
def test_rule_table_is_in_sync(builtin_rules):
    text = README.read_text(encoding="utf-8")
    assert START in text and END in text
    table = text.split(START, 1)[1].split(END, 1)[0].strip()
    assert table == markdown(builtin_rules), "README rule table is stale: run python scripts/update_readme.py"


def test_readme_names_every_category():
    from tonecheck import CATEGORIES

    text = README.read_text(encoding="utf-8")
    for category in CATEGORIES:
        assert f"`{category}`" in text
