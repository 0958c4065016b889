'use strict';
/**
 * Process entry: configuration from the environment, JSON logs on stdout, and graceful
 * shutdown. ECS sends SIGTERM, waits the container's stopTimeout (30 s by default), then
 * SIGKILL; so on SIGTERM the service stops accepting connections, fails its health check,
 * lets requests in flight finish, and exits well before that deadline.
 *
 *   PORT                  listening port (default 8080; 0 picks a free one, for tests)
 *   HOST                  listening address (default 0.0.0.0: the awsvpc task ENI)
 *   SHUTDOWN_TIMEOUT_MS   longest drain before exiting anyway (default 20000, under 25 s)
 *   APP_VERSION           reported by GET / (the image build sets it to the commit)
 */
const { log, runEntry, wholeNumberSetting } = require('./runtime');
const { createService } = require('./server');

function start(env = process.env) {
  const port = wholeNumberSetting(env.PORT, 8080, 'PORT');
  const shutdownTimeoutMs = wholeNumberSetting(env.SHUTDOWN_TIMEOUT_MS, 20000, 'SHUTDOWN_TIMEOUT_MS');
  const service = createService({ log, version: env.APP_VERSION });
  service.server.listen(port, env.HOST || '0.0.0.0', () => {
    const address = service.server.address();
    log({ level: 'info', msg: 'listening', port: typeof address === 'object' && address ? address.port : port });
  });
  let stopping = false;
  const stop = (/** @type {string} */ signal) => {
    if (stopping) return;
    stopping = true;
    log({ level: 'info', msg: 'shutting down', signal, inFlight: service.inFlight(), timeoutMs: shutdownTimeoutMs });
    service.startDraining();
    // Stop accepting; idle keep-alive connections are closed now, busy ones after their response.
    service.server.close(() => {
      log({ level: 'info', msg: 'stopped', signal });
      process.exit(0);
    });
    service.server.closeIdleConnections();
    service.server.on('request-done', () => setImmediate(() => service.server.closeIdleConnections()));
    setTimeout(() => {
      log({ level: 'error', msg: 'drain timed out, closing remaining connections', inFlight: service.inFlight() });
      service.server.closeAllConnections();
      process.exit(1);
    }, shutdownTimeoutMs).unref();
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
  return service;
}

if (require.main === module) runEntry(() => start());

module.exports = { start };
