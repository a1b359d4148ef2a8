// Teams card forms that ask for a comment (hardening item 15): a rejection sent with an empty
// comment is answered as every Teams form answers a mistake, with the card again and the problem
// under its input (Action.Execute), or with what to fix (Action.Submit from older clients); the
// task is not rejected.
'use strict';

const { describe, it, before, after } = require('node:test');
const assert = require('node:assert/strict');
const h = require('./harness');
const { startTeamsChannel, activity, cardsOf, cardText, executeActions, APP_ID } = require('./teams_channel');
const { assertValidCard } = require('./adaptive_cards');

const CHANNEL = '19:e2eLyraChannel@thread.tacv2';
const PM = { id: '29:1pmLyraAAAA-bbbb_cccc', name: 'Lee Manager' };
const CUST = { id: '29:1custLyraDDDD-eeee_ffff', name: 'Cleo Customer' };
const DEV = { id: '29:1devLyraGGGG-hhhh_iiii', name: 'Dara Dev' };
const BOT = { id: `28:${APP_ID}`, name: 'Accord' };
const personalChat = (person) => `a:personal-${person.id.slice(3)}`;

describe('Teams: comment forms', () => {
  let channel;
  let accord;

  const post = (body) => accord.request({
    method: 'POST', path: '/api/messages',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${channel.mint({}, {}, accord.testNow)}` },
    body: JSON.stringify(body),
  });
  const say = (user, text, mentions = []) => post(activity(channel, {
    user: user.id, name: user.name, conversation: CHANNEL, conversationType: 'channel',
    text: `<at>Accord</at> ${text}`, mentions: [BOT, ...mentions],
  }));
  const postsTo = (conversation, pattern) => channel.connectorCalls((c) => c.method === 'POST' &&
    c.status < 300 && c.path === `/teams/v3/conversations/${encodeURIComponent(conversation)}/activities` &&
    cardsOf(c).some((card) => pattern.test(cardText(card))));
  const waitForPost = (conversation, pattern, message) =>
    h.waitFor(() => postsTo(conversation, pattern).at(-1), 8000, { message });

  before(async () => {
    channel = await startTeamsChannel();
    accord = await h.startAccord({ env: { ACCORD_TEST_CLOCK: '2026-11-24T10:00:00Z', ...channel.env() } });
    assert.equal((await say(PM, 'setup "Lyra" tz=UTC')).status, 200);
    await waitForPost(CHANNEL, /Lyra/, 'the setup reply');
    for (const [person, role] of [[CUST, 'customer'], [DEV, 'dev']]) {
      assert.equal((await say(PM, `role add <at>${person.name}</at> ${role}`, [person])).status, 200);
    }
    await h.waitFor(() => postsTo(personalChat(PM), /customer|dev/).length >= 2, 8000, { message: 'the roles' });
    for (const text of ['task add "Nightly export" estimate=1h', 'task start T-1', 'task done T-1']) {
      assert.equal((await say(DEV, text)).status, 200);
    }
    await waitForPost(personalChat(CUST), /Nightly export/, 'the acceptance card to the customer');
  });

  after(async () => {
    if (accord) await accord.stop();
    if (channel) await channel.stop();
  });

  // The customer types "reject T-1" in the channel; the form comes as a card in their 1:1 chat.
  async function rejectForm() {
    const before = postsTo(personalChat(CUST), /Reject task/).length;
    assert.equal((await say(CUST, 'reject T-1')).status, 200);
    const posted = await h.waitFor(() => postsTo(personalChat(CUST), /Reject task/)[before], 8000,
      { message: 'the rejection form' });
    const form = cardsOf(posted)[0];
    assertValidCard(form);
    const comment = form.body.find((b) => typeof b.type === 'string' && b.type.startsWith('Input.'));
    const [send] = executeActions(form);
    assert.ok(comment && send, 'the form has a comment input and a send action');
    return { posted, comment, send };
  }
  const stillAwaiting = async () => {
    const before = postsTo(personalChat(PM), /T-1/).length;
    assert.equal((await say(PM, 'task show T-1')).status, 200);
    const shown = await h.waitFor(() => postsTo(personalChat(PM), /T-1/)[before], 8000, { message: 'task show' });
    return /awaiting.acceptance/i.test(cardText(cardsOf(shown)[0]));
  };

  it('shows the card again with the problem under the comment input (Action.Execute)', async () => {
    const { posted, comment, send } = await rejectForm();
    const res = await post(activity(channel, { type: 'invoke', invokeName: 'adaptiveCard/action',
      user: CUST.id, name: CUST.name, conversation: personalChat(CUST), replyToId: channel.responseIdOf(posted),
      value: { action: { type: 'Action.Execute', verb: send.verb, data: { ...send.data, [comment.id]: '  ' } },
        trigger: 'manual' } }));
    const answer = JSON.parse(res.body);
    assert.equal(answer.type, 'application/vnd.microsoft.card.adaptive', res.body);
    assertValidCard(answer.value);
    const shown = answer.value.body;
    const at = shown.findIndex((b) => b.id === comment.id);
    assert.ok(at >= 0, 'the comment input is there again');
    assert.equal((shown[at + 1] || {}).color, 'Attention', 'the problem is right under the input');
    assert.match(shown[at + 1].text, /why/i);
    assert.ok(await stillAwaiting(), 'the task was not rejected');
  });

  it('says what to fix when an older client submits it (Action.Submit)', async () => {
    const { comment, send } = await rejectForm();
    const before = postsTo(personalChat(CUST), /./).length;
    assert.equal((await post(activity(channel, { user: CUST.id, name: CUST.name, conversation: personalChat(CUST),
      value: { ...send.data, [comment.id]: '' } }))).status, 200);
    const reply = await h.waitFor(() => postsTo(personalChat(CUST), /./)[before], 8000, { message: 'the answer' });
    assert.match(cardText(cardsOf(reply)[0]), /Nothing was changed/);
    assert.ok(await stillAwaiting(), 'the task was not rejected');
  });
});
