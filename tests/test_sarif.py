from __future__ import annotations

import json
from pathlib import Path

import pytest

from tonecheck import Linter, sarif
from tonecheck.engine import load_rules
from tonecheck.rule import builtin_dir

ROOT = Path(__file__).resolve().parents[1]
#: CI clones the project with shared/ beside it; a worktree keeps it one level further up.
SCHEMA_CANDIDATES = [ROOT.parent / "shared/schemas/sarif-schema-2.1.0.json",
                     ROOT.parent.parent / "shared/schemas/sarif-schema-2.1.0.json"]
SCHEMA = next((p for p in SCHEMA_CANDIDATES if p.is_file()), None)

TEXT = "Привет!\r\nТвой заказ {{ order_id }} готов, забери его.\n"


@pytest.fixture(scope="module")
def log(linter: Linter) -> dict:
    rules = sorted(load_rules([builtin_dir()]), key=lambda r: r.code)
    report = linter.lint(TEXT)
    clean = linter.lint("Здравствуйте! Ваш заказ готов.")
    return json.loads(sarif.dumps([("шаблоны/order delayed.txt", report), ("clean.txt", clean)], rules))


@pytest.mark.skipif(SCHEMA is None, reason="shared/schemas/sarif-schema-2.1.0.json is not beside this checkout")
def test_valid_against_the_sarif_schema(log):
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft4Validator.check_schema(schema)
    errors = sorted(jsonschema.Draft4Validator(schema).iter_errors(log), key=str)
    assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors[:10])


def test_rules_carry_metadata(log):
    driver = log["runs"][0]["tool"]["driver"]
    assert driver["name"] == "tonecheck"
    by_id = {r["id"]: r for r in driver["rules"]}
    pronoun = by_id["FM001"]
    assert pronoun["name"] == "informal-pronoun"
    assert pronoun["shortDescription"]["text"] and pronoun["fullDescription"]["text"] and pronoun["help"]["text"]
    assert pronoun["defaultConfiguration"]["level"] == "warning"
    assert pronoun["properties"] == {"category": "familiar", "fix_safety": "safe", "tags": ["familiar"]}
    assert by_id["ST900"]["defaultConfiguration"]["level"] == "note"


def test_results_have_regions_in_code_points_and_fixes(log):
    run = log["runs"][0]
    assert run["columnKind"] == "unicodeCodePoints"
    results = run["results"]
    assert [r["ruleId"] for r in results] == ["FM003", "FM001", "FM002"]
    pronoun = results[1]
    location = pronoun["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == "%D1%88%D0%B0%D0%B1%D0%BB%D0%BE%D0%BD%D1%8B/order%20delayed.txt"
    assert location["region"] == {"startLine": 2, "startColumn": 1, "endLine": 2, "endColumn": 5,
                                  "snippet": {"text": "Твой"}}
    rules = run["tool"]["driver"]["rules"]
    assert rules[pronoun["ruleIndex"]]["id"] == "FM001"
    fix = pronoun["fixes"][0]
    replacement = fix["artifactChanges"][0]["replacements"][0]
    assert replacement["insertedContent"]["text"] == "Ваш"
    assert replacement["deletedRegion"] == {"startLine": 2, "startColumn": 1, "endLine": 2, "endColumn": 5}
    verb = results[2]["locations"][0]["physicalLocation"]["region"]
    assert TEXT.splitlines()[1][verb["startColumn"] - 1:verb["endColumn"] - 1] == "забери"


def test_clean_file_is_an_artifact_without_results(log):
    run = log["runs"][0]
    assert {"location": {"uri": "clean.txt"}} in run["artifacts"]
    assert all(r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] != "clean.txt" for r in run["results"])


def test_absolute_paths_become_file_uris(tmp_path):
    assert sarif.uri(str(tmp_path / "a b.txt")).startswith("file:///")
