// A loopback HTTP proxy between the Microsoft 365 Agents Playground and the bot that sets the locale of
// the activities the playground sends. The playground (0.2.28) stamps every activity with locale en-US
// and a clientInfo entity saying en-US/US, with no setting to change it; Danish users of Teams send da-DK.
// Everything else passes through unchanged, both ways (the bot's answer, e.g. an invoke response, too).
'use strict';
const http = require('node:http');

const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'upgrade', 'proxy-connection', 'te', 'trailer', 'host', 'content-length']);

/** Sets `locale` (and clientInfo's locale and country) on a parsed activity; returns it. */
function relocalize(activity, locale) {
  if (activity === null || typeof activity !== 'object' || Array.isArray(activity)) return activity;
  if (typeof activity.locale === 'string') activity.locale = locale;
  if (Array.isArray(activity.entities)) {
    const country = locale.split('-')[1];
    for (const entity of activity.entities) {
      if (entity && entity.type === 'clientInfo') {
        if (typeof entity.locale === 'string') entity.locale = locale;
        if (typeof entity.country === 'string' && country) entity.country = country.toUpperCase();
      }
    }
  }
  return activity;
}

/**
 * Starts the proxy on host:0 (default 127.0.0.1).
 * @param {{ target: string, locale: string, host?: string }} options target: the bot's messaging endpoint
 * @returns {Promise<{ url: string, port: number, close: () => Promise<void> }>} url: the endpoint to give the playground
 */
function startLocaleProxy(options) {
  const target = new URL(options.target);
  const host = options.host || '127.0.0.1';
  const server = http.createServer((req, res) => {
    const chunks = [];
    req.on('data', (chunk) => chunks.push(chunk));
    req.on('end', () => {
      let body = Buffer.concat(chunks);
      if (body.length > 0 && /json/i.test(String(req.headers['content-type'] || ''))) {
        try {
          body = Buffer.from(JSON.stringify(relocalize(JSON.parse(body.toString('utf8')), options.locale)), 'utf8');
        } catch {
          // not JSON after all: pass it on as it is
        }
      }
      const headers = {};
      for (const [name, value] of Object.entries(req.headers)) if (!HOP_BY_HOP.has(name)) headers[name] = value;
      if (body.length > 0 || req.method === 'POST' || req.method === 'PUT') headers['content-length'] = String(body.length);
      const upstream = http.request(
        { protocol: target.protocol, hostname: target.hostname, port: target.port, method: req.method, path: req.url, headers },
        (answer) => {
          const back = {};
          for (const [name, value] of Object.entries(answer.headers)) if (!HOP_BY_HOP.has(name) || name === 'content-length') back[name] = value;
          res.writeHead(answer.statusCode || 502, back);
          answer.pipe(res);
        },
      );
      // The bot is down: drop the connection, as the bot itself would refuse it.
      upstream.on('error', () => req.socket.destroy());
      upstream.end(body);
    });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, host, () => {
      const { port } = server.address();
      resolve({
        url: `http://${host}:${port}${target.pathname}${target.search}`,
        port,
        close: () =>
          new Promise((done) => {
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
}

module.exports = { startLocaleProxy, relocalize };
