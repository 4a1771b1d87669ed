"""Run the kubemint action's steps (action.yml: runs.main, then runs.post) the way a GitHub runner runs
a JavaScript action, on this machine: `node FILE` with the runner's environment.

What the runner does, and what is emulated here (from GitHub's documentation of JavaScript actions and
workflow commands):
- inputs: INPUT_<NAME upper-cased> for every input in action.yml, its default applied when the workflow
  did not set it;
- $RUNNER_TEMP, $RUNNER_ARCH (X64, ARM64), $GITHUB_WORKSPACE (the step's working directory),
  $GITHUB_ACTION_REPOSITORY and $GITHUB_ACTION_REF (which action, at which ref);
- files the step appends to: $GITHUB_OUTPUT (its outputs, fresh per step), $GITHUB_ENV (variables for
  later steps), $GITHUB_PATH (directories put first on PATH for later steps), $GITHUB_STATE (name=value
  pairs handed to this action's post step as $STATE_<name>).
Not emulated: the `::error::` style workflow commands are only printed; the multi-line
`NAME<<DELIMITER` file syntax is refused, since the action must not write it."""

from __future__ import annotations

import os
import platform
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[2]
ACTION = yaml.safe_load((REPO / "action.yml").read_text())
RUNNER_ARCH = {"x86_64": "X64", "aarch64": "ARM64"}


def read_pairs(path: Path) -> dict:
    """NAME=value lines of a $GITHUB_ENV / $GITHUB_OUTPUT / $GITHUB_STATE file."""
    pairs = {}
    for line in path.read_text().splitlines():
        if not line:
            continue
        assert "<<" not in line.split("=", 1)[0], f"multi-line syntax in {path.name}: {line!r}"
        name, sep, value = line.partition("=")
        assert sep, f"{path.name}: not NAME=value: {line!r}"
        pairs[name] = value
    return pairs


@dataclass
class StepResult:
    returncode: int
    stdout: str
    stderr: str
    outputs: dict = field(default_factory=dict)

    def check(self) -> "StepResult":
        assert self.returncode == 0, f"step exited {self.returncode}\n--- stdout\n{self.stdout}\n--- stderr\n{self.stderr}"
        return self


class Runner:
    """One job on an emulated runner: its temp dir, workspace and command files."""

    def __init__(self, root: Path, *, download_base: str | None, action_ref: str = "",
                 arch: str | None = None, extra_env: dict | None = None):
        self.root = root
        self.temp = root / "runner-temp"
        self.workspace = root / "workspace"
        for d in (self.temp, self.workspace):
            d.mkdir(parents=True)
        self.env_file, self.path_file, self.state_file = (root / n for n in ("github_env", "github_path", "github_state"))
        for f in (self.env_file, self.path_file, self.state_file):
            f.touch()
        self.download_base = download_base
        self.action_ref = action_ref
        self.arch = RUNNER_ARCH.get(arch or platform.machine(), arch or platform.machine())
        self.extra_env = extra_env or {}
        self.steps = 0

    def base_env(self) -> dict:
        # A clean environment: nothing of ours leaks in (no KUBEMINT_*, no kubemint on PATH).
        env = {k: v for k, v in os.environ.items()
               if not k.startswith(("KUBEMINT", "INPUT_", "STATE_", "GITHUB_", "RUNNER_", "KUBECONFIG"))}
        path = [p for p in env.get("PATH", "").split(os.pathsep) if p and not (Path(p) / "kubemint").exists()]
        env["PATH"] = os.pathsep.join(path)
        env.update(RUNNER_TEMP=str(self.temp), RUNNER_ARCH=self.arch, RUNNER_OS="Linux",
                   GITHUB_WORKSPACE=str(self.workspace), GITHUB_ENV=str(self.env_file),
                   GITHUB_PATH=str(self.path_file), GITHUB_ACTIONS="true", CI="true")
        # Later steps see what earlier ones exported, as on GitHub.
        env.update(read_pairs(self.env_file))
        added = [line for line in self.path_file.read_text().splitlines() if line]
        env["PATH"] = os.pathsep.join([*reversed(added), env["PATH"]])
        return env

    def action_env(self, inputs: dict) -> dict:
        env = self.base_env()
        unknown = set(inputs) - set(ACTION["inputs"])
        assert not unknown, f"inputs not declared in action.yml: {unknown}"
        for name, spec in ACTION["inputs"].items():
            value = inputs.get(name, spec.get("default", ""))
            env["INPUT_" + name.replace(" ", "_").upper()] = str(value)
        env.update(GITHUB_ACTION_REPOSITORY="example/kubemint", GITHUB_ACTION_REF=self.action_ref,
                   GITHUB_STATE=str(self.state_file))
        if self.download_base is not None:
            env["KUBEMINT_DOWNLOAD_URL_BASE"] = self.download_base
        env.update(self.extra_env)
        return env

    def _node(self, script: str, env: dict, timeout: float) -> StepResult:
        node = shutil.which("node")
        assert node, "node is not installed: the action's steps are `node FILE` (apt-get install nodejs)"
        self.steps += 1
        output = self.root / f"github_output.{self.steps}"
        output.touch()
        env = {**env, "GITHUB_OUTPUT": str(output)}
        p = subprocess.run([node, str(REPO / script)], cwd=self.workspace, env=env, text=True,
                           capture_output=True, timeout=timeout, stdin=subprocess.DEVNULL)
        return StepResult(p.returncode, p.stdout, p.stderr, read_pairs(output))

    def main(self, **inputs) -> StepResult:
        """The action's main step (`uses: OWNER/kubemint@REF` with `with: inputs`)."""
        return self._node(ACTION["runs"]["main"], self.action_env(inputs), timeout=120)

    def post(self, **inputs) -> StepResult:
        """The action's post step: the same inputs, plus $STATE_<name> from what main saved."""
        env = self.action_env(inputs)
        env.update({"STATE_" + k: v for k, v in read_pairs(self.state_file).items()})
        return self._node(ACTION["runs"]["post"], env, timeout=60)

    def run(self, script: str, timeout: float = 60) -> subprocess.CompletedProcess:
        """A later `run:` step of the workflow: bash -e with what the action exported."""
        p = subprocess.run(["bash", "-e", "-o", "pipefail", "-c", script], cwd=self.workspace,
                           env=self.base_env(), text=True, capture_output=True, timeout=timeout,
                           stdin=subprocess.DEVNULL)
        assert p.returncode == 0, f"run step failed ({p.returncode}):\n{script}\n{p.stdout}\n{p.stderr}"
        return p

    def state(self) -> dict:
        return read_pairs(self.state_file)

    def exported(self) -> dict:
        return read_pairs(self.env_file)
