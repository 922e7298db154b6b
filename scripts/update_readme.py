"""Regenerate the README's rule table from rules/: ``python scripts/update_readme.py``."""

from __future__ import annotations

from pathlib import Path

from tonecheck.catalogue import markdown, splice
from tonecheck.engine import load_rules
from tonecheck.rule import builtin_dir

README = Path(__file__).resolve().parent.parent / "README.md"

if __name__ == "__main__":
    text = README.read_text(encoding="utf-8")
    README.write_text(splice(text, markdown(load_rules([builtin_dir()]))), encoding="utf-8")
    print(f"updated {README}")
