"""The CLI's contract: commands exist, help texts are documented, errors are one coded line."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from strife.cli import LAZY_COMMANDS, main

ROOT = Path(__file__).resolve().parents[1]


def test_every_command_has_help():
    runner = CliRunner()
    names = ["run", "events", "export", *LAZY_COMMANDS]
    for name in names:
        result = runner.invoke(main, [name, "--help"])
        assert result.exit_code == 0, (name, result.output)
        assert "Usage:" in result.output


def test_cli_reference_is_current():
    proc = subprocess.run([sys.executable, str(ROOT / "scripts" / "gen_cli_docs.py"), "--check"],
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr


def test_missing_input_is_a_coded_failure(tmp_path):
    runner = CliRunner()
    result = runner.invoke(main, ["run", str(tmp_path / "nope.txt"), "--db", str(tmp_path / "x.db"), "--json"])
    assert result.exit_code == 1
    assert "I101" in result.output


def test_bad_database_url_is_one_line(tmp_path):
    runner = CliRunner()
    result = runner.invoke(main, ["events", "--db", "nosuchdialect://x/y"])
    assert result.exit_code == 1
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("error: [S10")


def test_every_setting_is_documented():
    from dataclasses import fields

    from strife.settings import Settings

    text = (ROOT / "docs" / "settings.md").read_text()
    for f in fields(Settings):
        assert f"`{f.name}`" in text and f"STRIFE_{f.name.upper()}" in text, f.name
