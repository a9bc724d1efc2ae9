"""The `db` migration commands, run as a user runs them: `portal db` and `flask --app portal db`."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

BIN = Path(sys.executable).parent


def run(args: list[str], database: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PORTAL_DATABASE_URL": f"sqlite:///{database}",
           "PORTAL_SECRET_KEY": "test-secret", "PORTAL_TOKEN_KEY": "test-token"}
    env.pop("DATABASE_URL", None)
    return subprocess.run(args, env=env, capture_output=True, text=True, timeout=120, check=False)


@pytest.mark.parametrize("command", [[str(BIN / "portal")], [str(BIN / "flask"), "--app", "portal"]])
def test_db_upgrade_and_current_through_either_command(tmp_path, command):
    database = tmp_path / "cli.db"
    upgraded = run([*command, "db", "upgrade", "heads"], database)
    assert upgraded.returncode == 0, upgraded.stderr
    current = run([*command, "db", "current"], database)
    assert current.returncode == 0, current.stderr
    heads = run([*command, "db", "heads"], database)
    head = heads.stdout.split()[0]
    assert head in current.stdout and "(head)" in current.stdout


def test_db_group_keeps_its_own_options(tmp_path):
    shown = run([str(BIN / "portal"), "db", "--help"], tmp_path / "cli.db")
    assert shown.returncode == 0, shown.stderr
    assert "--directory" in shown.stdout and "upgrade" in shown.stdout
    listed = run([str(BIN / "portal"), "--help"], tmp_path / "cli.db")
    assert any(line.split()[:1] == ["db"] for line in listed.stdout.splitlines())
