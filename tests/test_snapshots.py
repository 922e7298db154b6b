"""What the user sees: the text reporter's output for each file in tests/snapshots/.

Each file holds the command-line arguments, the draft and the expected output. After an intended
change, regenerate with ``TONECHECK_UPDATE_SNAPSHOTS=1 pytest tests/test_snapshots.py`` and review the diff.
"""

from __future__ import annotations

import os
import shlex
from pathlib import Path

import pytest
from click.testing import CliRunner

from tonecheck.cli import main

HERE = Path(__file__).resolve().parent / "snapshots"
UPDATE = os.environ.get("TONECHECK_UPDATE_SNAPSHOTS") == "1"


def parse(path: Path) -> tuple[list[str], str]:
    text = path.read_text(encoding="utf-8")
    header, rest = text.split("--- input\n", 1)
    draft = rest.split("--- output\n", 1)[0].rstrip("\n")
    args_line = next(line for line in header.splitlines() if line.startswith("# args:"))
    return shlex.split(args_line[len("# args:"):]), draft


def render(args: list[str], draft: str) -> str:
    result = CliRunner().invoke(main, ["check", "--color", "never", "-t", draft, *args])
    assert result.exit_code in (0, 1), result.output
    return result.output


@pytest.mark.parametrize("path", sorted(HERE.glob("*.txt")), ids=lambda p: p.stem)
def test_snapshot(path: Path):
    args, draft = parse(path)
    output = render(args, draft)
    text = path.read_text(encoding="utf-8")
    expected = text.split("--- output\n", 1)[1]
    if UPDATE:
        path.write_text(text.split("--- output\n", 1)[0] + "--- output\n" + output, encoding="utf-8")
        return
    assert output == expected, f"snapshot {path.name} changed; rerun with TONECHECK_UPDATE_SNAPSHOTS=1 and review"
