// The first slice of the /accord command surface, end to end: help and usage errors, project setup,
// roles with their permission checks and the DM that tells a new member about their role,
// objectives (typographic quotes, dates, not-found), and escaping of user text in replies.
// Tests run in order and build on each other (one project in one channel).
'use strict';

const { describe, it, before, after } = require('node:test');
const assert = require('node:assert/strict');
const h = require('./harness');

const TEAM = 'T0E2E0001';
const CHANNEL = 'C0APOLLO1';
const PM = 'U0PM00001';
const CUST = 'U0CUST001';
const DEV = 'U0DEV0001';
const DEL = 'U0DEL0001';

describe('commands', () => {
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

  const run = (user, text, channel = CHANNEL) => h.slashCommand(accord, { user, channel, team: TEAM, text });

  // The DM notifications (chat.postMessage) sent into the DM with `user`.
  const dmsTo = (user) => fake.apiCalls('chat.postMessage').filter((c) => c.status === 200 && c.body.channel === `D${user}`);

  describe('help and usage', () => {
    it('help is private and lists the main commands', async () => {
      const { text } = h.expectReply(await run(PM, 'help'), 'ephemeral');
      assert.match(text, /setup/);
      assert.match(text, /role add/);
      assert.match(text, /objective add/);
    });

    it('an empty /accord gets a private answer pointing at help', async () => {
      const { text } = h.expectReply(await run(PM, ''), 'ephemeral');
      assert.match(text, /help/);
    });

    it('an unknown subcommand gets a private usage message', async () => {
      const { text } = h.expectReply(await run(PM, 'frobnicate'), 'ephemeral');
      assert.match(text, /unknown/i);
      assert.match(text, /help/);
    });

    it('malformed input (an unterminated quote) gets a private message, not an error status', async () => {
      h.expectReply(await run(PM, 'setup "Apollo tz=Europe/Berlin', 'C0BROKEN1'), 'ephemeral');
    });

    it('roles in a channel without a project says to set one up', async () => {
      const { text } = h.expectReply(await run(PM, 'roles', 'C0EMPTY01'), 'ephemeral');
      assert.match(text, /setup/);
    });
  });

  describe('setup', () => {
    it('binds the channel to a new project, visibly to the channel', async () => {
      const { json, text } = h.expectReply(await run(PM, 'setup "Apollo" tz=Europe/Berlin'), 'in_channel');
      assert.match(text, /Apollo/);
      assert.match(json.text, /Apollo/, 'the fallback text names the project too');
    });

    it('refuses a second setup in the same channel, privately', async () => {
      const { text } = h.expectReply(await run(PM, 'setup "Apollo 2" tz=Europe/Berlin'), 'ephemeral');
      assert.match(text, /already/i);
    });

    it('projects belong to a workspace: the same channel id in another team has none', async () => {
      const res = await h.slashCommand(accord, { user: PM, channel: CHANNEL, team: 'T0OTHER01', text: 'roles' });
      const { text } = h.expectReply(res, 'ephemeral');
      assert.match(text, /setup/);
      assert.ok(!/Apollo/.test(text), `another workspace sees Apollo: ${text}`);
    });

    it('refuses an unknown time zone', async () => {
      const { text } = h.expectReply(await run(PM, 'setup "X" tz=Mars/Base', 'C0MARS001'), 'ephemeral');
      assert.match(text, /time ?zone/i);
      // ...and created nothing.
      const roles = h.expectReply(await run(PM, 'roles', 'C0MARS001'), 'ephemeral');
      assert.match(roles.text, /setup/);
    });
  });

  describe('roles', () => {
    it('the pm adds a customer (mention with a name) and is told privately', async () => {
      const { text } = h.expectReply(await run(PM, `role add <@${CUST}|cust> customer`), 'ephemeral');
      assert.match(text, /customer/);
    });

    it('the new customer gets exactly one DM naming the role and the project', async () => {
      const opened = await h.waitFor(() => fake.apiCalls('conversations.open').find((c) => c.body.users === CUST),
        8000, { message: 'conversations.open for the customer' });
      assert.equal(opened.authorized, true, 'Web API calls carry the bot token');

      const [dm] = await h.waitFor(() => dmsTo(CUST).length && dmsTo(CUST), 8000, { message: 'chat.postMessage to the DM' });
      assert.equal(dm.headers.authorization, `Bearer ${h.BOT_TOKEN}`);
      const content = `${dm.body.text || ''}\n${h.replyText(dm.body)}`;
      assert.match(content, /customer/);
      assert.match(content, /Apollo/);
      if (dm.body.blocks) h.assertValidBlocks(dm.body.blocks);

      await h.sleep(1500);
      assert.equal(dmsTo(CUST).length, 1, 'the DM is sent exactly once');
    });

    it('a customer may not add a dev: refused privately, naming the pm role', async () => {
      const { text } = h.expectReply(await run(CUST, `role add <@${DEV}> dev`), 'ephemeral');
      assert.match(text, /pm/);
      const roles = h.expectReply(await run(PM, 'roles'), 'ephemeral');
      assert.ok(!roles.text.includes(`<@${DEV}>`), `a refused role add must change nothing: ${roles.text}`);
    });

    it('a customer may appoint a delegate', async () => {
      const { text } = h.expectReply(await run(CUST, `role add <@${DEL}> delegate`), 'ephemeral');
      assert.match(text, /delegate/);
    });

    it('the pm adds a dev', async () => {
      const { text } = h.expectReply(await run(PM, `role add <@${DEV}> dev`), 'ephemeral');
      assert.match(text, /dev/);
    });

    it('roles lists every member with real mentions and their roles', async () => {
      const { json, text } = h.expectReply(await run(DEV, 'roles'), 'ephemeral');
      const blocks = JSON.stringify(json.blocks);
      for (const user of [PM, CUST, DEL, DEV]) assert.ok(blocks.includes(`<@${user}>`), `roles should mention ${user}`);
      assert.match(text, /customer/);
      assert.match(text, /delegate/);
      assert.match(text, /pm/);
      assert.match(text, /dev/);
    });
  });

  describe('objectives', () => {
    it('the customer adds an objective (typographic quotes), announced in the channel', async () => {
      const res = await run(CUST, 'objective add “Cut onboarding time” metric="days to first invoice" target=2027-03-31');
      const { text } = h.expectReply(res, 'in_channel');
      assert.match(text, /O-1/);
      assert.match(text, /Cut onboarding time/);
      assert.ok(!text.includes('“'), 'the quotes are not part of the title');
    });

    it('a dev may not add an objective: refused privately, naming the customer role', async () => {
      const { text } = h.expectReply(await run(DEV, 'objective add "Dev objective"'), 'ephemeral');
      assert.match(text, /customer/);
    });

    it('objective show O-1 shows the metric and the target date', async () => {
      const { text } = h.expectReply(await run(DEV, 'objective show O-1'), 'ephemeral');
      assert.match(text, /Cut onboarding time/);
      assert.match(text, /days to first invoice/);
      assert.match(text, /2027-03-31|31 Mar(ch)? 2027|Mar(ch)? 31,? 2027/);
    });

    it('objective show of a missing id says it was not found', async () => {
      const { text } = h.expectReply(await run(DEV, 'objective show O-9'), 'ephemeral');
      assert.match(text, /O-9/);
      assert.match(text, /not found|no such|does(n't| not) exist|no objective/i);
    });

    it('an impossible target date is refused privately', async () => {
      const { text } = h.expectReply(await run(CUST, 'objective add "x" target=2027-02-30'), 'ephemeral');
      assert.match(text, /date/i);
      const show = h.expectReply(await run(CUST, 'objective show O-2'), 'ephemeral');
      assert.match(show.text, /not found|no such|does(n't| not) exist|no objective/i, 'nothing was created');
    });

    it('user text cannot ping the channel: <!channel> is rendered escaped', async () => {
      const res = await run(CUST, 'objective add "Ping <!channel> &amp; friends"');
      h.expectReply(res, 'in_channel');
      const rendered = JSON.stringify(res.json);
      assert.ok(!res.body.includes('<!channel>'), `raw reply contains <!channel>: ${res.body}`);
      assert.ok(!rendered.includes('<!channel>'), 'reply contains <!channel>');
      assert.ok(rendered.includes('&lt;!channel&gt;'), `reply should show &lt;!channel&gt;: ${rendered}`);
    });

    it('user text is escaped in DMs too: a project named with <!here> pings nobody', async () => {
      const channel = 'C0HERE001';
      const member = 'U0HERE001';
      h.expectReply(await run(PM, 'setup "Launch <!here> now"', channel), 'in_channel');
      h.expectReply(await run(PM, `role add <@${member}> customer`, channel), 'ephemeral');
      const [dm] = await h.waitFor(() => dmsTo(member).length && dmsTo(member), 8000, { message: 'the role DM' });
      const sent = JSON.stringify(dm.body);
      assert.ok(!sent.includes('<!here>'), `the DM contains <!here>: ${sent}`);
      assert.ok(sent.includes('&lt;!here&gt;'), `the DM should show &lt;!here&gt;: ${sent}`);
    });

    it('Slack-escaped & is not double-escaped (shows as &, not &amp;amp;)', async () => {
      const res = await run(CUST, 'objective add "Tom &amp; Jerry"');
      h.expectReply(res, 'in_channel');
      const rendered = JSON.stringify(res.json);
      assert.ok(rendered.includes('Tom &amp; Jerry'), `expected "Tom &amp; Jerry": ${rendered}`);
      assert.ok(!rendered.includes('&amp;amp;'), `double-escaped: ${rendered}`);
    });
  });
});
