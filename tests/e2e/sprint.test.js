// A full sprint end to end (issue 4) with the real binary: the pm plans a sprint and starts it,
// a developer marks its task done, the customer accepts it from the card in their direct
// messages, and the pm closes the sprint; the summary in the channel shows the work accepted.
// Runs on the test clock so the sprint's dates are a known Monday.
'use strict';

const { describe, it, before, after } = require('node:test');
const assert = require('node:assert/strict');
const h = require('./harness');

const TEAM = 'T0E2E0001';
const CHANNEL = 'C0SPRINT1';
const PM = 'U0SPPM001';
const CUST = 'U0SPCU001';
const DEV = 'U0SPDV001';

describe('a sprint from planning to closing', () => {
  let fake;
  let accord;

  before(async () => {
    fake = await h.startFakeSlack();
    accord = await h.startAccord({ fake, env: { ACCORD_TEST_CLOCK: '2026-11-30T08:00:00Z' } });
  });

  after(async () => {
    if (accord) await accord.stop();
    if (fake) await fake.stop();
  });

  const command = async (user, text) => {
    const res = await h.slashCommand(accord, { user, channel: CHANNEL, team: TEAM, text });
    assert.equal(res.status, 200, res.body);
    const json = JSON.parse(res.body);
    return { json, text: h.replyText(json) };
  };

  it('plan → start → done → the customer accepts from the card → close with a summary', async () => {
    await command(PM, 'setup "Vega" tz=Europe/Berlin sprint=1w hours=6');
    await command(PM, `role add <@${CUST}> customer`);
    await command(PM, `role add <@${DEV}> dev`);
    assert.match((await command(DEV, 'task add "Export invoices" estimate=2h')).text, /T-1/);

    const planned = await command(PM, 'sprint plan "Invoices out" start=2026-11-30');
    assert.match(planned.text, /SP-1/);
    assert.match(planned.text, /30h/, 'capacity: one developer, 6 h a day, 5 working days');
    assert.match((await command(DEV, 'sprint start SP-1')).text, /pm/, 'only the pm starts it');
    assert.match((await command(PM, 'sprint add SP-1 T-1')).text, /T-1/);
    const started = await command(PM, 'sprint start SP-1');
    assert.doesNotMatch(started.text, /can't|cannot|refus/i, started.text);
    await h.waitFor(() => fake.apiCalls('chat.postMessage').some((c) =>
      c.body.channel === CHANNEL && /SP-1/.test(h.replyText(c.body)) && /start/i.test(h.replyText(c.body))),
    8000, { message: 'the start announced in the channel' });

    assert.match((await command(DEV, 'task done T-1')).text, /T-1/);
    const refused = await command(PM, 'sprint close SP-1');
    assert.match(refused.text, /T-1/, 'closing waits for the acceptance, and says which task');
    assert.match(refused.text, /await/i);

    const card = await h.waitFor(() => fake.apiCalls('chat.postMessage').find((c) =>
      c.body.channel === `D${CUST}` && h.buttonsOf(c.body).some((b) => /accept/i.test(b.text.text))),
    8000, { message: "the customer's acceptance card" });
    const accept = h.buttonsOf(card.body).find((b) => /^accept/i.test(b.text.text));
    const payload = h.blockActionsPayload({ user: CUST, channel: `D${CUST}`, team: TEAM,
      actionId: accept.action_id, value: accept.value, responseUrl: fake.hookUrl() });
    const clicked = await h.signedRequest(accord, '/slack/interactive', h.interactiveBody(payload));
    assert.equal(clicked.status, 200);
    await h.waitFor(() => fake.apiCalls('chat.update').some((u) =>
      u.body.ts === card.response.ts && /accepted/i.test(h.replyText(u.body))), 8000,
    { message: 'the card updated to accepted' });

    await command(PM, 'retro good "The customer answered within a day"');
    await command(PM, 'sprint close SP-1');
    const summary = await h.waitFor(() => fake.apiCalls('chat.postMessage').find((c) =>
      c.body.channel === CHANNEL && /SP-1/.test(h.replyText(c.body)) && /clos/i.test(h.replyText(c.body))),
    8000, { message: 'the sprint summary in the channel' });
    const text = h.replyText(summary.body);
    assert.match(text, /T-1/);
    assert.match(text, /2h/);
    assert.match(text, /answered within a day/);
    assert.match((await command(CUST, 'sprint SP-1')).text, /closed/i);
  });
});
