// One project across two organisations on two platforms (issue 16), with the real binary, the
// recording fake Slack API and the Teams stand-ins running together: the contractor's pm links
// the customer's Teams channel from Slack; cards reach the customer in Teams and are decided
// there, and every copy on both platforms follows; a pm report filed in Teams reaches leadership
// on Slack and no pm; the customer's digest comes at 09:00 in her own zone.
'use strict';

const { describe, it, before, after } = require('node:test');
const assert = require('node:assert/strict');
const h = require('./harness');
const { startTeamsChannel, activity, cardsOf, cardText, executeActions, APP_ID } = require('./teams_channel');

const START = '2026-11-24T10:00:00Z'; // a Tuesday; 05:00 in New York
const TEAM = 'T0E2ETWO1';
const SLACK_CHANNEL = 'C0E2ETWO1';
const PM = 'U0TWOPM01';
const LEAD = 'U0TWOLD01';
const DEV = 'U0TWODV01';
const TEAMS_CHANNEL = '19:e2eOrionCustomer@thread.tacv2';
const MARIA = { id: '29:1mariaOrionAAAA-bbbb', name: 'Maria Customer' };
const BOT = { id: `28:${APP_ID}`, name: 'Accord' };
const ZONE = 'America/New_York';
const personalChat = (person) => `a:personal-${person.id.slice(3)}`;

describe('two organisations: the contractor on Slack, the customer on Teams', () => {
  let fake;
  let channel;
  let accord;

  const slack = async (user, text) =>
    JSON.parse((await h.slashCommand(accord, { user, channel: SLACK_CHANNEL, team: TEAM, text })).body);
  const post = (body) => accord.request({
    method: 'POST', path: '/api/messages',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${channel.mint({}, {}, accord.testNow)}` },
    body: JSON.stringify(body),
  });
  // Maria writes in the Teams channel (with an @mention), or in her 1:1 chat with Accord.
  const mariaSays = (text) => post(activity(channel, {
    user: MARIA.id, name: MARIA.name, conversation: TEAMS_CHANNEL, conversationType: 'channel',
    text: `<at>Accord</at> ${text}`, mentions: [BOT], extra: { localTimezone: ZONE },
  }));
  const mariaSaysPrivately = (text) => post(activity(channel, {
    user: MARIA.id, name: MARIA.name, conversation: personalChat(MARIA), text, extra: { localTimezone: ZONE },
  }));
  const teamsPosts = (conversation, pattern) => channel.connectorCalls((c) => c.method === 'POST' &&
    c.status < 300 && c.path === `/teams/v3/conversations/${encodeURIComponent(conversation)}/activities` &&
    cardsOf(c).some((card) => pattern.test(cardText(card))));
  const waitForTeams = (conversation, pattern, message) =>
    h.waitFor(() => teamsPosts(conversation, pattern)[0], 8000, { message });
  const slackPosts = (conversation, pattern) => fake.apiCalls('chat.postMessage')
    .filter((c) => c.body.channel === conversation && pattern.test(h.replyText(c.body)));
  const waitForSlack = (conversation, pattern, message) =>
    h.waitFor(() => slackPosts(conversation, pattern)[0], 8000, { message });

  before(async () => {
    fake = await h.startFakeSlack({ userNames: { [PM]: 'Pat Lindqvist' } });
    channel = await startTeamsChannel();
    accord = await h.startAccord({ fake, env: { ACCORD_TEST_CLOCK: START, ...channel.env() } });
    h.expectReply(await h.slashCommand(accord, { user: PM, channel: SLACK_CHANNEL, team: TEAM,
      text: 'setup "Orion" tz=UTC' }), 'in_channel');
    await h.grantLeadership(accord, LEAD);
  });

  after(async () => {
    if (accord) await accord.stop();
    if (channel) await channel.stop();
    if (fake) await fake.stop();
  });

  it('links the customer\'s Teams channel with a one-time code, and both homes are told', async () => {
    const answer = h.replyText(await slack(PM, 'link customer'));
    const code = (answer.match(/[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}/) || [])[0];
    assert.ok(code, `a code in the pm's private answer: ${answer}`);
    assert.match(answer, /@Accord link /);

    assert.equal((await mariaSays(`link ${code}`)).status, 200);
    const told = await waitForTeams(personalChat(MARIA), /now a home of/, 'Maria\'s private answer');
    assert.match(cardText(cardsOf(told)[0]), /customer/);
    await waitForTeams(TEAMS_CHANNEL, /joins as/, 'the announcement in the Teams channel');
    const slackNote = await waitForSlack(SLACK_CHANNEL, /joins as/, 'the announcement in the Slack channel');
    assert.match(h.replyText(slackNote.body), /customer/);
    // A Teams id means nothing in Slack: Maria is named as Teams shows her, not mentioned.
    assert.match(h.replyText(slackNote.body), /Maria Customer \(Teams\)/);
    assert.doesNotMatch(JSON.stringify(slackNote.body), /<@29:/);
    // So does a command's own answer in Slack.
    const slackRoles = await slack(PM, 'roles');
    assert.match(h.replyText(slackRoles), /customer\*: \*Maria Customer \(Teams\)\*/);
    assert.doesNotMatch(JSON.stringify(slackRoles), /29:1maria/);

    // A second use of the same code, from anywhere, changes nothing.
    assert.equal((await post(activity(channel, { user: '29:1mallory', name: 'Mallory',
      conversation: '19:e2eElsewhere@thread.tacv2', conversationType: 'channel',
      text: `<at>Accord</at> link ${code}`, mentions: [BOT] }))).status, 200);
    await waitForTeams('a:personal-1mallory', /used already/, 'the refusal of a spent code');

    // And a Slack id means nothing in Teams: the pm is named as their Slack profile says.
    assert.equal((await mariaSays('roles')).status, 200);
    const roles = await waitForTeams(personalChat(MARIA), /Pat Lindqvist \(Slack\)/, 'the roles, naming the pm');
    assert.doesNotMatch(JSON.stringify(cardsOf(roles)), /U0TWOPM01/);

    const homes = h.replyText(await slack(PM, 'link list'));
    assert.match(homes, /1\. Slack channel/);
    assert.match(homes, /2\. Teams conversation/);
    assert.doesNotMatch(homes, /e2eElsewhere/);
  });

  it('a change proposed in Slack is approved in Teams, and every copy on both platforms follows', async () => {
    assert.match(h.replyText(await slack(PM, 'roadmap add "Loyalty points" due=2027-03-01 reason="Asked for"')),
      /CR-1/);
    const dm = await waitForTeams(personalChat(MARIA), /Loyalty points/, 'the card in Maria\'s Teams chat');
    const teamsCopy = await waitForTeams(TEAMS_CHANNEL, /Loyalty points/, 'the card in the Teams channel');
    const slackCopy = await waitForSlack(SLACK_CHANNEL, /Loyalty points/, 'the card in the Slack channel');
    assert.ok(h.buttonsOf(slackCopy.body).length > 0);

    const card = cardsOf(dm).find((c) => /Loyalty points/.test(cardText(c)));
    const approve = executeActions(card).find((a) => /approve/i.test(a.title));
    assert.ok(approve, 'Maria\'s card has an Approve action');
    const res = await post(activity(channel, { type: 'invoke', invokeName: 'adaptiveCard/action',
      user: MARIA.id, name: MARIA.name, conversation: personalChat(MARIA), replyToId: channel.responseIdOf(dm),
      value: { action: { type: 'Action.Execute', verb: approve.verb, data: approve.data }, trigger: 'manual' } }));
    assert.equal(res.status, 200);
    const answered = JSON.parse(res.body);
    assert.match(cardText(answered.value), /approved/i);

    // The Slack channel's copy is updated in place, without buttons.
    const slackUpdate = await h.waitFor(() => fake.apiCalls('chat.update').find((u) =>
      u.body.channel === SLACK_CHANNEL && u.body.ts === slackCopy.response.ts), 8000,
    { message: 'chat.update of the Slack channel copy' });
    assert.match(h.replyText(slackUpdate.body), /approved/i);
    assert.equal(h.buttonsOf(slackUpdate.body).length, 0);
    // And the Teams channel's copy.
    const teamsUpdate = await h.waitFor(() => channel.connectorCalls((c) => c.method === 'PUT' &&
      c.path.endsWith(`/activities/${channel.responseIdOf(teamsCopy)}`))[0], 8000,
    { message: 'the PUT of the Teams channel copy' });
    assert.match(cardText(cardsOf(teamsUpdate)[0]), /approved/i);

    // The shared log has the decision by the person on Teams.
    assert.match(h.replyText(await slack(PM, 'roadmap')), /Loyalty points/);
    const log = h.replyText(await slack(PM, 'log'));
    assert.match(log, /approve/i);
    assert.match(log, /29:1mariaOrion/);
  });

  it('a task done in Slack is accepted by the customer in Teams, and the Slack channel hears it', async () => {
    h.expectReply(await h.slashCommand(accord, { user: PM, channel: SLACK_CHANNEL, team: TEAM,
      text: `role add <@${DEV}> dev` }), 'ephemeral');
    assert.match(h.replyText(await slack(DEV, 'task add "Export invoices" estimate=2h ' +
      'story="As an accountant I want a CSV so that I can import it" criteria="One row per invoice; Totals match"')), /T-1/);
    await slack(DEV, 'task start T-1');
    assert.match(h.replyText(await slack(DEV, 'task done T-1')), /T-1/);

    const card = await waitForTeams(personalChat(MARIA), /Export invoices/, 'the acceptance card in Teams');
    const accept = executeActions(cardsOf(card).find((c) => /Export invoices/.test(cardText(c))))
      .find((a) => /^accept/i.test(a.title));
    assert.ok(accept, 'the card has Accept');
    const res = await post(activity(channel, { type: 'invoke', invokeName: 'adaptiveCard/action',
      user: MARIA.id, name: MARIA.name, conversation: personalChat(MARIA), replyToId: channel.responseIdOf(card),
      value: { action: { type: 'Action.Execute', verb: accept.verb, data: accept.data }, trigger: 'manual' } }));
    assert.equal(res.status, 200);
    assert.match(cardText(JSON.parse(res.body).value), /accepted/i);
    await waitForSlack(SLACK_CHANNEL, /accepted/i, 'the acceptance announced in the Slack channel');
    assert.match(h.replyText(await slack(PM, 'task show T-1')), /accepted/i);
  });

  it('a pm report filed in Teams reaches leadership on Slack, and no pm or home', async () => {
    assert.equal((await mariaSaysPrivately('problem report pm "The pm never answers on Fridays"')).status, 200);
    await waitForTeams(personalChat(MARIA), /PR-\w+/, 'the confirmation in Maria\'s chat');
    const leadDm = await waitForSlack(`D${LEAD}`, /never answers on Fridays/, 'the report in leadership\'s DM');
    assert.ok(leadDm);
    await h.sleep(500);
    const slackText = fake.apiCalls('chat.postMessage').filter((c) => c.body.channel !== `D${LEAD}`)
      .map((c) => h.replyText(c.body)).join('\n');
    assert.doesNotMatch(slackText, /never answers on Fridays/, 'not to the pm, not to the Slack channel');
    assert.equal(teamsPosts(TEAMS_CHANNEL, /never answers on Fridays/).length, 0, 'not in the Teams channel');
  });

  it('the customer\'s morning digest comes at 09:00 in her own zone, in Teams', async () => {
    assert.match(h.replyText(await slack(PM, 'roadmap add "Gift cards" due=2027-04-01 reason="Asked for"')), /CR-2/);
    await waitForTeams(personalChat(MARIA), /Gift cards/, 'the second card');
    // 13:50 UTC is 08:50 in New York: nothing yet.
    await accord.advanceClock(Math.round((Date.parse('2026-11-24T13:50:00Z') - accord.testNow) / 1000));
    await h.sleep(700);
    assert.equal(teamsPosts(personalChat(MARIA), /Waiting on you/i).length, 0, 'no digest before 09:00 hers');
    await accord.advanceClock(Math.round((Date.parse('2026-11-24T14:05:00Z') - accord.testNow) / 1000));
    const digest = await waitForTeams(personalChat(MARIA), /Waiting on you/i, 'the digest in Maria\'s chat');
    assert.match(cardText(cardsOf(digest)[0]), /CR-2/);
  });
});
