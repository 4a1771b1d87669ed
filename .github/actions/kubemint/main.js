// main.js: the kubemint action's main step: start.sh downloads, verifies, installs and starts kubemint.
require("./run-script")("start.sh");
