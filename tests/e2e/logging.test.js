// Logs: with ACCORD_LOG_FORMAT=json every line is one JSON object, request lines carry a request
// id (also returned as X-Request-Id), and no secret, token or response_url ever reaches the log —
// not on success, not on a refused signature, not when a delivery fails.
'use strict';

const { describe, it, before, after } = require('node:test');
const assert = require('node:assert/strict');
const h = require('./harness');

describe('logging', () => {
  let fake;
  let accord;

  before(async () => {
    fake = await h.startFakeSlack({ failWith: { method: 'chat.postMessage', error: 'invalid_auth' } });
    accord = await h.startAccord({ fake, env: { ACCORD_LOG_FORMAT: 'json' } });
  });

  after(async () => {
    if (accord) await accord.stop();
    if (fake) await fake.stop();
  });

  it('writes JSON lines with request ids and never a secret', async () => {
    const channel = 'C0LOGS0001';
    const setup = await h.slashCommand(accord, { user: 'U0LOGPM01', channel, text: 'setup "Logs"' });
    h.expectReply(setup, 'in_channel');
    const requestId = setup.headers['x-request-id'];
    assert.match(requestId, /^r-[0-9a-f]{12}$/);

    const responseUrl = `https://127.0.0.1:${fake.port}/hooks/secret-hook-${h.unique()}`;
    const roleAdd = await h.slashCommand(accord, {
      user: 'U0LOGPM01', channel, text: 'role add <@U0LOGCU01> customer', responseUrl,
    });
    h.expectReply(roleAdd, 'ephemeral');
    const refused = await h.signedRequest(accord, '/slack/commands', 'text=help', { secret: 'wrong-secret' });
    assert.equal(refused.status, 401);
    // The DM to the new customer fails (invalid_auth): the failure is logged, the token is not.
    await h.waitFor(() => /invalid_auth/.test(accord.output()), 5000, { message: 'delivery failure logged' });
    await accord.stop();

    const lines = accord.output().split('\n').filter((line) => line.trim() !== '');
    assert.ok(lines.length >= 4, accord.output());
    const entries = lines.map((line) => {
      try {
        return JSON.parse(line);
      } catch (e) {
        assert.fail(`not a JSON line: ${line}`);
      }
      return null;
    });
    for (const entry of entries) {
      assert.equal(typeof entry.time, 'string');
      assert.equal(typeof entry.level, 'string');
      assert.equal(typeof entry.message, 'string');
    }
    const setupLine = entries.find((e) => e.request_id === requestId);
    assert.ok(setupLine, `no log line carries ${requestId}`);
    assert.match(setupLine.message, /POST \/slack\/commands -> 200/);

    const output = accord.output();
    for (const secret of [accord.secret, accord.env.ACCORD_SLACK_BOT_TOKEN, 'wrong-secret', 'secret-hook']) {
      assert.ok(!output.includes(secret), `the log contains a secret (${secret.slice(0, 6)}…)`);
    }
  });
});
