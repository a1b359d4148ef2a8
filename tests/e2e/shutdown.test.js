// Shutdown with the default timeouts (60 s idle, 10 s handshake, 10 s grace): connections that
// are only waiting — an idle keep-alive connection, a client that never starts its TLS handshake
// — must not hold the process, so a deploy's SIGTERM ends in well under the grace period.
'use strict';

const { describe, it } = require('node:test');
const assert = require('node:assert/strict');
const https = require('node:https');
const net = require('node:net');
const h = require('./harness');

describe('shutdown', () => {
  it('closes waiting connections at once and exits 0', async () => {
    const fake = await h.startFakeSlack();
    const accord = await h.startAccord({ fake });
    try {
      const agent = new https.Agent({ keepAlive: true, maxSockets: 1 });
      const first = await h.httpsRequest({ port: accord.port, ca: accord.ca, path: '/healthz', agent });
      assert.equal(first.status, 200);
      const silent = net.connect(accord.port, '127.0.0.1');
      silent.on('error', () => {});
      await new Promise((resolve) => silent.once('connect', resolve));

      const started = Date.now();
      const exit = await accord.stop('SIGTERM', 15000);
      const took = Date.now() - started;
      agent.destroy();
      silent.destroy();
      assert.deepEqual(exit, { code: 0, signal: null });
      assert.ok(took < 3000, `shutdown took ${took} ms with only idle connections open`);
    } finally {
      await accord.stop();
      await fake.stop();
    }
  });
});
