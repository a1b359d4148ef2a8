// The accord command line: `accord send` signs a slash command like Slack and prints the reply as
// readable text (and fails clearly when no server runs or the server refuses it); `accord
// check-config` accepts a good file and names the offending key of a bad one.
'use strict';

const { describe, it, before, after } = require('node:test');
const assert = require('node:assert/strict');
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
