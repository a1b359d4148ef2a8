// Roadmap change requests end to end (issue 3): the pm proposes a change, the customer's DM card
// and the channel card arrive with buttons, the customer approves from the DM, every copy is
// updated in place without buttons, the baseline moves and the exported log records it; a
// developer's click is refused and a second click on a decided card changes nothing.
'use strict';

const { describe, it, before, after } = require('node:test');
const assert = require('node:assert/strict');
const h = require('./harness');

const TEAM = 'T0E2E0001';
const CHANNEL = 'C0ROADMAP';
const PM = 'U0CRPM001';
const CUST = 'U0CRCU001';
const DEV = 'U0CRDV001';

describe('change requests', () => {
  let fake;
  let accord;

  before(async () => {
    fake = await h.startFakeSlack();
    accord = await h.startAccord({ fake });
    const run = (user, text) => h.slashCommand(accord, { user, channel: CHANNEL, team: TEAM, text });
    h.expectReply(await run(PM, 'setup "Atlas" tz=Europe/Berlin'), 'in_channel');
    h.expectReply(await run(PM, `role add <@${CUST}> customer`), 'ephemeral');
    h.expectReply(await run(PM, `role add <@${DEV}> dev`), 'ephemeral');
  });

  after(async () => {
    if (accord) await accord.stop();
    if (fake) await fake.stop();
  });

  const command = async (user, text) =>
    h.replyText(JSON.parse((await h.slashCommand(accord, { user, channel: CHANNEL, team: TEAM, text })).body));

  // The posted copies of the card about `crId`: one per conversation.
  async function cardCopies(crId, conversations) {
    return h.waitFor(() => {
      const posts = fake.apiCalls('chat.postMessage')
        .filter((c) => h.replyText(c.body).includes(crId) && h.buttonsOf(c.body).length > 0);
      const found = conversations.map((conversation) => posts.find((c) => c.body.channel === conversation));
      return found.every(Boolean) && found;
    }, 8000, { message: `cards for ${crId} in ${conversations.join(', ')}` });
  }

  async function click(user, conversation, button) {
    const responseUrl = fake.hookUrl();
    const payload = h.blockActionsPayload({ user, channel: conversation, team: TEAM,
      actionId: button.action_id, value: button.value, responseUrl, label: button.text.text });
    const res = await h.signedRequest(accord, '/slack/interactive', h.interactiveBody(payload));
    assert.equal(res.status, 200, res.body);
    const [hook] = await h.waitFor(() => fake.hookCalls(responseUrl).length && fake.hookCalls(responseUrl),
      8000, { message: 'the reply to the click' }).catch(() => [null]);
    return hook ? h.replyText(hook.body) : '';
  }

  const updatesOf = (copies) => fake.apiCalls('chat.update')
    .filter((u) => copies.some((c) => c.body.channel === u.body.channel && c.response.ts === u.body.ts));

  it('the customer approves from the DM card and every copy is updated', async () => {
    const proposed = await command(PM, 'roadmap add "Card payments" due=2027-03-01 reason="Needed for launch"');
    assert.match(proposed, /CR-1/);

    const copies = await cardCopies('CR-1', [`D${CUST}`, CHANNEL]);
    const approve = h.buttonsOf(copies[0].body).find((b) => /approve/i.test(b.text.text));
    assert.ok(approve, 'the DM card has an Approve button');

    await click(CUST, `D${CUST}`, approve);
    const updates = await h.waitFor(() => updatesOf(copies).length >= 2 && updatesOf(copies), 8000,
      { message: 'chat.update on both copies' });
    for (const update of updates) {
      assert.match(h.replyText(update.body), /approved/i);
      assert.equal(h.buttonsOf(update.body).length, 0, 'a decided card has no live buttons');
    }

    const roadmap = await command(CUST, 'roadmap');
    assert.match(roadmap, /Card payments/);
    assert.match(roadmap, /2027-03-01/);
    assert.match(await command(CUST, 'roadmap history'), /CR-1/);
  });

  it('the exported log records the approval and downloads only with its link', async () => {
    const reply = await command(PM, 'log export');
    const links = [...reply.matchAll(/https:\/\/127\.0\.0\.1:\d+(\/exports\/[0-9a-f]{64})/g)].map((m) => m[1]);
    assert.equal(links.length, 2, reply);
    const csv = await accord.request({ path: links.find((l) => l) });
    assert.equal(csv.status, 200);
    assert.match(csv.headers['content-disposition'], /attachment/);
    const bodies = await Promise.all(links.map((l) => accord.request({ path: l })));
    const all = bodies.map((b) => b.body).join('\n');
    assert.match(all, /CR-1/);
    assert.match(all, /approve/i);
    assert.ok(bodies.some((b) => /text\/csv/.test(b.headers['content-type'])));
    assert.ok(bodies.some((b) => /text\/markdown/.test(b.headers['content-type'])));

    const guessed = await accord.request({ path: `/exports/${'0'.repeat(64)}` });
    assert.equal(guessed.status, 404);
  });

  it("a developer's click is refused and a second click on a decided card changes nothing", async () => {
    const proposed = await command(PM, 'roadmap add "Invoices" due=2027-05-01 reason="Accounting asked"');
    const id = (proposed.match(/CR-\d+/) || [])[0];
    assert.ok(id, proposed);
    const [channelCard] = await cardCopies(id, [CHANNEL]);
    const approve = h.buttonsOf(channelCard.body).find((b) => /approve/i.test(b.text.text));

    const refusal = await click(DEV, CHANNEL, approve);
    assert.match(refusal, /customer/i);
    await h.sleep(300);
    assert.equal(updatesOf([channelCard]).length, 0, "a refused click must not touch the card");

    await click(CUST, CHANNEL, approve);
    await h.waitFor(() => updatesOf([channelCard]).length >= 1, 8000, { message: 'the card updated' });
    const updatesAfterDecision = fake.apiCalls('chat.update').length;

    const again = await click(CUST, CHANNEL, approve);
    assert.match(again, /already|decided/i);
    await h.sleep(500);
    assert.equal(fake.apiCalls('chat.update').length, updatesAfterDecision, 'nothing changed');
  });

  it('Request changes on the card asks for a comment in a modal, then decides the request', async () => {
    const proposed = await command(PM, 'roadmap add "Refunds" due=2027-06-01 reason="Support load"');
    const id = (proposed.match(/CR-\d+/) || [])[0];
    const [dmCard] = await cardCopies(id, [`D${CUST}`]);
    const button = h.buttonsOf(dmCard.body).find((b) => /request changes/i.test(b.text.text));
    assert.ok(button, 'the card has Request changes');

    const opensBefore = fake.apiCalls('views.open').length;
    const payload = h.blockActionsPayload({ user: CUST, channel: `D${CUST}`, team: TEAM,
      actionId: button.action_id, value: button.value, responseUrl: fake.hookUrl() });
    payload.trigger_id = `${Date.now()}.333649436676.${h.unique('t')}`;
    const clicked = await h.signedRequest(accord, '/slack/interactive', h.interactiveBody(payload));
    assert.equal(clicked.status, 200);
    const opened = await h.waitFor(() => fake.apiCalls('views.open').length > opensBefore &&
      fake.apiCalls('views.open').at(-1), 5000, { message: 'the comment modal' });
    assert.equal(opened.body.trigger_id, payload.trigger_id);
    const view = opened.body.view;
    const field = view.blocks.find((b) => b.type === 'input');
    assert.ok(field, 'the modal has an input for the comment');

    const submission = JSON.parse(h.readConformance('view_submission.json'));
    submission.team = { id: TEAM, domain: 'accord-e2e' };
    submission.user = { id: CUST, username: 'customer', team_id: TEAM };
    submission.view = { id: h.unique('V'), hash: h.unique('hash'), callback_id: view.callback_id,
      private_metadata: view.private_metadata, blocks: view.blocks,
      state: { values: { [field.block_id]: { value: { type: 'plain_text_input', value: 'Split it in two' } } } } };
    const submitted = await h.signedRequest(accord, '/slack/interactive', h.interactiveBody(submission));
    assert.equal(submitted.status, 200);
    assert.equal(submitted.body, '', 'the modal closes');

    const update = await h.waitFor(() => updatesOf([dmCard])[0], 8000, { message: 'the DM card updated' });
    assert.match(h.replyText(update.body), /changes/i);
    assert.match(h.replyText(update.body), /Split it in two/);
    assert.equal(h.buttonsOf(update.body).length, 0);
  });
});
