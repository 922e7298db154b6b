"""Benchmark and acceptance run over the template repository in tests/data/templates.

    PYTHONPATH=. python bench/templates.py [--repeat 5]

Measures ``tonecheck check`` over the repository (a fresh process each time, as pre-commit and CI run
it), counts the findings, runs ``--fix`` on a copy and checks again (no safe fix may be left), then
feeds the bad inputs the issue lists and prints each message and exit code.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
REPO = ROOT / "tests" / "data" / "templates"


def tonecheck(*args: str, cwd: Path, stdin: str | None = None) -> tuple[int, str, str, float]:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "tonecheck.cli", *args], cwd=cwd, env=env, input=stdin,
                          capture_output=True, text=True)
    return proc.returncode, proc.stdout, proc.stderr, time.perf_counter() - start


def findings(payload: str) -> list[tuple[str, dict]]:
    return [(f["path"], x) for f in json.loads(payload)["files"] for x in f["findings"]]


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="tonecheck-bench-"))
    try:
        repo = work / "templates"
        shutil.copytree(REPO, repo)
        files = [p for p in repo.rglob("*") if p.is_file() and not p.name.startswith(".")]
        chars = sum(len(p.read_bytes()) for p in files)
        times = []
        for _ in range(args.repeat):
            code, out, err, seconds = tonecheck("check", "--format", "json", "templates", cwd=work)
            times.append(seconds)
        found = findings(out)
        by_category = Counter(x["category"] for _, x in found)
        by_code = Counter(x["code"] for _, x in found)
        print(f"## tonecheck check over {len(files)} templates ({chars / 1024:.0f} KiB)")
        print(f"wall time, fresh process: median {statistics.median(times):.2f} s, "
              f"min {min(times):.2f} s, max {max(times):.2f} s ({args.repeat} runs); exit code {code}")
        print(f"findings: {len(found)} in {len({p for p, _ in found})} files; by category: "
              + ", ".join(f"{c} {n}" for c, n in by_category.most_common())
              + "; by code: " + ", ".join(f"{c} {n}" for c, n in sorted(by_code.items())))
        safe_before = sum(1 for _, x in found if any(s["safe"] for s in x["suggestions"]))

        code, _, err, seconds = tonecheck("check", "--fix", "templates", cwd=work)
        fixed = err.count("исправлен файл")
        code2, out2, _, _ = tonecheck("check", "--format", "json", "templates", cwd=work)
        left = findings(out2)
        safe_left = [(p, x["code"]) for p, x in left if any(s["safe"] for s in x["suggestions"])]
        print(f"\n## --fix: {fixed} files rewritten in {seconds:.2f} s (exit {code}); safe-fixable findings "
              f"{safe_before} → {len(safe_left)}; findings left {len(left)} (exit {code2})")
        for path, finding in left:
            print(f"  left: {path}:{finding['line']}:{finding['column']} {finding['code']} {finding['message']}")
        if safe_left:
            print(f"  FAIL: safe fixes left: {safe_left}")

        print("\n## bad input")
        bad = work / "bad"
        bad.mkdir()
        cases = []
        (bad / "unknown-key").mkdir()
        (bad / "unknown-key" / ".tonecheck.toml").write_text('fail_under = 80\nchanel = "sms"\n', encoding="utf-8")
        (bad / "unknown-key" / "a.txt").write_text("Здравствуйте!", encoding="utf-8")
        cases.append(("config with an unknown key", ("check", "unknown-key/a.txt")))
        (bad / "yaml-error" / "house").mkdir(parents=True)
        (bad / "yaml-error" / "house" / "brand.yaml").write_text(
            "code: ST950\nname: brand-name\nmessage: «Лавка\n  дом»: [\n", encoding="utf-8")
        cases.append(("rule file with a YAML error", ("validate-rules", "yaml-error/house")))
        (bad / "unclosed.txt").write_text("Здравствуйте, {{ name!\nВаш заказ {{ order }} готов.\n", encoding="utf-8")
        cases.append(("template with an unclosed placeholder", ("check", "--isolated", "unclosed.txt")))
        (bad / "legacy.txt").write_bytes("Здравствуйте! Ваш заказ готов.\n".encode("cp1251"))
        cases.append(("file in cp1251", ("check", "--isolated", "legacy.txt")))
        cases.append(("file in cp1251 with --encoding", ("check", "--isolated", "--encoding", "cp1251", "legacy.txt")))
        (bad / "logo.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00")
        cases.append(("binary file", ("check", "--isolated", "logo.txt")))
        for title, argv in cases:
            code, out, err, _ = tonecheck(*argv, cwd=bad)
            lines = [line for line in (err + out).splitlines() if line.strip()]
            shown = [line for line in lines if line.startswith(("tonecheck:", "Ошибок", "Оценка")) or " ST9" in line
                     or ".yaml:" in line] or lines[:2]
            print(f"- {title}: exit {code}")
            for line in shown:
                print(f"    {line}")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
