// A Slack Connect channel shared by the contractor's and the customer's Slack organisations is one
// home for both (issue 16; facts in docs/slack_connect.md). Payloads are shaped as Slack documents
// them: a command from the customer's member comes with the customer's own team_id (their own
// installation of Accord), a click on the host's message names the host's team and the clicker's
// own team_id, and the customer's cards go out through the host's installation.
'use strict';

const { describe, it, before, after } = require('node:test');
const assert = require('node:assert/strict');
const h = require('./harness');

const HOST = 'T0CONHOST';
const CUSTOMER_ORG = 'T0CONCUST';
const SHARED = 'C0CONSHRD';
const PM = 'U0CONPM01';
const CUSTOMER = 'U0CONCU01'; // of the customer's organisation
const STRANGER = 'U0CONST01'; // of the customer's organisation, on no project

describe('Slack Connect: one shared channel, two organisations', () => {
  let fake;
  let accord;
  const command = async (user, team, text) =>
    h.replyText(JSON.parse((await h.slashCommand(accord, { user, channel: SHARED, team, text })).body));

  before(async () => {
    fake = await h.startFakeSlack();
    accord = await h.startAccord({ fake });
    h.expectReply(await h.slashCommand(accord, { user: PM, channel: SHARED, team: HOST,
      text: 'setup "Lyra"' }), 'in_channel');
  });

  after(async () => {
    if (accord) await accord.stop();
    if (fake) await fake.stop();
  });

  it('the other organisation\'s members act in the project, and only those on it', async () => {
    assert.match(await command(STRANGER, CUSTOMER_ORG, 'roles'), /Only the project's team/);
    assert.match(await command(PM, HOST, `role add <@${CUSTOMER}> customer`), /Added/);
    const roles = await command(CUSTOMER, CUSTOMER_ORG, 'roles');
    assert.match(roles, /customer\*?: <@U0CONCU01>/);
    // No second project in the shared channel from the other side.
    assert.match(await command(CUSTOMER, CUSTOMER_ORG, 'setup "Lyra 2"'), /already/i);
  });

  it('the customer\'s card comes through the host and a click from the other organisation decides', async () => {
    assert.match(await command(PM, HOST, 'roadmap add "Wishlist" due=2027-05-01 reason="Asked for"'), /CR-1/);
    const card = await h.waitFor(() => fake.apiCalls('chat.postMessage').find((c) =>
      c.body.channel === `D${CUSTOMER}` && /Wishlist/.test(h.replyText(c.body))), 8000,
    { message: 'the card in the customer\'s DM' });
    const approve = h.buttonsOf(card.body).find((b) => /approve/i.test(b.text.text));
    const responseUrl = fake.hookUrl();
    const payload = h.blockActionsPayload({ user: CUSTOMER, channel: `D${CUSTOMER}`, team: HOST,
      actionId: approve.action_id, value: approve.value, responseUrl, label: approve.text.text });
    payload.user.team_id = CUSTOMER_ORG; // the clicker's own organisation (docs/slack_connect.md §2)
    const res = await h.signedRequest(accord, '/slack/interactive', h.interactiveBody(payload));
    assert.equal(res.status, 200);
    await h.waitFor(() => fake.hookCalls(responseUrl).length, 8000, { message: 'the answer to the click' });
    assert.match(h.replyText(fake.hookCalls(responseUrl)[0].body), /approved `?CR-1/i);
    const channelCopy = fake.apiCalls('chat.postMessage').find((c) => c.body.channel === SHARED &&
      /Wishlist/.test(h.replyText(c.body)) && h.buttonsOf(c.body).length > 0);
    await h.waitFor(() => fake.apiCalls('chat.update').find((u) => u.body.channel === SHARED &&
      u.body.ts === channelCopy.response.ts), 8000, { message: 'the shared channel copy updated' });
  });
});
