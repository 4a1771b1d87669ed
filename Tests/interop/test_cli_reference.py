"""docs/cli-reference.md is what the built binary's help says (regenerate: scripts/cli-reference)."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_cli_reference_matches_the_binarys_help(tmp_path):
    copy = tmp_path / "repo"
    (copy / "scripts").mkdir(parents=True)
    (copy / "docs").mkdir()
    shutil.copy(ROOT / "scripts" / "cli-reference", copy / "scripts" / "cli-reference")
    shutil.copy(ROOT / "scripts" / "cli-commands", copy / "scripts" / "cli-commands")  # the command list it reads
    subprocess.run(["bash", str(copy / "scripts" / "cli-reference"), os.environ["KUBEMINT"]], check=True,
                   capture_output=True, stdin=subprocess.DEVNULL)
    fresh = (copy / "docs" / "cli-reference.md").read_text()
    committed = (ROOT / "docs" / "cli-reference.md").read_text()
    assert fresh == committed, "docs/cli-reference.md is stale: run scripts/cli-reference and commit it"
