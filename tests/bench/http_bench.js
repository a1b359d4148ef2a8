// The HTTP benchmark behind tests/bench/run.sh: loads Accord and the Bolt peer (tests/bench/peer)
// with signed Slack requests through wrk and prints a table. Node built-ins only (plus the peer's
// better-sqlite3 to count what was written).
//
// Each point: fresh requests are signed just before it (timestamp = now, distinct bodies, one file
// per wrk thread), wrk runs with slack_load.lua, and the RESULT line of its done() is parsed.
// With --postgresql <url>, the same points again on Accord with that database (prefilled through
// `accord copy-data`), first one replica, then two behind nginx; CPU per request then counts the
// replicas and PostgreSQL, and a sampler reports how many sessions waited on a lock.
// Endpoints: `command` = `/accord task add "..." estimate=2h` (inserts a task, answers Block Kit);
// `click` = an Accept button on a task awaiting acceptance (records the decision; every click
// accepts a task of its own).
'use strict';

const childProcess = require('node:child_process');
const crypto = require('node:crypto');
const fs = require('node:fs');
const https = require('node:https');
const path = require('node:path');
const { parseArgs } = require('node:util');

const { values: opt } = parseArgs({
  options: {
    accord: { type: 'string' },
    prefill: { type: 'string' },
    work: { type: 'string' },
    duration: { type: 'string', default: '10' },
    connections: { type: 'string', default: '1,16,64' },
    runs: { type: 'string', default: '2' },
    'history-projects': { type: 'string', default: '10000' },
    'history-tasks': { type: 'string', default: '1000000' },
    // Requests per second a point is prepared for at first; sizes the supply of tasks to accept.
    'max-rps': { type: 'string', default: '5000' },
    endpoints: { type: 'string', default: 'command,click' },
    'skip-growth': { type: 'boolean', default: false },
    'skip-peer': { type: 'boolean', default: false },
    // A TOML file for `accord serve --config` (e.g. to try other [server] threads).
    'accord-config': { type: 'string' },
    // A PostgreSQL database (empty) to also measure Accord on, with 1 and then 2 replicas behind
    // nginx; run.sh starts a throwaway cluster for it.
    postgresql: { type: 'string' },
    nginx: { type: 'string', default: '/usr/sbin/nginx' },
    // Leave out nginx serving a static file over HTTPS (the machine's ceiling for a TLS request).
    'skip-static': { type: 'boolean', default: false },
    // Leave out Accord's own floor: GET /healthz, a request that does no work (measureGet).
    'skip-floor': { type: 'boolean', default: false },
    // Commands spread over this many projects (channels C0BENCH, C0BENCH2, …) on PostgreSQL too:
    // a project's commands run one at a time there, different projects' side by side.
    spread: { type: 'string', default: '1' },
    // Profiles Accord (on SQLite, fresh database) during its points: `perf` (perf record -g,
    // then a report of the hottest symbols) or `strace` (system calls counted with strace -c,
    // which slows the server: its throughput then means nothing). Reports go to --work.
    // BENCH_CALL_GRAPH=dwarf gives perf whole user-space stacks (large files, slower).
    profile: { type: 'string' },
  },
});
const DURATION = Number(opt.duration);
const CONNECTIONS = opt.connections.split(',').map(Number);
const RUNS = Number(opt.runs);
const MAX_RPS = Number(opt['max-rps']);
const WORK = opt.work;
const HERE = __dirname;
const SECRET = crypto.randomBytes(16).toString('hex');
const TEAM = 'T0BENCH';
const CHANNEL = 'C0BENCH';
const DEV = 'U0BENCHDV';
const CUSTOMER = 'U0BENCHCU';
// Accord's outbox delivers to a local fake Slack (fake_slack.js): clicks' response_url and the
// Web API calls (the channel announcement of an accepted task) are answered at once.
const FAKE_SLACK_PORT = 18450;
const RESPONSE_BASE = `https://127.0.0.1:${FAKE_SLACK_PORT}/hooks`;
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const log = (...args) => console.error('[bench]', ...args);

// ---------------------------------------------------------------------------------------------
// Signed requests, as Slack sends them.

function sign(ts, body) {
  return 'v0=' + crypto.createHmac('sha256', SECRET).update(`v0:${ts}:${body}`).digest('hex');
}

const SPREAD = Number(opt.spread);

function commandBody(title, i) {
  const project = i % SPREAD;
  return new URLSearchParams([
    ['token', 'xyzz0WbapA4vBCDEFasx0q6G'],
    ['team_id', TEAM],
    ['team_domain', 'accord-bench'],
    ['channel_id', project === 0 ? CHANNEL : `${CHANNEL}${project + 1}`],
    ['channel_name', 'bench'],
    ['user_id', DEV],
    ['user_name', 'bench-dev'],
    ['command', '/accord'],
    ['text', `task add "${title}" estimate=2h`],
    ['api_app_id', 'A0BENCH01'],
    ['is_enterprise_install', 'false'],
    ['response_url', `https://hooks.slack.com/commands/${TEAM}/${1000000 + i}/${crypto.randomBytes(12).toString('hex')}`],
    ['trigger_id', `${Date.now()}.47445629121.${crypto.randomBytes(16).toString('hex')}`],
  ]).toString();
}

// A click on the Accept button of task T-<number>'s acceptance card, shaped like Slack's
// block_actions payload (conformance/slack/block_actions_message.json) for a message in a channel.
// Built once as an encoded form with placeholders, so a million clicks sign quickly.
const CLICK_TEMPLATE = new URLSearchParams([['payload', JSON.stringify({
  type: 'block_actions',
  user: { id: CUSTOMER, username: 'bench-customer', name: 'bench-customer', team_id: TEAM },
  api_app_id: 'A0BENCH01',
  token: '9s8d9as89d8as9d8as989',
  container: { type: 'message', message_ts: '1764500000.000100', channel_id: CHANNEL, is_ephemeral: false },
  trigger_id: 'TRIGGERID',
  team: { id: TEAM, domain: 'accord-bench' },
  enterprise: null,
  is_enterprise_install: false,
  channel: { id: CHANNEL, name: 'bench' },
  message: {
    bot_id: 'B0BENCH01', type: 'message', text: 'TTASK awaits acceptance', user: 'U0BOT0001',
    ts: '1764500000.000100', app_id: 'A0BENCH01',
    blocks: [
      { type: 'section', block_id: 'card', text: { type: 'mrkdwn', text: '`TTASK` *Export invoice batch NTASK* awaits acceptance', verbatim: false } },
      { type: 'actions', block_id: 'buttons', elements: [
        { type: 'button', action_id: 'accord.command#0', text: { type: 'plain_text', text: 'Accept', emoji: true }, style: 'primary', value: 'accept TTASK' },
        { type: 'button', action_id: 'accord.command#1', text: { type: 'plain_text', text: 'Reject', emoji: true }, style: 'danger', value: 'reject TTASK' },
      ] },
    ],
  },
  state: { values: {} },
  response_url: `${RESPONSE_BASE}/RESPONSEPATH`,
  actions: [{
    action_id: 'accord.command#0', block_id: 'buttons', type: 'button', style: 'primary',
    value: 'accept TTASK', text: { type: 'plain_text', text: 'Accept', emoji: true }, action_ts: 'ACTIONTS',
  }],
})]]).toString().split(/(TRIGGERID|TTASK|NTASK|RESPONSEPATH|ACTIONTS)/);

function clickBody(number, i) {
  const nowMicros = Date.now() * 1000 + (i % 1000);
  const values = {
    TRIGGERID: `${Date.now()}.47445629121.${crypto.randomBytes(16).toString('hex')}`,
    TTASK: `T-${number}`,
    NTASK: String(number),
    RESPONSEPATH: `${1000000 + i}/${crypto.randomBytes(12).toString('hex')}`,
    ACTIONTS: `${Math.floor(nowMicros / 1e6)}.${String(nowMicros % 1e6).padStart(6, '0')}`,
  };
  return CLICK_TEMPLATE.map((part) => values[part] || part).join('');
}

// Writes `count` signed requests round-robin into <prefix>.0 .. <prefix>.<threads-1>.
function writeRequests(prefix, threads, count, makeBody) {
  const ts = String(Math.floor(Date.now() / 1000));
  const files = Array.from({ length: threads }, (_, t) => fs.openSync(`${prefix}.${t}`, 'w'));
  const batches = Array.from({ length: threads }, () => []);
  for (let i = 0; i < count; i += 1) {
    const body = makeBody(i);
    const t = i % threads;
    batches[t].push(`${ts}\t${sign(ts, body)}\t${body}\n`);
    if (batches[t].length === 1000) {
      fs.writeSync(files[t], batches[t].join(''));
      batches[t] = [];
    }
  }
  for (let t = 0; t < threads; t += 1) {
    fs.writeSync(files[t], batches[t].join(''));
    fs.closeSync(files[t]);
  }
}

// ---------------------------------------------------------------------------------------------
// The servers.

function request(port, reqPath, body, headers = {}) {
  return new Promise((resolve, reject) => {
    const req = https.request({
      host: '127.0.0.1', port, path: reqPath, method: body === undefined ? 'GET' : 'POST',
      rejectUnauthorized: false, headers: body === undefined ? headers : { ...headers, 'Content-Length': Buffer.byteLength(body) },
    }, (res) => {
      let text = '';
      res.on('data', (d) => (text += d));
      res.on('end', () => resolve({ status: res.statusCode, body: text }));
    });
    req.on('error', reject);
    req.setTimeout(5000, () => req.destroy(new Error('timeout')));
    if (body !== undefined) req.write(body);
    req.end();
  });
}

function signedPost(port, reqPath, body) {
  const ts = String(Math.floor(Date.now() / 1000));
  return request(port, reqPath, body, {
    'Content-Type': 'application/x-www-form-urlencoded',
    'X-Slack-Request-Timestamp': ts, 'X-Slack-Signature': sign(ts, body),
  });
}

async function waitReady(port, readyPath, child, what) {
  const deadline = Date.now() + 20000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${what} exited with ${child.exitCode}`);
    try {
      const res = await request(port, readyPath);
      if (res.status < 500) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`${what} did not become ready`);
    await sleep(100);
  }
}

// Servers this run started; none outlives it, even when it fails.
const children = new Set();
process.on('exit', () => {
  for (const child of children) child.kill('SIGKILL');
});
// Interrupted (Ctrl-C, kill): exit, so the handler above stops the servers; a fake Slack left
// running would hold its port with another certificate, and the next run's deliveries fail.
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => process.exit(130));

function spawnLogged(command, args, env, logFile) {
  const out = fs.openSync(logFile, 'a');
  const child = childProcess.spawn(command, args, { env: { PATH: process.env.PATH, HOME: WORK, ...env }, stdio: ['ignore', out, out] });
  fs.closeSync(out);
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
}

async function stop(child) {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 15000);
  await exited;
  clearTimeout(timer);
}

// CPU time the process has used (user + system), in seconds; /proc counts in clock ticks of 10 ms.
function cpuSeconds(pid) {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /, '').split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

// Peak resident set (VmHWM) of a running process, in MiB.
function peakRss(pid) {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmHWM:\s+(\d+) kB/.exec(status)[1]) / 1024;
}

async function startAccord(name, port, prefillArgs) {
  const dataDir = path.join(WORK, name);
  fs.rmSync(dataDir, { recursive: true, force: true });
  fs.mkdirSync(dataDir, { recursive: true });
  log(`prefilling ${name}: ${prefillArgs.join(' ')}`);
  childProcess.execFileSync(opt.prefill, ['--db', path.join(dataDir, 'accord.db'), ...prefillArgs], { stdio: 'inherit' });
  const serveArgs = opt['accord-config'] ? ['serve', '--config', opt['accord-config']] : ['serve'];
  const child = spawnLogged(opt.accord, serveArgs, {
    ACCORD_LISTEN: `127.0.0.1:${port}`, ACCORD_DATA_DIR: dataDir, ACCORD_TLS: 'on',
    ACCORD_SLACK_SIGNING_SECRET: SECRET, ACCORD_SLACK_BOT_TOKEN: 'xoxb-bench',
    ACCORD_SLACK_API_BASE: `https://127.0.0.1:${FAKE_SLACK_PORT}/api`,
    ACCORD_EXTRA_CA_FILE: path.join(WORK, 'fake-slack', 'cert.pem'),
  }, path.join(WORK, `${name}.log`));
  await waitReady(port, '/readyz', child, 'accord');
  return { name: 'Accord', child, port, dataDir, db: path.join(dataDir, 'accord.db') };
}

// The fake Slack, with a self-signed certificate Accord is told to trust.
async function startFakeSlack() {
  const dir = path.join(WORK, 'fake-slack');
  fs.mkdirSync(dir, { recursive: true });
  childProcess.execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2',
    '-subj', '/CN=localhost', '-keyout', path.join(dir, 'key.pem'), '-out', path.join(dir, 'cert.pem'),
    '-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost'], { stdio: 'ignore' });
  const child = spawnLogged(process.execPath, [path.join(HERE, 'fake_slack.js'), '--port', String(FAKE_SLACK_PORT),
    '--cert', path.join(dir, 'cert.pem'), '--key', path.join(dir, 'key.pem')], {}, path.join(WORK, 'fake-slack.log'));
  await waitReady(FAKE_SLACK_PORT, '/', child, 'fake Slack');
  return child;
}

async function startPeer(port, certDir) {
  const db = path.join(WORK, 'peer.db');
  for (const suffix of ['', '-wal', '-shm']) fs.rmSync(db + suffix, { force: true });
  const child = spawnLogged(process.execPath, [path.join(HERE, 'peer', 'peer.js'), '--port', String(port), '--db', db,
    '--cert', path.join(certDir, 'cert.pem'), '--key', path.join(certDir, 'key.pem')],
  { BENCH_SIGNING_SECRET: SECRET, NODE_ENV: 'production' }, path.join(WORK, 'peer.log'));
  await waitReady(port, '/', child, 'peer');
  return { name: 'Bolt peer', child, port, db };
}

// One request of each kind before measuring: both must answer as Slack expects.
async function checkServer(server, clickTask) {
  const command = await signedPost(server.port, '/slack/commands', commandBody('Sanity check', 0));
  const json = JSON.parse(command.body);
  // A refusal (no project in the channel, no role) would measure nothing but the refusal.
  if (command.status !== 200 || !Array.isArray(json.blocks) || !/T-\d+/.test(JSON.stringify(json))) {
    throw new Error(`${server.name}: task add answered ${command.status}: ${command.body}`);
  }
  fs.writeFileSync(path.join(WORK, `reply-${server.name.replace(/\W+/g, '-')}.json`), JSON.stringify(json, null, 1));
  const click = await signedPost(server.port, '/slack/interactive', clickBody(clickTask, 0));
  if (click.status !== 200) throw new Error(`${server.name}: click answered ${click.status}: ${click.body}`);
  return json;
}

// ---------------------------------------------------------------------------------------------
// Measuring.

function runWrk(port, endpoint, connections, prefix) {
  const threads = connections === 1 ? 1 : 2;
  const args = ['-t', String(threads), '-c', String(connections), '-d', `${DURATION}s`, '--timeout', '5s', '--latency',
    '-s', path.join(HERE, 'slack_load.lua'), `https://127.0.0.1:${port}${endpoint}`, '--', prefix];
  const out = childProcess.execFileSync('wrk', args, { encoding: 'utf8', maxBuffer: 1 << 24 });
  const line = out.split('\n').find((l) => l.startsWith('RESULT '));
  if (!line) throw new Error(`no RESULT from wrk:\n${out}`);
  const r = Object.fromEntries(line.slice(7).trim().split(' ').map((kv) => kv.split('=')).map(([k, v]) => [k, Number(v)]));
  r.rps = r.requests / (r.duration_us / 1e6);
  return r;
}

// --profile: perf or strace attached to the server for one point; stop() writes the report.
function startProfiler(server, tag) {
  if (!opt.profile) return null;
  const base = path.join(WORK, `profile-${tag}`);
  const args = opt.profile === 'perf'
    ? ['record', '--call-graph', process.env.BENCH_CALL_GRAPH || 'fp', '-F', '1999', '-p', String(server.child.pid), '-o', `${base}.data`]
    : ['-c', '-f', '-p', String(server.child.pid), '-o', `${base}.strace`];
  const child = childProcess.spawn(opt.profile, args, { stdio: 'ignore' });
  return {
    async stop(requests) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGINT');
      await exited;
      if (opt.profile === 'perf') {
        const report = childProcess.execFileSync('perf', ['report', '-i', `${base}.data`, '--stdio', '--no-children',
          '--percent-limit', '0.7', '-g', 'none', '--sort', 'dso,symbol'], { encoding: 'utf8', maxBuffer: 1 << 26 });
        fs.writeFileSync(`${base}.txt`, `${requests} requests\n${report}`);
      } else {
        fs.appendFileSync(`${base}.strace`, `${requests} requests\n`);
      }
      log(`profile: ${base}.${opt.profile === 'perf' ? 'txt' : 'strace'}`);
    },
  };
}

// Runs every point of `server`; `clicks.next` is the next task awaiting acceptance. Each point
// gets three times the requests the fastest point so far of its endpoint served (a request file
// that wraps would repeat bodies, so such a point is run again with more).
async function measure(server, clicks, label) {
  const results = [];
  for (const endpoint of opt.endpoints.split(',')) {
    let rate = MAX_RPS;
    for (const connections of CONNECTIONS) {
      const runs = [];
      for (let run = 0, attempt = 0; run < RUNS; attempt += 1) {
        const threads = connections === 1 ? 1 : 2;
        let count = Math.ceil(Math.max(rate * 3, 500) * DURATION);
        const prefix = path.join(WORK, 'requests');
        const tag = `${label}-${endpoint}-${connections}-${run}-${attempt}`;
        const first = clicks.next;
        if (endpoint === 'command') {
          writeRequests(prefix, threads, count, (i) => commandBody(`Bench task ${tag}-${i}`, i));
        } else {
          count = Math.min(count, clicks.awaiting - first + 1);
          if (count < 1000) throw new Error('out of tasks awaiting acceptance: raise --max-rps');
          writeRequests(prefix, threads, count, (i) => clickBody(first + i, i));
        }
        const serverCpu = server.cpu || (() => cpuSeconds(server.child.pid));
        const cpuBefore = serverCpu();
        const dbBefore = server.dbCpu ? server.dbCpu() : 0;
        if (server.sampler) server.sampler.start();
        const profiler = server.name === 'Accord' && label === 'fresh' ? startProfiler(server, tag) : null;
        const r = runWrk(server.port, endpoint === 'command' ? '/slack/commands' : '/slack/interactive', connections, prefix);
        // Server CPU per request: steadier than throughput on a machine shared with other work.
        r.cpu_us = ((serverCpu() - cpuBefore) * 1e6) / Math.max(r.requests, 1);
        if (server.dbCpu) r.db_cpu_us = ((server.dbCpu() - dbBefore) * 1e6) / Math.max(r.requests, 1);
        if (server.sampler) Object.assign(r, server.sampler.stop());
        if (profiler) await profiler.stop(r.requests);
        if (endpoint === 'click') clicks.next += Math.min(count, r.requests + connections);
        log(`${server.name} ${label} ${endpoint} c=${connections} run ${run + 1}: ${r.rps.toFixed(0)} req/s, ` +
          `p50 ${(r.p50 / 1000).toFixed(2)} ms, p99 ${(r.p99 / 1000).toFixed(2)} ms, p99.9 ${(r.p999 / 1000).toFixed(2)} ms, ` +
          `${r.cpu_us.toFixed(0)} µs CPU/request` +
          `${r.non2xx ? `, ${r.non2xx} non-2xx` : ''}${r.socket_errors ? `, ${r.socket_errors} socket errors` : ''}` +
          `${r.wrapped ? ', request file wrapped: run again with more' : ''}`);
        rate = Math.max(rate, r.rps);
        await sleep(1000);
        if (r.wrapped && attempt < 3) continue;
        runs.push(r);
        run += 1;
      }
      // The best run by throughput, with its own latencies.
      const best = runs.reduce((a, b) => (b.rps > a.rps ? b : a));
      best.allRps = runs.map((r) => r.rps);
      results.push({ server: server.name, label, endpoint, connections, ...best });
    }
  }
  return results;
}

// ---------------------------------------------------------------------------------------------
// PostgreSQL: the same load on Accord with ACCORD_DATABASE_URL, one replica, then two behind nginx.

// CPU seconds of every live postgres process (the server and its sessions; replicas keep their
// sessions open, so none of the measured work leaves with an exited process).
function postgresCpu() {
  let total = 0;
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (fs.readFileSync(`/proc/${entry}/comm`, 'utf8').trim() === 'postgres') total += cpuSeconds(entry);
    } catch {
      // gone meanwhile
    }
  }
  return total;
}

// Samples pg_stat_activity every 100 ms while a point runs: how many sessions were executing, and
// how many of those waited on a lock (the advisory lock every unit of work takes).
function lockSampler(url) {
  let child = null;
  const file = path.join(WORK, 'pg-activity.txt');
  return {
    start() {
      fs.writeFileSync(file, '');
      const sql = "SELECT count(*) FILTER (WHERE state = 'active'), count(*) FILTER (WHERE wait_event_type = 'Lock') " +
        'FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()';
      child = childProcess.spawn('bash', ['-c', `while :; do psql "$1" -XAt -F ' ' -c "$2" >> "$3" 2>/dev/null; sleep 0.1; done`,
        'sampler', url, sql, file], { stdio: 'ignore' });
    },
    stop() {
      child.kill('SIGKILL');
      const samples = fs.readFileSync(file, 'utf8').trim().split('\n').filter(Boolean).map((l) => l.split(' ').map(Number));
      const mean = (i) => samples.reduce((sum, s) => sum + s[i], 0) / Math.max(samples.length, 1);
      return { pg_active: mean(0), pg_lock_waits: mean(1) };
    },
  };
}

async function startReplica(name, port, url) {
  const dataDir = path.join(WORK, name);
  fs.rmSync(dataDir, { recursive: true, force: true });
  fs.mkdirSync(dataDir, { recursive: true });
  const child = spawnLogged(opt.accord, ['serve'], {
    ACCORD_LISTEN: `127.0.0.1:${port}`, ACCORD_DATA_DIR: dataDir, ACCORD_TLS: 'on', ACCORD_DATABASE_URL: url,
    ACCORD_SLACK_SIGNING_SECRET: SECRET, ACCORD_SLACK_BOT_TOKEN: 'xoxb-bench',
    ACCORD_SLACK_API_BASE: `https://127.0.0.1:${FAKE_SLACK_PORT}/api`,
    ACCORD_EXTRA_CA_FILE: path.join(WORK, 'fake-slack', 'cert.pem'),
  }, path.join(WORK, `${name}.log`));
  await waitReady(port, '/readyz', child, name);
  return child;
}

// An nginx.conf for one unprivileged nginx in `dir`, one worker, no access log: `http` is the
// inside of its http block; `main` goes before the rest at the top.
function nginxConfig(dir, http, main = '') {
  return `daemon off;
${main}worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path ${dir}/body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
${http}
}
`;
}

// nginx terminating TLS (with the first replica's certificate) in front of `ports`.
async function startBalancer(port, ports, certDir) {
  const dir = path.join(WORK, 'nginx');
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true, mode: 0o755 });
  fs.writeFileSync(path.join(dir, 'nginx.conf'), nginxConfig(dir, `  upstream accord {
${ports.map((p) => `    server 127.0.0.1:${p};`).join('\n')}
    keepalive 64;
  }
  server {
    listen 127.0.0.1:${port} ssl;
    ssl_certificate ${certDir}/cert.pem;
    ssl_certificate_key ${certDir}/key.pem;
    location / {
      proxy_pass https://accord;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
    }
  }`));
  const child = spawnLogged(opt.nginx, ['-p', dir, '-c', path.join(dir, 'nginx.conf')], {}, path.join(WORK, 'nginx.log'));
  await waitReady(port, '/healthz', child, 'nginx');
  return child;
}

// nginx serving a 533-byte file over HTTPS with Accord's certificate, one worker: what a TLS
// request with keep-alive costs on this machine with nothing behind it (the ceiling).
async function startStatic(port, certDir) {
  const dir = path.join(WORK, 'nginx-static');
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(path.join(dir, 'html'), { recursive: true, mode: 0o755 });
  fs.writeFileSync(path.join(dir, 'html', 'index.json'), `${JSON.stringify({ ok: true, text: 'x'.repeat(511) })}\n`);
  // master_process off: one process serves, so its CPU time is the server's.
  fs.writeFileSync(path.join(dir, 'nginx.conf'), nginxConfig(dir, `  keepalive_requests 1000000;
  server {
    listen 127.0.0.1:${port} ssl;
    ssl_certificate ${certDir}/cert.pem;
    ssl_certificate_key ${certDir}/key.pem;
    root ${dir}/html;
    location / { try_files /index.json =404; }
  }`, 'master_process off;\n'));
  const child = spawnLogged(opt.nginx, ['-p', dir, '-c', path.join(dir, 'nginx.conf')], {}, path.join(WORK, 'nginx-static.log'));
  await waitReady(port, '/', child, 'nginx (static)');
  return { name: 'nginx', child, port };
}

// Unsigned GETs of one path at every point: nginx's static file, or Accord's /healthz (answered
// by no handler's work: what TLS, HTTP, the hand-over to the handler thread and back, an empty
// commit group and the request log cost Accord on this machine, its floor for any request).
async function measureGet(server, urlPath, endpoint) {
  const rows = [];
  for (const connections of CONNECTIONS) {
    const runs = [];
    for (let run = 0; run < RUNS; run += 1) {
      const before = cpuSeconds(server.child.pid);
      const r = runWrk(server.port, urlPath, connections, 'static');
      r.cpu_us = ((cpuSeconds(server.child.pid) - before) * 1e6) / Math.max(r.requests, 1);
      log(`${server.name} ${endpoint} c=${connections} run ${run + 1}: ${r.rps.toFixed(0)} req/s, ` +
        `p99 ${(r.p99 / 1000).toFixed(2)} ms, ${r.cpu_us.toFixed(0)} µs CPU/request`);
      runs.push(r);
      await sleep(1000);
    }
    const best = runs.reduce((a, b) => (b.rps > a.rps ? b : a));
    best.allRps = runs.map((r) => r.rps);
    rows.push({ server: server.name, label: 'fresh', endpoint, connections, ...best });
  }
  return rows;
}

async function measurePostgresql(url, awaiting, port) {
  // The same starting data as the SQLite runs, moved with accord copy-data.
  const source = path.join(WORK, 'accord-pg-source');
  fs.rmSync(source, { recursive: true, force: true });
  fs.mkdirSync(source, { recursive: true });
  log(`prefilling PostgreSQL through copy-data: ${awaiting} tasks awaiting acceptance`);
  childProcess.execFileSync(opt.prefill, ['--db', path.join(source, 'accord.db'), '--awaiting', String(awaiting),
    '--spread', opt.spread], { stdio: 'inherit' });
  childProcess.execFileSync(opt.accord, ['copy-data', '--to', url],
    { env: { PATH: process.env.PATH, HOME: WORK, ACCORD_DATA_DIR: source }, stdio: ['ignore', 'ignore', 'inherit'] });

  const clicks = { next: 2, awaiting };
  const first = await startReplica('accord-pg-1', port, url);
  const one = { name: 'Accord on PostgreSQL, 1 replica', child: first, port,
    cpu: () => cpuSeconds(first.pid) + postgresCpu(), dbCpu: postgresCpu, sampler: lockSampler(url) };
  await checkServer(one, 1);
  const oneRows = await measure(one, clicks, 'pg1');

  const second = await startReplica('accord-pg-2', port + 1, url);
  const balancer = await startBalancer(port + 2, [port, port + 1], path.join(WORK, 'accord-pg-1', 'tls'));
  const two = { name: 'Accord on PostgreSQL, 2 replicas + nginx', child: second, port: port + 2,
    cpu: () => cpuSeconds(first.pid) + cpuSeconds(second.pid) + postgresCpu(), dbCpu: postgresCpu,
    sampler: lockSampler(url), nginxCpu: () => cpuSeconds(balancer.pid) };
  const twoRows = await measure(two, clicks, 'pg2');
  const nginxRss = peakRss(balancer.pid);
  for (const child of [balancer, second, first]) await stop(child);
  return { rows: [...oneRows, ...twoRows], nginxRss };
}

function printPostgresql(rows, sqliteRows) {
  printTable(`Accord on PostgreSQL (CPU: replicas + PostgreSQL; nginx not counted), ${DURATION} s per point, best of ${RUNS} runs`, rows);
  console.log('\n| server | endpoint | conns | req/s | vs SQLite | PostgreSQL CPU µs/req | sessions active (mean) | waiting on a lock (mean) |');
  console.log('|---|---|---|---|---|---|---|---|');
  for (const r of rows) {
    const base = sqliteRows.find((s) => s.endpoint === r.endpoint && s.connections === r.connections);
    console.log(`| ${r.server} | ${r.endpoint} | ${r.connections} | ${fmt(r.rps)} | ${base ? (r.rps / base.rps).toFixed(2) + '×' : '–'} | ` +
      `${r.db_cpu_us.toFixed(0)} | ${r.pg_active.toFixed(2)} | ${r.pg_lock_waits.toFixed(2)} |`);
  }
}

// Counts rows with the better-sqlite3 the peer installed (read-only, beside the running writer).
function countRows(dbFile, sql) {
  const Database = require(path.join(HERE, 'peer', 'node_modules', 'better-sqlite3'));
  const db = new Database(dbFile, { readonly: true, fileMustExist: true });
  const n = db.prepare(sql).pluck().get();
  db.close();
  return n;
}

const ms = (us) => (us / 1000).toFixed(2);
const fmt = (n) => Math.round(n).toLocaleString('en-US');

function printTable(title, rows) {
  console.log(`\n${title}`);
  console.log('| server | endpoint | conns | req/s (best) | all runs | p50 ms | p99 ms | p99.9 ms | CPU µs/req | non-2xx |');
  console.log('|---|---|---|---|---|---|---|---|---|---|');
  for (const r of rows) {
    console.log(`| ${r.server} | ${r.endpoint} | ${r.connections} | ${fmt(r.rps)} | ${r.allRps.map(fmt).join(' / ')} | ` +
      `${ms(r.p50)} | ${ms(r.p99)} | ${ms(r.p999)} | ${r.cpu_us.toFixed(0)} | ${r.non2xx + r.socket_errors} |`);
  }
}

async function main() {
  fs.mkdirSync(WORK, { recursive: true });
  for (const name of fs.readdirSync(WORK)) {
    if (name.endsWith('.log') || name.startsWith('requests.')) fs.rmSync(path.join(WORK, name));
  }
  // Every click accepts a task of its own: enough for every click point at --max-rps.
  const awaiting = Math.ceil(MAX_RPS * DURATION) * CONNECTIONS.length * RUNS + 1000;
  const port = 18443;

  await startFakeSlack();  // stopped with the other children when this run ends

  // A fresh database: Accord, then the peer, each alone on the machine.
  const accord = await startAccord('accord-empty', port, ['--awaiting', String(awaiting), '--spread', opt.spread]);
  const clicks = { next: 2, awaiting };
  const accordReply = await checkServer(accord, 1);
  log(`Accord answers task add with ${accordReply.blocks.length} blocks: ${accordReply.text}`);
  // The floor first: after the clicks the outbox still delivers their backlog, and its CPU would
  // count against /healthz.
  const floorRows = opt['skip-floor'] ? [] : await measureGet(accord, '/healthz', 'healthz');
  const accordRows = await measure(accord, clicks, 'fresh');
  const accordRss = peakRss(accord.child.pid);
  const accepted = countRows(accord.db, "SELECT count(*) FROM decision_log WHERE action = 'task.accept'");
  const added = countRows(accord.db, "SELECT count(*) FROM decision_log WHERE action = 'task.add'");
  await stop(accord.child);
  const delivered = countRows(accord.db, "SELECT count(*) FROM outbox WHERE status = 'delivered'");
  const outboxRows = countRows(accord.db, 'SELECT count(*) FROM outbox');
  const postgresql = opt.postgresql ? await measurePostgresql(opt.postgresql, awaiting, port + 10) : null;
  let staticRows = [];
  let staticRss = 0;
  if (!opt['skip-static']) {
    const nginx = await startStatic(port + 3, path.join(accord.dataDir, 'tls'));
    staticRows = await measureGet(nginx, '/', 'static');
    staticRss = peakRss(nginx.child.pid);
    await stop(nginx.child);
  }
  if (opt['skip-peer']) {
    printTable(`Accord alone, ${DURATION} s per point, best of ${RUNS} runs by throughput`,
      [...accordRows, ...floorRows, ...staticRows]);
    console.log(`Outbox: ${fmt(delivered)} of ${fmt(outboxRows)} messages delivered by shutdown.`);
    console.log(`Peak RSS (VmHWM): Accord ${accordRss.toFixed(1)} MiB`);
    if (postgresql) printPostgresql(postgresql.rows, accordRows);
    return;
  }

  const peer = await startPeer(port + 1, path.join(accord.dataDir, 'tls'));
  const peerReply = await checkServer(peer, 1);
  log(`peer answers task add with ${peerReply.blocks.length} blocks: ${peerReply.text}`);
  // The peer checks no task, so its clicks need no supply.
  const peerRows = await measure(peer, { next: 2, awaiting: Infinity }, 'fresh');
  const peerRss = peakRss(peer.child.pid);
  await stop(peer.child);

  printTable(`Fresh database (the bench project only), ${DURATION} s per point, best of ${RUNS} runs by throughput`,
    [...accordRows, ...floorRows, ...peerRows, ...staticRows]);
  console.log(`\nAccord recorded ${fmt(added)} task.add and ${fmt(accepted)} task.accept decisions ` +
    `(every accepted click decided a task of its own); its outbox delivered ${fmt(delivered)} of ` +
    `${fmt(outboxRows)} messages to the fake Slack by shutdown.`);
  console.log('\n| endpoint | conns | Accord/peer throughput | Accord/nginx static | Accord/peer CPU per request | Accord p99 ms | peer p99 ms |');
  console.log('|---|---|---|---|---|---|---|');
  for (const a of accordRows) {
    const p = peerRows.find((r) => r.endpoint === a.endpoint && r.connections === a.connections);
    const n = staticRows.find((r) => r.connections === a.connections);
    console.log(`| ${a.endpoint} | ${a.connections} | ${(a.rps / p.rps).toFixed(1)}× | ` +
      `${n ? `${((100 * a.rps) / n.rps).toFixed(0)} %` : '-'} | ${(a.cpu_us / p.cpu_us).toFixed(2)} | ${ms(a.p99)} | ${ms(p.p99)} |`);
  }
  console.log(`\nPeak RSS (VmHWM): Accord ${accordRss.toFixed(1)} MiB, peer ${peerRss.toFixed(1)} MiB, ` +
    `peer/Accord ${(peerRss / accordRss).toFixed(1)}×${staticRss ? `; nginx static ${staticRss.toFixed(1)} MiB` : ''}`);
  if (postgresql) printPostgresql(postgresql.rows, accordRows);

  if (opt['skip-growth']) return;
  // Growth: the same load on a database with a large history.
  const grown = await startAccord('accord-history', port + 2, ['--awaiting', String(awaiting),
    '--projects', opt['history-projects'], '--tasks', opt['history-tasks']]);
  const bytes = fs.statSync(grown.db).size;
  await checkServer(grown, 1);
  const grownRows = await measure(grown, { next: 2, awaiting }, 'history');
  const grownRss = peakRss(grown.child.pid);
  await stop(grown.child);
  printTable(`Accord on a database of ${fmt(Number(opt['history-projects']))} projects and ` +
    `${fmt(Number(opt['history-tasks']))} tasks (${(bytes / 1048576).toFixed(0)} MiB)`, grownRows);
  console.log('\n| endpoint | conns | req/s fresh | req/s with history | ratio |');
  console.log('|---|---|---|---|---|');
  for (const g of grownRows) {
    const e = accordRows.find((r) => r.endpoint === g.endpoint && r.connections === g.connections);
    console.log(`| ${g.endpoint} | ${g.connections} | ${fmt(e.rps)} | ${fmt(g.rps)} | ${(g.rps / e.rps).toFixed(2)} |`);
  }
  console.log(`\nPeak RSS with history: ${grownRss.toFixed(1)} MiB`);
}

// process.exit: the fake Slack child would otherwise keep this process alive.
main().then(() => process.exit(0), (error) => {
  console.error(error);
  process.exit(1);
});
