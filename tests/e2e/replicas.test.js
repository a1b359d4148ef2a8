// Several replicas on one PostgreSQL (issue 17): three `accord serve` processes share a throwaway
// PostgreSQL cluster (tests/postgresql/cluster.sh) behind a real load balancer, Debian's nginx,
// on loopback. A project is run through the balancer; Slack's retries land on other replicas; one
// replica is killed with SIGKILL in the middle of a burst and started again. Then: every command
// answered 200 is in the store, every message reached the fake Slack once, and the morning digest
// the three schedulers all see due fires once.
'use strict';

const { describe, it, before, after } = require('node:test');
const assert = require('node:assert/strict');
const childProcess = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const h = require('./harness');
const teams = require('./teams_channel');

// The advisory lock every unit of work takes (store/postgresql_backend.cpp, "accord" in ASCII).
const WRITER_LOCK = 107079497904740;
const NGINX = fs.existsSync('/usr/sbin/nginx') ? '/usr/sbin/nginx' : 'nginx';

const TEAM = 'T0E2E0001';
const CHANNEL = 'C0REPL001';
const PM = 'U0RPPM001';
const CUST = 'U0RPCU001';
const DEVS = ['U0RPDV001', 'U0RPDV002', 'U0RPDV003'];
// More people on the customer's side, in Berlin: their Monday digests all fall due at once.
const APPROVERS = Array.from({ length: 12 }, (_, i) => `U0RPAP${String(i + 1).padStart(3, '0')}`);
// Friday 2026-11-27 15:00 in Berlin (the project's zone); 09:00 in New York (the customer's).
const START = '2026-11-27T14:00:00Z';

// nginx in front of the replicas, terminating TLS as a deployment's balancer would. A request
// that fails on one replica before it was sent there (connection refused) goes to the next.
async function startBalancer(replicaPorts) {
  const dir = h.makeTempDir('accord-e2e-nginx-');
  fs.chmodSync(dir, 0o755);  // nginx's workers run as nobody
  const { caFile } = h.makeCertificates(dir);
  const port = await h.freePort();
  const conf = `
daemon off;
worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 256; }
http {
  access_log ${dir}/access.log;
  client_body_temp_path ${dir}/body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  upstream accord {
${replicaPorts.map((p) => `    server 127.0.0.1:${p} max_fails=1 fail_timeout=2s;`).join('\n')}
    keepalive 8;
  }
  server {
    listen 127.0.0.1:${port} ssl;
    ssl_certificate ${dir}/cert.pem;
    ssl_certificate_key ${dir}/key.pem;
    location / {
      proxy_pass https://accord;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host $host;
      proxy_next_upstream error timeout;
      proxy_connect_timeout 2s;
      proxy_read_timeout 10s;
    }
  }
}
`;
  fs.writeFileSync(path.join(dir, 'nginx.conf'), conf);
  const child = childProcess.spawn(NGINX, ['-p', dir, '-c', path.join(dir, 'nginx.conf')],
    { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  const exited = new Promise((resolve) => child.on('exit', resolve));
  const ca = fs.readFileSync(caFile);
  const balancer = {
    port, ca, dir, proc: child,
    request: (opts) => h.httpsRequest({ port, ca, ...opts }),
    stop: async () => {
      child.kill('SIGQUIT');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    },
    accessLog: () => fs.readFileSync(path.join(dir, 'access.log'), 'utf8'),
  };
  await h.waitFor(async () => {
    try {
      return (await balancer.request({ path: '/healthz', timeoutMs: 1000 })).status === 200;
    } catch {
      return false;
    }
  }, 10000, { message: `nginx answers /healthz (${output})` });
  return balancer;
}

describe('three replicas on one PostgreSQL behind nginx', () => {
  let cluster;
  let databaseUrl;
  let fake;
  const replicas = [];
  let balancer;
  let teamsChannel;  // the Microsoft side, for Teams re-deliveries
  const secret = `e2e-secret-replicas-${Date.now()}`;
  // What the balancer's view of the replicas needs to sign requests as Slack does.
  let front;

  // A poll a minute apart: work another replica (or an operator's command) queues must reach a
  // replica's worker through PostgreSQL's NOTIFY to go out in time.
  const startReplica = (i, port, dataDir) => h.startAccord({
    fake, secret, port, dataDir, config: { outbox: { poll_interval: 60 } },
    env: { ...teamsChannel.env(), ACCORD_DATABASE_URL: databaseUrl, ACCORD_TEST_CLOCK: replicas[0] ? new Date(replicas[0].testNow).toISOString() : START },
  });
  // Moves every replica's test clock to `iso`: they are one deployment, one time.
  const advanceAll = async (iso) => {
    for (const replica of replicas) {
      if (!replica.running) continue;
      const seconds = Math.round((Date.parse(iso) - replica.testNow) / 1000);
      if (seconds > 0) await replica.advanceClock(seconds);
    }
    front.testNow = Date.parse(iso);
  };
  const run = async (user, text) => {
    const res = await h.slashCommand(front, { user, channel: CHANNEL, team: TEAM, text });
    assert.equal(res.status, 200, res.body);
    return h.replyText(JSON.parse(res.body));
  };
  const dmsTo = (user, pattern) => fake.apiCalls('chat.postMessage')
    .filter((c) => c.status === 200 && c.body.channel === `D${user}` && pattern.test(h.replyText(c.body)));

  before(async () => {
    cluster = h.startPostgresql();
    databaseUrl = cluster.url;
    fake = await h.startFakeSlack();
    fake.options.userTimezones = { [CUST]: 'America/New_York' };
    teamsChannel = await teams.startTeamsChannel();
    // Started together, as a deployment's replicas are: the first creates the schema, the others
    // wait for it.
    const started = await Promise.all([0, 1, 2].map(async (i) => startReplica(i, await h.freePort())));
    replicas.push(...started);
    balancer = await startBalancer(replicas.map((r) => r.port));
    front = { secret, fake, testNow: Date.parse(START), request: balancer.request };
  });

  after(async () => {
    if (balancer) await balancer.stop();
    for (const replica of replicas) await replica.stop();
    if (fake) await fake.stop();
    if (teamsChannel) await teamsChannel.stop();
    if (cluster) cluster.stop();
  });

  it('runs a project through the balancer, every replica taking a share', async () => {
    assert.match(await run(PM, 'setup "Vega" tz=Europe/Berlin'), /Vega/);
    await run(PM, `role add <@${CUST}> customer`);
    for (const dev of DEVS) await run(PM, `role add <@${dev}> dev`);
    for (const approver of APPROVERS) await run(PM, `role add <@${approver}> customer`);
    await h.waitFor(() => fake.apiCalls('users.info').some((c) => c.body.user === CUST), 8000,
      { message: 'users.info for the customer' });
    assert.match(await run(DEVS[0], 'task add "Export invoices" estimate=2h'), /T-1/);
    assert.match(await run(DEVS[0], 'task done T-1'), /T-1/);
    assert.match(await run(PM, 'roadmap add "Checkout" due=2027-01-10 reason="Asked for it"'), /CR-1/);
    // The change request's card goes to the customer once, whichever replica delivers it.
    await h.waitFor(() => dmsTo(CUST, /CR-1/).length >= 1, 8000, { message: 'the CR card reaches the customer' });

    // Many commands at once: each replica serves some, and each answer is a command done once.
    const titles = Array.from({ length: 24 }, (_, i) => `Burst task ${i + 1}`);
    const answers = await Promise.all(titles.map((title, i) =>
      h.slashCommand(front, { user: DEVS[i % DEVS.length], channel: CHANNEL, team: TEAM,
        text: `task add "${title}" estimate=1h` })));
    for (const res of answers) assert.equal(res.status, 200, res.body);
    const ids = answers.map((res) => /T-\d+/.exec(h.replyText(JSON.parse(res.body)))[0]);
    assert.equal(new Set(ids).size, titles.length, `one task per command: ${ids.join(' ')}`);
    const list = await run(PM, 'task list');
    for (const title of titles) assert.match(list, new RegExp(title + '\\b'));

    const served = replicas.map((r) => (r.output().match(/POST \/slack\/commands/g) || []).length);
    assert.ok(served.every((n) => n > 0), `every replica served commands: ${served.join(', ')}`);
  });

  it("an operator's command on the side reaches Slack at once: the replicas are woken, not polling", async () => {
    const BOSS = 'U0RPLD001';
    const started = Date.now();
    const r = await h.runAccord(['role', 'grant-leadership', '--project', '1', '--user', BOSS], {
      env: { ACCORD_DATABASE_URL: databaseUrl, ACCORD_DATA_DIR: h.makeTempDir('accord-e2e-data-'),
        ACCORD_TEST_CLOCK: new Date(front.testNow).toISOString() } });
    assert.equal(r.code, 0, r.stdout + r.stderr);
    // The new leadership is told in a direct message, queued by that command's own process.
    await h.waitFor(() => fake.apiCalls('chat.postMessage').some((c) => c.body.channel === `D${BOSS}`), 15000,
      { message: 'the DM to the new leadership' });
    assert.ok(Date.now() - started < 15000, 'delivered well before a 60 s poll');
  });

  it('a stalled database holds up the requests that need it, not the server', async () => {
    // Someone holds the lock every unit of work takes (a long migration, a stuck session).
    const psql = childProcess.spawn('psql', ['-XAtq', databaseUrl], { stdio: ['pipe', 'pipe', 'pipe'] });
    let psqlOut = '';
    psql.stdout.on('data', (d) => (psqlOut += d));
    psql.stdin.write(`SELECT pg_advisory_lock(${WRITER_LOCK}), 'locked';\n`);
    await h.waitFor(() => /locked/.test(psqlOut), 10000, { message: 'psql holds the lock' });
    const replica = replicas[0];
    let waiting = [];
    try {
      // More commands than the replica has request threads (2), all waiting for the database.
      waiting = [1, 2, 3, 4].map((i) => h.slashCommand(replica, { user: DEVS[0], channel: CHANNEL, team: TEAM,
        text: `task add "Stalled ${i}" estimate=1h` }).catch((error) => ({ status: 0, body: error.message })));
      await h.sleep(500);
      const started = Date.now();
      const health = await replica.request({ path: '/healthz', timeoutMs: 3000 });
      assert.equal(health.status, 200);
      assert.ok(Date.now() - started < 2000, `/healthz took ${Date.now() - started} ms`);
    } finally {
      // Its session ends, and the lock with it, whatever happened above.
      psql.stdin.end(`SELECT pg_advisory_unlock(${WRITER_LOCK});\n`);
    }
    for (const res of await Promise.all(waiting)) assert.equal(res.status, 200, res.body);
  });

  it('a Teams re-delivery that lands on other replicas is processed once', async () => {
    const conversation = 'a:1replicaRiley';
    const body = JSON.stringify(teams.activity(teamsChannel, { user: '29:1replicaRiley', name: 'Riley',
      conversation, text: 'help' }));
    // Teams sends the same activity (same id) again when it did not see an answer in time.
    const deliver = (replica) => replica.request({ method: 'POST', path: '/api/messages', body, headers: {
      'Content-Type': 'application/json', Authorization: `Bearer ${teamsChannel.mint({}, {}, replica.testNow)}` } });
    const answers = await Promise.all(replicas.map(deliver));
    for (const res of answers) assert.ok(res.status >= 200 && res.status < 300, `${res.status} ${res.body}`);
    const replies = () => teamsChannel.connectorCalls((c) => c.method === 'POST' && c.status < 300 &&
      c.path === `/teams/v3/conversations/${encodeURIComponent(conversation)}/activities`);
    await h.waitFor(() => replies().length >= 1, 10000, { message: 'the answer in the personal chat' });
    await h.sleep(1500);
    assert.equal(replies().length, 1, 'one activity, one answer, on three replicas');
  });

  it('a Slack retry that lands on another replica is processed once', async () => {
    const user = 'U0RPRETRY';
    const body = JSON.stringify(h.eventCallback({ team: TEAM, eventId: h.unique('Ev'), event: {
      type: 'app_home_opened', user, channel: `D${user}`, tab: 'home',
      event_ts: `${Math.floor(front.testNow / 1000)}.000100` } }));
    const retry = { contentType: 'application/json',
      headers: { 'X-Slack-Retry-Num': '1', 'X-Slack-Retry-Reason': 'http_timeout' } };
    const [first, second, third] = await Promise.all([
      h.signedRequest(replicas[0], '/slack/events', body, { contentType: 'application/json' }),
      h.signedRequest(replicas[1], '/slack/events', body, retry),
      h.signedRequest(replicas[2], '/slack/events', body, retry),
    ]);
    for (const res of [first, second, third]) assert.equal(res.status, 200, res.body);
    const publishes = () => fake.apiCalls('views.publish').filter((c) => c.status === 200 && c.body.user_id === user);
    await h.waitFor(() => publishes().length === 1, 8000, { message: 'the home view published' });
    await h.sleep(1500);
    assert.equal(publishes().length, 1, 'one event, one views.publish, on three replicas');
  });

  it('a 429 storm and a burst to one channel: the replicas keep Slack\'s pace and Retry-After together', async () => {
    const posts = () => fake.apiCalls('chat.postMessage');
    const before = posts().length;
    // Slack refuses the next three posts, asking for 2 s each time.
    fake.options.rateLimitStorm = { rule: 'chat.postMessage', times: 3, retryAfter: 2 };
    const titles = Array.from({ length: 6 }, (_, i) => `Storm item ${i + 1}`);
    const answers = await Promise.all(titles.map((title) =>
      h.slashCommand(front, { user: PM, channel: CHANNEL, team: TEAM,
        text: `roadmap add "${title}" due=2027-02-01 reason="Storm"` })));
    for (const res of answers) assert.equal(res.status, 200, res.body);
    // Every change request's card reaches the channel once, whichever replica sent it.
    const cards = () => posts().slice(before)
      .filter((c) => c.status === 200 && c.body.channel === CHANNEL && /Storm item/.test(h.replyText(c.body)));
    await h.waitFor(() => cards().length >= titles.length, 40000, { message: 'every card in the channel' });
    await h.sleep(1500);
    for (const title of titles) {
      assert.equal(cards().filter((c) => h.replyText(c.body).includes(title)).length, 1, title);
    }
    // Posts to the channel, from three replicas, kept about one a second (clocks of replicas
    // started together agree to well within the margin).
    const toChannel = posts().slice(before).filter((c) => c.status === 200 && c.body.channel === CHANNEL);
    for (let i = 1; i < toChannel.length; i++) {
      const gap = toChannel[i].at - toChannel[i - 1].at;
      assert.ok(gap >= 700, `two posts to ${CHANNEL} ${gap} ms apart`);
    }
    // After each 429, no replica posted again before Retry-After (2 s) had passed.
    const sent = posts().slice(before);
    for (const refused of sent.filter((c) => c.status === 429)) {
      const early = sent.filter((c) => c.status === 200 && c.at > refused.at + 300 && c.at < refused.at + 1700);
      assert.deepEqual(early.map((c) => `${c.body.channel} ${c.at - refused.at} ms after a 429`), []);
    }
    assert.equal(sent.filter((c) => c.status === 429).length, 3);
  });

  it('survives kill -9 of a replica mid-burst: what was answered 200 is kept, nothing is sent twice', async () => {
    const victim = replicas[1];
    const titles = Array.from({ length: 30 }, (_, i) => `Crash burst ${i + 1}`);
    const sends = titles.map(async (title, i) => {
      await h.sleep(i * 20);
      try {
        const res = await h.slashCommand(front, { user: DEVS[i % DEVS.length], channel: CHANNEL, team: TEAM,
          text: `task add "${title}" estimate=1h` });
        return { title, status: res.status };
      } catch (error) {
        return { title, status: 0, error: error.message };
      }
    });
    await h.sleep(250);
    victim.proc.kill('SIGKILL');
    const results = await Promise.all(sends);
    await victim.exited;
    const ok = results.filter((r) => r.status === 200);
    // Slack does not retry a slash command; the balancer may send one that failed before reaching
    // a replica to another. A request the killed replica had taken is answered 502 at worst.
    for (const r of results) assert.ok([200, 502].includes(r.status), `${r.title}: ${r.status} ${r.error || ''}`);
    assert.ok(ok.length >= titles.length / 2, `most commands answered: ${ok.length} of ${titles.length}`);

    // Started again on its port and data directory, it rejoins; the balancer sends it work again.
    const index = replicas.indexOf(victim);
    replicas[index] = await startReplica(index, victim.port, victim.dataDir);
    assert.match(await run(PM, 'task list'), /Crash burst/);
    // The store itself, as the operator reads it: every task a 200 announced is there, once.
    const exported = await h.runAccord(['export', '--project', '1'],
      { env: { ACCORD_DATABASE_URL: databaseUrl, ACCORD_DATA_DIR: h.makeTempDir('accord-e2e-data-') } });
    assert.equal(exported.code, 0, exported.stderr);
    const stored = JSON.parse(exported.stdout).tasks.map((t) => t.title);
    for (const r of ok) {
      assert.equal(stored.filter((title) => title === r.title).length, 1, `${r.title} was answered 200`);
    }
  });

  it('every message reached Slack once, and the morning digests fire once each for three schedulers', async () => {
    // Monday 09:00 in New York: every replica's scheduler finds the customer's digest due.
    await advanceAll('2026-11-30T14:00:00Z');
    await h.waitFor(() => dmsTo(CUST, /Waiting on you/).length >= 1, 10000, { message: 'the Monday digest' });
    await h.sleep(2000);
    assert.equal(dmsTo(CUST, /Waiting on you/).length, 1, 'one digest, not one per replica');
    assert.match(h.replyText(dmsTo(CUST, /Waiting on you/)[0].body), /T-1/);
    // The Berlin approvers' 09:00 came and went in the same move of the clocks: a burst of
    // digests from three schedulers, one each.
    await h.waitFor(() => APPROVERS.every((a) => dmsTo(a, /Waiting on you/).length >= 1), 20000,
      { message: 'every approver\'s digest' });
    await h.sleep(1500);
    assert.deepEqual(APPROVERS.filter((a) => dmsTo(a, /Waiting on you/).length !== 1), []);

    // No message twice: the same text to the same conversation, delivered twice, would be a row
    // sent by two replicas.
    const seen = new Map();
    for (const call of fake.apiCalls('chat.postMessage').filter((c) => c.status === 200)) {
      const key = `${call.body.channel}\n${call.rawBody.replace(/"ts":"[^"]*"/g, '')}`;
      seen.set(key, (seen.get(key) || 0) + 1);
    }
    const twice = [...seen.entries()].filter(([, n]) => n > 1).map(([k]) => k.slice(0, 120));
    assert.deepEqual(twice, []);
  });
});
