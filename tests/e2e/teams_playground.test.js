// Agents Playground mode (README, "Try the Teams side without a tenant"): with
// ACCORD_TEAMS_PLAYGROUND=on, Accord takes Teams activities without a token, but only when it
// listens on loopback, has no real Teams credentials, and the activity's serviceUrl is this
// machine; answers go there without a token. Off, an activity without a token is refused as ever.
'use strict';

const { describe, it, before, after } = require('node:test');
const assert = require('node:assert/strict');
const h = require('./harness');
const { startTeamsChannel, activity, cardsOf, cardText } = require('./teams_channel');

const USER = { id: '29:1playgroundUserAAAA', name: 'Pat Playground' };
const CHAT = 'a:personal-playground';

describe('Teams: Agents Playground mode', () => {
  let channel;

  before(async () => {
    channel = await startTeamsChannel({ anonymous: true });
  });
  after(async () => {
    if (channel) await channel.stop();
  });

  const unauthenticated = (accord, body) => accord.request({
    method: 'POST', path: '/api/messages', headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  const typed = (text, extra = {}) => ({
    ...activity(channel, { user: USER.id, name: USER.name, conversation: CHAT, text }),
    ...extra,
  });

  it('refuses to start when it would listen beyond this machine', async () => {
    const port = await h.freePort();
    const r = await h.runAccord(['serve'], { env: {
      ACCORD_TEAMS_PLAYGROUND: 'on', ACCORD_LISTEN: `0.0.0.0:${port}`,
      ACCORD_DATA_DIR: h.makeTempDir('accord-e2e-playground-'),
    } });
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr, /playground/i);
    assert.match(r.stderr, /127\.0\.0\.1/, 'it says which address to use');
  });

  it('refuses to start with real Teams credentials', async () => {
    const r = await h.runAccord(['serve'], { env: {
      ACCORD_TEAMS_PLAYGROUND: 'on', ACCORD_LISTEN: '127.0.0.1:0',
      ACCORD_TEAMS_APP_ID: channel.appId, ACCORD_TEAMS_APP_PASSWORD: 'a-real-secret',
      ACCORD_DATA_DIR: h.makeTempDir('accord-e2e-playground-'),
    } });
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr, /playground/i);
    assert.match(r.stderr, /password/i);
    assert.doesNotMatch(r.stderr + r.stdout, /a-real-secret/, 'the secret is never printed');
  });

  it('refuses an unknown value rather than guessing', async () => {
    const r = await h.runAccord(['check-config'], { env: { ACCORD_TEAMS_PLAYGROUND: 'yes' } });
    assert.equal(r.code, 2);
    assert.match(r.stderr, /ACCORD_TEAMS_PLAYGROUND must be 'on' or 'off'/);
  });

  describe('on', () => {
    let accord;
    before(async () => {
      accord = await h.startAccord({ env: { ACCORD_TEAMS_PLAYGROUND: 'on' } });
    });
    after(async () => {
      if (accord) await accord.stop();
    });

    it('warns at start that it is on', () => {
      assert.match(accord.output(), /PLAYGROUND mode/);
    });

    it('answers an activity without a token whose serviceUrl is this machine, without a token', async () => {
      const before = channel.connectorCalls().length;
      const res = await unauthenticated(accord, typed('help'));
      assert.equal(res.status, 200);
      const call = await h.waitFor(() => channel.connectorCalls().slice(before)
        .find((c) => c.method === 'POST' && c.path.includes(encodeURIComponent(CHAT))), 8000,
      { message: 'the answer in the chat' });
      assert.equal(call.status, 201);
      assert.equal(call.headers.authorization, undefined, 'no token goes to the Playground');
      assert.match(cardsOf(call).map(cardText).join('\n'), /setup/i, 'it is the help');
    });

    it('refuses an activity without a token whose serviceUrl is elsewhere, and sends nothing there', async () => {
      const before = channel.connectorCalls().length;
      const res = await unauthenticated(accord,
        typed('help', { serviceUrl: 'https://smba.trafficmanager.net/teams/' }));
      assert.equal(res.status, 401);
      await h.sleep(500);
      assert.equal(channel.connectorCalls().length, before);
    });
  });

  describe('off', () => {
    let accord;
    before(async () => {
      accord = await h.startAccord({ env: channel.env() });
    });
    after(async () => {
      if (accord) await accord.stop();
    });

    it('refuses an activity without a token, even from this machine', async () => {
      const before = channel.connectorCalls().length;
      const res = await unauthenticated(accord, typed('help'));
      assert.equal(res.status, 401);
      await h.sleep(300);
      assert.equal(channel.connectorCalls().length, before);
    });
  });
});
