"""The hooks in .pre-commit-hooks.yaml, run for real by ``pre-commit try-repo`` against this checkout.

pre-commit builds a virtual environment and pip-installs the checkout into it (from the package
registry's cache after the first run); each ``try-repo`` builds it anew, so the test makes two runs.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
HOOKS = ROOT / ".pre-commit-hooks.yaml"

pytestmark = [
    pytest.mark.skipif(not HOOKS.is_file(), reason="not a source checkout: .pre-commit-hooks.yaml is absent"),
    pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed"),
]


def git(cwd: Path, *args: str) -> str:
    return subprocess.run(["git", "-c", "user.name=tonecheck", "-c", "user.email=tonecheck@example.com",
                           "-c", "commit.gpgsign=false", *args], cwd=cwd, check=True,
                          capture_output=True, text=True).stdout


def try_repo(repo: Path, home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GIT_", "PRE_COMMIT"))}
    env.update(PRE_COMMIT_HOME=str(home), PRE_COMMIT_COLOR="never", GIT_AUTHOR_NAME="tonecheck",
               GIT_AUTHOR_EMAIL="tonecheck@example.com", GIT_COMMITTER_NAME="tonecheck",
               GIT_COMMITTER_EMAIL="tonecheck@example.com")
    return subprocess.run([sys.executable, "-m", "pre_commit", "try-repo", str(ROOT), *args], cwd=repo, env=env,
                          capture_output=True, text=True, timeout=900)


def test_manifest_declares_both_hooks():
    hooks = {h["id"]: h for h in yaml.safe_load(HOOKS.read_text(encoding="utf-8"))}
    assert set(hooks) == {"tonecheck", "tonecheck-fix"}
    for hook in hooks.values():
        assert hook["language"] == "python" and hook["entry"].startswith("tonecheck check")
        for name in ("a.txt", "b.md", "c.html", "d.htm", "e.j2", "f.jinja", "g.jinja2", "h.tmpl", "i.html.j2"):
            assert __import__("re").search(hook["files"], name), (hook["id"], name)
    assert "--fix" in hooks["tonecheck-fix"]["entry"]


@pytest.mark.slow
def test_try_repo_fails_on_a_rude_template_and_passes_a_clean_one(tmp_path):
    pytest.importorskip("pre_commit")
    if subprocess.run(["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True).returncode:
        pytest.skip("this checkout is not a git repository with a commit")
    repo, home = tmp_path / "templates-repo", tmp_path / "pre-commit-home"
    (repo / "sms").mkdir(parents=True)
    git(repo, "init", "-q")
    (repo / ".tonecheck.toml").write_text("fail_under = 90\n", encoding="utf-8")
    (repo / "sms" / "ready.txt").write_text("Здравствуйте, {{ name }}! Заказ {{ order }} готов к выдаче.\n",
                                            encoding="utf-8")
    (repo / "letter.html").write_text("<p>Здравствуйте, {{ name }}!</p>\n<p>Ваш заказ отправлен.</p>\n",
                                      encoding="utf-8")
    git(repo, "add", ".")
    git(repo, "commit", "-qm", "clean templates")

    clean = try_repo(repo, home, "tonecheck", "--all-files")
    assert clean.returncode == 0, clean.stdout + clean.stderr
    assert "Passed" in clean.stdout

    rude = repo / "delivery-failed.html.j2"
    rude.write_text("<p>Привет!</p>\n<p>Курьер не застал тебя дома, выбери новую дату.</p>\n", encoding="utf-8")
    git(repo, "add", ".")
    # No hook id: both hooks run in one environment, «tonecheck» first, then «tonecheck-fix».
    failed = try_repo(repo, home, "--all-files")
    assert failed.returncode == 1, failed.stdout + failed.stderr
    output = failed.stdout
    assert "Failed" in output and "delivery-failed.html.j2" in output and "FM001" in output
    assert "files were modified by this hook" in output
    assert rude.read_text(encoding="utf-8") == (
        "<p>Здравствуйте!</p>\n<p>Курьер не застал вас дома, выберите новую дату.</p>\n")
