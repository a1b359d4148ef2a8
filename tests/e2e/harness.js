// Harness for Accord's end-to-end tests: starts the real `accord serve` binary on loopback with TLS,
// a fake Slack Web API (HTTPS, own CA) that records every call, and talks to Accord the way Slack does
// (signed slash commands, interactivity payloads, Events API). Node.js built-ins only; Node 18+.
//
// Run by hand:  ACCORD_BIN=build/bot/accord node --test tests/e2e/
// (or under ctest: `ctest -R e2e`). ACCORD_E2E_KEEP=1 keeps the temporary data directories.
'use strict';

const assert = require('node:assert/strict');
const childProcess = require('node:child_process');
const crypto = require('node:crypto');
const fs = require('node:fs');
const https = require('node:https');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');
const tls = require('node:tls');

const ACCORD_BIN = process.env.ACCORD_BIN || '/work/main/build/bot/accord';
const BOT_TOKEN = 'xoxb-test-token';
const CONFORMANCE_DIR = path.resolve(__dirname, '../../../shared/conformance/slack');

// ---------------------------------------------------------------------------------------------
// Small utilities: temp dirs, ports, waiting.

const tempDirs = [];
const children = new Set();

process.on('exit', () => {
  for (const child of children) {
    try {
      child.kill('SIGKILL');
    } catch {
      // already gone
    }
  }
  if (process.env.ACCORD_E2E_KEEP) return;
  for (const dir of tempDirs) fs.rmSync(dir, { recursive: true, force: true });
});

function makeTempDir(prefix = 'accord-e2e-') {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  tempDirs.push(dir);
  return dir;
}

// A port that was free a moment ago (listen on 0, read it, close).
function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// Polls `predicate` (sync or async) until it returns something truthy; returns that value.
async function waitFor(predicate, timeoutMs = 5000, { intervalMs = 25, message } = {}) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await predicate();
    if (value) return value;
    if (Date.now() >= deadline) {
      const what = typeof message === 'function' ? message() : message;
      throw new Error(`waitFor: condition not met within ${timeoutMs} ms${what ? `: ${what}` : ''}`);
    }
    await sleep(intervalMs);
  }
}

let uniqueCounter = 0;
function unique(prefix = '') {
  uniqueCounter += 1;
  return `${prefix}${process.pid}x${uniqueCounter}x${crypto.randomBytes(3).toString('hex')}`;
}

// ---------------------------------------------------------------------------------------------
// Signing, exactly as Slack does it.

function sign(secret, ts, body) {
  return 'v0=' + crypto.createHmac('sha256', secret).update(`v0:${ts}:`).update(body).digest('hex');
}

const nowSeconds = () => Math.floor(Date.now() / 1000);

// ---------------------------------------------------------------------------------------------
// HTTPS client helpers.

// One HTTPS request to 127.0.0.1:port, verifying the server against `ca`. Header values may be
// arrays (sent as repeated header lines). Resolves {status, headers, body, json, elapsedMs, ...}.
function httpsRequest({ port, ca, method = 'GET', path: reqPath = '/', headers = {}, body, agent,
  servername, timeoutMs = 10000, host = '127.0.0.1', localAddress }) {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const payload = body === undefined ? undefined : Buffer.isBuffer(body) ? body : Buffer.from(body);
    const allHeaders = { ...headers };
    if (payload !== undefined && !Object.keys(allHeaders).some((h) => h.toLowerCase() === 'content-length')) {
      allHeaders['Content-Length'] = payload.length;
    }
    const req = https.request({
      host, port, method, path: reqPath, headers: allHeaders, ca, servername, localAddress,
      agent: agent === undefined ? false : agent,
    }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('error', reject);
      res.on('end', () => {
        const raw = Buffer.concat(chunks);
        const text = raw.toString('utf8');
        let json;
        if (/application\/json/i.test(res.headers['content-type'] || '')) {
          try {
            json = JSON.parse(text);
          } catch {
            json = undefined;
          }
        }
        resolve({
          status: res.statusCode, headers: res.headers, body: text, raw, json,
          elapsedMs: Date.now() - started, reusedSocket: req.reusedSocket,
        });
      });
    });
    req.setTimeout(timeoutMs, () => req.destroy(new Error(`request timed out after ${timeoutMs} ms`)));
    req.on('error', reject);
    if (payload !== undefined) req.write(payload);
    req.end();
  });
}

// Opens a TLS connection (verified against `ca`), writes `chunks` (strings/Buffers, written in order;
// numbers are pauses in ms), collects everything received until the server closes or `timeoutMs`.
// Never rejects: resolves {data, closed, error, elapsedMs, closedAfterMs}.
function rawTlsExchange({ port, ca, chunks = [], timeoutMs = 10000 }) {
  return new Promise((resolve) => {
    const started = Date.now();
    const received = [];
    let error = null;
    let settled = false;
    const socket = tls.connect({ host: '127.0.0.1', port, ca, servername: 'localhost' });
    const finish = (closed) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      resolve({
        data: Buffer.concat(received).toString('latin1'), closed, error,
        elapsedMs: Date.now() - started, closedAfterMs: closed ? Date.now() - started : null,
      });
    };
    const timer = setTimeout(() => finish(false), timeoutMs);
    socket.on('data', (d) => received.push(d));
    socket.on('error', (e) => {
      error = e;
    });
    socket.on('close', () => finish(true));
    socket.once('secureConnect', async () => {
      for (const chunk of chunks) {
        if (settled || socket.destroyed) break;
        if (typeof chunk === 'number') {
          // unref: a pause must not keep the test process alive once the socket is gone
          await new Promise((r) => setTimeout(r, chunk).unref());
        } else {
          await new Promise((r) => (socket.write(chunk) ? r() : socket.once('drain', r)));
        }
      }
    });
  });
}

// Status code of the first HTTP response in raw bytes (or null).
function rawStatus(data) {
  const m = /^HTTP\/1\.[01] (\d{3})/.exec(data);
  return m ? Number(m[1]) : null;
}

// ---------------------------------------------------------------------------------------------
// Certificates for the fake Slack: a throwaway CA and a leaf for 127.0.0.1/localhost.

function makeCertificates(dir) {
  const run = (args) => childProcess.execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
  run(['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', '/CN=Accord e2e fake CA',
    '-keyout', 'ca.key', '-out', 'ca.pem',
    '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign']);
  run(['req', '-newkey', 'rsa:2048', '-nodes', '-subj', '/CN=localhost', '-keyout', 'key.pem', '-out', 'leaf.csr']);
  fs.writeFileSync(path.join(dir, 'leaf.ext'), [
    'basicConstraints=critical,CA:FALSE',
    'keyUsage=critical,digitalSignature,keyEncipherment',
    'extendedKeyUsage=serverAuth',
    'subjectAltName=IP:127.0.0.1,DNS:localhost',
    '',
  ].join('\n'));
  run(['x509', '-req', '-in', 'leaf.csr', '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial',
    '-days', '2', '-sha256', '-extfile', 'leaf.ext', '-out', 'cert.pem']);
  return {
    caFile: path.join(dir, 'ca.pem'),
    cert: fs.readFileSync(path.join(dir, 'cert.pem')),
    key: fs.readFileSync(path.join(dir, 'key.pem')),
  };
}

// ---------------------------------------------------------------------------------------------
// The fake Slack Web API.

// Does a scripted failure rule ("chat.postMessage" or {method, channel}) match this call?
function ruleMatches(rule, method, body) {
  if (!rule) return false;
  if (typeof rule === 'string') return rule === method;
  if (rule.method !== method) return false;
  if (rule.channel && (!body || body.channel !== rule.channel)) return false;
  return true;
}

function parseBody(contentType, raw) {
  const text = raw.toString('utf8');
  if (/application\/json/i.test(contentType || '')) {
    try {
      return JSON.parse(text);
    } catch {
      return { __invalid_json: text };
    }
  }
  if (/x-www-form-urlencoded/i.test(contentType || '')) {
    const form = Object.fromEntries(new URLSearchParams(text));
    for (const key of ['view', 'blocks', 'attachments', 'metadata']) {
      if (typeof form[key] === 'string') {
        try {
          form[key] = JSON.parse(form[key]);
        } catch {
          // leave as text
        }
      }
    }
    return form;
  }
  return text;
}

// oauth.v2.access as Slack answers it (shape of conformance/slack/oauth_v2_access_response.json):
// the app's credentials in HTTP Basic auth, a form body with a one-time `code` (or a single-use
// refresh token with grant_type=refresh_token).
function oauthAccess(fake, req, body) {
  const client = fake.options.oauthClient || {};
  const basic = /^Basic (.+)$/.exec(req.headers.authorization || '');
  const [id, secret] = basic ? Buffer.from(basic[1], 'base64').toString('utf8').split(':') : [];
  if (id !== client.id) return { ok: false, error: 'invalid_client_id' };
  if (secret !== client.secret) return { ok: false, error: 'bad_client_secret' };
  if (!/x-www-form-urlencoded/i.test(req.headers['content-type'] || '')) return { ok: false, error: 'invalid_form_data' };
  const b = body && typeof body === 'object' ? body : {};
  let entry;
  let token;
  if (b.grant_type === 'refresh_token') {
    entry = fake.refreshTokens.get(b.refresh_token);
    if (!entry) return { ok: false, error: 'invalid_refresh_token' };
    fake.refreshTokens.delete(b.refresh_token);
    entry.refreshes = (entry.refreshes || 0) + 1;
    token = `${entry.token}-r${entry.refreshes}`;
  } else {
    entry = (fake.options.oauth || {})[b.code];
    if (!entry || entry.used) return { ok: false, error: 'invalid_code' };
    entry.used = true;
    token = entry.token;
  }
  fake.issuedTokens.add(token);
  const answer = {
    ok: true, access_token: token, token_type: 'bot', scope: entry.scope || 'commands,chat:write,users:read,im:write',
    bot_user_id: entry.botUser || 'U0BOT0001', app_id: 'A0E2E0001',
    team: { name: entry.teamName || entry.team, id: entry.team }, enterprise: null, is_enterprise_install: false,
    authed_user: { id: entry.installer || 'U0INSTALL' },
  };
  if (entry.expiresIn) {
    const refreshToken = `xoxe-1-${crypto.randomBytes(12).toString('hex')}`;
    fake.refreshTokens.set(refreshToken, entry);
    const expiresIn = entry.refreshes ? (entry.refreshedExpiresIn || entry.expiresIn) : entry.expiresIn;
    Object.assign(answer, { refresh_token: refreshToken, expires_in: expiresIn });
  }
  return answer;
}

// Options (all may be changed later through `fake.options`):
//   rateLimitOnce: 'chat.postMessage' | {method, channel[, retryAfter]}
//                                                           — first matching call answers 429, Retry-After: 1 (or retryAfter)
//   status500Once: same form                                — first matching call answers HTTP 500
//   status500Always: same form                              — every matching call answers HTTP 500
//   hangOnce: same form                                     — first matching call is never answered
//   hang: same form                                         — every matching call is never answered
//   userTimezones: {userId: 'America/New_York'}             — users.info `tz` (default Europe/Berlin)
//   userNames: {userId: 'Dana Reyes'}                       — users.info display and real name
//   failWith: {method, error[, channel]}                    — every matching call answers ok:false
//   oauthClient: {id, secret}                               — the app credentials oauth.v2.access expects (Basic auth)
//   oauth: {'code-a': {team, token[, teamName, botUser, installer, scope, expiresIn, refreshedExpiresIn]}, ...}
//                                                           — install codes oauth.v2.access accepts, once each; the
//                                                             token it hands out is then valid for Web API calls;
//                                                             with expiresIn, token rotation: a refresh_token too, and
//                                                             grant_type=refresh_token mints `${token}-r<n>` (single-use)
// Every call records the token it used as `call.token`.
async function startFakeSlack(options = {}) {
  const dir = makeTempDir('accord-e2e-fake-');
  const { caFile, cert, key } = makeCertificates(dir);
  const calls = [];
  const fake = { calls, options: { ...options }, caFile, dir, issuedTokens: new Set(), refreshTokens: new Map(),
    hung: new Set() };
  let tsCounter = 0;

  const server = https.createServer({ cert, key }, (req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks);
      const url = new URL(req.url, 'https://127.0.0.1');
      const body = parseBody(req.headers['content-type'], raw);
      const apiMatch = /^\/api\/([A-Za-z0-9_.]+)$/.exec(url.pathname);
      const call = {
        path: url.pathname, query: url.search, method: apiMatch ? apiMatch[1] : null, httpMethod: req.method,
        headers: req.headers, rawBody: raw.toString('utf8'), body, at: Date.now(), status: 200, response: null,
      };
      calls.push(call);
      const reply = (status, payload, extraHeaders = {}) => {
        call.status = status;
        call.response = payload;
        const isText = typeof payload === 'string';
        res.writeHead(status, {
          'Content-Type': isText ? 'text/plain; charset=utf-8' : 'application/json; charset=utf-8',
          ...extraHeaders,
        });
        res.end(isText ? payload : JSON.stringify(payload));
      };

      if (url.pathname.startsWith('/hooks/')) {
        if (req.method !== 'POST') return reply(405, 'method_not_allowed');
        return reply(200, 'ok');
      }
      if (!apiMatch) return reply(404, 'not found');
      const method = apiMatch[1];
      const o = fake.options;
      if (ruleMatches(o.hang, method, body)) {
        // Never answers any matching call (a Slack that stalls); dropped at stop.
        call.status = 'hung';
        fake.hung.add(res);
        return undefined;
      }
      if (method === 'oauth.v2.access') return reply(200, oauthAccess(fake, req, body));
      const formToken = body && typeof body === 'object' ? body.token : undefined;
      const bearer = /^Bearer (.+)$/.exec(req.headers.authorization || '');
      call.token = bearer ? bearer[1] : formToken;
      call.authorized = call.token === BOT_TOKEN || fake.issuedTokens.has(call.token);
      if (!call.authorized) return reply(200, { ok: false, error: 'invalid_auth' });

      if (ruleMatches(o.rateLimitOnce, method, body)) {
        const retryAfter = String((o.rateLimitOnce && o.rateLimitOnce.retryAfter) || 1);
        o.rateLimitOnce = null;
        return reply(429, { ok: false, error: 'ratelimited' }, { 'Retry-After': retryAfter });
      }
      // A storm: the next `times` matching calls are refused with 429 and Retry-After.
      if (o.rateLimitStorm && o.rateLimitStorm.times > 0 && ruleMatches(o.rateLimitStorm.rule, method, body)) {
        o.rateLimitStorm.times -= 1;
        return reply(429, { ok: false, error: 'ratelimited' }, { 'Retry-After': String(o.rateLimitStorm.retryAfter || 1) });
      }
      if (ruleMatches(o.hangOnce, method, body)) {
        // Never answers this call (a Slack that stalls); the connection is dropped much later.
        o.hangOnce = null;
        call.status = 'hung';
        setTimeout(() => res.destroy(), 30000).unref();
        return undefined;
      }
      if (ruleMatches(o.status500Once, method, body)) {
        o.status500Once = null;
        return reply(500, 'internal error');
      }
      if (ruleMatches(o.status500Always, method, body)) return reply(500, 'internal error');
      if (o.failWith && ruleMatches(o.failWith.channel ? o.failWith : o.failWith.method, method, body)) {
        return reply(200, { ok: false, error: o.failWith.error });
      }

      const b = body && typeof body === 'object' ? body : {};
      switch (method) {
        case 'conversations.open':
          return reply(200, { ok: true, channel: { id: 'D' + String(b.users || '').replace(/,/g, '') } });
        case 'chat.postMessage': {
          tsCounter += 1;
          const ts = `${1700000000 + tsCounter}.000100`;
          return reply(200, { ok: true, channel: b.channel, ts, message: { type: 'message', text: b.text, ts } });
        }
        case 'chat.update':
          return reply(200, { ok: true, channel: b.channel, ts: b.ts, text: b.text });
        case 'chat.postEphemeral':
          return reply(200, { ok: true, message_ts: `${1700000000 + tsCounter}.000200` });
        case 'views.publish':
          return reply(200, { ok: true, view: { id: 'VE2E0001', type: 'home' } });
        case 'views.open':
          return reply(200, { ok: true, view: { id: unique('V'), type: 'modal' } });
        case 'users.info':
        {
          // A read method: the argument comes as a form field, never JSON (reference/slack.md §5).
          if (!/x-www-form-urlencoded/.test(req.headers['content-type'] || '')) {
            return reply(200, { ok: false, error: 'invalid_arguments' });
          }
          const user = b.user;
          const tz = (o.userTimezones && o.userTimezones[user]) || 'Europe/Berlin';
          const name = (o.userNames && o.userNames[user]) || '';
          return reply(200, { ok: true, user: { id: user, tz, tz_offset: 0, is_bot: false, real_name: name,
            profile: { display_name: name, real_name: name } } });
        }
        case 'auth.test':
          return reply(200, { ok: true, team_id: 'T0E2E0001', user_id: 'U0BOT0001', bot_id: 'B0BOT0001' });
        default:
          return reply(200, { ok: false, error: 'unknown_method' });
      }
    });
  });

  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  fake.port = server.address().port;
  fake.apiBase = `https://127.0.0.1:${fake.port}/api`;
  // A fresh response_url for one payload.
  fake.hookUrl = (name = unique('hook')) => `https://127.0.0.1:${fake.port}/hooks/${name}`;
  fake.apiCalls = (method) => calls.filter((c) => c.method === method);
  fake.hookCalls = (url) => calls.filter((c) => url === `https://127.0.0.1:${fake.port}${c.path}`);
  fake.stop = () => new Promise((resolve) => {
    for (const res of fake.hung) res.destroy();
    if (server.closeAllConnections) server.closeAllConnections();
    server.close(() => resolve());
  });
  return fake;
}

// ---------------------------------------------------------------------------------------------
// A throwaway PostgreSQL cluster (tests/postgresql/cluster.sh): {url, stop()}.

function startPostgresql() {
  const script = path.join(__dirname, '..', 'postgresql', 'cluster.sh');
  const dir = makeTempDir('accord-e2e-pg-');
  fs.chmodSync(dir, 0o755);  // the cluster's owner is unprivileged when tests run as root
  const url = childProcess.execFileSync(script, ['start', dir], { encoding: 'utf8' }).trim().split('\n').pop();
  return { url, stop: () => childProcess.execFileSync(script, ['stop', dir], { stdio: 'ignore' }) };
}

// ---------------------------------------------------------------------------------------------
// The accord binary.

function toToml(config) {
  if (typeof config === 'string') return config;
  const lines = [];
  for (const [section, values] of Object.entries(config)) {
    lines.push(`[${section}]`);
    for (const [k, v] of Object.entries(values)) lines.push(`${k} = ${JSON.stringify(v)}`);
    lines.push('');
  }
  return lines.join('\n');
}

function checkBinary() {
  if (!fs.existsSync(ACCORD_BIN)) {
    throw new Error(`accord binary not found at ${ACCORD_BIN} (build it, or set ACCORD_BIN)`);
  }
}

// Runs an accord CLI command to completion. Resolves {code, signal, stdout, stderr, elapsedMs}.
function runAccord(args, { env = {}, timeoutMs = 15000 } = {}) {
  checkBinary();
  return new Promise((resolve) => {
    const started = Date.now();
    const child = childProcess.spawn(ACCORD_BIN, args, {
      env: { PATH: process.env.PATH, HOME: os.tmpdir(), ...env }, stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.add(child);
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      children.delete(child);
      resolve({ code, signal, stdout, stderr, timedOut, elapsedMs: Date.now() - started });
    });
  });
}

// Makes `user` leadership of project `project` (its id) the way the server's operator does, with
// `accord role grant-leadership` on the running server's database: a pm cannot.
async function grantLeadership(accord, user, project = 1) {
  const r = await runAccord(['role', 'grant-leadership', '--project', String(project), '--user', user],
    { env: { ACCORD_DATA_DIR: accord.dataDir,
      ...(accord.env.ACCORD_TEST_CLOCK ? { ACCORD_TEST_CLOCK: accord.env.ACCORD_TEST_CLOCK } : {}) } });
  if (r.code !== 0) throw new Error(`grant-leadership failed (exit ${r.code}): ${r.stdout}${r.stderr}`);
  return r;
}

// Starts `accord serve` against `fake`. Options:
//   env: extra/overriding environment; config: TOML text or {section: {key: value}};
//   dataDir: reuse a data directory (restart); secret: signing secret; port: listen port;
//   ca, servername: how to verify a configured certificate (default: the generated one, as is).
// A port chosen here may be taken by another test file running alongside before accord binds it:
// then accord exits with "Address already in use" and it is started again on another port.
async function startAccord(options = {}) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await startAccordOnce(options);
    } catch (e) {
      if (options.port || attempt >= 3 || !/already in use/i.test(e.message)) throw e;
    }
  }
}

async function startAccordOnce({ fake, env = {}, config, dataDir, secret, port, ca: tlsCa, servername } = {}) {
  checkBinary();
  dataDir = dataDir || makeTempDir('accord-e2e-data-');
  secret = secret || `e2e-secret-${crypto.randomBytes(8).toString('hex')}`;
  port = port || await freePort();
  const args = ['serve'];
  if (config) {
    const configFile = path.join(makeTempDir('accord-e2e-config-'), 'accord.toml');
    fs.writeFileSync(configFile, toToml(config));
    args.push('--config', configFile);
  }
  const fullEnv = {
    ACCORD_LISTEN: `127.0.0.1:${port}`,
    ACCORD_DATA_DIR: dataDir,
    ACCORD_TLS: 'on',
    ACCORD_SLACK_SIGNING_SECRET: secret,
    ACCORD_SLACK_BOT_TOKEN: BOT_TOKEN,
    ...(fake ? { ACCORD_SLACK_API_BASE: fake.apiBase, ACCORD_EXTRA_CA_FILE: fake.caFile } : {}),
    ...env,
  };
  const child = childProcess.spawn(ACCORD_BIN, args, {
    env: { PATH: process.env.PATH, HOME: os.tmpdir(), ...fullEnv }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  const exited = new Promise((resolve) => {
    child.on('exit', (code, signal) => {
      children.delete(child);
      resolve({ code, signal });
    });
  });
  let exitInfo = null;
  exited.then((info) => (exitInfo = info));

  const accord = {
    port, dataDir, secret, env: fullEnv, proc: child, fake, exited, ca: null,
    output: () => output,
    get running() {
      return exitInfo === null;
    },
  };

  // Ready when GET /readyz answers 200 over TLS verified against the generated certificate.
  const certPath = path.join(dataDir, 'tls', 'cert.pem');
  const deadline = Date.now() + 15000;
  let lastError = 'no attempt';
  for (;;) {
    if (exitInfo) {
      throw new Error(`accord exited before becoming ready (code ${exitInfo.code}, signal ${exitInfo.signal})\n` +
        `--- output ---\n${output}`);
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`accord did not become ready within 15 s (last: ${lastError})\n--- output ---\n${output}`);
    }
    try {
      if (tlsCa || fs.existsSync(certPath)) {
        const ca = tlsCa || fs.readFileSync(certPath);
        const res = await httpsRequest({ port, ca, servername, path: '/readyz', timeoutMs: 1000 });
        if (res.status === 200) {
          accord.ca = ca;
          break;
        }
        lastError = `GET /readyz -> ${res.status}`;
      } else {
        lastError = `${certPath} does not exist yet`;
      }
    } catch (e) {
      lastError = e.message;
    }
    await sleep(50);
  }

  accord.request = (opts) => httpsRequest({ port, ca: accord.ca, servername, ...opts });
  // The test clock's time (ms) when ACCORD_TEST_CLOCK is set; advanceClock keeps it in step.
  if (fullEnv.ACCORD_TEST_CLOCK) accord.testNow = Date.parse(fullEnv.ACCORD_TEST_CLOCK);
  accord.advanceClock = async (seconds) => {
    const res = await accord.request({
      method: 'POST', path: '/test/clock', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ advance_seconds: seconds }),
    });
    if (res.status !== 200) throw new Error(`POST /test/clock -> ${res.status}: ${res.body}`);
    const answer = JSON.parse(res.body);
    accord.testNow = Date.parse(answer.now);
    return answer.now;
  };

  // SIGTERM (or `signal`) and wait for exit; resolves {code, signal}. Safe to call twice.
  accord.stop = async (signal = 'SIGTERM', timeoutMs = 8000) => {
    if (exitInfo) return exitInfo;
    child.kill(signal);
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    const info = await exited;
    clearTimeout(timer);
    // Under a sanitizer build (.ci/run runs one), any report fails the suite that started it.
    const report = output.match(/ERROR: \w+Sanitizer[^\n]*|runtime error:[^\n]*/);
    if (report) throw new Error(`sanitizer report from accord: ${report[0]}\n--- output ---\n${output}`);
    return info;
  };
  return accord;
}

// ---------------------------------------------------------------------------------------------
// Requests shaped like Slack's.

// Signs `body` and POSTs it. opts: contentType, ts, secret (defaults to accord's), signature
// (override), omit: ['signature', 'timestamp'], headers (extra), method.
function signedRequest(accord, reqPath, body, opts = {}) {
  // On a test clock the server checks freshness against its own time: sign with it.
  const now = accord.testNow === undefined ? nowSeconds() : Math.floor(accord.testNow / 1000);
  const ts = String(opts.ts === undefined ? now : opts.ts);
  const secret = opts.secret === undefined ? accord.secret : opts.secret;
  const omit = opts.omit || [];
  const headers = { 'Content-Type': opts.contentType || 'application/x-www-form-urlencoded' };
  if (!omit.includes('timestamp')) headers['X-Slack-Request-Timestamp'] = ts;
  if (!omit.includes('signature')) {
    headers['X-Slack-Signature'] = opts.signature === undefined ? sign(secret, ts, body) : opts.signature;
  }
  Object.assign(headers, opts.headers || {});
  return accord.request({ method: opts.method || 'POST', path: reqPath, headers, body });
}

// The form fields Slack sends with a slash command (order and names as in Slack's signing example).
function slashCommandForm({ fake, user = 'U0E2E0001', channel = 'C0E2E0001', team = 'T0E2E0001', text = '',
  responseUrl } = {}) {
  return new URLSearchParams([
    ['token', 'xyzz0WbapA4vBCDEFasx0q6G'],
    ['team_id', team],
    ['team_domain', 'accord-e2e'],
    ['channel_id', channel],
    ['channel_name', 'e2e-' + channel.toLowerCase()],
    ['user_id', user],
    ['user_name', 'user-' + user.toLowerCase()],
    ['command', '/accord'],
    ['text', text],
    ['api_app_id', 'A0E2E0001'],
    ['is_enterprise_install', 'false'],
    ['response_url', responseUrl || (fake ? fake.hookUrl() : 'https://hooks.slack.com/commands/T0E2E0001/1/x')],
    // Unique per interaction, as Slack's are (shape of the documented example).
    ['trigger_id', `${Date.now()}.47445629121.${crypto.randomBytes(16).toString('hex')}`],
  ]);
}

// Sends a signed `/accord <text>` as `user` in `channel`. Resolves the HTTP response.
function slashCommand(accord, { user, channel, team, text, responseUrl } = {}) {
  const body = slashCommandForm({ fake: accord.fake, user, channel, team, text, responseUrl }).toString();
  return signedRequest(accord, '/slack/commands', body);
}

// Slack's action_ts: epoch seconds with microseconds, distinct for every click.
let lastActionMicros = 0;
function actionTs() {
  lastActionMicros = Math.max(lastActionMicros + 1, Date.now() * 1000);
  return `${Math.floor(lastActionMicros / 1e6)}.${String(lastActionMicros % 1e6).padStart(6, '0')}`;
}

// A block_actions payload based on Slack's documented example, for a button click.
function blockActionsPayload({ user = 'U0E2E0001', channel = 'C0E2E0001', team = 'T0E2E0001', actionId,
  value, responseUrl, label = 'Button' }) {
  const base = JSON.parse(fs.readFileSync(path.join(CONFORMANCE_DIR, 'block_actions_message.json'), 'utf8'));
  base.team = { id: team, domain: 'accord-e2e' };
  base.user = { id: user, username: 'user-' + user.toLowerCase(), name: 'user-' + user.toLowerCase(), team_id: team };
  base.api_app_id = 'A0E2E0001';
  base.container = { type: 'message', message_ts: '1700000000.000100', channel_id: channel, is_ephemeral: true };
  base.channel = { id: channel, name: 'e2e-' + channel.toLowerCase() };
  delete base.message; // clicks on ephemeral messages carry no `message`
  base.response_url = responseUrl;
  base.actions = [{
    action_id: actionId, block_id: 'accord-e2e-block', type: 'button', value,
    text: { type: 'plain_text', text: label, emoji: true }, action_ts: actionTs(),
  }];
  return base;
}

function interactiveBody(payload) {
  return new URLSearchParams([['payload', JSON.stringify(payload)]]).toString();
}

function eventCallback({ eventId = unique('Ev'), team = 'T0E2E0001', event }) {
  return {
    token: 'Jhj5dZrVaK7ZwHHjRyZWjbDl', team_id: team, api_app_id: 'A0E2E0001', event,
    type: 'event_callback', event_id: eventId, event_time: nowSeconds(),
    authorizations: [{ enterprise_id: null, team_id: team, user_id: 'U0BOT0001', is_bot: true,
      is_enterprise_install: false }],
    is_ext_shared_channel: false,
  };
}

function readConformance(name) {
  return fs.readFileSync(path.join(CONFORMANCE_DIR, name), 'utf8');
}

// ---------------------------------------------------------------------------------------------
// Reading Block Kit replies.

function textOf(obj) {
  if (!obj) return '';
  if (typeof obj === 'string') return obj;
  return obj.text || obj.alt_text || '';
}

// Flattens a Block Kit message/view (header, section text and fields, context elements, button
// labels) into one string for loose assertions. The top-level `text` fallback is NOT included.
function replyText(json) {
  const parts = [];
  for (const block of (json && json.blocks) || []) {
    switch (block.type) {
      case 'header':
        parts.push(textOf(block.text));
        break;
      case 'section':
        parts.push(textOf(block.text));
        for (const f of block.fields || []) parts.push(textOf(f));
        if (block.accessory) parts.push(textOf(block.accessory.text));
        break;
      case 'context':
        for (const e of block.elements || []) parts.push(textOf(e));
        break;
      case 'actions':
        for (const e of block.elements || []) parts.push(textOf(e.text));
        break;
      default:
        parts.push(textOf(block.text));
    }
  }
  return parts.filter(Boolean).join('\n');
}

// All buttons of a Block Kit message.
function buttonsOf(json) {
  const buttons = [];
  for (const block of (json && json.blocks) || []) {
    if (block.type === 'actions') buttons.push(...(block.elements || []).filter((e) => e.type === 'button'));
    if (block.accessory && block.accessory.type === 'button') buttons.push(block.accessory);
  }
  return buttons;
}

// Asserts a Block Kit block list respects Slack's limits (reference/slack.md §6).
function assertValidBlocks(blocks, { maxBlocks = 50 } = {}) {
  assert.ok(Array.isArray(blocks), 'blocks must be an array');
  assert.ok(blocks.length >= 1 && blocks.length <= maxBlocks, `1..${maxBlocks} blocks, got ${blocks.length}`);
  const blockIds = new Set();
  for (const block of blocks) {
    if (block.block_id !== undefined) {
      assert.ok(block.block_id.length <= 255, 'block_id <= 255');
      assert.ok(!blockIds.has(block.block_id), `duplicate block_id ${block.block_id}`);
      blockIds.add(block.block_id);
    }
    switch (block.type) {
      case 'header':
        assert.equal(block.text.type, 'plain_text', 'header text must be plain_text');
        assert.ok(block.text.text.length >= 1 && block.text.text.length <= 150, 'header text 1..150 chars');
        break;
      case 'section':
        assert.ok(block.text || block.fields, 'section needs text or fields');
        if (block.text) {
          assert.ok(['mrkdwn', 'plain_text'].includes(block.text.type), 'section text type');
          assert.ok(block.text.text.length >= 1 && block.text.text.length <= 3000, 'section text 1..3000 chars');
        }
        if (block.fields) {
          assert.ok(block.fields.length <= 10, 'at most 10 fields');
          for (const f of block.fields) assert.ok(f.text.length >= 1 && f.text.length <= 2000, 'field 1..2000 chars');
        }
        break;
      case 'context':
        assert.ok(block.elements.length >= 1 && block.elements.length <= 10, 'context 1..10 elements');
        break;
      case 'actions': {
        assert.ok(block.elements.length >= 1 && block.elements.length <= 25, 'actions 1..25 elements');
        const ids = new Set();
        for (const e of block.elements) {
          if (e.type !== 'button') continue;
          assert.equal(e.text.type, 'plain_text', 'button text must be plain_text');
          assert.ok(e.text.text.length >= 1 && e.text.text.length <= 75, 'button text 1..75 chars');
          assert.ok(e.action_id && e.action_id.length <= 255, 'button action_id 1..255 chars');
          assert.ok(!ids.has(e.action_id), `duplicate action_id ${e.action_id} in one block`);
          ids.add(e.action_id);
          if (e.value !== undefined) assert.ok(e.value.length <= 2000, 'button value <= 2000 chars');
          if (e.style !== undefined) assert.ok(['primary', 'danger'].includes(e.style), 'button style');
        }
        break;
      }
      case 'divider':
        break;
      default:
        // other block types are allowed; nothing to check here
        break;
    }
  }
}

// Checks a slash-command reply: 200, JSON, the expected response_type, a fallback text and valid
// blocks. Returns {json, text} where text = replyText(json).
function expectReply(res, responseType) {
  assert.equal(res.status, 200, `expected 200, got ${res.status}: ${res.body}`);
  assert.ok(res.elapsedMs < 3000, `answered in ${res.elapsedMs} ms; Slack gives up after 3 s`);
  assert.match(res.headers['content-type'] || '', /^application\/json/i, 'reply Content-Type');
  assert.ok(res.json, `reply is not JSON: ${res.body}`);
  if (responseType) {
    assert.equal(res.json.response_type, responseType,
      `expected response_type ${responseType}: ${replyText(res.json) || res.body}`);
  }
  assert.equal(typeof res.json.text, 'string', 'fallback text must be a string');
  assert.ok(res.json.text.length > 0, 'fallback text must not be empty');
  assertValidBlocks(res.json.blocks);
  return { json: res.json, text: replyText(res.json) };
}

module.exports = {
  ACCORD_BIN, BOT_TOKEN, CONFORMANCE_DIR,
  makeTempDir, freePort, sleep, waitFor, unique, nowSeconds,
  sign, httpsRequest, rawTlsExchange, rawStatus, makeCertificates,
  startFakeSlack, startAccord, runAccord, startPostgresql, grantLeadership, toToml,
  signedRequest, slashCommandForm, slashCommand, blockActionsPayload, interactiveBody, eventCallback,
  readConformance, replyText, buttonsOf, assertValidBlocks, expectReply,
};
