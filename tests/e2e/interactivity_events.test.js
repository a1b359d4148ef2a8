// Buttons and the Events API: help's buttons carry runnable commands, a click is acked at once with
// an empty 200 and answered through the response_url; url_verification; app_home_opened publishes
// the Home tab; Slack's retries of the same event_id are not processed twice; unknown events are acked.
'use strict';

const { describe, it, before, after } = require('node:test');
const assert = require('node:assert/strict');
const h = require('./harness');

const TEAM = 'T0E2E0001';
const CHANNEL = 'C0BUTTON1';
const USER = 'U0CLICK01';

describe('interactivity and events', () => {
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

  // Sends a signed block_actions click; returns {ack, responseUrl, body} (body: the signed form).
  async function click(actionId, value, { user = USER, label = 'Button' } = {}) {
    const responseUrl = fake.hookUrl();
    const payload = h.blockActionsPayload({ user, channel: CHANNEL, team: TEAM, actionId, value, responseUrl, label });
    const body = h.interactiveBody(payload);
    const ack = await h.signedRequest(accord, '/slack/interactive', body);
    return { ack, responseUrl, body };
  }

  async function hookReply(responseUrl) {
    const [hook] = await h.waitFor(() => fake.hookCalls(responseUrl).length && fake.hookCalls(responseUrl), 8000,
      { message: `POST to ${responseUrl}` });
    return hook;
  }

  function assertHookReply(hook) {
    assert.equal(hook.httpMethod, 'POST');
    assert.match(hook.headers['content-type'] || '', /^application\/json/i);
    assert.equal(hook.body.response_type, 'ephemeral');
    assert.ok(hook.body.replace_original === undefined || hook.body.replace_original === false,
      `replace_original must be false or absent, got ${hook.body.replace_original}`);
    assert.equal(typeof hook.body.text, 'string');
    assert.ok(hook.body.text.length > 0, 'fallback text');
    h.assertValidBlocks(hook.body.blocks);
    return h.replyText(hook.body);
  }

  describe('buttons', () => {
    let helpReply;

    it('help offers buttons that run commands', async () => {
      const res = await h.slashCommand(accord, { user: USER, channel: CHANNEL, team: TEAM, text: 'help' });
      helpReply = h.expectReply(res, 'ephemeral').json;
      const commandButtons = h.buttonsOf(helpReply).filter((b) => (b.action_id || '').startsWith('accord.command'));
      assert.ok(commandButtons.length >= 1, `expected accord.command buttons: ${JSON.stringify(helpReply.blocks)}`);
      for (const b of commandButtons) assert.ok(typeof b.value === 'string' && b.value.length > 0, 'button value = command');
    });

    it('a click on "help roles" is acked with an empty 200 and answered via the response_url', async () => {
      const { ack, responseUrl } = await click('accord.command#0', 'help roles');
      assert.equal(ack.status, 200, ack.body);
      assert.equal(ack.body, '', 'the ack has an empty body');
      assert.ok(ack.elapsedMs < 2000, `ack took ${ack.elapsedMs} ms`);
      const text = assertHookReply(await hookReply(responseUrl));
      assert.match(text, /role/i);
    });

    it('clicking each button of the help reply runs its command', async () => {
      assert.ok(helpReply, 'needs the help reply from the first test');
      const buttons = h.buttonsOf(helpReply).filter((b) => (b.action_id || '').startsWith('accord.command'));
      assert.ok(buttons.length >= 1);
      for (const button of buttons) {
        const { ack, responseUrl } = await click(button.action_id, button.value, { label: button.text.text });
        assert.equal(ack.status, 200, ack.body);
        const hook = await hookReply(responseUrl);
        const text = assertHookReply(hook);
        assert.ok(!/unknown/i.test(text), `button ${button.action_id} (${button.value}) gave: ${text}`);
        assert.equal(fake.hookCalls(responseUrl).length, 1, 'one reply per click');
      }
    });

    it('a button runs its command with the permissions of whoever clicks it', async () => {
      const victim = 'U0VICTIM1';
      const setup = await h.slashCommand(accord, { user: 'U0BTNPM01', channel: CHANNEL, team: TEAM, text: 'setup "Buttons"' });
      h.expectReply(setup, 'in_channel');
      const { ack, responseUrl } = await click('accord.command#0', `role add <@${victim}> pm`);
      assert.equal(ack.status, 200, ack.body);
      const text = assertHookReply(await hookReply(responseUrl));
      assert.match(text, /pm/, `expected a refusal naming the pm role: ${text}`);
      const roles = await h.slashCommand(accord, { user: 'U0BTNPM01', channel: CHANNEL, team: TEAM, text: 'roles' });
      assert.ok(!JSON.stringify(roles.json).includes(`<@${victim}>`), 'the refused click changed the roles');
    });

    it('the same click delivered twice is answered once', async () => {
      const { ack, responseUrl, body } = await click('accord.command#0', 'help');
      assert.equal(ack.status, 200, ack.body);
      const again = await h.signedRequest(accord, '/slack/interactive', body);
      assert.equal(again.status, 200, again.body);
      await hookReply(responseUrl);
      await h.sleep(1500);
      assert.equal(fake.hookCalls(responseUrl).length, 1);
    });

    it('an unknown action is acked with 200 (no error status)', async () => {
      const { ack } = await click('e2e.unknown.action', 'whatever');
      assert.equal(ack.status, 200, ack.body);
    });
  });

  describe('events', () => {
    const homeOpened = (user, eventId) => JSON.stringify(h.eventCallback({ team: TEAM, eventId, event: {
      type: 'app_home_opened', user, channel: `D${user}`, tab: 'home', event_ts: `${h.nowSeconds()}.000100` } }));
    const publishesFor = (user) => fake.apiCalls('views.publish').filter((c) => c.status === 200 && c.body.user_id === user);

    it('answers a signed url_verification with the challenge as JSON', async () => {
      const body = h.readConformance('url_verification.json');
      const res = await h.signedRequest(accord, '/slack/events', body, { contentType: 'application/json' });
      assert.equal(res.status, 200, res.body);
      assert.ok(res.json, `expected a JSON body: ${res.body}`);
      assert.equal(res.json.challenge, JSON.parse(body).challenge);
    });

    it('app_home_opened publishes a Home view for that user', async () => {
      const user = 'U0HOME001';
      const res = await h.signedRequest(accord, '/slack/events', homeOpened(user, h.unique('Ev')),
        { contentType: 'application/json' });
      assert.equal(res.status, 200, res.body);
      assert.ok(res.elapsedMs < 2000, `ack took ${res.elapsedMs} ms`);
      const [publish] = await h.waitFor(() => publishesFor(user).length && publishesFor(user), 8000,
        { message: 'views.publish' });
      assert.equal(publish.authorized, true);
      assert.equal(publish.body.view.type, 'home');
      h.assertValidBlocks(publish.body.view.blocks, { maxBlocks: 100 });
    });

    it('a retry of the same event_id is acked and not processed again', async () => {
      const user = 'U0RETRY01';
      const eventId = h.unique('Ev');
      const body = homeOpened(user, eventId);
      const first = await h.signedRequest(accord, '/slack/events', body, { contentType: 'application/json' });
      assert.equal(first.status, 200, first.body);
      await h.waitFor(() => publishesFor(user).length, 8000, { message: 'first views.publish' });

      const retry = await h.signedRequest(accord, '/slack/events', body, {
        contentType: 'application/json', headers: { 'X-Slack-Retry-Num': '1', 'X-Slack-Retry-Reason': 'http_timeout' } });
      assert.equal(retry.status, 200, retry.body);
      await h.sleep(1500);
      assert.equal(publishesFor(user).length, 1, 'the retry must not publish again');

      // A new delivery (new event_id) for the same user is processed: dedupe is by event_id.
      const again = await h.signedRequest(accord, '/slack/events', homeOpened(user, h.unique('Ev')),
        { contentType: 'application/json' });
      assert.equal(again.status, 200, again.body);
      await h.waitFor(() => publishesFor(user).length === 2, 8000, { message: 'second views.publish for a new event_id' });
    });

    it('a retry that arrives while the first delivery may still be in flight is not processed twice', async () => {
      const user = 'U0RACE001';
      const body = homeOpened(user, h.unique('Ev'));
      const retryHeaders = { 'X-Slack-Retry-Num': '1', 'X-Slack-Retry-Reason': 'http_timeout' };
      const [a, b] = await Promise.all([
        h.signedRequest(accord, '/slack/events', body, { contentType: 'application/json' }),
        h.signedRequest(accord, '/slack/events', body, { contentType: 'application/json', headers: retryHeaders }),
      ]);
      assert.equal(a.status, 200, a.body);
      assert.equal(b.status, 200, b.body);
      await h.waitFor(() => publishesFor(user).length, 8000, { message: 'views.publish' });
      await h.sleep(1500);
      assert.equal(publishesFor(user).length, 1);
    });

    it('acknowledges an unknown event type with 200', async () => {
      const body = JSON.stringify(h.eventCallback({ team: TEAM, event: {
        type: 'reaction_added', user: USER, reaction: 'thumbsup', event_ts: `${h.nowSeconds()}.000100` } }));
      const res = await h.signedRequest(accord, '/slack/events', body, { contentType: 'application/json' });
      assert.equal(res.status, 200, res.body);
    });

    it('acknowledges an unknown envelope type with 200 or 400, never 5xx', async () => {
      const body = JSON.stringify({ type: 'e2e_unknown_envelope', team_id: TEAM });
      const res = await h.signedRequest(accord, '/slack/events', body, { contentType: 'application/json' });
      assert.ok([200, 400].includes(res.status), `got ${res.status}: ${res.body}`);
    });
  });
});
