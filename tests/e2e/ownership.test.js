// Who does what, by when (issue 19), with the real binary: the contractor on Slack, the customer
// on Teams, one project. The lead assigns a task; the dev sets its delivery date and the customer,
// trying from Teams, is refused with who sets dates; the pm plans a release the customer reads
// in Teams; a delivery date moved later reaches the customer's Teams chat; a document for the pm
// and the customer is listed for them and not for the dev; the acceptance card links where to
// test; a recurring case written by the customer fills in a task; a request to the customer
// waits for her availability window; she confirms a planned sprint's priorities from Teams and the
// pm sees it at the start; the sponsor hears of decisions left waiting; and the owner, a dev in New York on a Berlin project, is reminded the working day before
// at 09:00 in New York.
'use strict';

const { describe, it, before, after } = require('node:test');
const assert = require('node:assert/strict');
const h = require('./harness');
const { startTeamsChannel, activity, cardsOf, cardText, executeActions, APP_ID } = require('./teams_channel');

const START = '2026-11-24T10:00:00Z'; // Tuesday 11:00 in Berlin, the project's zone
const TEAM = 'T0E2EOWN1';
const SLACK_CHANNEL = 'C0E2EOWN1';
const PM = 'U0OWNPM01';
const LEAD = 'U0OWNLD01';
const DEV = 'U0OWNDV01';
const SPONSOR = 'U0OWNSP01';
const TEAMS_CHANNEL = '19:e2eOwnersCustomer@thread.tacv2';
const MARIA = { id: '29:1mariaOwnersAAAA-bbbb', name: 'Maria Customer' };
const BOT = { id: `28:${APP_ID}`, name: 'Accord' };
const personalChat = (person) => `a:personal-${person.id.slice(3)}`;

describe('owners, dates by role, releases and documents across Slack and Teams', () => {
  let fake;
  let channel;
  let accord;

  const slack = async (user, text) => {
    const res = await h.slashCommand(accord, { user, channel: SLACK_CHANNEL, team: TEAM, text });
    assert.equal(res.status, 200, res.body);
    return JSON.parse(res.body);
  };
  const post = (body) => accord.request({
    method: 'POST', path: '/api/messages',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${channel.mint({}, {}, accord.testNow)}` },
    body: JSON.stringify(body),
  });
  const mariaSays = (text) => post(activity(channel, {
    user: MARIA.id, name: MARIA.name, conversation: TEAMS_CHANNEL, conversationType: 'channel',
    text: `<at>Accord</at> ${text}`, mentions: [BOT], extra: { localTimezone: 'Europe/Berlin' },
  }));
  const teamsPosts = (conversation, pattern) => channel.connectorCalls((c) => c.method === 'POST' &&
    c.status < 300 && c.path === `/teams/v3/conversations/${encodeURIComponent(conversation)}/activities` &&
    cardsOf(c).some((card) => pattern.test(cardText(card))));
  const waitForTeams = (conversation, pattern, message) =>
    h.waitFor(() => teamsPosts(conversation, pattern)[0], 8000, { message });
  const dmsTo = (user, pattern) => fake.apiCalls('chat.postMessage')
    .filter((c) => c.body.channel === `D${user}` && pattern.test(h.replyText(c.body)));
  const advanceTo = (iso) => accord.advanceClock(Math.round((Date.parse(iso) - accord.testNow) / 1000));

  before(async () => {
    fake = await h.startFakeSlack();
    fake.options.userTimezones = { [DEV]: 'America/New_York' };
    channel = await startTeamsChannel();
    accord = await h.startAccord({ fake, env: { ACCORD_TEST_CLOCK: START, ...channel.env() } });
    h.expectReply(await h.slashCommand(accord, { user: PM, channel: SLACK_CHANNEL, team: TEAM,
      text: 'setup "Vega" tz=Europe/Berlin' }), 'in_channel');
    await slack(PM, `role add <@${LEAD}> lead`);
    await slack(PM, `role add <@${DEV}> dev`);
    await slack(PM, `role add <@${SPONSOR}> sponsor`);
    // The dev's zone comes from Slack (users.info) once they join.
    await h.waitFor(() => fake.apiCalls('users.info').some((c) => c.body.user === DEV), 8000,
      { message: 'users.info for the dev' });
    const code = (h.replyText(await slack(PM, 'link customer')).match(/[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}/) || [])[0];
    assert.ok(code, 'a link code');
    assert.equal((await mariaSays(`link ${code}`)).status, 200);
    await waitForTeams(personalChat(MARIA), /now a home of/, 'Maria joins from Teams');
  });

  after(async () => {
    if (accord) await accord.stop();
    if (channel) await channel.stop();
    if (fake) await fake.stop();
  });

  it('the lead assigns, the dev dates the task, and the customer in Teams is refused with who sets dates', async () => {
    assert.match(h.replyText(await slack(DEV, 'task add "Export invoices" estimate=6h')), /T-1/);
    assert.match(h.replyText(await slack(LEAD, `task assign T-1 <@${DEV}>`)), /Owner of \*T-1\*/);
    const dated = await slack(DEV, 'task due T-1 2026-11-26');
    assert.equal(dated.response_type, 'in_channel');
    assert.match(h.replyText(dated), /Delivery date of \*T-1\* Export invoices: \*Thu 2026-11-26\*/);

    assert.equal((await mariaSays('task due T-1 2026-12-20')).status, 200);
    const refusal = await waitForTeams(personalChat(MARIA), /people who do the work set its dates/,
      'the refusal in Maria\'s chat');
    assert.match(cardText(cardsOf(refusal)[0]), /customer sets priorities/);
    assert.match(h.replyText(await slack(PM, 'task show T-1')), /\*Delivery date\*\nThu 2026-11-26/);
    assert.match(h.replyText(await slack(DEV, 'task list mine')), /due Thu 2026-11-26/);
  });

  it('the pm plans a release the customer reads in Teams', async () => {
    const planned = await slack(PM, 'release plan "v1.0" date=2026-12-10 tasks=T-1');
    assert.equal(planned.response_type, 'in_channel');
    assert.match(h.replyText(planned), /REL-1/);
    assert.equal((await mariaSays('release show REL-1')).status, 200);
    const shown = await waitForTeams(personalChat(MARIA), /Release REL-1 v1\.0/, 'the release in Maria\'s chat');
    assert.match(cardText(cardsOf(shown)[0]), /T-1/);
    assert.match(cardText(cardsOf(shown)[0]), /Thu 2026-12-10/);
  });

  it('a delivery date moved later reaches the customer in Teams', async () => {
    const moved = h.replyText(await slack(DEV, 'task due T-1 2026-11-27 reason="Bank format changed"'));
    assert.match(moved, /later than announced/);
    const told = await waitForTeams(personalChat(MARIA), /moved later/, 'the news in Maria\'s chat');
    assert.match(cardText(cardsOf(told)[0]), /Thu 2026-11-26 → .*Fri 2026-11-27/);
    assert.match(cardText(cardsOf(told)[0]), /Bank format changed/);
  });

  it('a document for the pm and the customer is listed for them, on both platforms, and not for the dev', async () => {
    const added = await slack(PM, 'doc add "Rate card" https://docs.example.com/rates for=pm,customer');
    assert.equal(added.response_type, 'ephemeral');
    assert.match(h.replyText(added), /<https:\/\/docs\.example\.com\/rates\|Rate card>/);
    assert.match(h.replyText(await slack(PM, 'doc list')), /Rate card/);
    assert.doesNotMatch(h.replyText(await slack(DEV, 'doc list')), /Rate card/);
    assert.equal((await mariaSays('doc list')).status, 200);
    const listed = await waitForTeams(personalChat(MARIA), /Documents of Vega/, 'the list in Maria\'s chat');
    assert.match(cardText(cardsOf(listed)[0]), /\[Rate card\]\(https:\/\/docs\.example\.com\/rates\)/);
    // Nothing about it reached a channel.
    const slackChannel = fake.apiCalls('chat.postMessage').filter((c) => c.body.channel === SLACK_CHANNEL)
      .map((c) => h.replyText(c.body)).join('\n');
    assert.doesNotMatch(slackChannel, /Rate card/);
    assert.equal(teamsPosts(TEAMS_CHANNEL, /Rate card/).length, 0);
  });

  it('the acceptance card links the document where to test', async () => {
    assert.match(h.replyText(await slack(LEAD, 'doc add Staging https://staging.example.com/app test=yes')), /DOC-2/);
    assert.match(h.replyText(await slack(DEV, 'task add "Print receipts"')), /T-2/);
    await slack(DEV, 'task start T-2');
    assert.match(h.replyText(await slack(DEV, 'task done T-2')), /T-2/);
    const card = await waitForTeams(personalChat(MARIA), /Print receipts/, 'the acceptance card in Teams');
    assert.match(cardText(cardsOf(card).find((c) => /Print receipts/.test(cardText(c)))),
      /Where to test:.*\[Staging\]\(https:\/\/staging\.example\.com\/app\)/);
    // In Slack the same document reads as a link in everyone's list.
    assert.match(JSON.stringify((await slack(DEV, 'doc list')).blocks),
      /<https:\/\/staging\.example\.com\/app\|Staging>/);
  });

  it('a recurring case the customer writes in Teams fills in a task the dev adds in Slack', async () => {
    assert.equal((await mariaSays('template add login-bug "Login: [what fails]" kind=bug ' +
      'story="Steps: open /login, sign in with SSO" criteria="SSO reaches the dashboard; The error names the cause"')).status, 200);
    await waitForTeams(TEAMS_CHANNEL, /Template \*\*login-bug\*\* added/, 'the template announced in Teams');
    assert.match(h.replyText(await slack(DEV, 'task add "Login fails with Okta" from=login-bug')), /T-3/);
    const shown = h.replyText(await slack(PM, 'task show T-3'));
    assert.match(shown, /\*Kind\*\nbug/);
    assert.match(shown, /Steps: open \/login/);
    assert.match(shown, /2\. The error names the cause/);

    // Without a title the form opens with the template in it.
    const before = fake.apiCalls('views.open').length;
    const res = await h.slashCommand(accord, { user: DEV, channel: SLACK_CHANNEL, team: TEAM,
      text: 'task add from=login-bug', responseUrl: fake.hookUrl() });
    assert.equal(res.status, 200);
    const opened = await h.waitFor(() => fake.apiCalls('views.open')[before], 8000, { message: 'views.open' });
    const initial = (id) => {
      const block = opened.body.view.blocks.find((b) => b.block_id === id);
      return block && (block.element.initial_value || (block.element.initial_option || {}).value);
    };
    assert.equal(initial('title'), 'Login: [what fails]');
    assert.equal(initial('kind'), 'bug');
    assert.match(initial('criteria'), /SSO reaches the dashboard\nThe error names the cause/);
  });

  it('a request to the customer waits for her availability window, and the card says when she answers', async () => {
    assert.equal((await mariaSays('availability wed 09:00-10:00')).status, 200);
    await waitForTeams(personalChat(MARIA), /You take requests in Vega/, 'Maria\'s window confirmed');
    assert.match(h.replyText(await slack(PM, 'roles')), /Maria Customer \(Teams\).*answers Wed 09:00–10:00 Europe\/Berlin/);
    assert.match(h.replyText(await slack(PM, 'roadmap add "Gift cards" due=2027-04-01 reason="Asked for"')), /CR-1/);
    await h.sleep(1500);
    assert.equal(teamsPosts(personalChat(MARIA), /Gift cards/).length, 0, 'not before Wednesday 09:00 Berlin');
    await advanceTo('2026-11-25T08:05:00Z');
    const card = await waitForTeams(personalChat(MARIA), /Gift cards/, 'the card in her window');
    assert.match(cardText(cardsOf(card).find((c) => /Gift cards/.test(cardText(c)))), /answers Wed 09:00–10:00/);
  });

  it('the customer confirms a planned sprint\'s priorities in Teams, and the pm sees it at the start', async () => {
    assert.match(h.replyText(await slack(PM, 'sprint plan "Checkout" start=2026-11-30')), /SP-1/);
    assert.match(h.replyText(await slack(DEV, 'task add "Receipt PDF" estimate=2h')), /T-4/);
    assert.match(h.replyText(await slack(PM, 'sprint add SP-1 T-4')), /T-4/);
    const card = await waitForTeams(personalChat(MARIA), /Priorities for SP-1/, 'the planning card in Teams');
    const shown = cardsOf(card).find((c) => /Priorities for SP-1/.test(cardText(c)));
    assert.match(cardText(shown), /Receipt PDF/);
    const confirm = executeActions(shown).find((a) => /confirm priorities/i.test(a.title));
    assert.ok(confirm, 'the card has Confirm priorities');
    assert.ok(executeActions(shown).some((a) => /change priorities/i.test(a.title)), 'and Change priorities');
    const res = await post(activity(channel, { type: 'invoke', invokeName: 'adaptiveCard/action',
      user: MARIA.id, name: MARIA.name, conversation: personalChat(MARIA), replyToId: channel.responseIdOf(card),
      value: { action: { type: 'Action.Execute', verb: confirm.verb, data: confirm.data }, trigger: 'manual' } }));
    assert.equal(res.status, 200);
    const answered = cardText(JSON.parse(res.body).value);
    assert.match(answered, /Priorities confirmed by/);
    assert.doesNotMatch(answered, /Confirm priorities/);
    const started = h.replyText(await slack(PM, 'sprint start SP-1'));
    assert.match(started, /You started SP-1/);
    assert.match(started, /Priorities: confirmed by \*Maria Customer \(Teams\)\*/);
  });

  it('the owner is reminded the working day before, at 09:00 in their own zone', async () => {
    // Thursday 09:00 Berlin is 03:00 in New York: the reminder waits for the dev's morning.
    await advanceTo('2026-11-26T13:50:00Z');
    await h.sleep(800);
    assert.equal(dmsTo(DEV, /Reminder: the delivery date of \*T-1\*/).length, 0, 'not before 09:00 New York');
    await advanceTo('2026-11-26T14:05:00Z');
    const reminder = await h.waitFor(() => dmsTo(DEV, /Reminder: the delivery date of \*T-1\*/)[0], 8000,
      { message: 'the reminder in the dev\'s DM' });
    assert.match(h.replyText(reminder.body), /Fri 2026-11-27/);
    assert.equal(dmsTo(PM, /T-1/).filter((c) => /passed its delivery date/.test(h.replyText(c.body))).length, 0);
  });

  it('once the date passed with the work open, the pm hears and the task is flagged', async () => {
    await advanceTo('2026-11-30T08:05:00Z'); // Monday 09:05 Berlin
    await h.waitFor(() => dmsTo(PM, /passed its delivery date/)[0], 8000, { message: 'the pm\'s notice' });
    assert.match(h.replyText(await slack(PM, 'task list')), /overdue/);
  });

  it('the sponsor hears of the customer\'s decisions left waiting over three business days', async () => {
    // CR-1 and the acceptance of T-2 have waited since Tuesday morning: by Monday morning, more
    // than three business days.
    const notice = await h.waitFor(() => dmsTo(SPONSOR, /Decisions waiting in Vega/)[0], 8000,
      { message: 'the sponsor\'s notice' });
    const text = h.replyText(notice.body);
    assert.match(text, /CR-1/);
    assert.match(text, /T-2.* to accept: Print receipts/);
    assert.match(text, /Maria Customer \(Teams\)/);
    assert.equal(dmsTo(SPONSOR, /Decisions waiting in Vega/).length, 1, 'one notice');
  });
});
