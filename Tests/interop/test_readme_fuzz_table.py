"""The README's table of fuzzing campaigns is the sum of fuzz/campaigns.tsv per target (issue 16): a
campaign recorded without updating the README, or a figure typed by hand, fails here."""
from __future__ import annotations

import csv
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def recorded() -> dict[str, tuple[int, int]]:
    totals: dict[str, tuple[int, int]] = {}
    with open(ROOT / "fuzz" / "campaigns.tsv", newline="") as f:
        for row in csv.DictReader(f, delimiter="\t"):
            runs, findings = totals.get(row["target"], (0, 0))
            totals[row["target"]] = (runs + int(row["executions"]), findings + int(row["findings"]))
    return totals


def readme_table() -> dict[str, tuple[int, int]]:
    text = (ROOT / "README.md").read_text()
    start = text.index("<!-- fuzz-campaigns:")
    rows = re.findall(r"^\| (\w+) \| ([\d,]+) \| (\d+) \|$", text[start:start + 2000], re.M)
    return {target: (int(runs.replace(",", "")), int(findings)) for target, runs, findings in rows}


def test_readme_fuzz_table_sums_the_recorded_campaigns():
    assert recorded(), "fuzz/campaigns.tsv records no campaign"
    assert readme_table() == recorded()
