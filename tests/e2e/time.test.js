// Time end to end (issue 5) with the real binary on the test clock (ACCORD_TEST_CLOCK, moved with
// POST /test/clock): a task awaiting acceptance reaches the customer in a digest at 09:00 in the
// customer's own zone on the next working day — not on Saturday; an unacknowledged `team` report
// reaches leadership no sooner and no later than 4 business hours; an unacknowledged `pm` report is
// marked stalled and its reporter told, and no PM hears of it; an undecided change request expires
// after 5 business days and its cards lose their buttons. And for a customer in Berlin on a project
// in New York, no digest at 23:00 Berlin: it waits for Monday 09:00 in the customer's zone.
'use strict';

const { describe, it, before, after } = require('node:test');
const assert = require('node:assert/strict');
const h = require('./harness');

const TEAM = 'T0E2E0001';
const CHANNEL = 'C0TIME001';
const PM = 'U0TMPM001';
const CUST = 'U0TMCU001';
const DEV = 'U0TMDV001';
const BOSS = 'U0TMLD001';
const TEAM_PROBLEM = 'Nobody answers our questions';
const PM_PROBLEM = 'The PM ignores our emails';

// Friday 2026-11-27 15:00 in Berlin, the project's zone; 09:00 in New York, the customer's.
const START = '2026-11-27T14:00:00Z';

async function advanceTo(accord, iso) {
  const seconds = Math.round((Date.parse(iso) - accord.testNow) / 1000);
  assert.ok(seconds >= 0, `the test clock is at ${new Date(accord.testNow).toISOString()}, past ${iso}`);
  return accord.advanceClock(seconds);
}

describe('time on the test clock', () => {
  let fake;
  let accord;
  let pmReport;  // the id of the report about the pm
  const dmsTo = (user, pattern) => fake.apiCalls('chat.postMessage')
    .filter((c) => c.body.channel === `D${user}` && pattern.test(h.replyText(c.body)));

  before(async () => {
    fake = await h.startFakeSlack();
    fake.options.userTimezones = { [CUST]: 'America/New_York' };
    accord = await h.startAccord({ fake, env: { ACCORD_TEST_CLOCK: START } });
    const run = async (user, text) => {
      const res = await h.slashCommand(accord, { user, channel: CHANNEL, team: TEAM, text });
      assert.equal(res.status, 200, res.body);
      return h.replyText(JSON.parse(res.body));
    };
    assert.match(await run(PM, 'setup "Orion" tz=Europe/Berlin'), /Orion/);
    await run(PM, `role add <@${CUST}> customer`);
    await run(PM, `role add <@${DEV}> dev`);
    await h.grantLeadership(accord, BOSS);
    // The customer's zone comes from Slack (users.info) once they join.
    await h.waitFor(() => fake.apiCalls('users.info').some((c) => c.body.user === CUST), 8000,
      { message: 'users.info for the customer' });
    assert.match(await run(DEV, 'task add "Export invoices" estimate=2h'), /T-1/);
    assert.match(await run(DEV, 'task done T-1'), /T-1/);
    assert.match(await run(PM, 'roadmap add "Checkout" due=2027-01-10 reason="Asked for it"'), /CR-1/);
    assert.match(await run(CUST, `problem report team "${TEAM_PROBLEM}"`), /Recorded `?PR-/);
    pmReport = /Recorded `?(PR-[0-9A-Z]+)/.exec(await run(CUST, `problem report pm "${PM_PROBLEM}"`))[1];
    await h.waitFor(() => dmsTo(BOSS, new RegExp(PM_PROBLEM)).length === 1, 8000,
      { message: 'the pm report reaches leadership' });
  });

  after(async () => {
    if (accord) await accord.stop();
    if (fake) await fake.stop();
  });

  it('refuses a malformed clock move', async () => {
    const res = await accord.request({
      method: 'POST', path: '/test/clock', headers: { 'Content-Type': 'application/json' },
      body: '{"advance_seconds": -5}',
    });
    assert.equal(res.status, 400);
  });

  it('no digest on Saturday morning in the customer zone', async () => {
    await advanceTo(accord, '2026-11-28T14:00:00Z');  // Saturday 09:00 New York
    await h.sleep(1500);
    assert.equal(dmsTo(CUST, /Waiting on you/).length, 0);
  });

  it('the team report reaches leadership after 4 business hours, not before', async () => {
    // Filed Friday 15:00 Berlin: 3 business hours on Friday, the 4th on Monday 09:00–10:00.
    await advanceTo(accord, '2026-11-30T08:59:00Z');
    await h.sleep(1500);
    assert.equal(dmsTo(BOSS, new RegExp(TEAM_PROBLEM)).length, 0, 'escalated too early');

    await advanceTo(accord, '2026-11-30T09:00:00Z');
    const escalated = await h.waitFor(() => dmsTo(BOSS, new RegExp(TEAM_PROBLEM))[0], 8000,
      { message: 'the escalation to leadership' });
    assert.match(h.replyText(escalated.body), /not acknowledged within 4 business hours/);
    assert.ok(h.buttonsOf(escalated.body).some((b) => /acknowledge/i.test(b.text.text)));
  });

  it('the digest arrives at 09:00 in the customer zone on Monday, listing what waits', async () => {
    await advanceTo(accord, '2026-11-30T13:59:00Z');
    await h.sleep(1500);
    assert.equal(dmsTo(CUST, /Waiting on you/).length, 0, 'the digest came before 09:00 New York');

    await advanceTo(accord, '2026-11-30T14:00:00Z');
    const digest = await h.waitFor(() => dmsTo(CUST, /Waiting on you/)[0], 8000,
      { message: 'the Monday digest' });
    const text = h.replyText(digest.body);
    assert.match(text, /T-1/);
    assert.match(text, /CR-1/);
    assert.deepEqual(h.buttonsOf(digest.body).map((b) => b.text.text),
      ['Snooze 1 h', 'Snooze until tomorrow']);
    await advanceTo(accord, '2026-11-30T15:00:00Z');
    await h.sleep(1000);
    assert.equal(dmsTo(CUST, /Waiting on you/).length, 1, 'one digest a morning');
  });

  it('the pm report is marked stalled; its reporter told in their working hours; no pm ever hears of it', async () => {
    const told = await h.waitFor(() => dmsTo(CUST, new RegExp(pmReport)).find((c) => /stalled/.test(h.replyText(c.body))),
      8000, { message: 'the reporter is told' });
    assert.ok(told);
    // Leadership's and the reporter's own App Home list it too; nothing else may carry it.
    const leaked = fake.calls.filter((c) => c.rawBody.includes(PM_PROBLEM) &&
      c.body.channel !== `D${BOSS}` && ![BOSS, CUST].includes(c.body.user_id));
    assert.deepEqual(leaked.map((c) => `${c.path} ${c.body.channel}`), []);
    assert.equal(fake.calls.filter((c) => c.body && c.body.channel === `D${PM}` &&
      c.rawBody.includes(pmReport)).length, 0);
  });

  it('the change request expires after 5 business days and its cards lose their buttons', async () => {
    const cardTs = fake.apiCalls('chat.postMessage')
      .filter((c) => /CR-1/.test(h.replyText(c.body)) &&
        h.buttonsOf(c.body).some((b) => /approve/i.test(b.text.text)))
      .map((c) => c.response && c.response.ts);
    assert.ok(cardTs.length >= 2, 'the CR card went to the customer and the channel');

    await advanceTo(accord, '2026-12-04T13:59:00Z');
    await h.sleep(1000);
    assert.equal(fake.apiCalls('chat.update').filter((c) => /expired/.test(h.replyText(c.body))).length, 0);

    await advanceTo(accord, '2026-12-04T14:00:00Z');  // Friday 15:00 Berlin
    await h.waitFor(() => cardTs.every((ts) => fake.apiCalls('chat.update')
      .some((c) => c.body.ts === ts && /expired/.test(h.replyText(c.body)))), 8000,
    { message: 'every copy of the CR card updated to expired' });
    for (const update of fake.apiCalls('chat.update').filter((c) => cardTs.includes(c.body.ts))) {
      if (/expired/.test(h.replyText(update.body))) assert.equal(h.buttonsOf(update.body).length, 0);
    }
    await h.waitFor(() => dmsTo(PM, /CR-1.*expired|expired.*CR-1/s).length === 1, 8000,
      { message: 'the pm is told' });
  });
});

// Hardening item 13: a customer in Berlin on a project in New York. A task done on Friday at 10:00
// Berlin must not bring a "morning digest" that evening as the clock runs on to 23:00 Berlin; it
// comes on Monday at 09:00 in the customer's own zone.
describe('a digest for a customer in another zone than the project', () => {
  const LYRA_CHANNEL = 'C0TIME002';
  const LYRA_PM = 'U0LYPM001';
  const LYRA_CUST = 'U0LYCU001';
  const LYRA_DEV = 'U0LYDV001';
  let fake;
  let accord;
  const digests = () => fake.apiCalls('chat.postMessage')
    .filter((c) => c.body.channel === `D${LYRA_CUST}` && /Waiting on you/.test(h.replyText(c.body)));

  before(async () => {
    fake = await h.startFakeSlack();
    fake.options.userTimezones = { [LYRA_CUST]: 'Europe/Berlin', [LYRA_PM]: 'America/New_York' };
    // Friday 2026-11-27 10:00 in Berlin, 04:00 in New York.
    accord = await h.startAccord({ fake, env: { ACCORD_TEST_CLOCK: '2026-11-27T09:00:00Z' } });
    const run = async (user, text) => {
      const res = await h.slashCommand(accord, { user, channel: LYRA_CHANNEL, team: TEAM, text });
      assert.equal(res.status, 200, res.body);
      return h.replyText(JSON.parse(res.body));
    };
    assert.match(await run(LYRA_PM, 'setup "Lyra" tz=America/New_York'), /Lyra/);
    await run(LYRA_PM, `role add <@${LYRA_CUST}> customer`);
    await run(LYRA_PM, `role add <@${LYRA_DEV}> dev`);
    await h.waitFor(() => fake.apiCalls('users.info').some((c) => c.body.user === LYRA_CUST), 8000,
      { message: 'users.info for the customer' });
    assert.match(await run(LYRA_DEV, 'task add "Export invoices" estimate=2h'), /T-1/);
    assert.match(await run(LYRA_DEV, 'task done T-1'), /T-1/);
  });

  after(async () => {
    if (accord) await accord.stop();
    if (fake) await fake.stop();
  });

  it('no digest by Friday 23:00 Berlin, nor over the weekend', async () => {
    await advanceTo(accord, '2026-11-27T22:00:00Z');
    await h.sleep(1500);
    assert.equal(digests().length, 0, 'a digest came on Friday');
    await advanceTo(accord, '2026-11-30T07:59:00Z');  // Monday 08:59 Berlin
    await h.sleep(1000);
    assert.equal(digests().length, 0, 'a digest came before Monday 09:00 Berlin');
  });

  it('the digest arrives on Monday at 09:00 Berlin', async () => {
    await advanceTo(accord, '2026-11-30T08:00:00Z');
    const digest = await h.waitFor(() => digests()[0], 8000, { message: 'the Monday digest' });
    assert.match(h.replyText(digest.body), /T-1/);
  });
});

describe('without the test clock', () => {
  it('has no /test/clock route', async () => {
    const accord = await h.startAccord({});
    try {
      const res = await accord.request({
        method: 'POST', path: '/test/clock', headers: { 'Content-Type': 'application/json' },
        body: '{"advance_seconds": 60}',
      });
      assert.equal(res.status, 404);
    } finally {
      await accord.stop();
    }
  });
});
