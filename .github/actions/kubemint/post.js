// post.js: the kubemint action's post step (after the job's other steps, even failed ones): stop.sh.
require("./run-script")("stop.sh");
