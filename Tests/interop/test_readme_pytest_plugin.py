"""Issue 15: the README's pytest-plugin recipe, run from README.md's own text (blocks marked
`<!-- recipe: pytest-plugin -->` and `<!-- recipe: pytest-plugin-factory -->`): both files go into an
empty project, and pytest runs them in a subprocess with the plugin from the wheel built from
$KUBEMINT (unpacked on PYTHONPATH with its dist-info, so pytest loads the plugin by its pytest11 entry point)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from kubemint_wheel import build_wheel, plugin_env, run_pytest, unpack, wheel_path
from readme_recipes import recipe



def file_name(text: str) -> str:
    """The file a recipe block names in its first line: `# test_x.py: …`."""
    m = re.match(r"# (test_\w+\.py)\b", text)
    assert m, f"a pytest-plugin recipe must start with '# test_NAME.py', got {text.splitlines()[0]!r}"
    return m.group(1)


def test_pytest_plugin_recipe(kubemint_bin, tmp_path):
    blocks = [recipe("pytest-plugin"), recipe("pytest-plugin-factory")]
    project = tmp_path / "project"
    project.mkdir()
    names = []
    for block in blocks:
        assert block.language == "python", block.where()
        names.append(file_name(block.text))
        (project / names[-1]).write_text(block.text)
    tests = len(re.findall(r"^def test_", "".join(b.text for b in blocks), re.M))

    build_wheel(kubemint_bin, tmp_path / "dist")
    site = unpack(wheel_path(tmp_path / "dist"), tmp_path / "site")
    p = run_pytest(project, plugin_env(site), *names)
    assert p.returncode == 0, p.stdout + p.stderr
    assert re.search(rf"^{tests} passed", p.stdout.splitlines()[-1]), p.stdout
