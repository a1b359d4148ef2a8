// The HTTPS server itself: health endpoints, the generated certificate, TLS versions, routing
// errors (404/405), keep-alive, and robustness against slow or broken clients (handshake, header,
// body and idle timeouts, oversized headers, plain HTTP) while other clients are served promptly.
// Ends with a graceful SIGTERM shutdown.
'use strict';

const { describe, it, before, after } = require('node:test');
const assert = require('node:assert/strict');
const crypto = require('node:crypto');
const fs = require('node:fs');
const https = require('node:https');
const net = require('node:net');
const path = require('node:path');
const tls = require('node:tls');
const h = require('./harness');

const TEAM = 'T0E2E0001';
const TIMEOUT_S = 2;
const SLACK_MS = 2500; // allowed lateness beyond a configured timeout
const BODY_LIMIT = 64 * 1024;

describe('server', () => {
  let fake;
  let accord;

  before(async () => {
    fake = await h.startFakeSlack();
    accord = await h.startAccord({ fake, config: { server: {
      header_timeout: TIMEOUT_S, body_timeout: TIMEOUT_S, handshake_timeout: TIMEOUT_S, idle_timeout: TIMEOUT_S,
      body_limit: BODY_LIMIT } } });
  });

  after(async () => {
    if (accord) await accord.stop();
    if (fake) await fake.stop();
  });

  // A raw TLS connection; resolves once the handshake completed (or rejects).
  function tlsConnect(options = {}) {
    return new Promise((resolve, reject) => {
      const socket = tls.connect({ host: '127.0.0.1', port: accord.port, ca: accord.ca, servername: 'localhost', ...options });
      socket.once('secureConnect', () => resolve(socket));
      socket.once('error', reject);
    });
  }

  // Resolves the time (ms since `started`) at which `socket` closed, or null after `timeoutMs`.
  function closedWithin(socket, started, timeoutMs) {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        socket.destroy();
        resolve(null);
      }, timeoutMs);
      socket.on('error', () => {});
      socket.once('close', () => {
        clearTimeout(timer);
        resolve(Date.now() - started);
      });
    });
  }

  describe('health and certificate', () => {
    it('GET /healthz and /readyz answer 200', async () => {
      assert.equal((await accord.request({ path: '/healthz' })).status, 200);
      assert.equal((await accord.request({ path: '/readyz' })).status, 200);
    });

    it('the generated certificate is valid for 127.0.0.1 and localhost', async () => {
      const cert = new crypto.X509Certificate(accord.ca);
      assert.match(cert.subjectAltName || '', /IP Address:127\.0\.0\.1/);
      assert.match(cert.subjectAltName || '', /DNS:localhost/);
      assert.ok(new Date(cert.validTo) > new Date(Date.now() + 24 * 3600 * 1000), 'valid for at least a day');
      // Verified by name as well as by IP address.
      const res = await h.httpsRequest({ port: accord.port, ca: accord.ca, path: '/healthz', servername: 'localhost' });
      assert.equal(res.status, 200);
    });

    it('the generated private key is not readable by other users', () => {
      const mode = fs.statSync(path.join(accord.dataDir, 'tls', 'key.pem')).mode;
      assert.equal(mode & 0o077, 0, `key.pem mode is ${(mode & 0o777).toString(8)}`);
    });

    it('refuses TLS 1.1 and accepts TLS 1.2 and 1.3', async () => {
      await assert.rejects(tlsConnect({ minVersion: 'TLSv1', maxVersion: 'TLSv1.1', ciphers: 'DEFAULT@SECLEVEL=0' }),
        'a TLS 1.1 handshake must fail');
      for (const version of ['TLSv1.2', 'TLSv1.3']) {
        const socket = await tlsConnect({ minVersion: version, maxVersion: version });
        assert.equal(socket.getProtocol(), version);
        socket.destroy();
      }
    });
  });

  describe('routing', () => {
    it('an unknown path is 404', async () => {
      assert.equal((await accord.request({ path: '/no/such/path' })).status, 404);
      assert.equal((await accord.request({ method: 'POST', path: '/slack/nothing', body: 'x=1' })).status, 404);
    });

    it('GET on a Slack endpoint is 405', async () => {
      assert.equal((await accord.request({ path: '/slack/commands' })).status, 405);
      assert.equal((await accord.request({ path: '/slack/events' })).status, 405);
    });

    it('two requests on one keep-alive connection both succeed', async () => {
      const agent = new https.Agent({ keepAlive: true, maxSockets: 1 });
      try {
        const first = await accord.request({ path: '/healthz', agent });
        const body = h.slashCommandForm({ fake, user: 'U0KEEP001', channel: 'C0KEEP001', team: TEAM, text: 'help' })
          .toString();
        const ts = String(h.nowSeconds());
        const second = await accord.request({ method: 'POST', path: '/slack/commands', agent, body, headers: {
          'Content-Type': 'application/x-www-form-urlencoded', 'X-Slack-Request-Timestamp': ts,
          'X-Slack-Signature': h.sign(accord.secret, ts, body) } });
        assert.equal(first.status, 200);
        h.expectReply(second, 'ephemeral');
        assert.equal(second.reusedSocket, true, 'the second request reused the connection');
      } finally {
        agent.destroy();
      }
    });

    it('applies the configured body_limit', async () => {
      const event = (size) => JSON.stringify(h.eventCallback({ team: TEAM, event: {
        type: 'e2e_unknown_event', padding: 'p'.repeat(size), event_ts: `${h.nowSeconds()}.000100` } }));
      const under = await h.signedRequest(accord, '/slack/events', event(BODY_LIMIT - 2048), { contentType: 'application/json' });
      assert.equal(under.status, 200, under.body);
      const over = await h.signedRequest(accord, '/slack/events', event(BODY_LIMIT + 2048), { contentType: 'application/json' })
        .catch((e) => ({ status: `error ${e.message}` }));
      assert.equal(over.status, 413, over.body);
    });

    it('serves 40 concurrent signed commands', async () => {
      const started = Date.now();
      const results = await Promise.all(Array.from({ length: 40 }, (_, i) =>
        h.slashCommand(accord, { user: `U0CONC${String(i).padStart(3, '0')}`, channel: 'C0CONC001', team: TEAM, text: 'help' })));
      for (const res of results) h.expectReply(res, 'ephemeral');
      assert.ok(Date.now() - started < 5000, `took ${Date.now() - started} ms`);
    });
  });

  describe('slow and broken clients', () => {
    it('drops clients that stall mid request line, while serving others promptly', async () => {
      const started = Date.now();
      const stalled = await Promise.all([1, 2, 3, 4].map(() => tlsConnect()));
      const closed = stalled.map((socket) => {
        socket.write('POST /slack/comm');
        return closedWithin(socket, started, TIMEOUT_S * 1000 + SLACK_MS);
      });

      await h.sleep(300);
      const probe = await accord.request({ path: '/healthz' });
      assert.equal(probe.status, 200);
      assert.ok(probe.elapsedMs < 1000, `healthz took ${probe.elapsedMs} ms while clients stalled`);
      const command = await h.slashCommand(accord, { user: 'U0SLOW001', channel: 'C0SLOW001', team: TEAM, text: 'help' });
      h.expectReply(command, 'ephemeral');
      assert.ok(command.elapsedMs < 1000, `a command took ${command.elapsedMs} ms while clients stalled`);

      for (const after of await Promise.all(closed)) {
        assert.ok(after !== null, `a stalled client was not dropped within ${TIMEOUT_S} s + ${SLACK_MS} ms`);
        assert.ok(after >= 1000, `dropped after ${after} ms, before the header timeout`);
      }
    });

    it('drops a TCP client that never starts the TLS handshake', async () => {
      const started = Date.now();
      const socket = net.connect({ host: '127.0.0.1', port: accord.port });
      await new Promise((resolve, reject) => {
        socket.once('connect', resolve);
        socket.once('error', reject);
      });
      const after = await closedWithin(socket, started, TIMEOUT_S * 1000 + SLACK_MS);
      assert.ok(after !== null, `not dropped within ${TIMEOUT_S} s + ${SLACK_MS} ms`);
      assert.ok(after >= 1000, `dropped after ${after} ms, before the handshake timeout`);
      socket.destroy();
    });

    it('drops a client that sends only part of the body', async () => {
      const res = await h.rawTlsExchange({ port: accord.port, ca: accord.ca, timeoutMs: TIMEOUT_S * 1000 + SLACK_MS, chunks: [
        'POST /slack/commands HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/x-www-form-urlencoded\r\n' +
        `X-Slack-Request-Timestamp: ${h.nowSeconds()}\r\nX-Slack-Signature: v0=${'0'.repeat(64)}\r\n` +
        'Content-Length: 100\r\n\r\ntoken=abc', 60000] });
      assert.ok(res.closed, `not dropped within ${TIMEOUT_S} s + ${SLACK_MS} ms`);
      const status = h.rawStatus(res.data);
      assert.ok(status === null || status === 408 || status === 400, `unexpected answer: ${res.data.slice(0, 100)}`);
    });

    it('closes an idle keep-alive connection after idle_timeout', async () => {
      const res = await h.rawTlsExchange({ port: accord.port, ca: accord.ca, timeoutMs: 1000 + TIMEOUT_S * 1000 + SLACK_MS,
        chunks: ['GET /healthz HTTP/1.1\r\nHost: localhost\r\n\r\n', 60000] });
      assert.equal(h.rawStatus(res.data), 200, res.data.slice(0, 100));
      assert.ok(res.closed, `idle connection still open after ${res.elapsedMs} ms`);
    });

    it('refuses an oversized header block and keeps serving', async () => {
      const res = await h.rawTlsExchange({ port: accord.port, ca: accord.ca, timeoutMs: 5000, chunks: [
        `GET /healthz HTTP/1.1\r\nHost: localhost\r\nX-Padding: ${'p'.repeat(64 * 1024)}\r\n\r\n`] });
      const status = h.rawStatus(res.data);
      assert.ok(status === null ? res.closed : [400, 413, 431].includes(status),
        `expected 400/413/431 or a closed connection, got: ${res.data.slice(0, 100)}`);
      assert.equal((await accord.request({ path: '/healthz' })).status, 200);
    });

    for (const [name, head] of [
      ['Content-Length with Transfer-Encoding', 'Content-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n'],
      ['two different Content-Lengths', 'Content-Length: 5\r\nContent-Length: 6\r\n\r\nabcdef'],
    ]) {
      it(`refuses ambiguous message framing (${name}) with 400`, async () => {
        const res = await h.rawTlsExchange({ port: accord.port, ca: accord.ca, timeoutMs: 5000,
          chunks: [`POST /slack/events HTTP/1.1\r\nHost: localhost\r\n${head}`] });
        assert.equal(h.rawStatus(res.data), 400, res.data.slice(0, 100));
      });
    }

    it('does not serve plain HTTP on the TLS port', async () => {
      const socket = net.connect({ host: '127.0.0.1', port: accord.port });
      const started = Date.now();
      let data = '';
      socket.on('data', (d) => (data += d.toString('latin1')));
      socket.write('GET /healthz HTTP/1.1\r\nHost: localhost\r\n\r\n');
      const after = await closedWithin(socket, started, TIMEOUT_S * 1000 + SLACK_MS);
      socket.destroy();
      assert.ok(!/^HTTP\/1\.1 200/.test(data), 'plain HTTP must not be served');
      assert.ok(after !== null, 'the plain-HTTP connection is closed');
    });
  });

  describe('shutdown', () => {
    it('SIGTERM finishes the request in flight, refuses new connections and exits 0', async () => {
      const body = h.slashCommandForm({ fake, user: 'U0STOP001', channel: 'C0STOP001', team: TEAM, text: 'help' }).toString();
      const ts = String(h.nowSeconds());
      const head = 'POST /slack/commands HTTP/1.1\r\nHost: localhost\r\n' +
        'Content-Type: application/x-www-form-urlencoded\r\n' +
        `X-Slack-Request-Timestamp: ${ts}\r\nX-Slack-Signature: ${h.sign(accord.secret, ts, body)}\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n`;
      // Half the body now, the rest after the server was told to stop.
      const inFlight = h.rawTlsExchange({ port: accord.port, ca: accord.ca, timeoutMs: 8000,
        chunks: [head + body.slice(0, 20), 600, body.slice(20)] });
      await h.sleep(200);

      const started = Date.now();
      const stopped = accord.stop('SIGTERM', 10000);
      await h.sleep(200);
      await assert.rejects(h.httpsRequest({ port: accord.port, ca: accord.ca, path: '/healthz', timeoutMs: 2000 }),
        'a new connection during shutdown must be refused');

      const res = await inFlight;
      assert.equal(h.rawStatus(res.data), 200, `the request in flight was not answered: ${res.data.slice(0, 100)}`);
      assert.deepEqual(await stopped, { code: 0, signal: null });
      assert.ok(Date.now() - started < 5000, `shutdown took ${Date.now() - started} ms`);
    });
  });
});
