// A Slack Connect channel shared by the contractor's and the customer's Slack organisations
// (issue 16), with payloads shaped as Slack documents them (docs/slack_connect.md): a click by a
// member of the other organisation names the host as its team and the person's own workspace as
// user.team_id; a modal they submit names their own organisation as its team and the host only
// in view.app_installed_team_id. The host's installation serves them; the channel stays one home
// until the customer's own installation links it, and even then gets each message once. A third
// workspace that happens to use the same channel id sees nothing.
'use strict';

const { describe, it, before, after } = require('node:test');
const assert = require('node:assert/strict');
const h = require('./harness');

const HOST = 'T0CNHOST1'; // the contractor's workspace, where Accord was installed first
const CUSTOMER_ORG = 'T0CNCUST1'; // the customer's workspace
const SHARED = 'C0CNSHARE1'; // one channel id on both sides while connected
const PM = 'U0CNPM001';
const CUST = 'U0CNCUS01'; // a member of the customer's workspace

describe('Slack Connect: one channel, two Slack organisations', () => {
  let fake;
  let accord;

  before(async () => {
    fake = await h.startFakeSlack({ userNames: { [CUST]: 'Ines Duarte', [PM]: 'Pat Host' } });
    accord = await h.startAccord({ fake });
    h.expectReply(await slash(PM, HOST, 'setup "Atlas" tz=UTC'), 'in_channel');
    // The pm names the customer by mention in the shared channel, from the host's side.
    h.expectReply(await slash(PM, HOST, `role add <@${CUST}> customer`), 'ephemeral');
  });

  after(async () => {
    if (accord) await accord.stop();
    if (fake) await fake.stop();
  });

  function slash(user, team, text) {
    return h.slashCommand(accord, { user, channel: SHARED, team, text });
  }
  const say = async (user, team, text) => h.replyText(JSON.parse((await slash(user, team, text)).body));
  const posts = (channel, pattern) => fake.apiCalls('chat.postMessage')
    .filter((c) => c.body.channel === channel && pattern.test(h.replyText(c.body)));

  // A click by someone of the customer's organisation on a message the host's installation posted.
  function externalClick(conversation, button, responseUrl) {
    const payload = h.blockActionsPayload({ user: CUST, channel: conversation, team: HOST,
      actionId: button.action_id, value: button.value, responseUrl, label: button.text.text });
    payload.user.team_id = CUSTOMER_ORG;
    return h.signedRequest(accord, '/slack/interactive', h.interactiveBody(payload));
  }

  it('a member of the other organisation decides a card in the shared channel', async () => {
    const proposed = await say(PM, HOST, 'roadmap add "Dark mode" due=2027-02-01 reason="Asked for"');
    const id = (proposed.match(/CR-\d+/) || [])[0];
    assert.ok(id, proposed);
    // Her private card comes through the host's installation (a bot may DM anyone in a shared
    // channel with it), and so does the channel's copy.
    const dm = await h.waitFor(() => posts(`D${CUST}`, new RegExp(id))[0], 8000, { message: 'her card' });
    assert.ok(fake.apiCalls('conversations.open').some((c) => c.body.users === CUST));
    const channelCopy = await h.waitFor(() => posts(SHARED, new RegExp(id))[0], 8000, { message: 'the channel card' });
    assert.equal(posts(SHARED, new RegExp(id)).length, 1);

    const approve = h.buttonsOf(channelCopy.body).find((b) => /approve/i.test(b.text.text));
    const hook = fake.hookUrl();
    assert.equal((await externalClick(SHARED, approve, hook)).status, 200);
    const update = await h.waitFor(() => fake.apiCalls('chat.update').find((u) =>
      u.body.channel === SHARED && u.body.ts === channelCopy.response.ts), 8000, { message: 'the channel copy decided' });
    assert.match(h.replyText(update.body), /approved/i);
    await h.waitFor(() => fake.apiCalls('chat.update').find((u) => u.body.ts === dm.response.ts), 8000,
      { message: 'her private copy decided too' });
    assert.match(await say(PM, HOST, 'log'), new RegExp(CUST));
  });

  it('her modal is served by the host installation, not refused as "not installed"', async () => {
    const before = fake.apiCalls('views.open').length;
    // The form opens from a button in her DM (team: the host, which posted it).
    const proposed = await say(PM, HOST, 'roadmap add "Exports" due=2027-03-01 reason="Finance"');
    const id = (proposed.match(/CR-\d+/) || [])[0];
    const dm = await h.waitFor(() => posts(`D${CUST}`, new RegExp(id))[0], 8000, { message: 'her card' });
    const button = h.buttonsOf(dm.body).find((b) => /request changes/i.test(b.text.text));
    const click = h.blockActionsPayload({ user: CUST, channel: `D${CUST}`, team: HOST,
      actionId: button.action_id, value: button.value, responseUrl: fake.hookUrl() });
    click.user.team_id = CUSTOMER_ORG;
    click.trigger_id = `${Date.now()}.333649436676.${h.unique('t')}`;
    assert.equal((await h.signedRequest(accord, '/slack/interactive', h.interactiveBody(click))).status, 200);
    const opened = await h.waitFor(() => fake.apiCalls('views.open').length > before &&
      fake.apiCalls('views.open').at(-1), 5000, { message: 'the comment modal' });
    const view = opened.body.view;
    const field = view.blocks.find((b) => b.type === 'input');

    // As Slack sends a submission from the other organisation (bolt-python's connect fixture).
    const submission = JSON.parse(h.readConformance('view_submission.json'));
    submission.team = { id: CUSTOMER_ORG, domain: 'customer-org' };
    submission.user = { id: CUST, username: 'ines', team_id: CUSTOMER_ORG };
    submission.view = { id: h.unique('V'), hash: h.unique('hash'), callback_id: view.callback_id,
      private_metadata: view.private_metadata, blocks: view.blocks, team_id: CUSTOMER_ORG,
      app_installed_team_id: HOST,
      state: { values: { [field.block_id]: { value: { type: 'plain_text_input', value: 'CSV first' } } } } };
    const submitted = await h.signedRequest(accord, '/slack/interactive', h.interactiveBody(submission));
    assert.equal(submitted.status, 200);
    assert.equal(submitted.body, '', 'the modal closes: the request was served');
    const update = await h.waitFor(() => fake.apiCalls('chat.update').find((u) => u.body.ts === dm.response.ts),
      8000, { message: 'her card decided' });
    assert.match(h.replyText(update.body), /CSV first/);
  });

  it('with its own installation the customer links the same channel; it still gets each message once', async () => {
    // Before linking, the customer's workspace sees no project in the channel (nor would any
    // other workspace using the same id).
    assert.match(await say(CUST, CUSTOMER_ORG, 'roadmap'), /no Accord project/i);

    const code = ((await say(PM, HOST, 'link customer')).match(/[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}/) || [])[0];
    assert.ok(code);
    assert.match(await say(CUST, CUSTOMER_ORG, `link ${code}`), /home of/i);
    // Her slash commands now find the project from her own workspace.
    assert.match(await say(CUST, CUSTOMER_ORG, 'roadmap'), /Dark mode/);
    assert.match(await say(PM, HOST, 'link list'), /2\. Slack channel/);

    // A card reaches the shared channel once, not once per organisation.
    assert.match(await say(PM, HOST, 'roadmap add "Billing" due=2027-04-01 reason="Finance"'), /CR-3/);
    await h.waitFor(() => posts(SHARED, /Billing/)[0], 8000, { message: 'the channel card' });
    await h.sleep(500);
    assert.equal(posts(SHARED, /Billing/).length, 1);

    // A workspace that merely uses the same channel id still sees nothing.
    assert.match(await say('U0CNOTH01', 'T0CNOTHER', 'roadmap'), /no Accord project/i);
  });
});
