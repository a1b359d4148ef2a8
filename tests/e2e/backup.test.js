// Backup, restore and export against the real binary: `accord backup` runs several times while
// signed slash commands keep recording decisions; each backup, restored into a fresh data
// directory and served, holds every decision acknowledged before that backup started, and its
// decision log matches its objectives. Restore refuses while a server holds the database; export
// writes the project as JSON; healthcheck answers for a running server.
'use strict';

const { describe, it, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const h = require('./harness');

const TEAM = 'T0E2E0001';
const CHANNEL = 'C0BACKUP1';
const PM = 'U0BAKPM01';
const CUSTOMER = 'U0BAKCU01';

describe('backup, restore and export', () => {
  let fake;
  let accord;
  const backupDir = h.makeTempDir('accord-e2e-backups-');
  const acked = []; // {title, id, at}: objectives whose command was answered 200
  const backups = []; // {file, startedAt, result}

  const describeRun = (r) => `exit ${r.code}${r.timedOut ? ' (timed out)' : ''}\n--- stdout ---\n${r.stdout}\n--- stderr ---\n${r.stderr}`;
  const cli = (args, dataDir = accord.dataDir) => h.runAccord(args, { env: { ACCORD_DATA_DIR: dataDir }, timeoutMs: 30000 });
  const run = (server, user, text) => h.slashCommand(server, { user, channel: CHANNEL, team: TEAM, text });

  before(async () => {
    fake = await h.startFakeSlack();
    accord = await h.startAccord({ fake });
    h.expectReply(await run(accord, PM, 'setup "Backed up" tz=Europe/Berlin'), 'in_channel');
    h.expectReply(await run(accord, PM, `role add <@${CUSTOMER}> customer`), 'ephemeral');
  });

  after(async () => {
    if (accord) await accord.stop();
    if (fake) await fake.stop();
  });

  it('backups taken during a stream of decisions hold everything acknowledged before they started', async () => {
    let streaming = true;
    async function writer(name) {
      for (let i = 1; streaming; i += 1) {
        const title = `${name} objective ${i}`;
        const res = await run(accord, CUSTOMER, `objective add "${title}"`);
        const at = Date.now();
        if (res.status !== 200) continue;
        const match = /O-(\d+)/.exec(res.json && res.json.text);
        assert.ok(match, `no objective id in the reply: ${res.body}`);
        acked.push({ title, id: `O-${match[1]}`, at });
      }
    }
    const writers = [writer('alpha'), writer('beta')];
    try {
      await h.waitFor(() => acked.length >= 10, 10000, { message: 'the first decisions' });
      for (let n = 1; n <= 4; n += 1) {
        const file = path.join(backupDir, `accord-${n}.db`);
        const startedAt = Date.now();
        const result = await cli(['backup', file]);
        backups.push({ file, startedAt, result });
        await h.sleep(150);
      }
    } finally {
      streaming = false;
      await Promise.all(writers);
    }

    for (const { file, startedAt, result } of backups) {
      assert.equal(result.code, 0, describeRun(result));
      assert.match(result.stdout, /integrity ok/, describeRun(result));
      assert.match(result.stdout, /schema version \d+/, describeRun(result));
      assert.equal(fs.statSync(file).mode & 0o777, 0o600, `${file} is readable by others`);
      assert.ok(acked.some((d) => d.at > startedAt), 'decisions kept being made during the backups');
    }

    for (const [n, { file, startedAt }] of backups.entries()) {
      const before = acked.filter((d) => d.at < startedAt);
      assert.ok(before.length >= 10, `backup ${n + 1}: too few decisions before it to prove anything`);

      const dataDir = h.makeTempDir('accord-e2e-restored-');
      const restored = await cli(['restore', file], dataDir);
      assert.equal(restored.code, 0, describeRun(restored));

      // The export (taken offline) holds each acknowledged objective, and its log matches.
      const exported = await cli(['export', '--project', '1'], dataDir);
      assert.equal(exported.code, 0, describeRun(exported));
      const doc = JSON.parse(exported.stdout);
      const titles = new Map(doc.objectives.map((o) => [o.id, o.title]));
      for (const d of before) {
        assert.equal(titles.get(d.id), d.title, `backup ${n + 1} lacks ${d.id} "${d.title}", acknowledged before it started`);
      }
      const sent = new Set(acked.map((d) => d.title));
      for (const o of doc.objectives) assert.ok(sent.has(o.title), `unexpected objective ${o.id} "${o.title}"`);
      const logged = doc.decision_log.filter((e) => e.action === 'objective.add').map((e) => e.object);
      assert.deepEqual([...logged].sort(), [...titles.keys()].sort(), `backup ${n + 1}: the decision log and the objectives disagree`);

      // Served, the restored database answers for the same objectives.
      const server = await h.startAccord({ fake, dataDir });
      try {
        for (const d of [before[0], before[before.length - 1]]) {
          const show = h.expectReply(await run(server, PM, `objective show ${d.id}`), 'ephemeral');
          assert.match(show.text, new RegExp(d.title), `restored server, ${d.id}`);
        }
        const added = h.expectReply(await run(server, CUSTOMER, 'objective add "After the restore"'), 'in_channel');
        assert.match(added.text, new RegExp(`O-${doc.objectives.length + 1}\\b`), 'numbering continues');
      } finally {
        await server.stop();
      }
    }
  });

  it('a restore replaces a stopped database and keeps the one it replaced', async () => {
    assert.ok(backups.length >= 2, 'needs the backups of the first test');
    const dataDir = h.makeTempDir('accord-e2e-restored-');
    assert.equal((await cli(['restore', backups[0].file], dataDir)).code, 0);
    const again = await cli(['restore', backups[1].file], dataDir);
    assert.equal(again.code, 0, describeRun(again));
    const kept = /kept as (\S+)/.exec(again.stdout);
    assert.ok(kept, describeRun(again));
    assert.match(path.basename(kept[1]), /^accord\.db\.before-restore-\d{8}T\d{6}Z/);
    assert.ok(fs.existsSync(kept[1]), `${kept[1]} does not exist`);
  });

  it('restore refuses while the server holds the database, and the server keeps working', async () => {
    assert.ok(backups.length >= 1, 'needs the backups of the first test');
    const r = await cli(['restore', backups[0].file]);
    assert.equal(r.code, 2, describeRun(r));
    assert.match(r.stderr, /in use|stop it/i, describeRun(r));
    assert.deepEqual(fs.readdirSync(accord.dataDir).filter((f) => f.includes('before-restore')), []);
    h.expectReply(await run(accord, CUSTOMER, 'objective add "Still here"'), 'in_channel');
  });

  it('backup refuses to replace an existing file unless --force', async () => {
    const file = path.join(backupDir, 'existing.db');
    fs.writeFileSync(file, 'keep me');
    const refused = await cli(['backup', file]);
    assert.equal(refused.code, 2, describeRun(refused));
    assert.match(refused.stderr, /--force/, describeRun(refused));
    assert.equal(fs.readFileSync(file, 'utf8'), 'keep me');
    const forced = await cli(['backup', '--force', file]);
    assert.equal(forced.code, 0, describeRun(forced));
    assert.notEqual(fs.readFileSync(file, 'utf8'), 'keep me');
  });

  it('export writes the project as JSON, without problem reports unless asked', async () => {
    h.expectReply(await run(accord, CUSTOMER, 'problem report pm "Confidential complaint"'), 'ephemeral');
    const out = path.join(backupDir, 'export.json');
    const r = await cli(['export', '--project', '1', '--output', out]);
    assert.equal(r.code, 0, describeRun(r));
    assert.match(r.stderr, /problem reports are not included/i, describeRun(r));
    assert.equal(fs.statSync(out).mode & 0o777, 0o600);
    const text = fs.readFileSync(out, 'utf8');
    const doc = JSON.parse(text);
    assert.equal(doc.project.name, 'Backed up');
    assert.ok(doc.objectives.some((o) => o.title === 'Still here'), 'the objectives are exported');
    assert.ok(doc.objectives.every((o) => /^O-\d+$/.test(o.id)));
    assert.ok(doc.objectives.every((o) => /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/.test(o.created_at)));
    assert.ok(!text.includes('Confidential complaint'), 'a problem report leaked into the export');

    const all = await cli(['export', '--project', '1', '--include-problem-reports']);
    assert.equal(all.code, 0, describeRun(all));
    assert.ok(JSON.parse(all.stdout).problem_reports.some((p) => p.text === 'Confidential complaint'));
  });

  it('export of an unknown project exits 2 and lists the projects', async () => {
    const r = await cli(['export', '--project', '99']);
    assert.equal(r.code, 2, describeRun(r));
    assert.match(r.stderr, /no project 99/, describeRun(r));
    assert.match(r.stderr, /1\s+Backed up/, describeRun(r));
    assert.equal(r.stdout, '');
  });

  it('healthcheck answers 0 for the running server and 1 when nothing listens', async () => {
    const env = { ACCORD_DATA_DIR: accord.dataDir, ACCORD_LISTEN: accord.env.ACCORD_LISTEN, ACCORD_TLS: 'on' };
    const ok = await h.runAccord(['healthcheck'], { env });
    assert.equal(ok.code, 0, describeRun(ok));
    const port = await h.freePort();
    const down = await h.runAccord(['healthcheck'], { env: { ...env, ACCORD_LISTEN: `127.0.0.1:${port}` } });
    assert.equal(down.code, 1, describeRun(down));
    assert.match(down.stderr, /cannot reach/, describeRun(down));
  });
});
