"""`lexicon check` in CI: every output format on a clean and a broken lexicon, exit
codes as the README gives them, and the pre-commit hook."""

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from phrasewatch.ci import render
from phrasewatch.cli import main
from phrasewatch.errors import LexiconProblem
from tests.conftest import FIXTURES, ROOT

MINI = FIXTURES / "mini.yaml"
WORKFLOW_COMMAND = re.compile(r"^::(error|warning) ((?:[a-z]+=[^,:]*)(?:,[a-z]+=[^,:]*)*)::(.+)$")


def broken_lexicon(folder: Path) -> Path:
    """mini.yaml with a must-not-match example that matches (one_china) and an id that
    is not snake_case: one error from matching, and one from the schema in another run."""
    path = folder / "broken.yaml"
    path.write_text(MINI.read_text(encoding="utf-8").replace(
        'no_match:\n        en: ["The United States keeps its one China policy."]',
        'no_match:\n        en: ["The one-China principle stands."]'), encoding="utf-8")
    return path


def check(*args):
    return CliRunner().invoke(main, ["lexicon", "check", *map(str, args)])


def github_commands(output: str) -> list[dict]:
    commands = []
    for line in output.splitlines():
        found = WORKFLOW_COMMAND.match(line)
        assert found, f"not a workflow command: {line!r}"
        props = dict(item.split("=", 1) for item in found.group(2).split(","))
        commands.append({"command": found.group(1), **props, "message": found.group(3)})
    return commands


def test_clean_lexicon_passes_in_every_format():
    assert check(MINI).exit_code == 0
    as_json = json.loads(check(MINI, "--format", "json").stdout)
    assert as_json["ok"] is True and as_json["problems"] == []
    assert check(MINI, "--format", "github").stdout.strip() == ""
    junit = pytest.importorskip("junitparser")
    xml = check(MINI, "--format", "junit")
    assert xml.exit_code == 0
    suite = next(iter(junit.JUnitXml.fromstring(xml.stdout_bytes)))
    cases = list(suite)
    ids = [f["id"] for f in yaml.safe_load(MINI.read_text(encoding="utf-8"))["formulae"]]
    assert [c.name for c in cases] == ids  # one test case per formula, in file order
    assert all(c.is_passed for c in cases)


def test_broken_lexicon_fails_in_every_format(tmp_path):
    broken = broken_lexicon(tmp_path)
    text = check(broken)
    assert text.exit_code == 1
    assert "error: " in text.stdout and "one_china: en must-not-match example matches" in text.stdout

    as_json = check(broken, "--format", "json")
    assert as_json.exit_code == 1
    report = json.loads(as_json.stdout)
    assert report["ok"] is False and {p["entry"] for p in report["problems"]} == {"one_china"}

    github = check(broken, "--format", "github")
    assert github.exit_code == 1
    commands = github_commands(github.stdout)
    assert [c["command"] for c in commands] == ["error"]
    line = int(commands[0]["line"])
    assert commands[0]["file"] == str(broken) and commands[0]["title"] == "one_china"
    assert broken.read_text(encoding="utf-8").splitlines()[line - 1].strip() == "- id: one_china"

    junit = pytest.importorskip("junitparser")
    xml = check(broken, "--format", "junit")
    assert xml.exit_code == 1
    suite = next(iter(junit.JUnitXml.fromstring(xml.stdout_bytes)))
    failed = {c.name for c in suite if not c.is_passed}
    assert failed == {"one_china"}
    assert suite.failures == 1 and suite.tests == 8


def test_schema_errors_and_yaml_errors_have_a_test_case(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("formulae:\n  - id: Bad Id\n    kind: formula\n", encoding="utf-8")
    junit = pytest.importorskip("junitparser")
    xml = check(bad, "--format", "junit")
    assert xml.exit_code == 1
    failed = {c.name for c in next(iter(junit.JUnitXml.fromstring(xml.stdout_bytes))) if not c.is_passed}
    assert failed == {"Bad Id"}
    not_yaml = tmp_path / "not.yaml"
    not_yaml.write_text("formulae: [\n", encoding="utf-8")
    xml = check(not_yaml, "--format", "junit")
    assert xml.exit_code == 1
    assert {c.name for c in next(iter(junit.JUnitXml.fromstring(xml.stdout_bytes))) if not c.is_passed} == {"(file)"}


def test_warnings_fail_only_with_strict(tmp_path):
    warned = tmp_path / "warned.yaml"
    warned.write_text(MINI.read_text(encoding="utf-8").replace("  - id: gdi\n", "  - id: gdi\n    colour: red\n"),
                      encoding="utf-8")
    assert check(warned).exit_code == 0
    commands = github_commands(check(warned, "--format", "github").stdout)
    assert [(c["command"], c["title"]) for c in commands] == [("warning", "gdi")]
    strict = check(warned, "--format", "github", "--strict")
    assert strict.exit_code == 1 and github_commands(strict.stdout)[0]["command"] == "error"


def test_missing_lexicon_file_is_a_usage_error(tmp_path):
    result = check(tmp_path / "nothing.yaml")
    assert result.exit_code == 2
    assert "nothing.yaml: no such lexicon file" in result.stderr
    assert check("no_such_bundled_name").exit_code == 2
    assert check(MINI, "--format", "sarif").exit_code == 2


def test_github_messages_escape_what_would_end_the_command():
    p = LexiconProblem("dir,x/a:b.yaml", 3, "gdi", "50% of\nforms")
    (command,) = github_commands(render([p], "github", suite="s"))
    assert command["file"] == "dir%2Cx/a%3Ab.yaml" and command["message"] == "50%25 of%0Aforms"


def test_the_hook_definition_runs_lexicon_check():
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    (hook,) = hooks
    assert hook["entry"].split()[:3] == ["phrasewatch", "lexicon", "check"]
    assert hook["language"] == "python" and hook["require_serial"] is True


def test_pre_commit_try_repo_runs_the_hook(tmp_path):
    """pre-commit installs this checkout in its own environment (from PyPI) and runs the
    hook on a lexicon repository: a broken lexicon fails the commit, a fixed one passes."""
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    try:
        import pre_commit  # noqa: F401
    except ImportError:
        pytest.skip("pre-commit is not installed (pip install pre-commit, or the test extra)")
    repo = tmp_path / "my-lexicons"
    repo.mkdir()
    broken = broken_lexicon(repo)
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "cache"), "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@t",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@t"}
    for command in (["git", "init", "-q"], ["git", "add", "."]):
        subprocess.run(command, cwd=repo, check=True, env=env)
    try_repo = [sys.executable, "-m", "pre_commit", "try-repo", str(ROOT), "phrasewatch-lexicon-check", "--all-files"]
    failed = subprocess.run(try_repo, cwd=repo, env=env, capture_output=True, text=True, timeout=1500)
    if "An unexpected error has occurred" in failed.stdout + failed.stderr and "pip" in failed.stdout + failed.stderr \
            and re.search(r"(?i)connection|network|resolve host|no matching distribution", failed.stdout + failed.stderr):
        pytest.skip("pre-commit could not install phrasewatch's dependencies (no package index reachable)")
    assert failed.returncode == 1, failed.stdout + failed.stderr
    assert "phrasewatch lexicon check" in failed.stdout
    assert "one_china: en must-not-match example matches" in failed.stdout
    broken.write_text(MINI.read_text(encoding="utf-8"), encoding="utf-8")
    subprocess.run(["git", "add", "."], cwd=repo, check=True, env=env)
    passed = subprocess.run(try_repo, cwd=repo, env=env, capture_output=True, text=True, timeout=1500)
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert "Passed" in passed.stdout
