// Expiring export links end to end (hardening item 11) on the test clock: `log export` hands out two
// links that download while they are valid; once they expire the links answer 404 and the files
// are gone from the server's data directory, not merely hidden (no row, no bytes left in the
// database file or its write-ahead log).
'use strict';

const { describe, it, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const h = require('./harness');

const TEAM = 'T0E2E0001';
const CHANNEL = 'C0EXPORT1';
const PM = 'U0EXPM001';
const START = '2026-11-24T10:00:00Z';

// Every regular file under `dir`, with its bytes.
function filesUnder(dir) {
  const found = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) found.push(...filesUnder(full));
    else if (entry.isFile()) found.push({ name: full, bytes: fs.readFileSync(full) });
  }
  return found;
}

// The files of the data directory that hold `text`.
const holding = (dataDir, text) => filesUnder(dataDir)
  .filter((f) => f.bytes.includes(Buffer.from(text, 'utf8'))).map((f) => path.basename(f.name));

describe('expired exports', () => {
  let fake;
  let accord;
  let links;
  // What only the exported files hold: their names and their first lines.
  const markers = [
    'accord-log-vega-2026-11-24.csv',
    'accord-log-vega-2026-11-24.md',
    'When (UTC),Who,Action,Object,Before,After,Channel',
    '# Decisions \u2014 Vega \u2014 exported 2026-11-24',
  ];

  before(async () => {
    fake = await h.startFakeSlack();
    accord = await h.startAccord({ fake, env: { ACCORD_TEST_CLOCK: START } });
    const run = async (text) => {
      const res = await h.slashCommand(accord, { user: PM, channel: CHANNEL, team: TEAM, text });
      assert.equal(res.status, 200, res.body);
      return h.replyText(JSON.parse(res.body));
    };
    assert.match(await run('setup "Vega" tz=Europe/Berlin'), /Vega/);
    const reply = await run('log export');
    links = [...reply.matchAll(/\/exports\/[0-9a-f]{64}/g)].map((m) => m[0]);
    assert.equal(links.length, 2, reply);
  });

  after(async () => {
    if (accord) await accord.stop();
    if (fake) await fake.stop();
  });

  it('download while valid', async () => {
    await accord.advanceClock(23 * 3600);
    for (const link of links) assert.equal((await accord.request({ path: link })).status, 200);
  });

  it('answer 404 once expired, and leave nothing of the files in the data directory', async () => {
    // 24 hours after the export, and a second; commands arrive meanwhile, so the clock's request
    // is handled beside theirs (the expiry's checkpoint must not wait on their group commit).
    const busy = Array.from({ length: 24 }, (_, i) => h.slashCommand(accord,
      { user: PM, channel: CHANNEL, team: TEAM, text: `task add "Busy ${i}"` }));
    const advanced = accord.advanceClock(3600 + 1);
    const answers = await Promise.all(busy);
    await advanced;
    for (const res of answers) assert.match(h.replyText(JSON.parse(res.body)), /T-\d+/);
    for (const link of links) {
      const res = await accord.request({ path: link });
      assert.equal(res.status, 404);
      assert.match(res.body, /expired/);
    }
    for (const marker of markers) {
      assert.deepEqual(holding(accord.dataDir, marker), [], `"${marker}" is still on disk`);
    }
  });
});
