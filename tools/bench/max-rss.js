'use strict';
// Preloaded into every Node process of a measured command (NODE_OPTIONS=--require): appends the
// process's peak resident memory to $BENCH_RSS_FILE when it exits.
const fs = require('node:fs');

const file = process.env.BENCH_RSS_FILE;
if (file) {
  process.on('exit', () => {
    fs.appendFileSync(file, `${process.resourceUsage().maxRSS * 1024}\n`);
  });
}
