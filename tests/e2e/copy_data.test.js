// `accord copy-data --to postgresql://…` (issue 17): a deployment that ran on SQLite moves to a
// throwaway PostgreSQL cluster (tests/postgresql/cluster.sh). The export of every project from
// the SQLite source equals the export from the PostgreSQL copy; the copy refuses what would lose
// or mix data; and Accord started on the copy carries on where the SQLite one stopped.
'use strict';

const { describe, it, before, after } = require('node:test');
const assert = require('node:assert/strict');
const h = require('./harness');

const TEAM = 'T0E2E0001';
const PM = 'U0CPPM001';
const CUST = 'U0CPCU001';
const DEV = 'U0CPDV001';

describe('copy-data from SQLite to PostgreSQL', () => {
  let cluster;
  let url;
  let fake;
  let accord;
  let dataDir;

  const run = async (server, user, channel, text) => {
    const res = await h.slashCommand(server, { user, channel, team: TEAM, text });
    assert.equal(res.status, 200, res.body);
    return h.replyText(JSON.parse(res.body));
  };
  const exportAll = async (env) => {
    const out = [];
    for (const project of ['1', '2']) {
      const r = await h.runAccord(['export', '--project', project, '--include-problem-reports'], { env });
      assert.equal(r.code, 0, r.stderr);
      const doc = JSON.parse(r.stdout);
      delete doc.exported_at;  // when, not what
      out.push(doc);
    }
    return out;
  };

  before(async () => {
    cluster = h.startPostgresql();
    url = cluster.url;
    fake = await h.startFakeSlack();
    accord = await h.startAccord({ fake });
    dataDir = accord.dataDir;
    // Two projects with a bit of everything: roles, tasks and a subtask, a change request decided
    // by the customer, an acceptance, a problem report, objectives.
    for (const [channel, name] of [['C0COPY001', 'Altair'], ['C0COPY002', 'Deneb']]) {
      assert.match(await run(accord, PM, channel, `setup "${name}"`), new RegExp(name));
      await run(accord, PM, channel, `role add <@${CUST}> customer`);
      await run(accord, PM, channel, `role add <@${DEV}> dev`);
      await run(accord, CUST, channel, 'objective add "Cut invoice handling time in half"');
      assert.match(await run(accord, DEV, channel, 'task add "Export invoices" estimate=3h'), /T-1/);
      await run(accord, DEV, channel, 'task add "Import invoices" estimate=2h');
      await run(accord, DEV, channel, 'task done T-1');
      assert.match(await run(accord, PM, channel, 'roadmap add "Checkout" due=2027-03-10 reason="Asked"'), /CR-1/);
      await run(accord, CUST, channel, 'problem report team "Slow answers"');
    }
  });

  after(async () => {
    if (accord) await accord.stop();
    if (fake) await fake.stop();
    if (cluster) cluster.stop();
  });

  it('refuses while the server has the database open', async () => {
    const r = await h.runAccord(['copy-data', '--to', url], { env: { ACCORD_DATA_DIR: dataDir } });
    assert.equal(r.code, 2, r.stdout + r.stderr);
    assert.match(r.stderr, /in use .*stop it first/s);
  });

  it('refuses a destination that is not PostgreSQL, without showing its password', async () => {
    await accord.stop();
    const r = await h.runAccord(['copy-data', '--to', 'mysql://root:hunter2@db/accord'],
      { env: { ACCORD_DATA_DIR: dataDir } });
    assert.equal(r.code, 2);
    assert.match(r.stderr, /postgresql:\/\//);
    assert.doesNotMatch(r.stderr + r.stdout, /hunter2/);
  });

  it('copies everything: the export of the SQLite source equals the export of the copy', async () => {
    const before = await exportAll({ ACCORD_DATA_DIR: dataDir });
    const r = await h.runAccord(['copy-data', '--to', url], { env: { ACCORD_DATA_DIR: dataDir } });
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /copied \d+ rows in \d+ tables/);
    assert.match(r.stdout, /^ {2}tasks 4$/m);
    assert.match(r.stdout, /^ {2}projects 2$/m);
    assert.match(r.stdout, /^ {2}outbox \d+$/m);
    const copied = await exportAll({ ACCORD_DATA_DIR: h.makeTempDir('accord-e2e-data-'), ACCORD_DATABASE_URL: url });
    assert.deepEqual(copied, before);
    assert.ok(before[0].tasks.length === 2 && before[1].tasks.length === 2);
  });

  it('refuses to copy into a database that already holds data', async () => {
    const r = await h.runAccord(['copy-data', '--to', url], { env: { ACCORD_DATA_DIR: dataDir } });
    assert.equal(r.code, 2);
    assert.match(r.stderr, /already holds data.*nothing was changed/s);
  });

  it('Accord on the copy carries on: new rows continue the numbering', async () => {
    accord = await h.startAccord({ fake, env: { ACCORD_DATABASE_URL: url } });
    assert.match(await run(accord, DEV, 'C0COPY001', 'task add "Archive invoices" estimate=1h'), /T-3/);
    const list = await run(accord, DEV, 'C0COPY001', 'task list');
    assert.match(list, /Export invoices/);
    assert.match(list, /Archive invoices/);
    assert.match(await run(accord, PM, 'C0COPY002', 'roadmap add "Refunds" due=2027-04-01 reason="Asked"'), /CR-2/);
  });
});
