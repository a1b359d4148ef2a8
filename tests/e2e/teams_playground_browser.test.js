// The Teams side in Microsoft's own client: the real accord in Agents Playground mode, the real
// Microsoft 365 Agents Playground (npm), and headless Chromium (Debian's) driven by puppeteer-core.
// What a person does there is typed and clicked in the page: set up a project in the group chat,
// propose a roadmap change, see the approval card in the personal chat, click Approve and see the
// card turn into its decided form; open the task form card and submit it without and with a title.
// The Playground's composer can mention only the bot, so the customer role is given as an
// operator gives it (`accord role add`), as the README says.
'use strict';

const { describe, it, before, after } = require('node:test');
const assert = require('node:assert/strict');
const childProcess = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const h = require('./harness');
const puppeteer = require('puppeteer-core');

const CHROMIUM = process.env.ACCORD_CHROMIUM || '/usr/bin/chromium';
const PLAYGROUND = path.join(__dirname, 'node_modules', '@microsoft', 'm365agentsplayground', 'cli.js');
// ACCORD_SCREENSHOTS=<dir> keeps the two screenshots of the approval card (docs/ holds a pair).
const SCREENSHOTS = process.env.ACCORD_SCREENSHOTS || h.makeTempDir('accord-e2e-shots-');
const USER = { id: '29:1alexWilber', name: 'Alex Wilber' };

// Who is who in the Playground: the file the README starts it with (you are Alex Wilber).
const CONFIG = path.join(__dirname, '..', '..', 'deploy', 'teams', 'playground', '.m365agentsplayground.yml');

const INPUT = 'div[role="textbox"][contenteditable="true"][data-lexical-editor="true"]';
const CARD = '.ac-adaptiveCard';
const button = (title) => `.ac-actionSet button[title="${title}"]`;
// Resources the Playground's page loads from Microsoft's CDN (fonts, an animation worklet) or a
// favicon: this machine is offline, and they are not Accord's.
const OFFLINE_NOISE = /Failed to load resource|worklet module script|res-1\.cdn\.office\.net/;

describe('Teams in the Agents Playground, in a real browser', () => {
  let accord;
  let playground;
  let output = '';
  let browser;
  let page;
  const consoleErrors = [];

  before(async () => {
    accord = await h.startAccord({ env: { ACCORD_TEAMS_PLAYGROUND: 'on' } });
    const dir = h.makeTempDir('accord-e2e-playground-');
    fs.copyFileSync(CONFIG, path.join(dir, '.m365agentsplayground.yml'));
    playground = childProcess.spawn(process.execPath, [PLAYGROUND,
      '-e', `https://127.0.0.1:${accord.port}/api/messages`, '-c', 'msteams',
      '-p', String(await h.freePort()), '--disable-telemetry'],
    { cwd: dir, env: { ...process.env, TEAMSAPPTESTER_BROWSER: 'none' }, stdio: ['ignore', 'pipe', 'pipe'] });
    playground.stdout.on('data', (d) => (output += d));
    playground.stderr.on('data', (d) => (output += d));
    // It picks another port when that one is taken: read the one it says.
    await h.waitFor(() => /Listening on \d+/.test(output), 30000, { message: 'the Playground listening' });
    const port = output.match(/Listening on (\d+)/)[1];

    browser = await puppeteer.launch({ executablePath: CHROMIUM, headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
    page = await browser.newPage();
    await page.setViewport({ width: 1400, height: 1000 });
    page.on('console', (m) => {
      if (m.type() === 'error' && !OFFLINE_NOISE.test(m.text())) consoleErrors.push(m.text());
    });
    page.on('pageerror', (e) => consoleErrors.push(`page error: ${e.message}`));
    await page.goto(`http://localhost:${port}/`, { waitUntil: 'domcontentloaded', timeout: 60000 });
    await page.waitForSelector(INPUT, { timeout: 60000 });
    await textAppears('Connected.', 30000);
  });

  after(async () => {
    if (browser) await browser.close();
    if (playground) playground.kill();
    if (accord) await accord.stop();
  });

  const bodyText = () => page.evaluate(() => document.body.innerText);
  const textAppears = async (text, timeout = 20000) => {
    try {
      await page.waitForFunction((t) => document.body.innerText.includes(t), { timeout, polling: 100 }, text);
    } catch (e) {
      throw new Error(`"${text}" did not appear: ${e.message}\n--- page ---\n${(await bodyText()).slice(-3000)}` +
        `\n--- accord ---\n${accord.output().slice(-2000)}`);
    }
  };
  const open = async (conversation) => {
    await page.click(`button[role="treeitem"][aria-label="${conversation}"]`);
    await page.waitForSelector(INPUT);
  };
  // Typed with the bot @mentioned, picked from the composer's menu as a person does.
  const sayToAccord = async (rest) => {
    await page.click(INPUT);
    await page.keyboard.type('@Acc');
    await (await page.waitForSelector('[role="menu"] [role="menuitem"]')).click();
    await page.keyboard.type(rest);
    await page.keyboard.press('Enter');
    // Sent when the composer is empty again: switching chats before that could lose the message.
    try {
      await page.waitForFunction((sel) => document.querySelector(sel).innerText.trim() === '',
        { timeout: 20000, polling: 100 }, INPUT);
    } catch (e) {
      throw new Error(`the message was not sent: ${e.message}\n--- page ---\n${(await bodyText()).slice(-3000)}`);
    }
  };
  const lastCardWith = async (text) => {
    try {
      await page.waitForFunction((sel, t) => [...document.querySelectorAll(sel)]
        .some((c) => c.innerText.includes(t)), { timeout: 20000, polling: 100 }, CARD, text);
    } catch (e) {
      throw new Error(`no card with "${text}": ${e.message}\n--- page ---\n${(await bodyText()).slice(-3000)}` +
        `\n--- accord ---\n${accord.output().slice(-3000)}\n--- playground ---\n${output.slice(-2000)}`);
    }
    const cards = await page.$$(CARD);
    for (let i = cards.length - 1; i >= 0; i--) {
      if ((await cards[i].evaluate((c) => c.innerText)).includes(text)) return cards[i];
    }
    throw new Error(`no card with ${text}`);
  };

  it('sets up a project typed in the group chat', async () => {
    await open('Group Chat');
    await sayToAccord(' setup "Apollo" tz=UTC');
    await textAppears('Apollo');
    assert.doesNotMatch(await bodyText(), /Unable to reach app/);
  });

  it('shows the approval card in the personal chat, and Approve turns it into its decision', async () => {
    const role = await h.runAccord(['role', 'add', '--project', '1', '--user', USER.id, '--role', 'customer'],
      { env: { ACCORD_DATA_DIR: accord.dataDir } });
    assert.equal(role.code, 0, role.stderr);
    await sayToAccord(' roadmap add "Invoices" due=2027-03-01 reason="Needed by finance"');
    await textAppears('Change request CR-1');  // the channel's copy

    await open('Personal Chat');
    const card = await lastCardWith('Change request CR-1');
    assert.ok(await card.$(button('Approve')), 'the card has an Approve button');
    assert.ok(await card.$(button('Reject')), 'and a Reject button');
    await card.screenshot({ path: path.join(SCREENSHOTS, 'teams-playground-approval-before.png') });

    await (await card.$(button('Approve'))).click();
    await page.waitForFunction((sel) => [...document.querySelectorAll(sel)]
      .some((c) => /CR-1 approved by Alex Wilber/.test(c.innerText)), { timeout: 20000, polling: 100 }, CARD);
    const decided = await lastCardWith('CR-1 approved by');
    assert.equal(await decided.$(button('Approve')), null, 'the decided card has no buttons left');
    await decided.screenshot({ path: path.join(SCREENSHOTS, 'teams-playground-approval-after.png') });
    assert.doesNotMatch(await bodyText(), /Unable to reach app|Invalid invoke response/);
  });

  it('opens the task form as a card, refuses it without a title, and adds the task with one', async () => {
    await open('Group Chat');
    await sayToAccord(' task add');
    await open('Personal Chat');  // forms are private: the card comes to the person who asked
    let form = await lastCardWith('New task');
    await (await form.$(button('Add task'))).click();
    await textAppears('Title is required.');  // said on the input, in the card
    form = await lastCardWith('New task');
    assert.ok(await form.$(button('Add task')), 'the form stays open for the title');
    assert.doesNotMatch(await bodyText(), /T-1/, 'nothing was added');

    await (await form.$('.ac-input-container input')).type('Export invoices as CSV');
    await (await form.$(button('Add task'))).click();
    await textAppears('T-1');
    assert.match(await bodyText(), /Export invoices as CSV/);
  });

  it('no console errors in the page', () => {
    assert.deepEqual(consoleErrors, []);
  });
});
