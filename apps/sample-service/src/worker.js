'use strict';
/**
 * The sample background worker (the `order-worker` services run it): no port, no load
 * balancer. Every tick it does one unit of work and touches a heartbeat file, which the
 * container health check reads (`find /tmp/heartbeat -mmin -1`): a worker that is stuck stops
 * touching it and ECS replaces the task. On SIGTERM it finishes the unit in progress and exits
 * 0 before the task's stop timeout.
 *
 *   TICK_MS           interval between units of work (default 10000)
 *   HEARTBEAT_FILE    file touched after every unit (default /tmp/heartbeat; /tmp is the
 *                     task's writable scratch volume, the root filesystem is read-only)
 *   QUEUE_URL         where work would come from (a queue worker gets its queue's URL from the
 *                     platform); logged as configured or not, so a missing one shows at start
 */
const fs = require('node:fs');
const { log, runEntry, wholeNumberSetting } = require('./runtime');

/** Touches the heartbeat file (creates it, or moves its modification time to now). @param {string} file */
function heartbeat(file) {
  const now = new Date();
  try {
    fs.utimesSync(file, now, now);
  } catch {
    fs.writeFileSync(file, '');
  }
}

function start(env = process.env) {
  const tickMs = wholeNumberSetting(env.TICK_MS, 10000, 'TICK_MS', 1);
  const heartbeatFile = env.HEARTBEAT_FILE || '/tmp/heartbeat';
  let units = 0;
  let stopping = false;
  /** @type {NodeJS.Timeout | undefined} */
  let timer;

  const tick = () => {
    units += 1;
    heartbeat(heartbeatFile);
    log({ level: 'info', msg: 'processed', units });
    if (!stopping) timer = setTimeout(tick, tickMs);
  };

  const stop = (/** @type {string} */ signal) => {
    if (stopping) return;
    stopping = true;
    clearTimeout(timer);
    log({ level: 'info', msg: 'stopped', signal, units });
    process.exit(0);
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));

  log({ level: 'info', msg: 'worker started', tickMs, heartbeatFile, queue: env.QUEUE_URL ? 'configured' : 'none' });
  tick();
}

if (require.main === module) runEntry(() => start());

module.exports = { start };
