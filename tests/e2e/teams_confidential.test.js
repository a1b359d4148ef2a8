// Confidential commands in Teams (hardening item 3): what is typed in a Teams channel or group
// chat is posted there for everyone, so a problem report (or a resolution note) typed there is
// refused, privately, with where to send it instead; the same command in a 1:1 chat with Accord
// is filed. Slack's slash commands are not posted, so they are not affected.
'use strict';

const { describe, it, before, after } = require('node:test');
const assert = require('node:assert/strict');
const h = require('./harness');
const { startTeamsChannel, activity, cardsOf, cardText, APP_ID } = require('./teams_channel');

const CHANNEL = '19:e2eVegaChannel@thread.tacv2';
const GROUP_CHAT = '19:e2eVegaGroup@thread.v2';
const PM = { id: '29:1pmVegaAAAA-bbbb_cccc', name: 'Pia Manager' };
const DEV = { id: '29:1devVegaDDDD-eeee_ffff', name: 'Dev Vega' };
const BOT = { id: `28:${APP_ID}`, name: 'Accord' };
const personalChat = (person) => `a:personal-${person.id.slice(3)}`;

describe('Teams: confidential commands typed where others read them', () => {
  let channel;
  let accord;

  const post = (body) => accord.request({
    method: 'POST', path: '/api/messages',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${channel.mint({}, {}, accord.testNow)}` },
    body: JSON.stringify(body),
  });
  // Typed with an @mention in a shared conversation (a channel or a group chat).
  const sayIn = (conversation, conversationType, user, text, mentions = []) => post(activity(channel, {
    user: user.id, name: user.name, conversation, conversationType,
    text: `<at>Accord</at> ${text}`, mentions: [BOT, ...mentions],
  }));
  const say = (user, text, mentions) => sayIn(CHANNEL, 'channel', user, text, mentions);
  const sayPrivately = (user, text) => post(activity(channel, {
    user: user.id, name: user.name, conversation: personalChat(user), text,
  }));
  const postsTo = (conversation, pattern) => channel.connectorCalls((c) => c.method === 'POST' &&
    c.status < 300 && c.path === `/teams/v3/conversations/${encodeURIComponent(conversation)}/activities` &&
    cardsOf(c).some((card) => pattern.test(cardText(card))));
  const waitForPost = (conversation, pattern, message) =>
    h.waitFor(() => postsTo(conversation, pattern)[0], 8000, { message });
  const everything = () => channel.connectorCalls((c) => c.method === 'POST')
    .flatMap(cardsOf).map(cardText).join('\n');

  before(async () => {
    channel = await startTeamsChannel();
    accord = await h.startAccord({ env: { ACCORD_TEST_CLOCK: '2026-11-24T10:00:00Z', ...channel.env() } });
    assert.equal((await say(PM, 'setup "Vega" tz=UTC')).status, 200);
    await waitForPost(CHANNEL, /Vega/, 'the setup reply in the channel');
    assert.equal((await say(PM, `role add <at>${DEV.name}</at> dev`, [DEV])).status, 200);
    await waitForPost(personalChat(PM), /dev/, 'the role answer');
  });

  after(async () => {
    if (accord) await accord.stop();
    if (channel) await channel.stop();
  });

  it('refuses a problem report typed in a channel, privately, and files nothing', async () => {
    assert.equal((await say(DEV, 'problem report other "The build server is down again"')).status, 200);
    const refusal = await waitForPost(personalChat(DEV), /confidential/i, 'the refusal in the 1:1 chat');
    const text = cardText(cardsOf(refusal)[0]);
    assert.match(text, /1:1 chat/, 'it says where to send it');
    assert.match(text, /@Accord problem report/, 'in the words Teams users type');
    assert.match(text, /already|posted/i, 'it says honestly that the channel saw the text');
    await h.sleep(500);
    assert.doesNotMatch(everything(), /PR-\w+|never posted in the channel/, 'nothing was filed or promised');
    assert.equal(postsTo(CHANNEL, /confidential|build server/i).length, 0, 'the refusal is not in the channel');
  });

  it('refuses it in a group chat too', async () => {
    const res = await sayIn(GROUP_CHAT, 'groupChat', DEV, 'problem report team "Nobody reviews my code"');
    assert.equal(res.status, 200);
    await h.waitFor(() => postsTo(personalChat(DEV), /confidential/i).length >= 2, 8000,
      { message: 'the second refusal in the 1:1 chat' });
    assert.doesNotMatch(everything(), /PR-\d/);
  });

  it('files the same report typed in the 1:1 chat, and refuses a resolution note typed in the channel', async () => {
    assert.equal((await sayPrivately(DEV, 'problem report other "The build server is down again"')).status, 200);
    const confirmation = await waitForPost(personalChat(DEV), /PR-\w+/, 'the confirmation in the 1:1 chat');
    const id = cardsOf(confirmation).map(cardText).join('\n').match(/PR-\w+/)[0];
    await waitForPost(personalChat(PM), /build server/, 'the report card to the pm');

    assert.equal((await say(PM, `problem resolve ${id} "Replaced the disk"`)).status, 200);
    await waitForPost(personalChat(PM), /confidential/i, 'the refusal of the note');
    await h.sleep(500);
    assert.doesNotMatch(everything(), new RegExp(`Resolved\\W+${id}`), 'the note typed in the channel resolved nothing');

    // In the 1:1 chat it resolves.
    assert.equal((await sayPrivately(PM, `problem resolve ${id} "Replaced the disk"`)).status, 200);
    await waitForPost(personalChat(PM), new RegExp(`Resolved\\W+${id}`), 'the resolution in the 1:1 chat');
  });
});
