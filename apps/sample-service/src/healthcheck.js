'use strict';
/**
 * Container health check without curl (the runtime image has none):
 *   Docker:  HEALTHCHECK CMD ["node", "src/healthcheck.js"]
 *   ECS:     healthCheck.command ["CMD", "node", "/app/src/healthcheck.js"]
 * Exits 0 when GET /healthz on the local port answers 200 within 2 s, else 1.
 */
const http = require('node:http');

const request = http.get({ host: '127.0.0.1', port: Number(process.env.PORT) || 8080, path: '/healthz', timeout: 2000 }, (response) => {
  response.resume();
  process.exit(response.statusCode === 200 ? 0 : 1);
});
request.on('timeout', () => request.destroy(new Error('timeout')));
request.on('error', () => process.exit(1));
