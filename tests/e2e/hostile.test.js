// Hostile input (issue 8), end to end against the real binary: wrong content types, truncated and
// invalid UTF-8, deeply nested and huge JSON, a 3,000-character title, mentions and markdown in
// text, and 2,000 idle connections. Each gets its documented answer, never a 5xx, and a
// well-formed command sent right after is still answered.
'use strict';

const { describe, it, before, after } = require('node:test');
const assert = require('node:assert/strict');
const net = require('node:net');
const tls = require('node:tls');
const h = require('./harness');

const TEAM = 'T0E2E0001';
const CHANNEL = 'C0HOSTILE';
const PM = 'U0HOPM001';

describe('hostile input', () => {
  let fake;
  let accord;

  before(async () => {
    fake = await h.startFakeSlack();
    accord = await h.startAccord({ fake });
    h.expectReply(await h.slashCommand(accord, { user: PM, channel: CHANNEL, team: TEAM,
      text: 'setup "Fortress"' }), 'in_channel');
  });

  after(async () => {
    if (accord) await accord.stop();
    if (fake) await fake.stop();
  });

  // A well-formed command still gets its answer.
  async function stillServing() {
    const res = await h.slashCommand(accord, { user: PM, channel: CHANNEL, team: TEAM, text: 'roles' });
    h.expectReply(res, 'ephemeral');
  }

  it('a signed command sent as JSON instead of a form is refused with 415', async () => {
    const body = JSON.stringify({ command: '/accord', text: 'help', team_id: TEAM, user_id: PM });
    const res = await h.signedRequest(accord, '/slack/commands', body, { contentType: 'application/json' });
    assert.equal(res.status, 415, res.body);
    await stillServing();
  });

  it('a signed event body sent as a form is refused with 400', async () => {
    const res = await h.signedRequest(accord, '/slack/events', 'type=event_callback&x=1');
    assert.equal(res.status, 400, res.body);
    await stillServing();
  });

  for (const [name, encoded] of [['invalid', '%FF%FEroles'], ['truncated', 'objective%20add%20%22Caf%C3'],
    ['an overlong encoding of "/"', '%C0%AF'], ['a lone surrogate', '%ED%A0%80']]) {
    it(`command text with ${name} UTF-8 gets a private answer, not an error`, async () => {
      const form = h.slashCommandForm({ user: PM, channel: CHANNEL, team: TEAM, text: 'x' }).toString()
        .replace('text=x', `text=${encoded}`);
      const res = await h.signedRequest(accord, '/slack/commands', form);
      assert.ok(res.status === 200 || res.status === 400, `status ${res.status}`);
      if (res.status === 200) assert.equal(JSON.parse(res.body).response_type, 'ephemeral');
      await stillServing();
    });
  }

  it('deeply nested JSON on the events endpoint is refused with 400 and nothing breaks', async () => {
    const depth = 100000;
    const body = '['.repeat(depth) + ']'.repeat(depth);
    const res = await h.signedRequest(accord, '/slack/events', body, { contentType: 'application/json' });
    assert.equal(res.status, 400, res.body);
    await stillServing();
  });

  it('deeply nested JSON in an interactivity payload is refused with 400', async () => {
    // Valid JSON, but no interaction type at its top: malformed for Slack's contract.
    const payload = '{"a":'.repeat(50000) + '1' + '}'.repeat(50000);
    const body = new URLSearchParams([['payload', payload]]).toString();
    const res = await h.signedRequest(accord, '/slack/interactive', body);
    assert.equal(res.status, 400, res.body);
    await stillServing();
  });

  it('a huge (900 KB) signed event of an unknown type is acknowledged and ignored', async () => {
    const body = JSON.stringify({
      token: 'x', team_id: TEAM, api_app_id: 'A0E2E0001', type: 'event_callback', event_id: 'Ev0HUGE0001',
      event_time: h.nowSeconds(), event: { type: 'pin_added', user: PM, filler: 'x'.repeat(900 * 1024) },
    });
    const res = await h.signedRequest(accord, '/slack/events', body, { contentType: 'application/json' });
    assert.equal(res.status, 200, res.body);
    await stillServing();
  });

  it('a 3,000-character title is refused privately, saying the limit', async () => {
    const res = await h.slashCommand(accord, { user: PM, channel: CHANNEL, team: TEAM,
      text: `task add "${'A'.repeat(3000)}"` });
    const { text } = h.expectReply(res, 'ephemeral');
    assert.match(text, /too long|at most|characters/i);
    await stillServing();
  });

  it('mentions, <!channel> and markdown in a title reach the channel inert', async () => {
    const title = '<!channel> *urgent* _now_ <@U0SOMEONE> `code` <https://evil.example|click>';
    const res = await h.slashCommand(accord, { user: PM, channel: CHANNEL, team: TEAM, text: `task add "${title}"` });
    h.expectReply(res);
    const raw = JSON.stringify(JSON.parse(res.body));
    assert.ok(!raw.includes('<!channel>'), 'no channel ping');
    assert.ok(!raw.includes('<https://evil.example|click>'), 'no live link smuggled in');
    await stillServing();
  });

  it('an unknown action id in a signed click is acknowledged with 200 and changes nothing', async () => {
    const payload = h.blockActionsPayload({ user: PM, channel: CHANNEL, team: TEAM, actionId: 'evil.action',
      value: 'setup "Hijack"', responseUrl: fake.hookUrl() });
    const res = await h.signedRequest(accord, '/slack/interactive', h.interactiveBody(payload));
    assert.equal(res.status, 200);
    await stillServing();
  });

  it('2,000 idle connections do not stop a well-formed command from being answered', async () => {
    const sockets = [];
    try {
      await Promise.all(Array.from({ length: 2000 }, () => new Promise((resolve) => {
        const socket = net.connect({ host: '127.0.0.1', port: accord.port }, resolve);
        socket.on('error', resolve);
        sockets.push(socket);
      })));
      const started = Date.now();
      await stillServing();
      assert.ok(Date.now() - started < 3000, `answered in ${Date.now() - started} ms`);
    } finally {
      for (const socket of sockets) socket.destroy();
    }
    await stillServing();
  });
});

// Connections hold buffers and TLS state before they say anything: the server keeps at most
// server.max_connections (1,000 by default) and sheds the oldest that still wait on their client.
describe('thousands of slow connections', () => {
  let fake;
  let accord;

  before(async () => {
    fake = await h.startFakeSlack();
    accord = await h.startAccord({ fake });
    h.expectReply(await h.slashCommand(accord, { user: PM, channel: CHANNEL, team: TEAM,
      text: 'setup "Slowloris"' }), 'in_channel');
  });

  after(async () => {
    if (accord) await accord.stop();
    if (fake) await fake.stop();
  });

  // The value of every sample of a metric family, summed.
  function metric(text, name) {
    return text.split('\n').filter((line) => line.startsWith(`${name}{`) || line.startsWith(`${name} `))
      .reduce((sum, line) => sum + Number(line.slice(line.lastIndexOf(' ') + 1)), 0);
  }

  it('3,000 that never finish a handshake or a request: the oldest are shed, real requests answered', async () => {
    const sockets = [];
    const open = (connect, ready) => new Promise((resolve) => {
      const socket = connect();
      socket.once(ready, resolve);
      socket.on('error', resolve);
      socket.on('close', resolve);
      sockets.push(socket);
    });
    try {
      // 2,700 that never begin the TLS handshake, in waves the listen backlog takes...
      for (let wave = 0; wave < 9; wave += 1) {
        await Promise.all(Array.from({ length: 300 },
          () => open(() => net.connect({ host: '127.0.0.1', port: accord.port }), 'connect')));
      }
      // ...and 300 that finish it and then send half a request line.
      await Promise.all(Array.from({ length: 300 }, () => open(() => {
        const socket = tls.connect({ host: '127.0.0.1', port: accord.port, ca: accord.ca, servername: 'localhost' });
        socket.once('secureConnect', () => socket.write('GET /heal'));
        return socket;
      }, 'secureConnect')));

      const started = Date.now();
      h.expectReply(await h.slashCommand(accord, { user: PM, channel: CHANNEL, team: TEAM, text: 'roles' }),
        'ephemeral');
      const health = await accord.request({ path: '/healthz' });
      assert.equal(health.status, 200);
      assert.ok(Date.now() - started < 3000, `answered in ${Date.now() - started} ms`);

      const metrics = (await accord.request({ path: '/metrics' })).body;
      const fds = metric(metrics, 'process_open_fds');
      assert.ok(fds < 1100, `the server holds ${fds} open files`);
      assert.ok(metric(metrics, 'accord_http_connections_open') <= 1000, metrics);
      const shed = metric(metrics, 'accord_http_connections_refused_total');
      assert.ok(shed >= 1900, `connections refused or shed: ${shed}`);
    } finally {
      for (const socket of sockets) socket.destroy();
    }
    h.expectReply(await h.slashCommand(accord, { user: PM, channel: CHANNEL, team: TEAM, text: 'roles' }),
      'ephemeral');
  });
});
