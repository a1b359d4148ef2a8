// Installing into any workspace with OAuth v2 (issue 7), end to end: "Add to Slack" from
// /slack/install, Slack's redirect back with a code and the one-time state, the code exchanged
// with oauth.v2.access (client credentials in Basic auth), then commands from two workspaces
// answered with each workspace's own token (workspace B with token rotation, refreshed before
// use); a workspace without an installation is told how to install; a reused, expired or
// cancelled state is refused; app_uninstalled deletes one workspace's tokens and leaves the other
// working; no token or secret ever reaches the log.
'use strict';

const { describe, it, before, after } = require('node:test');
const assert = require('node:assert/strict');
const crypto = require('node:crypto');
const h = require('./harness');

const CLIENT = { id: '1111111111.2222222222', secret: `client-secret-${crypto.randomBytes(8).toString('hex')}` };
const SECRET_KEY = crypto.randomBytes(32).toString('hex');
const A = { team: 'T0ALPHA01', teamName: 'Alpha Inc', token: `xoxb-e2e-alpha-${crypto.randomBytes(8).toString('hex')}`,
  botUser: 'U0BOTA001', installer: 'U0APM0001' };
// Token rotation on, with a first lifetime shorter than the refresh margin: refreshed before its
// first use; the refreshed token lives 12 hours, as Slack's do.
const B = { team: 'T0BETA001', teamName: 'Beta GmbH', token: `xoxb-e2e-beta-${crypto.randomBytes(8).toString('hex')}`,
  botUser: 'U0BOTB001', installer: 'U0BPM0001', expiresIn: 60, refreshedExpiresIn: 43200 };

// The "Add to Slack" link of a fresh install page; `link.cookie` is the cookie the page gave the
// browser ("name=value"), `link.setCookie` its whole Set-Cookie line. `from`: the client's address.
async function installLink(accord, { from } = {}) {
  const res = await accord.request({ path: '/slack/install', ...(from ? { localAddress: from } : {}) });
  assert.equal(res.status, 200, res.body);
  assert.match(res.headers['content-type'], /^text\/html/);
  assert.equal(res.headers['cache-control'], 'no-store');
  const href = /id="add-to-slack" href="([^"]+)"/.exec(res.body);
  assert.ok(href, `no Add to Slack link in ${res.body}`);
  const link = new URL(href[1].replace(/&amp;/g, '&'));
  link.setCookie = (res.headers['set-cookie'] || [])[0] || '';
  link.cookie = link.setCookie.split(';')[0];
  return link;
}

// Slack sending the installer back, as a browser would follow it, with the cookie it holds.
function redirectBack(accord, params, cookie) {
  return accord.request({ path: `/slack/oauth_redirect?${new URLSearchParams(params)}`,
    headers: cookie ? { Cookie: cookie } : {} });
}

describe('OAuth v2 install into any workspace', () => {
  let fake;
  let accord;
  const run = (team, user, text, channel) => h.slashCommand(accord, { team, user, channel, text });
  let earlierOutput = '';  // of the server before the restart
  let wrongKeyOutput = '';  // of the start refused for its key

  before(async () => {
    fake = await h.startFakeSlack({ oauthClient: CLIENT, oauth: { 'code-a': A, 'code-b': B } });
    accord = await h.startAccord({
      fake,
      env: {
        ACCORD_SLACK_BOT_TOKEN: '',
        ACCORD_SLACK_CLIENT_ID: CLIENT.id,
        ACCORD_SLACK_CLIENT_SECRET: CLIENT.secret,
        ACCORD_SLACK_OAUTH_BASE: `https://127.0.0.1:${fake.port}`,
        ACCORD_SECRET_KEY: SECRET_KEY,
        ACCORD_TEST_CLOCK: '2026-11-27T10:00:00Z',
      },
    });
  });

  after(async () => {
    if (accord) await accord.stop();
    if (fake) await fake.stop();
  });

  it('links to Slack\'s authorize page with the app, its scopes, the redirect and a fresh state', async () => {
    const link = await installLink(accord);
    assert.equal(link.origin, `https://127.0.0.1:${fake.port}`);
    assert.equal(link.pathname, '/oauth/v2/authorize');
    assert.equal(link.searchParams.get('client_id'), CLIENT.id);
    assert.equal(link.searchParams.get('scope'), 'commands,chat:write,users:read,im:write');
    assert.equal(link.searchParams.get('user_scope'), '');
    assert.equal(link.searchParams.get('redirect_uri'), `https://127.0.0.1:${accord.port}/slack/oauth_redirect`);
    assert.match(link.searchParams.get('state'), /^[0-9a-f]{64}$/);
    const again = await installLink(accord);
    assert.notEqual(again.searchParams.get('state'), link.searchParams.get('state'));
  });

  let stateA;
  let cookieA;
  it('installs into workspace A: the code is exchanged with the app credentials', async () => {
    const link = await installLink(accord);
    stateA = link.searchParams.get('state');
    cookieA = link.cookie;
    const res = await redirectBack(accord, { code: 'code-a', state: stateA }, link.cookie);
    assert.equal(res.status, 200, res.body);
    assert.match(res.body, /Accord is installed/);
    assert.match(res.body, /Alpha Inc/);

    const [exchange] = fake.apiCalls('oauth.v2.access');
    assert.equal(exchange.httpMethod, 'POST');
    assert.match(exchange.headers['content-type'], /^application\/x-www-form-urlencoded/);
    assert.equal(exchange.headers.authorization,
      `Basic ${Buffer.from(`${CLIENT.id}:${CLIENT.secret}`).toString('base64')}`);
    assert.equal(exchange.body.code, 'code-a');
    assert.equal(exchange.body.redirect_uri, link.searchParams.get('redirect_uri'));
    assert.ok(!exchange.rawBody.includes(CLIENT.secret), 'the secret travels only in Basic auth');
  });

  it('installs into workspace B (token rotation on)', async () => {
    const link = await installLink(accord);
    const res = await redirectBack(accord, { code: 'code-b', state: link.searchParams.get('state') }, link.cookie);
    assert.equal(res.status, 200, res.body);
    assert.match(res.body, /Beta GmbH/);
  });

  it('binds each link to the browser that asked for it with a short-lived, HttpOnly cookie', async () => {
    const link = await installLink(accord);
    const attributes = link.setCookie.split(';').map((a) => a.trim().toLowerCase());
    assert.match(link.cookie, /^[A-Za-z_]+=[0-9a-f]{64}$/, link.setCookie);
    assert.ok(!link.cookie.includes(link.searchParams.get('state')), 'the cookie is not the state');
    for (const attribute of ['httponly', 'secure', 'samesite=lax']) {
      assert.ok(attributes.includes(attribute), `${attribute} in ${link.setCookie}`);
    }
    const maxAge = attributes.find((a) => a.startsWith('max-age='));
    assert.ok(maxAge && Number(maxAge.slice(8)) > 0 && Number(maxAge.slice(8)) <= 600, link.setCookie);
  });

  it('refuses a redirect that comes back to another browser, or without the cookie, and says so', async () => {
    const exchanges = fake.apiCalls('oauth.v2.access').length;
    const theirs = await installLink(accord);
    for (const cookie of [undefined, theirs.cookie]) {
      const mine = await installLink(accord);
      const res = await redirectBack(accord, { code: 'code-a', state: mine.searchParams.get('state') }, cookie);
      assert.equal(res.status, 400, res.body);
      assert.match(res.body, /same browser/, res.body);
    }
    assert.equal(fake.apiCalls('oauth.v2.access').length, exchanges, 'no exchange for another browser');
  });

  it('refuses a state that was already used', async () => {
    const res = await redirectBack(accord, { code: 'code-a', state: stateA }, cookieA);
    assert.equal(res.status, 400);
    assert.match(res.body, /unknown, has expired or was already used/);
    assert.equal(fake.apiCalls('oauth.v2.access').length, 2, 'no exchange for a refused state');
  });

  it('refuses a state that was never issued, or none', async () => {
    assert.equal((await redirectBack(accord, { code: 'code-x', state: 'f'.repeat(64) })).status, 400);
    assert.equal((await redirectBack(accord, { code: 'code-x' })).status, 400);
    assert.equal(fake.apiCalls('oauth.v2.access').length, 2);
  });

  it('shows a failure page when the installer cancels, or Slack refuses the code', async () => {
    const first = await installLink(accord);
    const cancelled = await redirectBack(accord, {
      error: 'access_denied', state: first.searchParams.get('state'),
    }, first.cookie);
    assert.equal(cancelled.status, 400);
    assert.match(cancelled.body, /cancelled/);

    const second = await installLink(accord);
    const refused = await redirectBack(accord, {
      code: 'code-unknown', state: second.searchParams.get('state'),
    }, second.cookie);
    assert.equal(refused.status, 400);
    assert.match(refused.body, /invalid_code/);
  });

  it('commands from each workspace are answered, and their messages use that workspace\'s token', async () => {
    h.expectReply(await run(A.team, A.installer, 'setup "Alpha project"', 'C0ALPHA01'));
    h.expectReply(await run(A.team, A.installer, 'role add <@U0ACUST01> customer', 'C0ALPHA01'), 'ephemeral');
    h.expectReply(await run(B.team, B.installer, 'setup "Beta project"', 'C0BETA001'));
    h.expectReply(await run(B.team, B.installer, 'role add <@U0BCUST01> customer', 'C0BETA001'), 'ephemeral');

    const dmA = await h.waitFor(() => fake.apiCalls('chat.postMessage').find((c) => c.body.channel === 'DU0ACUST01'),
      8000, { message: 'the DM in workspace A' });
    const dmB = await h.waitFor(() => fake.apiCalls('chat.postMessage').find((c) => c.body.channel === 'DU0BCUST01'),
      8000, { message: 'the DM in workspace B' });
    assert.equal(dmA.token, A.token);
    assert.ok(dmA.authorized);
    assert.match(h.replyText(dmA.body), /Alpha project/);
    // B's token expires within the refresh margin: refreshed (once) before it was used.
    assert.equal(dmB.token, `${B.token}-r1`);
    assert.ok(dmB.authorized);
    assert.match(h.replyText(dmB.body), /Beta project/);
    const refreshes = fake.apiCalls('oauth.v2.access').filter((c) => c.body.grant_type === 'refresh_token');
    assert.equal(refreshes.length, 1);

    const opened = fake.apiCalls('conversations.open');
    assert.equal(opened.find((c) => c.body.users === 'U0ACUST01').token, A.token);
    assert.equal(opened.find((c) => c.body.users === 'U0BCUST01').token, `${B.token}-r1`);
    assert.equal(fake.calls.filter((c) => c.token === h.BOT_TOKEN).length, 0, 'no single-mode token in OAuth mode');
    assert.equal(fake.calls.filter((c) => c.method && c.method !== 'oauth.v2.access' && !c.authorized).length, 0);
  });

  it('a workspace without an installation is told how to install, and nothing happens', async () => {
    const { text } = h.expectReply(await run('T0UNKNOWN', 'U0STRANGE', 'setup "Intruder"', 'C0UNKNOWN'), 'ephemeral');
    assert.match(text, /Accord is not installed in this workspace\. Ask an admin to install it:/);
    assert.ok(text.includes(`https://127.0.0.1:${accord.port}/slack/install`), text);

    const hook = fake.hookUrl();
    const click = h.blockActionsPayload({ team: 'T0UNKNOWN', user: 'U0STRANGE', channel: 'C0UNKNOWN',
      actionId: 'accord:help', value: 'help', responseUrl: hook });
    assert.equal((await h.signedRequest(accord, '/slack/interactive', h.interactiveBody(click))).status, 200);
    const [answer] = await h.waitFor(() => fake.hookCalls(hook).length && fake.hookCalls(hook), 8000,
      { message: 'the not-installed answer to a click' });
    assert.match(h.replyText(answer.body), /Accord is not installed in this workspace/);

    const ev = h.eventCallback({ team: 'T0UNKNOWN', event: { type: 'app_home_opened', user: 'U0STRANGE', tab: 'home', event_ts: '1.0' } });
    const res = await h.signedRequest(accord, '/slack/events', JSON.stringify(ev), { contentType: 'application/json' });
    assert.equal(res.status, 200);
    await h.sleep(300);
    assert.equal(fake.apiCalls('views.publish').filter((c) => c.body.user_id === 'U0STRANGE').length, 0);
  });

  it('refuses a state that expired (10 minutes)', async () => {
    const link = await installLink(accord);
    await accord.advanceClock(601);  // signed requests follow the test clock from here
    const res = await redirectBack(accord, { code: 'code-a', state: link.searchParams.get('state') }, link.cookie);
    assert.equal(res.status, 400);
  });

  it('app_uninstalled deletes workspace A\'s tokens; B keeps working', async () => {
    // Revoking only user tokens (Accord keeps none) leaves the bot token alone.
    const userTokens = h.eventCallback({ team: B.team,
      event: { type: 'tokens_revoked', tokens: { oauth: [B.installer] }, event_ts: '1700000000.000200' } });
    assert.equal((await h.signedRequest(accord, '/slack/events', JSON.stringify(userTokens),
      { contentType: 'application/json' })).status, 200);

    const ev = h.eventCallback({ team: A.team, event: { type: 'app_uninstalled', event_ts: '1700000000.000100' } });
    const res = await h.signedRequest(accord, '/slack/events', JSON.stringify(ev), { contentType: 'application/json' });
    assert.equal(res.status, 200);

    const { text } = h.expectReply(await run(A.team, A.installer, 'roles', 'C0ALPHA01'), 'ephemeral');
    assert.match(text, /Accord is not installed in this workspace/);

    const before = fake.apiCalls('chat.postMessage').length;
    h.expectReply(await run(B.team, B.installer, 'role add <@U0BDEV001> dev', 'C0BETA001'), 'ephemeral');
    const dm = await h.waitFor(() => fake.apiCalls('chat.postMessage').slice(before)
      .find((c) => c.body.channel === 'DU0BDEV001'), 8000, { message: 'the DM in workspace B' });
    assert.ok(dm.authorized);
    assert.equal(dm.token, `${B.token}-r1`);
  });

  it('installations survive a restart; another secret key cannot read them and is refused', async () => {
    earlierOutput = accord.output();
    await accord.stop();
    const env = { ...accord.env, ACCORD_TEST_CLOCK: '2026-11-27T11:00:00Z' };
    const wrongKey = await h.runAccord(['serve'], { env: { ...env, ACCORD_SECRET_KEY: crypto.randomBytes(32).toString('hex') } });
    assert.notEqual(wrongKey.code, 0);
    wrongKeyOutput = wrongKey.stderr + wrongKey.stdout;
    assert.match(wrongKeyOutput, /ACCORD_SECRET_KEY does not decrypt the tokens stored/);

    accord = await h.startAccord({ fake, env, dataDir: accord.dataDir, secret: accord.secret, port: accord.port });
    const before = fake.apiCalls('chat.postMessage').length;
    h.expectReply(await run(B.team, B.installer, 'role add <@U0BQA0001> qa', 'C0BETA001'), 'ephemeral');
    const dm = await h.waitFor(() => fake.apiCalls('chat.postMessage').slice(before)
      .find((c) => c.body.channel === 'DU0BQA0001'), 8000, { message: 'the DM in workspace B after the restart' });
    assert.equal(dm.token, `${B.token}-r1`);
    const { text } = h.expectReply(await run(A.team, A.installer, 'roles', 'C0ALPHA01'), 'ephemeral');
    assert.match(text, /Accord is not installed in this workspace/);
  });

  it('never writes a token, the client secret or the secret key to the log', async () => {
    const output = earlierOutput + accord.output();
    assert.match(output, /installed in workspace T0ALPHA01/);
    assert.match(output, /app_uninstalled: deleted the installation and tokens of workspace T0ALPHA01/);
    const secrets = [CLIENT.secret, SECRET_KEY, A.token, B.token, ...fake.issuedTokens,
      ...fake.calls.filter((c) => c.response && c.response.refresh_token).map((c) => c.response.refresh_token)];
    for (const secret of secrets) {
      assert.ok(!output.includes(secret), `the log shows a secret: ${secret.slice(0, 12)}…`);
      assert.ok(!wrongKeyOutput.includes(secret), `the refusal shows a secret: ${secret.slice(0, 12)}…`);
    }
  });
});

describe('OAuth installs under hostile load', () => {
  let fake;
  let accord;
  const C = { team: 'T0GAMMA01', teamName: 'Gamma AG', token: `xoxb-e2e-gamma-${crypto.randomBytes(8).toString('hex')}` };

  before(async () => {
    fake = await h.startFakeSlack({ oauthClient: CLIENT, oauth: { 'code-c': C } });
    accord = await h.startAccord({
      fake,
      env: {
        ACCORD_SLACK_BOT_TOKEN: '', ACCORD_SLACK_CLIENT_ID: CLIENT.id, ACCORD_SLACK_CLIENT_SECRET: CLIENT.secret,
        ACCORD_SLACK_OAUTH_BASE: `https://127.0.0.1:${fake.port}`, ACCORD_SECRET_KEY: SECRET_KEY,
      },
      config: { outbox: { request_timeout: 4 } },
    });
  });

  after(async () => {
    if (accord) await accord.stop();
    if (fake) await fake.stop();
  });

  it('Slack not answering the code exchange stalls neither /healthz nor signed commands', async () => {
    fake.options.hang = 'oauth.v2.access';
    try {
      const links = [await installLink(accord), await installLink(accord)];
      const installs = links.map((link) => redirectBack(accord,
        { code: 'code-c', state: link.searchParams.get('state') }, link.cookie));
      await h.waitFor(() => fake.apiCalls('oauth.v2.access').length >= 1, 3000, { message: 'an exchange' });
      await h.sleep(300);

      const health = await accord.request({ path: '/healthz' });
      assert.equal(health.status, 200);
      assert.ok(health.elapsedMs < 1000, `/healthz took ${health.elapsedMs} ms`);
      const command = await h.slashCommand(accord, { team: C.team, user: 'U0GPM0001', channel: 'C0GAMMA01', text: 'help' });
      h.expectReply(command, 'ephemeral');
      assert.ok(command.elapsedMs < 1000, `the command took ${command.elapsedMs} ms`);

      // Each installer still gets a page once the exchange gives up (request_timeout).
      for (const page of await Promise.all(installs)) {
        assert.equal(page.status, 502, page.body);
        assert.match(page.body, /Slack did not confirm the installation/);
      }
    } finally {
      fake.options.hang = null;
    }
  });

  it('10,000 anonymous install pages from one client do not keep another from installing', async () => {
    const https = require('node:https');
    const agent = new https.Agent({ keepAlive: true, maxSockets: 8 });
    const statuses = new Map();
    let next = 0;
    const total = 10050;
    try {
      await Promise.all(Array.from({ length: 8 }, async () => {
        while (next < total) {
          next += 1;
          const res = await accord.request({ path: '/slack/install', agent });
          statuses.set(res.status, (statuses.get(res.status) || 0) + 1);
        }
      }));
    } finally {
      agent.destroy();
    }
    // The flooding client is held to a few links at a time, and told so.
    assert.ok((statuses.get(429) || 0) > 9000, `statuses ${JSON.stringify([...statuses])}`);
    assert.ok((statuses.get(200) || 0) <= 20, `statuses ${JSON.stringify([...statuses])}`);

    // Someone else (another address) still gets a link and installs with it.
    const link = await installLink(accord, { from: '127.0.0.2' });
    const res = await redirectBack(accord, { code: 'code-c', state: link.searchParams.get('state') }, link.cookie);
    assert.equal(res.status, 200, res.body);
    assert.match(res.body, /Gamma AG/);
  });
});

describe('OAuth mode without a secret key', () => {
  it('refuses to start and says why', async () => {
    const result = await h.runAccord(['serve'], {
      env: {
        ACCORD_SLACK_CLIENT_ID: CLIENT.id, ACCORD_SLACK_CLIENT_SECRET: CLIENT.secret,
        ACCORD_DATA_DIR: h.makeTempDir(), ACCORD_LISTEN: '127.0.0.1:0',
      },
    });
    assert.notEqual(result.code, 0);
    assert.match(result.stderr, /ACCORD_SECRET_KEY/);
    assert.ok(!result.stderr.includes(CLIENT.secret));
  });
});
