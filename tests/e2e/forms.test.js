// Forms as Slack modals (issue 3): `task add` without a title opens the New task modal through
// views.open with the command's trigger_id; a submission with mistakes is answered with inline
// errors next to the fields and saves nothing; a good one closes the modal, adds the task and
// says so where the command was typed. When the modal cannot open, the message is shown instead.
'use strict';

const { describe, it, before, after } = require('node:test');
const assert = require('node:assert/strict');
const h = require('./harness');

const TEAM = 'T0E2E0001';
const CHANNEL = 'C0FORMS01';
const PM = 'U0FMPM001';
const CUST = 'U0FMCU001';
const DEV = 'U0FMDV001';

describe('forms', () => {
  let fake;
  let accord;

  before(async () => {
    fake = await h.startFakeSlack();
    accord = await h.startAccord({ fake });
    const run = (user, text) => h.slashCommand(accord, { user, channel: CHANNEL, team: TEAM, text });
    h.expectReply(await run(PM, 'setup "Forms"'), 'in_channel');
    h.expectReply(await run(PM, `role add <@${CUST}> customer`), 'ephemeral');
  });

  after(async () => {
    if (accord) await accord.stop();
    if (fake) await fake.stop();
  });

  // A view_submission like Slack's (conformance/slack/view_submission.json) for `view` with
  // `values` by block id: strings for text inputs, {option} for selects.
  function submission(view, values, user = CUST) {
    const payload = JSON.parse(h.readConformance('view_submission.json'));
    payload.team = { id: TEAM, domain: 'accord-e2e' };
    payload.user = { id: user, username: 'someone', team_id: TEAM };
    payload.view = { ...payload.view, id: h.unique('V'), hash: h.unique('hash'),
      callback_id: view.callback_id, private_metadata: view.private_metadata, blocks: view.blocks };
    delete payload.view.response_urls;
    const state = {};
    for (const [block, value] of Object.entries(values)) {
      state[block] = { value: typeof value === 'string'
        ? { type: 'plain_text_input', value }
        : { type: 'static_select', selected_option: { value: value.option } } };
    }
    payload.view.state = { values: state };
    return h.interactiveBody(payload);
  }

  it('opens the task form as a modal, shows mistakes inline, and adds the task', async () => {
    const responseUrl = fake.hookUrl();
    const res = await h.slashCommand(accord, { user: CUST, channel: CHANNEL, team: TEAM, text: 'task add', responseUrl });
    assert.equal(res.status, 200);
    assert.equal(res.body, '', 'the modal is the answer: no message');

    const [opened] = await h.waitFor(() => fake.apiCalls('views.open').length && fake.apiCalls('views.open'),
      5000, { message: 'views.open' });
    assert.match(opened.body.trigger_id, /^\d+\.\d+\.[0-9a-f]+$/);
    const view = opened.body.view;
    assert.equal(view.type, 'modal');
    assert.ok(view.title.text.length <= 24);
    const inputs = view.blocks.filter((b) => b.type === 'input').map((b) => b.block_id);
    assert.ok(inputs.includes('title') && inputs.includes('estimate'), inputs.join(','));
    assert.ok(inputs.includes('priority'), 'a customer may set the priority');

    const bad = await h.signedRequest(accord, '/slack/interactive',
      submission(view, { title: '', estimate: 'lots', kind: { option: 'bug' } }));
    assert.equal(bad.status, 200);
    const answer = JSON.parse(bad.body);
    assert.equal(answer.response_action, 'errors');
    assert.ok(answer.errors.title, bad.body);
    assert.ok(answer.errors.estimate, bad.body);
    assert.doesNotMatch(h.replyText(JSON.parse((await h.slashCommand(accord,
      { user: CUST, channel: CHANNEL, team: TEAM, text: 'task list' })).body)), /T-1/);

    const good = await h.signedRequest(accord, '/slack/interactive', submission(view, {
      title: 'Login fails on Safari', estimate: '90m', kind: { option: 'bug' }, priority: { option: 'high' },
      criteria: 'Login works on Safari 17\nThe error page is gone' }));
    assert.equal(good.status, 200);
    assert.equal(good.body, '', 'a valid submission closes the modal');
    const [hook] = await h.waitFor(() => fake.hookCalls(responseUrl).length && fake.hookCalls(responseUrl),
      5000, { message: 'the outcome where the command was typed' });
    assert.match(h.replyText(hook.body), /T-1/);

    const shown = h.replyText(JSON.parse((await h.slashCommand(accord,
      { user: CUST, channel: CHANNEL, team: TEAM, text: 'task show T-1' })).body));
    assert.match(shown, /Login fails on Safari/);
    assert.match(shown, /Safari 17/);
    assert.match(shown, /high/i);
  });

  // Every modal that asks for a comment (a rejection, requested changes, a decline, a problem's
  // resolution): an empty one is pointed out on its input, as the task form's mistakes are.
  it('answers an empty comment with an inline error on the comment input, changing nothing', async () => {
    const run = (user, text, responseUrl) =>
      h.slashCommand(accord, { user, channel: CHANNEL, team: TEAM, text, responseUrl });
    const say = async (user, text) => h.replyText(JSON.parse((await run(user, text)).body));
    h.expectReply(await run(PM, `role add <@${DEV}> dev`), 'ephemeral');
    const task = (await say(DEV, 'task add "Nightly export" estimate=1h')).match(/T-\d+/)[0];
    await say(DEV, `task start ${task}`);
    assert.match(await say(DEV, `task done ${task}`), new RegExp(task));
    assert.match(await say(PM, 'roadmap add "Invoices" due=2027-03-01 reason="Needed"'), /CR-1/);
    const report = (await say(DEV, 'problem report other "The build server is down"')).match(/PR-\w+/)[0];

    const modals = [
      [CUST, `reject ${task}`, () => say(PM, `task show ${task}`), /awaiting.acceptance/i],
      [CUST, 'changes CR-1', () => say(CUST, 'approvals'), /CR-1/],
      [CUST, 'decline CR-1', () => say(CUST, 'approvals'), /CR-1/],
      [PM, `problem resolve ${report}`, () => say(PM, `problem show ${report}`), /open/i],
    ];
    for (const [user, command, status, unchanged] of modals) {
      const before = fake.apiCalls('views.open').length;
      const res = await run(user, command, fake.hookUrl());
      assert.equal(res.body, '', `${command}: the modal is the answer`);
      const opened = await h.waitFor(() => fake.apiCalls('views.open')[before], 5000,
        { message: `views.open for ${command}` });
      const view = opened.body.view;
      assert.ok(view.blocks.some((b) => b.type === 'input' && b.block_id === 'comment'), command);

      const answer = await h.signedRequest(accord, '/slack/interactive', submission(view, { comment: '  ' }, user));
      assert.equal(answer.status, 200);
      const body = JSON.parse(answer.body);
      assert.equal(body.response_action, 'errors', `${command}: ${answer.body}`);
      assert.ok(body.errors.comment, `${command}: the error is on the comment input`);
      assert.match(await status(), unchanged, `${command}: nothing changed`);
    }
  });

  it('shows the message instead when the modal cannot open', async () => {
    fake.options.failWith = { method: 'views.open', error: 'expired_trigger_id' };
    try {
      const responseUrl = fake.hookUrl();
      const res = await h.slashCommand(accord, { user: CUST, channel: CHANNEL, team: TEAM, text: 'task add', responseUrl });
      assert.equal(res.status, 200);
      const [hook] = await h.waitFor(() => fake.hookCalls(responseUrl).length && fake.hookCalls(responseUrl),
        5000, { message: 'the fallback message' });
      assert.match(h.replyText(hook.body), /task add/);
    } finally {
      fake.options.failWith = null;
    }
  });
});
