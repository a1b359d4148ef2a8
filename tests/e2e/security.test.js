// Request verification and bad input on Slack's three inbound endpoints: signatures, timestamps,
// duplicated headers, oversized bodies, malformed forms and JSON, missing ids, ssl_check. A refused
// request must change nothing, and the server must keep serving afterwards.
'use strict';

const { describe, it, before, after } = require('node:test');
const assert = require('node:assert/strict');
const h = require('./harness');

const TEAM = 'T0E2E0001';
const PM = 'U0SECPM01';

describe('security', () => {
  let fake;
  let accord;

  before(async () => {
    fake = await h.startFakeSlack();
    accord = await h.startAccord({ fake });
  });

  after(async () => {
    if (accord) await accord.stop();
    if (fake) await fake.stop();
  });

  const helpBody = (channel = 'C0SEC0001') =>
    h.slashCommandForm({ fake, user: PM, channel, team: TEAM, text: 'help' }).toString();

  // The "no project here" reply for `roles` in `channel` (proves nothing was set up there).
  async function assertNoProject(channel) {
    const res = await h.slashCommand(accord, { user: PM, channel, team: TEAM, text: 'roles' });
    const { text } = h.expectReply(res, 'ephemeral');
    assert.match(text, /setup/, `expected a "no project, run setup" reply, got: ${text}`);
  }

  it('accepts a correctly signed command (control)', async () => {
    const res = await h.signedRequest(accord, '/slack/commands', helpBody());
    h.expectReply(res, 'ephemeral');
  });

  it('accepts a timestamp 200 s old (inside the 5-minute window)', async () => {
    const res = await h.signedRequest(accord, '/slack/commands', helpBody(), { ts: h.nowSeconds() - 200 });
    assert.equal(res.status, 200, res.body);
  });

  it('rejects a wrong signature with 401 and does nothing', async () => {
    const channel = 'C0SECBAD1';
    const body = h.slashCommandForm({ fake, user: PM, channel, team: TEAM, text: 'setup "Forged" tz=Europe/Berlin' })
      .toString();
    const res = await h.signedRequest(accord, '/slack/commands', body, { secret: 'not-the-secret' });
    assert.equal(res.status, 401, res.body);
    await assertNoProject(channel);
    // ...and the channel is still free to be set up for real.
    const setup = await h.slashCommand(accord, { user: PM, channel, team: TEAM, text: 'setup "Real" tz=Europe/Berlin' });
    const { text } = h.expectReply(setup, 'in_channel');
    assert.match(text, /Real/);
  });

  it('rejects a signature computed over a different body (tampering)', async () => {
    const ts = String(h.nowSeconds());
    const signature = h.sign(accord.secret, ts, helpBody('C0SECOTH1'));
    const res = await h.signedRequest(accord, '/slack/commands', helpBody('C0SECOTH2'), { ts, signature });
    assert.equal(res.status, 401, res.body);
  });

  it('rejects an unknown signature version', async () => {
    const ts = String(h.nowSeconds());
    const body = helpBody();
    const signature = h.sign(accord.secret, ts, body).replace(/^v0=/, 'v1=');
    const res = await h.signedRequest(accord, '/slack/commands', body, { ts, signature });
    assert.equal(res.status, 401, res.body);
  });

  it('rejects a missing signature header with 401', async () => {
    const res = await h.signedRequest(accord, '/slack/commands', helpBody(), { omit: ['signature'] });
    assert.equal(res.status, 401, res.body);
  });

  it('rejects an empty signature header with 401', async () => {
    const res = await h.signedRequest(accord, '/slack/commands', helpBody(), { signature: '' });
    assert.equal(res.status, 401, res.body);
  });

  it('rejects a missing timestamp header with 401', async () => {
    const res = await h.signedRequest(accord, '/slack/commands', helpBody(), { omit: ['timestamp'] });
    assert.equal(res.status, 401, res.body);
  });

  it('rejects a non-numeric timestamp with 401', async () => {
    const res = await h.signedRequest(accord, '/slack/commands', helpBody(), { ts: 'yesterday' });
    assert.equal(res.status, 401, res.body);
  });

  it('rejects a timestamp more than 300 s old with 401 (a replay)', async () => {
    const res = await h.signedRequest(accord, '/slack/commands', helpBody(), { ts: h.nowSeconds() - 400 });
    assert.equal(res.status, 401, res.body);
  });

  it('rejects a timestamp more than 300 s in the future with 401', async () => {
    const res = await h.signedRequest(accord, '/slack/commands', helpBody(), { ts: h.nowSeconds() + 400 });
    assert.equal(res.status, 401, res.body);
  });

  for (const order of [['valid', 'bogus'], ['bogus', 'valid'], ['valid', 'valid']]) {
    it(`refuses a duplicated X-Slack-Signature header (${order.join(', ')}) with 400 or 401`, async () => {
      const ts = String(h.nowSeconds());
      const body = helpBody();
      const valid = h.sign(accord.secret, ts, body);
      const bogus = 'v0=' + '0'.repeat(64);
      const signatures = order.map((kind) => (kind === 'valid' ? valid : bogus));
      const res = await h.signedRequest(accord, '/slack/commands', body, {
        ts, headers: { 'X-Slack-Signature': signatures },
      });
      assert.ok([400, 401].includes(res.status), `expected 400/401, got ${res.status}: ${res.body}`);
    });
  }

  it('refuses a duplicated X-Slack-Request-Timestamp header with 400 or 401', async () => {
    const ts = String(h.nowSeconds());
    const body = helpBody();
    const res = await h.signedRequest(accord, '/slack/commands', body, {
      ts, headers: { 'X-Slack-Request-Timestamp': [ts, ts] },
    });
    assert.ok([400, 401].includes(res.status), `expected 400/401, got ${res.status}: ${res.body}`);
  });

  it('refuses duplicated signature headers sent as raw header lines', async () => {
    const ts = String(h.nowSeconds());
    const body = helpBody();
    const valid = h.sign(accord.secret, ts, body);
    const request = [
      'POST /slack/commands HTTP/1.1',
      `Host: 127.0.0.1:${accord.port}`,
      'Content-Type: application/x-www-form-urlencoded',
      `X-Slack-Request-Timestamp: ${ts}`,
      `X-Slack-Signature: ${valid}`,
      `x-slack-signature: ${valid}`,
      `Content-Length: ${Buffer.byteLength(body)}`,
      'Connection: close',
      '', '',
    ].join('\r\n') + body;
    const res = await h.rawTlsExchange({ port: accord.port, ca: accord.ca, chunks: [request], timeoutMs: 5000 });
    const status = h.rawStatus(res.data);
    assert.ok([400, 401].includes(status), `expected 400/401, got: ${res.data.slice(0, 200)}`);
  });

  it('rejects an unsigned interactivity payload and does not call its response_url', async () => {
    const responseUrl = fake.hookUrl();
    const payload = h.blockActionsPayload({ user: PM, channel: 'C0SEC0001', team: TEAM,
      actionId: 'accord.command#0', value: 'help roles', responseUrl });
    const res = await h.signedRequest(accord, '/slack/interactive', h.interactiveBody(payload), { omit: ['signature'] });
    assert.equal(res.status, 401, res.body);
    await h.sleep(1000);
    assert.equal(fake.hookCalls(responseUrl).length, 0, 'response_url must not be called');
  });

  it('rejects a wrongly signed event and does not act on it', async () => {
    const user = 'U0SECEVT1';
    const body = JSON.stringify(h.eventCallback({ team: TEAM, event: {
      type: 'app_home_opened', user, channel: 'D0SECEVT1', tab: 'home', event_ts: `${h.nowSeconds()}.000100` } }));
    const res = await h.signedRequest(accord, '/slack/events', body, {
      contentType: 'application/json', secret: 'not-the-secret' });
    assert.equal(res.status, 401, res.body);
    await h.sleep(1000);
    assert.equal(fake.apiCalls('views.publish').filter((c) => c.body.user_id === user).length, 0);
  });

  it('does not answer an unsigned url_verification challenge', async () => {
    const body = h.readConformance('url_verification.json');
    const res = await h.signedRequest(accord, '/slack/events', body, {
      contentType: 'application/json', omit: ['signature', 'timestamp'] });
    assert.equal(res.status, 401, res.body);
    assert.ok(!res.body.includes('3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P'), 'challenge leaked');
  });

  it('answers 413 to a body over the 1 MiB default limit and keeps serving', async () => {
    const filler = 'a'.repeat(1024 * 1024 + 4096);
    const body = h.slashCommandForm({ fake, user: PM, channel: 'C0SEC0001', team: TEAM, text: filler }).toString();
    const ts = String(h.nowSeconds());
    const head = [
      'POST /slack/commands HTTP/1.1',
      `Host: 127.0.0.1:${accord.port}`,
      'Content-Type: application/x-www-form-urlencoded',
      `X-Slack-Request-Timestamp: ${ts}`,
      `X-Slack-Signature: ${h.sign(accord.secret, ts, body)}`,
      `Content-Length: ${Buffer.byteLength(body)}`,
      '', '',
    ].join('\r\n');
    const chunks = [head];
    for (let i = 0; i < body.length; i += 64 * 1024) chunks.push(body.slice(i, i + 64 * 1024));
    const res = await h.rawTlsExchange({ port: accord.port, ca: accord.ca, chunks, timeoutMs: 8000 });
    assert.equal(h.rawStatus(res.data), 413, `expected 413, got: ${res.data.slice(0, 200) || res.error}`);

    const after413 = await h.signedRequest(accord, '/slack/commands', helpBody());
    h.expectReply(after413, 'ephemeral');
  });

  it('answers 413 to a chunked body that grows over the limit', async () => {
    const body = h.slashCommandForm({ fake, user: PM, channel: 'C0SEC0001', team: TEAM, text: 'x'.repeat(2 * 1024 * 1024) })
      .toString();
    const ts = String(h.nowSeconds());
    const chunks = [[
      'POST /slack/commands HTTP/1.1',
      `Host: 127.0.0.1:${accord.port}`,
      'Content-Type: application/x-www-form-urlencoded',
      `X-Slack-Request-Timestamp: ${ts}`,
      `X-Slack-Signature: ${h.sign(accord.secret, ts, body)}`,
      'Transfer-Encoding: chunked',
      '', '',
    ].join('\r\n')];
    for (let i = 0; i < body.length; i += 64 * 1024) {
      const piece = body.slice(i, i + 64 * 1024);
      chunks.push(`${piece.length.toString(16)}\r\n${piece}\r\n`);
    }
    chunks.push('0\r\n\r\n');
    const res = await h.rawTlsExchange({ port: accord.port, ca: accord.ca, chunks, timeoutMs: 8000 });
    assert.equal(h.rawStatus(res.data), 413, `expected 413, got: ${res.data.slice(0, 200) || res.error}`);
  });

  it('accepts a signed body just under the limit (the limit is not too small)', async () => {
    const event = h.eventCallback({ team: TEAM, event: { type: 'e2e_unknown_event', padding: 'p'.repeat(1000000),
      event_ts: `${h.nowSeconds()}.000100` } });
    const res = await h.signedRequest(accord, '/slack/events', JSON.stringify(event), { contentType: 'application/json' });
    assert.equal(res.status, 200, res.body.slice(0, 200));
  });

  it('answers 400 to a signed form with bad percent-encoding', async () => {
    const body = helpBody().replace('text=help', 'text=%ZZ');
    assert.ok(body.includes('text=%ZZ'));
    const res = await h.signedRequest(accord, '/slack/commands', body);
    assert.equal(res.status, 400, res.body);
  });

  for (const field of ['user_id', 'team_id', 'channel_id']) {
    it(`answers 400 to a signed command without ${field}`, async () => {
      const form = h.slashCommandForm({ fake, user: PM, channel: 'C0SEC0001', team: TEAM, text: 'help' });
      form.delete(field);
      const res = await h.signedRequest(accord, '/slack/commands', form.toString());
      assert.equal(res.status, 400, res.body);
    });
  }

  it('answers 400 to signed invalid JSON on /slack/events', async () => {
    const res = await h.signedRequest(accord, '/slack/events', '{"type": "event_callback", "event": {',
      { contentType: 'application/json' });
    assert.equal(res.status, 400, res.body);
  });

  it('answers 400 to a signed interactivity body without a JSON payload', async () => {
    const res = await h.signedRequest(accord, '/slack/interactive', 'payload=%7Bnot-json');
    assert.equal(res.status, 400, res.body);
  });

  it('acknowledges an unsigned ssl_check with 200 and runs nothing smuggled in it', async () => {
    const channel = 'C0SECSSL1';
    const res = await h.signedRequest(accord, '/slack/commands', 'ssl_check=1&token=xyzz0WbapA4vBCDEFasx0q6G',
      { omit: ['signature', 'timestamp'] });
    assert.equal(res.status, 200, res.body);

    const smuggled = h.slashCommandForm({ fake, user: PM, channel, team: TEAM, text: 'setup "Smuggled"' });
    smuggled.set('ssl_check', '1');
    const res2 = await h.signedRequest(accord, '/slack/commands', smuggled.toString(), { omit: ['signature', 'timestamp'] });
    assert.ok([200, 401].includes(res2.status), `expected 200 or 401, got ${res2.status}: ${res2.body}`);
    assert.ok(!/Smuggled/.test(res2.body), `ssl_check must not run the command: ${res2.body}`);
    await assertNoProject(channel);
  });
  it('a non-member in a project channel reads nothing of the project, command by command', async () => {
    const channel = 'C0SECMEM1';
    const outsider = 'U0SECOUT1';
    const run = (user, text) => h.slashCommand(accord, { user, channel, team: TEAM, text });
    h.expectReply(await run(PM, 'setup "Members Only"'), 'in_channel');
    for (const text of ['objective add "SECRET-OBJECTIVE"', 'task add "SECRET-TASK"']) {
      const res = await run(PM, text);
      assert.equal(res.status, 200, res.body);
      assert.match(res.body, /SECRET/);
    }
    for (const command of ['roadmap', 'objective list', 'objective show O-1', 'approvals',
      'proposal show O-1', 'roles', 'settings', 'task list', 'log', 'problem list']) {
      const member = h.expectReply(await run(PM, command), 'ephemeral').text;
      assert.doesNotMatch(member, /not on this project/, `the pm reads "${command}"`);
      const res = await run(outsider, command);
      const { text } = h.expectReply(res, 'ephemeral');
      assert.match(text, /not on this project's team/, `"${command}" as a non-member: ${text}`);
      assert.ok(text.includes(`<@${PM}>`), `names the pm who can add them: ${text}`);
      assert.ok(!/SECRET|Members Only/.test(res.body), `"${command}" leaks to a non-member: ${res.body}`);
    }
    assert.match(h.expectReply(await run(outsider, 'help'), 'ephemeral').text, /setup/);
  });
});
