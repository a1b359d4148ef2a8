// Acceptance end to end (issue 4): a developer marks a task done, the customer gets a card by
// direct message with the story, the criteria and Accept / Reject, clicks Accept, and every copy
// of the card is updated in place without buttons; the team hears of it in the channel.
'use strict';

const { describe, it, before, after } = require('node:test');
const assert = require('node:assert/strict');
const h = require('./harness');

const TEAM = 'T0E2E0001';
const CHANNEL = 'C0ACCEPT1';
const PM = 'U0ACPM001';
const CUST = 'U0ACCU001';
const DEV = 'U0ACDV001';

describe('acceptance', () => {
  let fake;
  let accord;

  before(async () => {
    fake = await h.startFakeSlack();
    accord = await h.startAccord({ fake });
    const run = (user, text) => h.slashCommand(accord, { user, channel: CHANNEL, team: TEAM, text });
    h.expectReply(await run(PM, 'setup "Orion"'), 'in_channel');
    h.expectReply(await run(PM, `role add <@${CUST}> customer`), 'ephemeral');
    h.expectReply(await run(PM, `role add <@${DEV}> dev`), 'ephemeral');
  });

  after(async () => {
    if (accord) await accord.stop();
    if (fake) await fake.stop();
  });

  const command = async (user, text) =>
    h.replyText(JSON.parse((await h.slashCommand(accord, { user, channel: CHANNEL, team: TEAM, text })).body));

  it('done → the customer accepts from the DM card → the card and the task show it', async () => {
    assert.match(await command(DEV, 'task add "Export invoices" estimate=2h ' +
      'story="As an accountant I want a CSV so that I can import it" criteria="One row per invoice; Totals match"'), /T-1/);
    // The pm gives it to the developer, who is told privately and finds it in their own list.
    assert.match(await command(PM, `task assign T-1 <@${DEV}>`), /Owner of \*T-1\* Export invoices/);
    await h.waitFor(() => fake.apiCalls('chat.postMessage').find((c) =>
      c.body.channel === `D${DEV}` && /You now own/.test(h.replyText(c.body))), 8000, { message: 'the owner told' });
    assert.match(await command(DEV, 'task list mine'), /Export invoices/);
    assert.match(await command(CUST, 'task assign T-1 none'), /assign tasks/);
    await command(DEV, 'task start T-1');
    assert.match(await command(DEV, 'task done T-1'), /T-1/);

    const card = await h.waitFor(() => fake.apiCalls('chat.postMessage').find((c) =>
      c.body.channel === `D${CUST}` && h.buttonsOf(c.body).some((b) => /accept/i.test(b.text.text))),
    8000, { message: "the customer's acceptance card" });
    const text = h.replyText(card.body);
    assert.match(text, /Export invoices/);
    assert.match(text, /accountant/);
    assert.match(text, /One row per invoice/);

    const accept = h.buttonsOf(card.body).find((b) => /accept/i.test(b.text.text));
    const payload = h.blockActionsPayload({ user: CUST, channel: `D${CUST}`, team: TEAM,
      actionId: accept.action_id, value: accept.value, responseUrl: fake.hookUrl() });
    const res = await h.signedRequest(accord, '/slack/interactive', h.interactiveBody(payload));
    assert.equal(res.status, 200);

    const update = await h.waitFor(() => fake.apiCalls('chat.update').find((u) =>
      u.body.channel === `D${CUST}` && u.body.ts === card.response.ts), 8000, { message: 'the card updated' });
    assert.match(h.replyText(update.body), /accepted/i);
    assert.equal(h.buttonsOf(update.body).length, 0);
    await h.waitFor(() => fake.apiCalls('chat.postMessage').some((c) =>
      c.body.channel === CHANNEL && /accepted/i.test(h.replyText(c.body))), 8000,
    { message: 'the team told in the channel' });
    assert.match(await command(PM, 'task show T-1'), /accepted/i);
  });
});
