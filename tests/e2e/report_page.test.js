// Where the project stands (issue 20), with the real binary: the contractor on Slack, the customer
// on Teams. A two-week sprint runs under the test clock with a scope change on its third day; the
// weekly report set for Friday 16:00 Berlin arrives then, to the pm, the sponsor and the customer
// (not the dev), with a burn-down that shows the scope change and a roadmap timeline as images
// whose URLs serve real PNGs until they expire. Then the project page in headless Chromium: a
// personal link opens it once and sets the session cookie; the page shows the charts as inline
// SVG under a strict Content-Security-Policy without console errors, at phone and desktop widths;
// the dev's page shows less than the pm's (a document for pm and customer only), nobody's page
// shows a confidential report to the person it concerns, and a used or expired link gets a clear
// page, not the project.
'use strict';

const { describe, it, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const https = require('node:https');
const path = require('node:path');
const h = require('./harness');
const puppeteer = require('puppeteer-core');
const { startTeamsChannel, activity, cardsOf, cardText, APP_ID } = require('./teams_channel');

const CHROMIUM = process.env.ACCORD_CHROMIUM || '/usr/bin/chromium';
// ACCORD_SCREENSHOTS=<dir> keeps the page's screenshots and the report's charts (docs/ holds a set).
const SCREENSHOTS = process.env.ACCORD_SCREENSHOTS || h.makeTempDir('accord-e2e-page-shots-');
const START = '2026-11-30T08:00:00Z'; // Monday 09:00 in Berlin, the project's zone
const TEAM = 'T0E2ERPT1';
const SLACK_CHANNEL = 'C0E2ERPT1';
const PM = 'U0RPTPM01';
const DEV = 'U0RPTDV01';
const SPONSOR = 'U0RPTSP01';
const TEAMS_CHANNEL = '19:e2eReportCustomer@thread.tacv2';
const MARIA = { id: '29:1mariaReportAAAA-bbbb', name: 'Maria Customer' };
const BOT = { id: `28:${APP_ID}`, name: 'Accord' };
const personalChat = (person) => `a:personal-${person.id.slice(3)}`;
const SECRET = 'The pm keeps moving our demo without asking';
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

describe('the weekly report with charts, and the project page in a real browser', () => {
  let fake;
  let channel;
  let accord;
  let browser;
  let weeklyDm;

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
  const get = (url) => accord.request({ method: 'GET', path: new URL(url).pathname });
  const fetchBytes = (url) => new Promise((resolve, reject) => {
    https.get({ host: '127.0.0.1', port: accord.port, path: new URL(url).pathname, ca: accord.ca }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, type: res.headers['content-type'], body: Buffer.concat(chunks) }));
    }).on('error', reject);
  });
  const pageLink = async (user) => {
    const text = h.replyText(await slack(user, 'page'));
    const link = (text.match(/<(https:\/\/[^|>]+\/page\/[0-9a-f]{64})\|Open the project page>/) || [])[1];
    assert.ok(link, `a page link in: ${text}`);
    return link;
  };
  // A browser context of its own per person: cookies are not shared.
  const openPage = async (link, { width = 1280, height = 900 } = {}) => {
    const context = await browser.createBrowserContext();
    const page = await context.newPage();
    const errors = [];
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    page.on('pageerror', (e) => errors.push(`page error: ${e.message}`));
    await page.setViewport({ width, height });
    const first = await page.goto(link, { waitUntil: 'load' });
    // A fresh link shows a button (a preview fetching the link does not use it up); its POST sets
    // the session cookie and moves on to the page.
    if (first.status() === 200 && await page.$('form button')) {
      await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.click('form button')]);
      assert.equal(new URL(page.url()).pathname, '/page');
    }
    return { page, context, errors, status: first.status() };
  };

  before(async () => {
    fake = await h.startFakeSlack();
    channel = await startTeamsChannel();
    // Chart images and page links come from the address the operator set.
    const port = await h.freePort();
    accord = await h.startAccord({ fake, port, env: { ACCORD_TEST_CLOCK: START,
      ACCORD_PUBLIC_URL: `https://127.0.0.1:${port}`, ...channel.env() } });
    h.expectReply(await h.slashCommand(accord, { user: PM, channel: SLACK_CHANNEL, team: TEAM,
      text: 'setup "Orion" tz=Europe/Berlin' }), 'in_channel');
    await slack(PM, `role add <@${DEV}> dev`);
    await slack(PM, `role add <@${SPONSOR}> sponsor`);
    const code = (h.replyText(await slack(PM, 'link customer')).match(/[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}/) || [])[0];
    assert.ok(code, 'a link code');
    assert.equal((await mariaSays(`link ${code}`)).status, 200);
    await waitForTeams(personalChat(MARIA), /now a home of/, 'Maria joins from Teams');
    browser = await puppeteer.launch({ executablePath: CHROMIUM, headless: true,
      acceptInsecureCerts: true, // Accord's generated certificate
      args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
  });

  after(async () => {
    if (browser) await browser.close();
    if (accord) await accord.stop();
    if (channel) await channel.stop();
    if (fake) await fake.stop();
  });

  it('a two-week sprint runs, with the roadmap approved in Teams and a production emergency joining on day three', async () => {
    assert.match(h.replyText(await slack(PM, 'roadmap add "Checkout" due=2026-12-11 reason="Launch"')), /CR-1/);
    assert.equal((await mariaSays('approve CR-1')).status, 200);
    await waitForTeams(personalChat(MARIA), /approved/i, 'the approval answered in Teams');
    assert.match(h.replyText(await slack(PM, 'roadmap')), /Checkout/);
    for (const title of ['Cart', 'Payment', 'Receipt']) {
      assert.match(h.replyText(await slack(DEV, `task add "${title}" estimate=2h`)), /T-\d/);
    }
    await slack(PM, 'sprint plan "Checkout" start=2026-11-30 length=2w');
    await slack(PM, 'sprint add SP-1 T-1 T-2 T-3');
    assert.match(h.replyText(await slack(PM, 'sprint start SP-1 force=yes')), /You started SP-1/);
    await slack(PM, 'doc add "Rate card" https://docs.example.com/rates for=pm,customer');
    assert.match(h.replyText(await slack(DEV, `problem report pm "${SECRET}"`)), /PR-/);
    assert.equal(h.replyText(await slack(PM, 'settings report=fri 16:00')).includes('report=fri 16:00'), true);

    await advanceTo('2026-12-01T09:00:00Z'); // Tuesday: T-1 done
    await slack(DEV, 'task done T-1');
    await advanceTo('2026-12-02T09:00:00Z'); // Wednesday: accepted a day later; an emergency joins
    assert.equal((await mariaSays('accept T-1')).status, 200);
    await waitForTeams(personalChat(MARIA), /accepted/i, 'the acceptance answered in Teams');
    assert.match(h.replyText(await slack(DEV, 'task add "Card declined twice" kind=bug estimate=2h')), /T-4/);
    await slack(PM, 'sprint add SP-1 T-4 emergency=yes');
    assert.match(h.replyText(await slack(PM, 'sprint SP-1')), /T-4.*Card declined twice/);
  });

  it('the weekly report arrives on Friday at 16:00 Berlin, with the burn-down and the timeline as images', async () => {
    await advanceTo('2026-12-04T14:59:00Z');
    assert.equal(dmsTo(PM, /Weekly report/).length, 0, 'not before 16:00');
    await advanceTo('2026-12-04T15:00:30Z'); // 16:00 in Berlin
    weeklyDm = await h.waitFor(() => dmsTo(PM, /Weekly report/)[0], 8000, { message: 'the pm\'s weekly report' });
    await h.waitFor(() => dmsTo(SPONSOR, /Weekly report/)[0], 8000, { message: 'the sponsor\'s weekly report' });
    const card = cardsOf(await waitForTeams(personalChat(MARIA), /Weekly report/, 'Maria\'s weekly report'))[0];
    assert.equal(dmsTo(DEV, /Weekly report/).length, 0, 'the dev gets no weekly report');

    const images = weeklyDm.body.blocks.filter((b) => b.type === 'image');
    assert.equal(images.length, 3, 'timeline, burn-down and acceptance lag');
    const burnDown = images.find((b) => /burn-down/.test(b.title.text));
    assert.ok(burnDown, 'a burn-down image');
    assert.match(burnDown.alt_text, /SP-1 burn-down/);
    assert.match(burnDown.alt_text, /6h planned/);
    assert.match(burnDown.alt_text, /scope changed on Wed 2/);
    const timeline = images.find((b) => /Roadmap/.test(b.title.text));
    assert.match(timeline.alt_text, /R-1 Checkout/);
    const lag = images.find((b) => /waited for acceptance/.test(b.title.text));
    assert.match(lag.alt_text, /SP-1 1 day/);
    for (const image of images) {
      assert.match(image.image_url, new RegExp(`^https://127\\.0\\.0\\.1:${accord.port}/charts/[0-9a-f]{64}\\.png$`));
      const res = await fetchBytes(image.image_url);
      assert.equal(res.status, 200);
      assert.equal(res.type, 'image/png');
      assert.ok(res.body.length > 2000 && res.body.subarray(0, 8).equals(PNG_SIGNATURE), 'a PNG file');
    }
    fs.writeFileSync(path.join(SCREENSHOTS, 'report-burn-down.png'), (await fetchBytes(burnDown.image_url)).body);
    fs.writeFileSync(path.join(SCREENSHOTS, 'report-timeline.png'), (await fetchBytes(timeline.image_url)).body);

    // Teams: the same report as a card with Image elements and their alt text.
    const teamsImages = JSON.stringify(card).match(/"type":"Image"/g) || [];
    assert.equal(teamsImages.length, 3);
    assert.match(cardText(card), /Where Orion stands|Roadmap/);
    // The sponsor, on the customer side, is counted no problem report they may not see; the pm sees none about them.
    assert.doesNotMatch(h.replyText(weeklyDm.body), new RegExp(SECRET));
  });

  it('the project page opens from a personal link, once, and shows the charts under a strict policy', async () => {
    const link = await pageLink(PM);
    // A link preview (Slack's, a mail scanner's) fetches it: that does not use it up.
    const preview = await get(link);
    assert.equal(preview.status, 200);
    assert.match(preview.body, /Open the project page/);
    assert.doesNotMatch(preview.body, /Rate card|Sprint burn-down/);
    const { page, context, errors, status } = await openPage(link);
    assert.equal(status, 200);
    const html = await page.content();
    assert.match(html, /<h1>Orion<\/h1>/);
    const text = await page.evaluate(() => document.body.innerText);
    for (const heading of ['Where the project stands', 'Roadmap timeline', 'Sprint burn-down',
      'Backlog by priority', 'Current sprint', 'Releases', 'Documents', 'Decision log']) {
      assert.ok(text.includes(heading), `the page has "${heading}"`);
    }
    assert.ok(text.includes('Rate card'), 'the pm sees the document for pm and customer');
    assert.ok(!text.includes(SECRET), 'the report about the pm is not on the pm\'s page');
    assert.ok(await page.$$eval('figure svg', (s) => s.length) >= 2, 'charts as inline SVG');
    assert.deepEqual(errors, [], 'no console errors (a CSP violation would be one)');
    const cookies = await page.cookies();
    const session = cookies.find((c) => c.name === 'accord_page');
    assert.ok(session, 'a session cookie');
    assert.equal(session.httpOnly, true);
    assert.equal(session.secure, true);
    assert.equal(session.sameSite, 'Strict');
    const headers = (await get(`https://127.0.0.1:${accord.port}/page`)).headers;
    assert.match(headers['content-security-policy'], /default-src 'none'; style-src 'sha256-/);

    await page.screenshot({ path: path.join(SCREENSHOTS, 'page-desktop.png'), fullPage: true });
    await page.setViewport({ width: 390, height: 844, isMobile: true });
    await page.reload({ waitUntil: 'load' });
    assert.ok((await page.evaluate(() => document.body.innerText)).includes('Sprint burn-down'),
      'a reload keeps the session');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 1, `no sideways scrolling on a phone (overflow ${overflow}px)`);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'page-phone.png'), fullPage: false });
    assert.deepEqual(errors, []);
    await context.close();

    // The same link a second time, in another browser: a clear page, not the project.
    const again = await openPage(link);
    assert.equal(again.status, 410);
    const againText = await again.page.evaluate(() => document.body.innerText);
    assert.match(againText, /used already/);
    assert.ok(!againText.includes('Rate card') && !againText.includes('Sprint burn-down'));
    await again.context.close();
  });

  it('the dev\'s page shows less; an expired link and a browser without a session get clear pages', async () => {
    const dev = await openPage(await pageLink(DEV));
    const devText = await dev.page.evaluate(() => document.body.innerText);
    assert.ok(devText.includes('Sprint burn-down'));
    assert.ok(!devText.includes('Rate card'), 'the document for pm and customer is not on the dev\'s page');
    assert.deepEqual(dev.errors, []);
    await dev.context.close();

    // Another site's form posting a link: refused, and the link is not used up by it.
    const forged = await pageLink(PM);
    const refused = await accord.request({ method: 'POST', path: new URL(forged).pathname,
      headers: { 'Sec-Fetch-Site': 'cross-site', 'Content-Type': 'application/x-www-form-urlencoded' }, body: '' });
    assert.equal(refused.status, 403);
    assert.ok(!refused.headers['set-cookie'], 'no session from another site');
    const real = await openPage(forged);
    assert.ok((await real.page.evaluate(() => document.body.innerText)).includes('Rate card'));
    await real.context.close();

    const late = await pageLink(PM);
    await accord.advanceClock(16 * 60);
    const expired = await openPage(late);
    assert.equal(expired.status, 404);
    assert.match(await expired.page.evaluate(() => document.body.innerText), /unknown or has expired/);
    await expired.context.close();

    const none = await openPage(`https://127.0.0.1:${accord.port}/page`);
    assert.equal(none.status, 401);
    assert.match(await none.page.evaluate(() => document.body.innerText), /fresh link/);
    await none.context.close();
  });

  it('the report\'s images expire: a week and a day later their URLs answer 404', async () => {
    const url = weeklyDm.body.blocks.find((b) => b.type === 'image').image_url;
    await advanceTo('2026-12-12T16:00:00Z');
    const res = await get(url);
    assert.equal(res.status, 404);
    assert.match(res.body, /expired/);
  });
});
