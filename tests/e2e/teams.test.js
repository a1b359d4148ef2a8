// Microsoft Teams end to end (issue 6): the real binary behind a local stand-in for the Bot
// Framework (teams_channel.js: OpenID metadata, signing keys, token endpoint, Connector). Every
// activity carries a token minted here; botframework-connector's own validator is the oracle that
// each bad token really is bad; every card Accord sends is checked with the adaptivecards package.
'use strict';

const { describe, it, before, after } = require('node:test');
const assert = require('node:assert/strict');
const crypto = require('node:crypto');
const connector = require('botframework-connector');
const h = require('./harness');
const { startTeamsChannel, activity, cardsOf, cardText, executeActions, APP_ID } = require('./teams_channel');
const { assertValidCard } = require('./adaptive_cards');

const CHANNEL = '19:e2eNovaChannel@thread.tacv2';
const PM = { id: '29:1pmNovaAAAA-bbbb_cccc', name: 'Pat Manager' };
const CUST = { id: '29:1custNovaDDDD-eeee_ffff', name: 'Cara Customer' };
const CUST2 = { id: '29:1custNovaGGGG-hhhh_iiii', name: 'Chris Client' };
const DEV = { id: '29:1devNovaJJJJ-kkkk_llll', name: 'Dana Developer' };
const CUST_CHAT = 'a:1custNovaPersonalChat';
const CUST2_CHAT = 'a:1cust2NovaPersonalChat';
const BOT = { id: `28:${APP_ID}`, name: 'Accord' };

// Friday 2026-11-27 15:00 in Berlin, the project's zone.
const START = '2026-11-27T14:00:00Z';

// Runs `fn` with the SDK's console chatter (key dumps on every refusal) silenced.
async function quietly(fn) {
  const saved = [console.log, console.error, console.warn];
  console.log = console.error = console.warn = () => {};
  try {
    return await fn();
  } finally {
    [console.log, console.error, console.warn] = saved;
  }
}

describe('Microsoft Teams', () => {
  let channel;
  let accord;

  const post = (body, { token, headers = {}, raw } = {}) => accord.request({
    method: 'POST', path: '/api/messages',
    headers: {
      'Content-Type': 'application/json',
      ...(token === null ? {} : { Authorization: `Bearer ${token || channel.mint({}, {}, accord.testNow)}` }),
      ...headers,
    },
    body: raw !== undefined ? raw : JSON.stringify(body),
  });

  // Connector posts into a conversation, each with its (validated) card.
  const postsTo = (conversation, pattern = /./) => channel.connectorCalls((c) =>
    c.method === 'POST' && c.status < 300 && c.path === `/teams/v3/conversations/${encodeURIComponent(conversation)}/activities` &&
    cardsOf(c).some((card) => pattern.test(cardText(card))));

  async function waitForPost(conversation, pattern, message) {
    return h.waitFor(() => postsTo(conversation, pattern)[0], 8000, { message });
  }

  const say = (user, text, mentions = []) => post(activity(channel, {
    user: user.id, name: user.name, conversation: CHANNEL, conversationType: 'channel',
    text: `<at>Accord</at> ${text}`, mentions: [BOT, ...mentions],
  }));

  before(async () => {
    channel = await startTeamsChannel();
    accord = await h.startAccord({ env: { ACCORD_TEST_CLOCK: START, ...channel.env() } });

    // Installed in the team's channel by the pm, and personally by the two customers.
    assert.equal((await post(activity(channel, { type: 'installationUpdate', user: PM.id, name: PM.name,
      conversation: CHANNEL, conversationType: 'channel', extra: { action: 'add' } }))).status, 200);
    for (const [person, chat] of [[CUST, CUST_CHAT], [CUST2, CUST2_CHAT]]) {
      assert.equal((await post(activity(channel, { type: 'installationUpdate', user: person.id, name: person.name,
        conversation: chat, extra: { action: 'add' } }))).status, 200);
    }
    await waitForPost(CHANNEL, /Accord is here/, 'the welcome in the channel');

    assert.equal((await say(PM, 'setup "Nova" tz=Europe/Berlin')).status, 200);
    await waitForPost(CHANNEL, /Nova/, 'the setup reply in the channel');
    for (const [person, role] of [[CUST, 'customer'], [CUST2, 'customer'], [DEV, 'dev']]) {
      const res = await say(PM, `role add <at>${person.name}</at> ${role}`, [person]);
      assert.equal(res.status, 200);
    }
  });

  after(async () => {
    if (accord) await accord.stop();
    if (channel) await channel.stop();
  });

  it('answers a command in a personal chat with a valid card, through the Connector with its token', async () => {
    const res = await post(activity(channel, { user: CUST.id, name: CUST.name, conversation: CUST_CHAT, text: 'help' }));
    assert.equal(res.status, 200);
    const reply = await waitForPost(CUST_CHAT, /keeps the customer and the team/, 'the help card in the personal chat');
    cardsOf(reply).forEach(assertValidCard);
    const help = cardText(cardsOf(reply)[0]);
    assert.match(help, /@Accord accept T-1/, 'commands are written as Teams users address the bot');
    assert.doesNotMatch(help, /\/accord/);
    assert.ok(channel.issued.has(reply.headers.authorization.replace('Bearer ', '')),
      'the Connector call carries a token from the token endpoint');
    const tokenRequest = channel.tokenRequests[0];
    assert.equal(tokenRequest.form.grant_type, 'client_credentials');
    assert.equal(tokenRequest.form.client_id, APP_ID);
    assert.equal(tokenRequest.form.scope, 'https://api.botframework.com/.default');
    assert.doesNotMatch(accord.output(), /e2e-teams-client-secret|e2e-connector-token/, 'no secret in the log');
  });

  it('takes an @mention in a channel: mentions become role targets, private answers go 1:1', async () => {
    // The pm's "role add" answers are private: Teams has no private message in a channel, so
    // they arrive in a 1:1 chat Accord creates with the pm.
    const created = await h.waitFor(() => channel.connectorCalls((c) => c.method === 'POST' &&
      c.path === '/teams/v3/conversations' && c.body.members[0].id === PM.id)[0], 8000,
    { message: 'a 1:1 chat created with the pm' });
    assert.equal(created.body.tenantId, channel.tenant);
    assert.equal(created.body.isGroup, false);
    const pmChat = `a:personal-${PM.id.slice(3)}`;
    const answers = await h.waitFor(() => postsTo(pmChat, /customer|dev/i).length >= 3 && postsTo(pmChat, /customer|dev/i),
      8000, { message: 'the three role answers in the pm chat' });
    answers.flatMap(cardsOf).forEach(assertValidCard);
    assert.equal(postsTo(CHANNEL, /Chris Client|Dana Developer/).length, 0, 'private answers stay out of the channel');

    const roles = await say(PM, 'roles');
    assert.equal(roles.status, 200);
    const list = await waitForPost(pmChat, new RegExp(`${CUST.name}.*${CUST2.name}|${CUST2.name}.*${CUST.name}`, 's'),
      'the role list naming both customers');
    const card = cardsOf(list)[0];
    assertValidCard(card);
    const mentioned = card.msteams.entities.map((e) => e.mentioned.id);
    assert.ok(mentioned.includes(CUST.id) && mentioned.includes(CUST2.id), 'people are real mentions');
  });

  it('messages someone who only installed the app: the Monday digest reaches their personal chat', async () => {
    assert.equal((await say(PM, 'roadmap add "Card payments" due=2027-03-01 reason="Needed for launch"')).status, 200);
    await waitForPost(CUST2_CHAT, /Card payments/, 'the change request card in the second customer\'s chat');
    // Monday 09:00 Berlin: the digest to each approver with something waiting.
    await accord.advanceClock(Math.round((Date.parse('2026-11-30T08:05:00Z') - accord.testNow) / 1000));
    const digest = await waitForPost(CUST2_CHAT, /Waiting on you/i, 'the digest in the second customer\'s chat');
    cardsOf(digest).forEach(assertValidCard);
    assert.match(cardText(cardsOf(digest)[0]), /CR-1/);
    assert.equal(channel.connectorCalls((c) => c.path === '/teams/v3/conversations' &&
      c.body.members[0].id === CUST2.id).length, 0, 'the chat from the install is used, none created');
  });

  it('runs an approval click (adaptiveCard/action) and answers with the decided card', async () => {
    const posted = await waitForPost(CUST_CHAT, /Card payments/, 'the change request card in the customer chat');
    const card = cardsOf(posted).find((c) => /Card payments/.test(cardText(c)));
    assertValidCard(card);
    const approve = executeActions(card).find((a) => /approve/i.test(a.title));
    assert.ok(approve, 'the card has an Approve action');
    const cardId = channel.responseIdOf(posted);

    // A developer's click on the same card is refused, and changes nothing.
    const refused = await post(activity(channel, { type: 'invoke', invokeName: 'adaptiveCard/action',
      user: DEV.id, name: DEV.name, conversation: CUST_CHAT, replyToId: cardId,
      value: { action: { type: 'Action.Execute', verb: approve.verb, data: approve.data }, trigger: 'manual' } }));
    assert.equal(refused.status, 200);
    const refusal = JSON.parse(refused.body);
    assert.equal(refusal.type, 'application/vnd.microsoft.activity.message');
    assert.match(refusal.value, /customer/i);

    const res = await post(activity(channel, { type: 'invoke', invokeName: 'adaptiveCard/action',
      user: CUST.id, name: CUST.name, conversation: CUST_CHAT, replyToId: cardId,
      value: { action: { type: 'Action.Execute', verb: approve.verb, data: approve.data }, trigger: 'manual' } }));
    assert.equal(res.status, 200);
    const answer = JSON.parse(res.body);
    assert.equal(answer.statusCode, 200);
    assert.equal(answer.type, 'application/vnd.microsoft.card.adaptive');
    assertValidCard(answer.value);
    assert.match(cardText(answer.value), /approved/i);
    assert.equal(executeActions(answer.value).length, 0, 'a decided card has no buttons');

    // Every copy (the channel's and both customers') is updated in place.
    const updates = await h.waitFor(() => {
      const puts = channel.connectorCalls((c) => c.method === 'PUT');
      return puts.length >= 3 && puts;
    }, 8000, { message: 'PUT of every copy of the card' });
    for (const update of updates) {
      cardsOf(update).forEach(assertValidCard);
      assert.equal(cardsOf(update).flatMap(executeActions).length, 0);
    }
    assert.ok(updates.some((u) => u.path.endsWith(`/activities/${cardId}`)), 'the clicked card is updated too');

    // The decision is in the shared log, as from Slack.
    assert.equal((await say(PM, 'log')).status, 200);
    await waitForPost(`a:personal-${PM.id.slice(3)}`, /approve/i, 'the decision log');
  });

  it('opens a form as a card of inputs and runs its submission like typing the command', async () => {
    assert.equal((await say(DEV, 'task add')).status, 200);
    const devChat = `a:personal-${DEV.id.slice(3)}`;
    const posted = await waitForPost(devChat, /Title/, 'the task form in the developer chat');
    const form = cardsOf(posted)[0];
    assertValidCard(form);
    const inputs = [];
    const walk = (node) => {
      if (Array.isArray(node)) node.forEach(walk);
      else if (node && typeof node === 'object') {
        if (typeof node.type === 'string' && node.type.startsWith('Input.')) inputs.push(node);
        Object.values(node).forEach(walk);
      }
    };
    walk(form.body);
    const title = inputs.find((i) => /title/.test(i.id));
    const estimate = inputs.find((i) => /estimate/.test(i.id));
    assert.ok(title && estimate, 'the form has title and estimate inputs');
    const [submit] = executeActions(form);
    assert.ok(submit, 'the form has a submit action');

    // Teams merges the inputs into the action's data.
    const invoke = (data) => post(activity(channel, { type: 'invoke', invokeName: 'adaptiveCard/action',
      user: DEV.id, name: DEV.name, conversation: devChat, replyToId: channel.responseIdOf(posted),
      value: { action: { type: 'Action.Execute', verb: submit.verb, data: { ...submit.data, ...data } }, trigger: 'manual' } }));
    // Problems are shown as Teams forms show them: the card again, each next to its input.
    const incomplete = JSON.parse((await invoke({ [estimate.id]: 'two hours' })).body);
    assert.equal(incomplete.type, 'application/vnd.microsoft.card.adaptive', 'the form is shown again');
    assertValidCard(incomplete.value);
    const shown = incomplete.value.body;
    const at = shown.findIndex((b) => b.id === title.id);
    assert.equal(shown[at + 1].color, 'Attention', 'the missing title is pointed out under its input');
    assert.match(shown[at + 1].text, /title/i);
    assert.equal(shown.find((b) => b.id === estimate.id).value, 'two hours', 'what was typed is kept');

    const done = JSON.parse((await invoke({ [title.id]: 'Export invoices', [estimate.id]: '2h' })).body);
    assert.equal(done.type, 'application/vnd.microsoft.card.adaptive');
    assertValidCard(done.value);
    assert.match(cardText(done.value), /T-\d+/);
    assert.match(cardText(done.value), /Export invoices/);
    assert.equal(executeActions(done.value).filter((a) => a.verb === submit.verb).length, 0,
      'the submitted form is replaced by its outcome');
  });

  it('waits out a Connector 429 for its Retry-After, then delivers', async () => {
    await h.sleep(1500);  // whatever earlier tests queued has gone out
    const before = postsTo(CUST_CHAT).length;
    channel.failNext = { status: 429, retryAfter: 2, times: 1 };
    assert.equal((await post(activity(channel, { user: CUST.id, name: CUST.name, conversation: CUST_CHAT, text: 'approvals' }))).status, 200);
    const reply = await h.waitFor(() => postsTo(CUST_CHAT).length > before && postsTo(CUST_CHAT).at(-1), 10000,
      { message: 'the reply after the 429' });
    const [throttled] = channel.connectorCalls((c) => c.status === 429);
    assert.equal(throttled.path, reply.path, 'the throttled call was this reply');
    assert.ok(reply.at - throttled.at >= 1900, `the retry waited for Retry-After (${reply.at - throttled.at} ms)`);
  });

  it('keeps typed <, > and & as text, never as markup', async () => {
    const res = await say(DEV, 'task add "Invoices & receipts <@29:1nobody> <b>now</b>" estimate=2h');
    assert.equal(res.status, 200);
    const reply = await h.waitFor(() => channel.connectorCalls((c) => c.status < 300 &&
      cardsOf(c).some((card) => /Invoices/.test(cardText(card))))[0], 8000, { message: 'the task reply' });
    const card = cardsOf(reply)[0];
    assertValidCard(card);
    assert.match(cardText(card), /Invoices &amp; receipts &lt;@29:1nobody&gt; &lt;b&gt;now&lt;\/b&gt;/);
    const mentioned = ((card.msteams && card.msteams.entities) || []).map((e) => e.mentioned.id);
    assert.ok(!mentioned.includes('29:1nobody'), 'typed text mentions nobody');
  });

  it('acknowledges a repeated activity without running it twice', async () => {
    await h.sleep(500);
    const body = activity(channel, { user: CUST.id, name: CUST.name, conversation: CUST_CHAT, text: 'roadmap' });
    const before = postsTo(CUST_CHAT).length;
    assert.equal((await post(body)).status, 200);
    assert.equal((await post(body)).status, 200);
    await h.waitFor(() => postsTo(CUST_CHAT).length > before, 8000, { message: 'the roadmap reply' });
    await h.sleep(1500);
    assert.equal(postsTo(CUST_CHAT).length, before + 1, 'one reply for two deliveries');
  });

  it('refuses every bad token with 401 (403 for a genuine token that does not fit), as the SDK does', async () => {
    const good = activity(channel, { user: CUST.id, name: CUST.name, conversation: CUST_CHAT, text: 'roadmap' });
    const { privateKey: otherKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
    const cases = [
      ['no Authorization header', null],
      ['a Basic header', 'basic'],
      ['wrong audience', { aud: 'someone-else' }],
      ['wrong issuer', { iss: 'https://evil.example.com' }],
      ['expired ten minutes ago', { exp: -600 }],
      ['not valid for ten minutes', { nbf: 600 }],
      ['signed by another key with the same kid', {}, { key: otherKey }],
      ['an unknown kid', {}, { kid: 'no-such-key' }],
      ['HS256', {}, { alg: 'HS256' }],
      ['alg none', {}, { alg: 'none' }],
    ];
    // The SDK's validator reads the same local metadata and keys as Accord.
    connector.ChannelValidation.OpenIdMetadataEndpoint = channel.metadataUrl;
    const before = postsTo(CUST_CHAT).length;
    for (const [name, claims, options = {}] of cases) {
      let header;
      let oracleHeader;
      if (claims === null) {
        header = null;
        oracleHeader = '';
      } else if (claims === 'basic') {
        header = 'Basic ' + Buffer.from(`${APP_ID}:x`).toString('base64');
        oracleHeader = header;
      } else {
        const at = (nowMs) => {
          const relative = {};
          for (const [k, v] of Object.entries(claims)) {
            relative[k] = (k === 'exp' || k === 'nbf') ? Math.floor(nowMs / 1000) + v : v;
          }
          return channel.mint(relative, options, nowMs);
        };
        header = `Bearer ${at(accord.testNow)}`;
        oracleHeader = `Bearer ${at(Date.now())}`;
      }
      await quietly(() => assert.rejects(connector.JwtTokenValidation.authenticateRequest(
        { ...good, serviceUrl: channel.serviceUrl }, oracleHeader,
        new connector.SimpleCredentialProvider(APP_ID, ''), ''), `the SDK refuses ${name}`));
      const res = await accord.request({ method: 'POST', path: '/api/messages',
        headers: { 'Content-Type': 'application/json', ...(header ? { Authorization: header } : {}) },
        body: JSON.stringify({ ...good, id: `${good.id}-${name.length}` }) });
      assert.equal(res.status, 401, `${name}: ${res.body}`);
    }

    // A genuine token that does not vouch for this activity: 403.
    const otherUrl = { ...good, id: `${good.id}-url`, serviceUrl: `${channel.base}/elsewhere/` };
    assert.equal((await post(otherUrl)).status, 403, 'serviceUrl not the one in the token');
    const otherChannel = { ...good, id: `${good.id}-chan`, channelId: 'slack' };
    assert.equal((await post(otherChannel)).status, 403, 'a key not endorsed for the channel');

    // Two minutes past expiry is inside the five-minute skew.
    const late = channel.mint({ exp: Math.floor(accord.testNow / 1000) - 120 }, {}, accord.testNow);
    assert.equal((await post({ ...good, id: `${good.id}-late` }, { token: late })).status, 200);

    // Malformed bodies with a good token.
    assert.equal((await post(null, { raw: '{"type": ' })).status, 400);
    assert.equal((await post(null, { raw: '[1,2]' })).status, 400);
    assert.equal((await post(good, { headers: { 'Content-Type': 'text/plain' } })).status, 415);

    await h.sleep(1000);
    assert.equal(postsTo(CUST_CHAT).length, before + 1, 'only the accepted activity was answered');
    assert.ok(accord.running);
  });
});

describe('Microsoft Teams signing keys that never come', () => {
  let fake;
  let channel;
  let accord;

  before(async () => {
    fake = await h.startFakeSlack();
    channel = await startTeamsChannel();
    accord = await h.startAccord({ fake, env: { ACCORD_TEST_CLOCK: START, ...channel.env() },
      config: { outbox: { request_timeout: 6 } } });
    h.expectReply(await h.slashCommand(accord, { user: 'U0KEYPM01', channel: 'C0KEYS001', text: 'setup "Keys"' }),
      'in_channel');
  });

  after(async () => {
    if (accord) await accord.stop();
    if (channel) await channel.stop();
    if (fake) await fake.stop();
  });

  it('a key endpoint that never answers stalls neither /healthz nor signed Slack commands', async () => {
    await accord.advanceClock(2 * 3600);  // a token with an unknown key id may refetch the keys
    channel.hangKeys = true;
    const requestsBefore = channel.keyRequests;
    // Four activities signed with a key the channel rotated in (its id is not cached yet).
    const { privateKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
    const teams = Array.from({ length: 4 }, (_, i) => accord.request({
      method: 'POST', path: '/api/messages', timeoutMs: 20000,
      headers: { 'Content-Type': 'application/json',
        Authorization: `Bearer ${channel.mint({}, { kid: `rotated-key-${i}`, key: privateKey }, accord.testNow)}` },
      body: JSON.stringify(activity(channel, { user: PM.id, name: PM.name, conversation: CUST_CHAT, text: 'help' })),
    }));
    await h.waitFor(() => channel.keyRequests > requestsBefore, 3000, { message: 'the key fetch' });

    const health = await accord.request({ path: '/healthz', timeoutMs: 20000 });
    assert.equal(health.status, 200);
    assert.ok(health.elapsedMs < 2000, `/healthz took ${health.elapsedMs} ms`);
    h.expectReply(await h.slashCommand(accord, { user: 'U0KEYPM01', channel: 'C0KEYS001', text: 'roles' }),
      'ephemeral');
    // The activities are refused as the SDK refuses an unknown key, long before the fetch gives up.
    for (const res of await Promise.all(teams)) {
      assert.equal(res.status, 401);
      assert.ok(res.elapsedMs < 4000, `a Teams request took ${res.elapsedMs} ms`);
    }
  });
});
