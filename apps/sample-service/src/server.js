'use strict';
/**
 * The sample service's HTTP handling, built on node:http only. Routes:
 *   GET /healthz        200 {"status":"ok"} while serving, 503 {"status":"draining"} once
 *                       shutdown began (the load balancer then stops sending new requests)
 *   GET /               200 a small JSON document naming the service and its version
 *   GET /delay?ms=<n>   answers after n ms (at most 10 s): a stand-in for slow work, used to
 *                       show that shutdown drains requests in flight
 * Every request is logged as one JSON line when its response finishes.
 */
const http = require('node:http');

const MAX_DELAY_MS = 10000;

/**
 * @typedef {object} ServiceOptions
 * @property {(entry: Record<string, unknown>) => void} log   one structured log entry
 * @property {string} [version]
 */

/**
 * @param {ServiceOptions} options
 * @returns {{ server: http.Server, startDraining: () => void, inFlight: () => number }}
 */
function createService(options) {
  let draining = false;
  let inFlight = 0;
  const server = http.createServer((request, response) => {
    inFlight += 1;
    const started = process.hrtime.bigint();
    response.on('close', () => {
      inFlight -= 1;
      options.log({
        level: 'info',
        msg: 'request',
        method: request.method,
        path: (request.url || '').split('?')[0],
        status: response.statusCode,
        durationMs: Number((process.hrtime.bigint() - started) / 1000n) / 1000,
        userAgent: request.headers['user-agent'],
      });
      server.emit('request-done');
    });
    route(request, response, { isDraining: () => draining, version: options.version });
  });
  // Bounded waits for slow or idle clients; ALB idle timeout is 60 s, keep ours above it.
  server.keepAliveTimeout = 65000;
  server.headersTimeout = 66000;
  server.requestTimeout = 30000;
  return {
    server,
    startDraining: () => {
      draining = true;
    },
    inFlight: () => inFlight,
  };
}

/**
 * @param {http.IncomingMessage} request
 * @param {http.ServerResponse} response
 * @param {{ isDraining: () => boolean, version?: string }} state
 */
function route(request, response, state) {
  const url = new URL(request.url || '/', 'http://localhost');
  const reply = (/** @type {number} */ status, /** @type {unknown} */ body) => json(response, status, body, state.isDraining());
  if (request.method !== 'GET' && request.method !== 'HEAD') return reply(405, { error: 'method not allowed' });
  if (url.pathname === '/healthz') return state.isDraining() ? reply(503, { status: 'draining' }) : reply(200, { status: 'ok' });
  if (url.pathname === '/') return reply(200, { service: 'sample-service', version: state.version || 'unknown' });
  if (url.pathname === '/delay') {
    const ms = Math.min(Math.max(Number(url.searchParams.get('ms')) || 0, 0), MAX_DELAY_MS);
    setTimeout(() => reply(200, { delayedMs: ms }), ms);
    return undefined;
  }
  return reply(404, { error: 'not found' });
}

/**
 * @param {http.ServerResponse} response
 * @param {number} status
 * @param {unknown} body
 * @param {boolean} closing  while draining: the client must reconnect (to another task),
 *                           so the connection closes once this response is sent
 */
function json(response, status, body, closing) {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'Content-Type': 'application/json',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
    ...(closing ? { Connection: 'close' } : {}),
  });
  response.end(text);
}

module.exports = { createService, MAX_DELAY_MS };
