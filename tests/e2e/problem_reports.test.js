// Problem reports end to end (issue 4): a report about the pm reaches leadership by direct message
// and nothing of it reaches the pm — no DM, no channel post, not in any list, show or log — and
// the reporter's confirmation is private.
'use strict';

const { describe, it, before, after } = require('node:test');
const assert = require('node:assert/strict');
const h = require('./harness');

const TEAM = 'T0E2E0001';
const CHANNEL = 'C0PROBLEM';
const PM = 'U0PRPM001';
const BOSS = 'U0PRLD001';
const CUST = 'U0PRCU001';
const SECRET = 'The PM ignores our emails';

describe('problem reports', () => {
  let fake;
  let accord;

  before(async () => {
    fake = await h.startFakeSlack();
    accord = await h.startAccord({ fake });
    const run = (user, text) => h.slashCommand(accord, { user, channel: CHANNEL, team: TEAM, text });
    h.expectReply(await run(PM, 'setup "Helios"'), 'in_channel');
    h.expectReply(await run(PM, `role add <@${BOSS}> leadership`), 'ephemeral');
    h.expectReply(await run(PM, `role add <@${CUST}> customer`), 'ephemeral');
  });

  after(async () => {
    if (accord) await accord.stop();
    if (fake) await fake.stop();
  });

  const command = async (user, text) => {
    const res = await h.slashCommand(accord, { user, channel: CHANNEL, team: TEAM, text });
    return { json: JSON.parse(res.body), text: h.replyText(JSON.parse(res.body)), raw: res.body };
  };

  it('a report about the pm goes to leadership only', async () => {
    const reported = await command(CUST, `problem report pm "${SECRET}"`);
    assert.equal(reported.json.response_type, 'ephemeral', 'the confirmation is private');
    assert.match(reported.text, /PR-1/);

    const dm = await h.waitFor(() => fake.apiCalls('chat.postMessage')
      .find((c) => c.body.channel === `D${BOSS}` && h.replyText(c.body).includes(SECRET)),
    8000, { message: 'the DM to leadership' });
    assert.ok(h.buttonsOf(dm.body).some((b) => /acknowledge/i.test(b.text.text)));

    await h.sleep(1500);  // give any wrongly queued message time to go out
    // Leadership's and the reporter's own App Home list the report too.
    const leaked = fake.calls.filter((c) => c.rawBody.includes(SECRET) && c.body.channel !== `D${BOSS}` &&
      ![BOSS, CUST].includes(c.body.user_id));
    assert.deepEqual(leaked.map((c) => `${c.path} ${c.body.channel}`), [], 'nothing else carries the report');
    assert.equal(fake.apiCalls('conversations.open').filter((c) => c.body.users === PM).length, 0,
      'no conversation with the pm is even opened for it');

    for (const text of ['problem list', 'problem show PR-1', 'log 100']) {
      const seen = await command(PM, text);
      assert.ok(!seen.raw.includes(SECRET), `the pm sees the report through "${text}"`);
    }
    assert.match((await command(PM, 'problem show PR-1')).text, /No problem report `?PR-1/);
    assert.match((await command(BOSS, 'problem show PR-1')).text, new RegExp(SECRET));
  });
});
