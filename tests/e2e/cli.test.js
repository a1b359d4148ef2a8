// The accord command line: `accord send` signs a slash command like Slack and prints the reply as
// readable text (and fails clearly when no server runs or the server refuses it); `accord
// check-config` accepts a good file and names the offending key of a bad one.
'use strict';

const { describe, it, before, after } = require('node:test');
const assert = require('node:assert/strict');
const childProcess = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const h = require('./harness');

describe('cli', () => {
  let fake;
  let accord;
  let sendEnv;

  before(async () => {
    fake = await h.startFakeSlack();
    accord = await h.startAccord({ fake });
    const e = accord.env;
    sendEnv = {
      ACCORD_LISTEN: e.ACCORD_LISTEN, ACCORD_DATA_DIR: e.ACCORD_DATA_DIR,
      ACCORD_SLACK_SIGNING_SECRET: e.ACCORD_SLACK_SIGNING_SECRET, ACCORD_TLS: e.ACCORD_TLS,
    };
  });

  after(async () => {
    if (accord) await accord.stop();
    if (fake) await fake.stop();
  });

  const describeRun = (r) => `exit ${r.code}${r.timedOut ? ' (timed out)' : ''}\n--- stdout ---\n${r.stdout}\n--- stderr ---\n${r.stderr}`;

  function writeConfig(text) {
    const file = path.join(h.makeTempDir('accord-e2e-cli-'), 'accord.toml');
    fs.writeFileSync(file, text);
    return file;
  }

  describe('send', () => {
    it('sends /accord help to the running server and prints readable text', async () => {
      const r = await h.runAccord(['send', '--user', 'U1', '/accord help'], { env: sendEnv });
      assert.equal(r.code, 0, describeRun(r));
      assert.match(r.stdout, /setup/, describeRun(r));
      assert.ok(!r.stdout.includes('"blocks"'), `raw JSON printed:\n${r.stdout}`);
      assert.ok(!/[{}]/.test(r.stdout), `JSON braces printed:\n${r.stdout}`);
    });

    it('fails with a clear message when no server is running', async () => {
      const port = await h.freePort();
      const r = await h.runAccord(['send', '--user', 'U1', '/accord help'],
        { env: { ...sendEnv, ACCORD_LISTEN: `127.0.0.1:${port}` }, timeoutMs: 15000 });
      assert.notEqual(r.code, 0, describeRun(r));
      assert.ok(!r.timedOut, describeRun(r));
      assert.ok(r.elapsedMs < 10000, `took ${r.elapsedMs} ms`);
      assert.match(r.stderr, /connect|refused|running|reach|unavailable/i, describeRun(r));
    });

    it('fails and says why when the server refuses the request (wrong signing secret)', async () => {
      const r = await h.runAccord(['send', '--user', 'U1', '/accord help'],
        { env: { ...sendEnv, ACCORD_SLACK_SIGNING_SECRET: 'a-different-secret' } });
      assert.notEqual(r.code, 0, describeRun(r));
      assert.match(r.stderr, /401|signature|unauthori[sz]ed|refused|rejected/i, describeRun(r));
    });
  });

  describe('send to a server whose certificate a CA issued', () => {
    // A throwaway CA and a server certificate it signed for accord.test and 127.0.0.1.
    let caFile;
    let server;
    let env;
    before(async () => {
      const dir = h.makeTempDir('accord-e2e-ca-');
      const run = (args) => childProcess.execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
      run(['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', '/CN=Accord e2e CLI CA',
        '-keyout', 'ca.key', '-out', 'ca.pem',
        '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign']);
      run(['req', '-newkey', 'rsa:2048', '-nodes', '-subj', '/CN=accord.test', '-keyout', 'server.key',
        '-out', 'server.csr']);
      fs.writeFileSync(path.join(dir, 'server.ext'), 'basicConstraints=critical,CA:FALSE\n' +
        'extendedKeyUsage=serverAuth\nsubjectAltName=DNS:accord.test,IP:127.0.0.1\n');
      run(['x509', '-req', '-in', 'server.csr', '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial',
        '-days', '2', '-sha256', '-extfile', 'server.ext', '-out', 'server.pem']);
      caFile = path.join(dir, 'ca.pem');
      server = await h.startAccord({ fake, ca: fs.readFileSync(caFile), env: {
        ACCORD_TLS_CERT: path.join(dir, 'server.pem'), ACCORD_TLS_KEY: path.join(dir, 'server.key') } });
      const e = server.env;
      env = { ACCORD_LISTEN: e.ACCORD_LISTEN, ACCORD_DATA_DIR: e.ACCORD_DATA_DIR, ACCORD_TLS: 'on',
        ACCORD_SLACK_SIGNING_SECRET: e.ACCORD_SLACK_SIGNING_SECRET, ACCORD_TLS_CERT: e.ACCORD_TLS_CERT,
        ACCORD_TLS_KEY: e.ACCORD_TLS_KEY };
    });
    after(async () => {
      if (server) await server.stop();
    });

    it('trusts the CA named by ACCORD_EXTRA_CA_FILE', async () => {
      const r = await h.runAccord(['send', '/accord help'], { env: { ...env, ACCORD_EXTRA_CA_FILE: caFile } });
      assert.equal(r.code, 0, describeRun(r));
      assert.match(r.stdout, /setup/, describeRun(r));
    });

    it('trusts the certificate the server is configured with', async () => {
      const r = await h.runAccord(['send', '/accord help'], { env });
      assert.equal(r.code, 0, describeRun(r));
      assert.match(r.stdout, /setup/, describeRun(r));
    });

    it('verifies the name given with --servername, and refuses a certificate not made for it', async () => {
      const named = await h.runAccord(['send', '--servername', 'accord.test', '/accord help'],
        { env: { ...env, ACCORD_EXTRA_CA_FILE: caFile } });
      assert.equal(named.code, 0, describeRun(named));
      assert.match(named.stdout, /setup/, describeRun(named));
      const other = await h.runAccord(['send', '--servername', 'other.test', '/accord help'],
        { env: { ...env, ACCORD_EXTRA_CA_FILE: caFile } });
      assert.equal(other.code, 1, describeRun(other));
      assert.match(other.stderr, /certificate|verify/i, describeRun(other));
      assert.match(other.stderr, /--servername/, describeRun(other));
    });

    it('healthcheck trusts the server\'s certificate too', async () => {
      const r = await h.runAccord(['healthcheck'], { env });
      assert.equal(r.code, 0, describeRun(r));
    });
  });

  describe('check-config', () => {
    it('accepts a good configuration file', async () => {
      const file = writeConfig('[server]\nheader_timeout = 2\nbody_limit = 2048\n\n[outbox]\ninitial_backoff = 1\nmax_attempts = 3\n');
      const r = await h.runAccord(['check-config', '--config', file], { env: accord.env });
      assert.equal(r.code, 0, describeRun(r));
    });

    it('rejects an unknown key and names it', async () => {
      const file = writeConfig('[server]\nheader_timeout = 2\nbogus_timeout = 5\n');
      const r = await h.runAccord(['check-config', '--config', file], { env: accord.env });
      assert.notEqual(r.code, 0, describeRun(r));
      assert.match(r.stdout + r.stderr, /bogus_timeout/, describeRun(r));
    });

    it('rejects a value of the wrong type and names the key', async () => {
      const file = writeConfig('[server]\nheader_timeout = "soon"\n');
      const r = await h.runAccord(['check-config', '--config', file], { env: accord.env });
      assert.notEqual(r.code, 0, describeRun(r));
      assert.match(r.stdout + r.stderr, /header_timeout/, describeRun(r));
    });

    // Tokens, the client secret and Teams signing keys travel to these: plain http only to this machine.
    const oauthEnv = { ACCORD_SLACK_CLIENT_ID: '1.2', ACCORD_SLACK_CLIENT_SECRET: 'cli-secret',
      ACCORD_SECRET_KEY: 'ab'.repeat(32) };
    for (const [key, env] of [
      ['slack.api_base', { ACCORD_SLACK_API_BASE: 'http://slack.example.com/api' }],
      ['slack.api_base', { ACCORD_SLACK_API_BASE: 'http://127.0.0.1:80@slack.example.com/api' }],
      ['slack.oauth_base', { ...oauthEnv, ACCORD_SLACK_OAUTH_BASE: 'http://slack.example.com' }],
      ['teams.openid_metadata_url', { ACCORD_TEAMS_APP_ID: 'app', ACCORD_TEAMS_APP_PASSWORD: 'pw',
        ACCORD_TEAMS_OPENID_METADATA_URL: 'http://localhost:1@login.example.com/v1/openid' }],
    ]) {
      it(`refuses plain http to another machine for ${key} (${Object.values(env).pop()})`, async () => {
        const check = await h.runAccord(['check-config'], { env: { ...accord.env, ...env } });
        assert.equal(check.code, 2, describeRun(check));
        assert.match(check.stderr, new RegExp(`${key.replace('.', '\\.')} must start with https://`), describeRun(check));
        const serve = await h.runAccord(['serve'], { env: { ...accord.env, ...env, ACCORD_LISTEN: '127.0.0.1:0' } });
        assert.equal(serve.code, 2, describeRun(serve));
        assert.match(serve.stderr, new RegExp(key.replace('.', '\\.')), describeRun(serve));
      });
    }

    it('accepts plain http to this machine (a local test stand-in)', async () => {
      const r = await h.runAccord(['check-config'], { env: { ...accord.env, ...oauthEnv,
        ACCORD_SLACK_API_BASE: 'http://127.0.0.1:9/api', ACCORD_SLACK_OAUTH_BASE: 'http://localhost:9' } });
      assert.equal(r.code, 0, describeRun(r));
    });

    it('rejects a missing configuration file', async () => {
      const r = await h.runAccord(['check-config', '--config', '/nonexistent/accord.toml'], { env: accord.env });
      assert.notEqual(r.code, 0, describeRun(r));
      assert.match(r.stdout + r.stderr, /nonexistent\/accord\.toml/, describeRun(r));
    });
  });

  it('an unknown subcommand exits non-zero', async () => {
    const r = await h.runAccord(['frobnicate'], { env: accord.env });
    assert.notEqual(r.code, 0, describeRun(r));
  });
});
