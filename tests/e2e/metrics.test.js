// Observability (issue 7): GET /metrics in the Prometheus text format — request counts by route
// pattern that move as requests are answered (401s and 400s included), scheduler, escalation,
// reminder and outbox figures on the test clock, and output that `promtool check metrics`
// accepts; the restriction to this machine; and one JSON log line per request carrying its id,
// route, status and duration (never an export token from the path).
'use strict';

const { describe, it, before, after } = require('node:test');
const assert = require('node:assert/strict');
const childProcess = require('node:child_process');
const h = require('./harness');

const TEAM = 'T0E2E0001';
const CHANNEL = 'C0METR001';
const PM = 'U0MTPM001';
const CUST = 'U0MTCU001';
const DEV = 'U0MTDV001';
const BOSS = 'U0MTLD001';
// Friday 2026-11-27 15:00 in Berlin, the project's zone.
const START = '2026-11-27T14:00:00Z';

// {name, labels: {..}, value} for every sample; fails on a malformed line or a repeated series.
function parseExposition(text) {
  const samples = [];
  const seen = new Set();
  const described = new Map();  // family -> [help?, type?]
  for (const line of text.split('\n')) {
    if (line === '') continue;
    const meta = line.match(/^# (HELP|TYPE) ([a-zA-Z_:][a-zA-Z0-9_:]*) (.*)$/);
    if (meta) {
      const entry = described.get(meta[2]) || {};
      assert.ok(!entry[meta[1]], `a second ${meta[1]} line for ${meta[2]}`);
      entry[meta[1]] = meta[3];
      described.set(meta[2], entry);
      continue;
    }
    const m = line.match(/^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/);
    assert.ok(m, `not a sample line: ${JSON.stringify(line)}`);
    const labels = {};
    if (m[2]) {
      const re = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)",?/gy;
      let lm;
      let consumed = 0;
      while ((lm = re.exec(m[2])) !== null) {
        labels[lm[1]] = lm[2];
        consumed = re.lastIndex;
      }
      assert.equal(consumed, m[2].length, `malformed labels: ${line}`);
    }
    const key = `${m[1]}${JSON.stringify(Object.entries(labels).sort())}`;
    assert.ok(!seen.has(key), `duplicate series: ${line}`);
    seen.add(key);
    const family = m[1].replace(/_(bucket|sum|count)$/, '');
    assert.ok(described.has(m[1]) || described.has(family), `no HELP/TYPE before ${line}`);
    samples.push({ name: m[1], labels, value: Number(m[3]) });
  }
  return samples;
}

function valueOf(samples, name, labels = {}) {
  const found = samples.find((s) => s.name === name &&
    Object.keys(s.labels).length === Object.keys(labels).length &&
    Object.entries(labels).every(([k, v]) => s.labels[k] === v));
  return found ? found.value : undefined;
}

// promtool (Debian package prometheus; deploy/build.sh test installs it) must accept the output
// without a word: its lint findings are problems too.
function promtoolCheck(text) {
  const run = childProcess.spawnSync('promtool', ['check', 'metrics'], { input: text, encoding: 'utf8' });
  if (run.error && run.error.code === 'ENOENT') {
    assert.fail('promtool is not installed: install the Debian package "prometheus" ' +
      '(deploy/build.sh test does) to check the /metrics output');
  }
  assert.ifError(run.error);
  const said = `${run.stdout}${run.stderr}`.trim();
  assert.equal(run.status, 0, `promtool check metrics failed:\n${said}`);
  assert.equal(said, '', `promtool check metrics reported:\n${said}`);
}

async function scrape(accord, headers = {}) {
  const res = await accord.request({ path: '/metrics', headers });
  return res;
}

describe('metrics', () => {
  let fake;
  let accord;

  before(async () => {
    fake = await h.startFakeSlack();
    accord = await h.startAccord({ fake, env: { ACCORD_TEST_CLOCK: START } });
  });

  after(async () => {
    if (accord) await accord.stop();
    if (fake) await fake.stop();
  });

  it('counts requests by route pattern and status, and promtool accepts the output', async () => {
    const first = await scrape(accord);
    assert.equal(first.status, 200);
    assert.equal(first.headers['content-type'], 'text/plain; version=0.0.4; charset=utf-8');
    promtoolCheck(first.body);
    const before = parseExposition(first.body);
    const count = (samples, status, route = '/slack/commands', method = 'POST') =>
      valueOf(samples, 'accord_http_requests_total', { route, method, status }) || 0;

    for (let i = 0; i < 3; i++) {
      const refused = await h.signedRequest(accord, '/slack/commands', 'text=help', { secret: 'wrong' });
      assert.equal(refused.status, 401);
    }
    for (let i = 0; i < 2; i++) {
      const malformed = await h.signedRequest(accord, '/slack/commands', 'text=help');
      assert.equal(malformed.status, 400);
    }
    const run = async (user, text) => {
      const res = await h.slashCommand(accord, { user, channel: CHANNEL, team: TEAM, text });
      assert.equal(res.status, 200, res.body);
    };
    await run(PM, 'setup "Vega" tz=Europe/Berlin');
    await run(PM, `role add <@${CUST}> customer`);
    await run(PM, `role add <@${DEV}> dev`);
    await run(PM, `role add <@${BOSS}> leadership`);  // refused (not the pm's to give), still a 200
    await h.grantLeadership(accord, BOSS);
    await run(DEV, 'task add "Export invoices" estimate=2h');
    await run(DEV, 'task done T-1');
    await run(CUST, 'problem report team "Nobody answers"');
    const token = 'ab'.repeat(32);
    assert.equal((await accord.request({ path: `/exports/${token}` })).status, 404);
    assert.equal((await accord.request({ path: '/no/such/path' })).status, 404);

    const after = parseExposition((await scrape(accord)).body);
    assert.ok(count(after, '401') >= count(before, '401') + 3, 'the 401s are counted');
    assert.ok(count(after, '400') >= count(before, '400') + 2, 'the 400s are counted');
    assert.ok(count(after, '200') >= count(before, '200') + 7, 'the commands are counted');
    assert.equal(count(after, '404', '/exports/*', 'GET'), 1, 'a prefix route counts under its pattern');
    assert.equal(count(after, '404', 'other', 'GET'), 1, 'an unknown path counts as other');
    for (const s of after) {
      if (s.labels.route) assert.ok(!s.labels.route.includes(token), 'a raw path became a label');
    }
    const histogramCount = valueOf(after, 'accord_http_request_duration_seconds_count',
      { route: '/slack/commands' });
    assert.ok(histogramCount >= 12);
    assert.equal(valueOf(after, 'accord_http_request_duration_seconds_bucket',
      { route: '/slack/commands', le: '+Inf' }), histogramCount);
    assert.ok(valueOf(after, 'accord_http_request_duration_seconds_bucket',
      { route: '/slack/commands', le: '0.0005' }) !== undefined, 'buckets from 0.0005 s');
    assert.ok(valueOf(after, 'accord_http_request_duration_seconds_sum', { route: '/slack/commands' }) > 0);
    // Pre-created for every route, used or not.
    assert.equal(valueOf(after, 'accord_http_request_duration_seconds_count', { route: '/slack/events' }), 0);
    assert.equal(valueOf(after, 'accord_build_info', { version: '0.1.0' }), 1);
    assert.ok(valueOf(after, 'process_resident_memory_bytes') > 1e6);
    assert.ok(valueOf(after, 'process_open_fds') > 3);
    const started = valueOf(after, 'process_start_time_seconds');
    assert.ok(Math.abs(started - Date.now() / 1000) < 600, `process_start_time_seconds ${started}`);
  });

  it('counts escalations, reminders, scheduler jobs and deliveries', async () => {
    // Monday 09:00 Berlin: the customer's digest; 10:00: the report's 4th business hour is over.
    await accord.advanceClock(Math.round((Date.parse('2026-11-30T09:00:00Z') - accord.testNow) / 1000));
    await h.waitFor(() => fake.apiCalls('chat.postMessage').some((c) => c.body.channel === `D${BOSS}` &&
      /not acknowledged within/.test(h.replyText(c.body))), 8000, { message: 'the escalation is sent' });
    let samples;
    await h.waitFor(async () => {
      samples = parseExposition((await scrape(accord)).body);
      return valueOf(samples, 'accord_outbox_depth', { status: 'pending' }) === 0;
    }, 8000, { message: 'the outbox drains' });
    const text = (await scrape(accord)).body;
    promtoolCheck(text);
    samples = parseExposition(text);
    assert.equal(valueOf(samples, 'accord_escalations_total'), 1);
    assert.ok(valueOf(samples, 'accord_reminders_sent_total', { kind: 'digest' }) >= 1);
    assert.equal(valueOf(samples, 'accord_reminders_sent_total', { kind: 'demo_hour' }), 0);
    assert.equal(valueOf(samples, 'accord_scheduler_jobs_total', { kind: 'problem', outcome: 'ok' }), 1);
    assert.ok(valueOf(samples, 'accord_scheduler_jobs_total', { kind: 'digest', outcome: 'ok' }) >= 1);
    // The test clock steps to each job's own instant: none ran more than a moment late.
    const lag = valueOf(samples, 'accord_scheduler_lag_seconds');
    assert.ok(lag >= 0 && lag < 60, `accord_scheduler_lag_seconds ${lag}`);
    assert.ok(valueOf(samples, 'accord_outbox_deliveries_total', { platform: 'slack', outcome: 'ok' }) >= 3);
    assert.equal(valueOf(samples, 'accord_outbox_deliveries_total',
      { platform: 'slack', outcome: 'permanent_error' }), 0);
    assert.equal(valueOf(samples, 'accord_outbox_depth', { status: 'dead' }), 0);
    assert.equal(valueOf(samples, 'accord_outbox_dead_letters_total'), 0);
  });

  it('checkpoints the WAL on its own thread while commands keep committing', async () => {
    const checkpoints = async (by) =>
      valueOf(parseExposition((await scrape(accord)).body), 'accord_db_checkpoints_total', { by });
    const before = await checkpoints('thread');
    assert.ok(before !== undefined, 'the series is there from the start');
    // Each task add commits a few WAL pages; the thread starts at 1,000 new ones.
    for (let batch = 0; batch < 100; batch++) {
      const answers = await Promise.all([0, 1, 2, 3].map((i) =>
        h.slashCommand(accord, { user: DEV, channel: CHANNEL, team: TEAM,
          text: `task add "Load ${batch * 4 + i}" estimate=1h` })));
      for (const res of answers) assert.equal(res.status, 200, res.body);
    }
    await h.waitFor(async () => (await checkpoints('thread')) > before, 8000,
      { message: 'a checkpoint ran on the thread' });
    assert.equal(await checkpoints('commit'), 0, 'no commit had to checkpoint at this volume');
  });
});

describe('metrics restricted to this machine, and request log lines', () => {
  let fake;
  let accord;

  before(async () => {
    fake = await h.startFakeSlack();
    accord = await h.startAccord({ fake, env: { ACCORD_LOG_FORMAT: 'json', ACCORD_METRICS: 'local' } });
  });

  after(async () => {
    if (accord) await accord.stop();
    if (fake) await fake.stop();
  });

  it('serves loopback clients but not what came through a proxy', async () => {
    assert.equal((await scrape(accord)).status, 200);
    const proxied = await scrape(accord, { 'X-Forwarded-For': '203.0.113.9' });
    assert.equal(proxied.status, 403);
  });

  it('logs one JSON line per request with its id, route, status and duration', async () => {
    const ok = await h.slashCommand(accord, { user: 'U0MTLOG01', channel: 'C0MTLOG01', text: 'help' });
    assert.equal(ok.status, 200);
    const refused = await h.signedRequest(accord, '/slack/commands', 'text=help', { secret: 'wrong' });
    assert.equal(refused.status, 401);
    const token = 'cd'.repeat(32);
    const download = await accord.request({ path: `/exports/${token}` });
    assert.equal(download.status, 404);
    await accord.stop();

    const entries = accord.output().split('\n').filter((l) => l.trim() !== '').map((l) => JSON.parse(l));
    const lineOf = (res) => {
      const id = res.headers['x-request-id'];
      const lines = entries.filter((e) => e.request_id === id && e.route !== undefined);
      assert.equal(lines.length, 1, `one request line for ${id}:\n${accord.output()}`);
      return lines[0];
    };
    const okLine = lineOf(ok);
    assert.equal(okLine.route, '/slack/commands');
    assert.equal(okLine.status, 200);
    assert.equal(typeof okLine.duration_ms, 'number');
    assert.ok(okLine.duration_ms >= 0 && okLine.duration_ms < 5000);
    assert.match(okLine.message, /^POST \/slack\/commands -> 200 in [0-9.]+ ms$/);
    assert.equal(lineOf(refused).status, 401);
    const downloadLine = lineOf(download);
    assert.equal(downloadLine.route, '/exports/*');
    assert.equal(downloadLine.status, 404);
    assert.ok(!accord.output().includes(token), 'the export token reached the log');
  });
});
