// run-script.js: run one of this directory's bash scripts with the runner's environment (INPUT_*,
// STATE_*, RUNNER_*, GITHUB_*), its output going straight to the job log, and exit with its status.
// The action is JavaScript only because composite actions cannot have a post step (the post step
// stops the server); all logic stays in bash, where the tests run it. No dependencies (no
// @actions/core): nothing to bundle, nothing to update.
const { spawnSync } = require("child_process");
const path = require("path");

module.exports = function runScript(script) {
  const result = spawnSync("bash", [path.join(__dirname, script)], { stdio: "inherit" });
  if (result.error) {
    console.log(`::error title=kubemint action::could not run bash ${script}: ${result.error.message}`);
    process.exit(1);
  }
  process.exit(result.status === null ? 1 : result.status);
};
