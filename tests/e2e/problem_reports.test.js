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
    await h.grantLeadership(accord, BOSS);
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
    const id = /Recorded `?(PR-[0-9A-Z]+)/.exec(reported.text)[1];

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

    for (const text of ['problem list', `problem show ${id}`, 'log 100']) {
      const seen = await command(PM, text);
      assert.ok(!seen.raw.includes(SECRET), `the pm sees the report through "${text}"`);
    }
    assert.match((await command(PM, `problem show ${id}`)).text, new RegExp(`No problem report \`?${id}`));
    assert.match((await command(BOSS, `problem show ${id}`)).text, new RegExp(SECRET));
  });
});

// Confidentiality hardening: ids that count nothing, leadership out of the pm's hands (granted by
// the server's operator, `accord role grant-leadership`), no pm report for a former pm, and no
// more card updates for someone who may no longer see a report.
describe('problem report confidentiality', () => {
  const CH = 'C0PRCONF1';
  const PM = 'U0PCPM001';
  const PM2 = 'U0PCPM002';
  const BOSS = 'U0PCLD001';
  const CUST = 'U0PCCU001';
  const LEAD = 'U0PCLE001';
  const CODE = /^PR-[2-9A-HJKMNP-TV-Z]{4}$/;
  let fake;
  let accord;

  before(async () => {
    fake = await h.startFakeSlack();
    accord = await h.startAccord({ fake });
  });

  after(async () => {
    if (accord) await accord.stop();
    if (fake) await fake.stop();
  });

  const say = async (user, text) => {
    const res = await h.slashCommand(accord, { user, channel: CH, team: TEAM, text });
    return h.expectReply(res, 'ephemeral').text;
  };
  const reportId = (text) => {
    const found = /Recorded `?(PR-[0-9A-Za-z]+)/.exec(text);
    assert.ok(found, `no id in: ${text}`);
    return found[1];
  };
  const dmTo = (user, needle) => fake.apiCalls('chat.postMessage')
    .find((c) => c.body.channel === `D${user}` && c.rawBody.includes(needle));

  it('a pm cannot make anyone leadership; the operator can, and ids count nothing', async () => {
    h.expectReply(await h.slashCommand(accord, { user: PM, channel: CH, team: TEAM, text: 'setup "Atlas"' }),
      'in_channel');
    assert.match(await say(PM, `role add <@${PM}> leadership`), /Only \*?leadership\*? can/);
    assert.match(await say(PM, `role add <@${BOSS}> leadership`), /Only \*?leadership\*? can/);
    assert.doesNotMatch(await say(PM, 'roles'), /leadership/);

    const e = accord.env;
    const granted = await h.runAccord(['role', 'grant-leadership', '--project', '1', '--user', BOSS],
      { env: { ACCORD_DATA_DIR: e.ACCORD_DATA_DIR } });
    assert.equal(granted.code, 0, `${granted.stdout}\n${granted.stderr}`);
    assert.match(granted.stdout, /leadership/);
    assert.match(await say(PM, 'roles'), new RegExp(`leadership\\*?: <@${BOSS}>`));
    await h.waitFor(() => dmTo(BOSS, 'leadership'), 8000, { message: 'the new leader is told' });

    // Any role the same way (`role add --role`); a word that is no role changes nothing.
    const bad = await h.runAccord(['role', 'add', '--project', '1', '--user', LEAD, '--role', 'boss'],
      { env: { ACCORD_DATA_DIR: e.ACCORD_DATA_DIR } });
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /'boss' is not a role\. Roles: customer/);
    const lead = await h.runAccord(['role', 'add', '--project', '1', '--user', LEAD, '--role', 'lead'],
      { env: { ACCORD_DATA_DIR: e.ACCORD_DATA_DIR } });
    assert.equal(lead.code, 0, `${lead.stdout}\n${lead.stderr}`);
    assert.match(await say(PM, 'roles'), new RegExp(`lead\\*?: <@${LEAD}>`));

    await say(PM, `role add <@${CUST}> customer`);
    const mine = reportId(await say(PM, 'problem report deadline "The API is late"'));
    const hidden = reportId(await say(CUST, 'problem report pm "The pm ignores every email"'));
    const mine2 = reportId(await say(PM, 'problem report other "The CI is flaky"'));
    for (const id of [mine, hidden, mine2]) assert.match(id, CODE);
    const list = await say(PM, 'problem list');
    assert.ok(list.includes(mine) && list.includes(mine2) && !list.includes(hidden), list);
    assert.match(await say(LEAD, `problem show ${mine.toLowerCase()}`), /The API is late/);

    // The pm hands over to PM2 and is made leadership by leadership: the pm report filed while
    // they were pm stays hidden from them.
    await say(PM, `role add <@${PM2}> pm`);
    assert.match(await say(PM2, `role remove <@${PM}> pm`), /Removed/);
    assert.match(await say(BOSS, `role add <@${PM}> leadership`), /Added/);
    assert.match(await say(PM, `problem show ${hidden}`), new RegExp(`No problem report \`?${hidden}`));
    assert.doesNotMatch(await say(PM, 'problem list'), /ignores every email/);
    assert.match(await say(BOSS, `problem show ${hidden}`), /ignores every email/);
  });

  it('someone taken off a report\'s audience gets no more updates of its card', async () => {
    const ch = 'C0PRCONF2';
    const pm = 'U0PCPM003';
    const say2 = async (user, text) => h.expectReply(
      await h.slashCommand(accord, { user, channel: ch, team: TEAM, text }), 'ephemeral').text;
    h.expectReply(await h.slashCommand(accord, { user: pm, channel: ch, team: TEAM, text: 'setup "Boreas"' }),
      'in_channel');
    await say2(pm, `role add <@${CUST}> customer`);
    await say2(pm, `role add <@${LEAD}> lead`);
    const id = reportId(await say2(CUST, 'problem report performance "Velocity halved"'));
    await h.waitFor(() => dmTo(LEAD, 'Velocity halved'), 8000, { message: 'the card to the lead' });
    await h.waitFor(() => dmTo(pm, 'Velocity halved'), 8000, { message: 'the card to the pm' });
    await say2(pm, `role add <@${LEAD}> dev`);
    await say2(pm, `role remove <@${LEAD}> lead`);
    assert.match(await say2(pm, `problem ack ${id}`), new RegExp(`You own \`?${id}`));
    await h.waitFor(() => fake.apiCalls('chat.update').find((c) => c.body.channel === `D${pm}`),
      8000, { message: 'the update of the pm\'s copy' });
    await h.sleep(1000);  // give a wrong update time to go out
    const toLead = fake.apiCalls('chat.update').filter((c) => c.body.channel === `D${LEAD}`);
    assert.deepEqual(toLead.map((c) => c.rawBody), [], 'the former lead\'s copy is not updated');
  });
});
