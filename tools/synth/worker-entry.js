'use strict';
/**
 * What a synthesis worker thread runs when the app was started through code-cache.js: the same
 * bundle, through the same code cache, so that a worker's start-up is the main thread's, not a
 * compile of the whole bundle (apps/platform/src/synth-workers.ts).
 */
const { workerData } = require('node:worker_threads');
const { runBundle } = require('./code-cache');

runBundle(workerData.bundle);
