// The peer of tests/bench/run.sh: Accord's two benchmarked handlers written the way a Bolt app
// would write them, to compare against. Same work per request: Bolt's own signature check on the
// raw body, one SQLite insert (WAL, synchronous=NORMAL, as Accord), and the same reply shape.
//   /accord task add "Title" estimate=2h  → inserts a task, answers an ephemeral Block Kit message
//   a click on an "accord.command#N" button → inserts a decision row, acknowledged with an empty 200
// Served over HTTPS with the certificate Accord generated: Bolt's ExpressReceiver, its Express app
// mounted on a node:https server (app.start() would listen on plain HTTP).
//
// Usage: node peer.js --port 8444 --db peer.db --cert cert.pem --key key.pem
// The signing secret comes from BENCH_SIGNING_SECRET.
'use strict';

const fs = require('node:fs');
const https = require('node:https');
const { parseArgs } = require('node:util');
const { App, ExpressReceiver, LogLevel } = require('@slack/bolt');
const Database = require('better-sqlite3');

const { values: options } = parseArgs({
  options: {
    port: { type: 'string', default: '8444' },
    db: { type: 'string', default: 'peer.db' },
    cert: { type: 'string' },
    key: { type: 'string' },
  },
});

const db = new Database(options.db);
db.pragma('journal_mode = WAL');
db.pragma('synchronous = NORMAL');
db.exec(`
  CREATE TABLE IF NOT EXISTS tasks (
    id INTEGER PRIMARY KEY, workspace TEXT NOT NULL, channel TEXT NOT NULL, title TEXT NOT NULL,
    estimate_hours REAL, created_by TEXT NOT NULL, created_at INTEGER NOT NULL);
  CREATE TABLE IF NOT EXISTS decisions (
    id INTEGER PRIMARY KEY, workspace TEXT NOT NULL, actor TEXT NOT NULL, action TEXT NOT NULL,
    object TEXT NOT NULL, at INTEGER NOT NULL);
`);
const insertTask = db.prepare(
  'INSERT INTO tasks (workspace, channel, title, estimate_hours, created_by, created_at) ' +
  'VALUES (?, ?, ?, ?, ?, ?)');
const insertDecision = db.prepare(
  'INSERT INTO decisions (workspace, actor, action, object, at) VALUES (?, ?, ?, ?, ?)');

const receiver = new ExpressReceiver({
  signingSecret: process.env.BENCH_SIGNING_SECRET,
  endpoints: { commands: '/slack/commands', interactive: '/slack/interactive' },
  logLevel: LogLevel.WARN,
});
const app = new App({
  receiver,
  token: 'xoxb-bench-peer',
  // Known bot ids: Bolt then never calls auth.test (there is no Slack to call).
  botId: 'B0BENCH01',
  botUserId: 'U0BOT0001',
  tokenVerificationEnabled: false,
  logLevel: LogLevel.WARN,
});

// `task add "Title" estimate=2h`: the title in quotes, an optional estimate in hours.
function parseTaskAdd(text) {
  const match = /^task add "([^"]+)"(?: estimate=(\d+(?:\.\d+)?)h)?\s*$/.exec(text);
  return match ? { title: match[1], estimate: match[2] ? Number(match[2]) : null } : null;
}

// The shape of Accord's answer to `task add`: a section with the task and three fields, its
// button, and a context line.
function taskAddedMessage(number, task, user) {
  const id = `T-${number}`;
  return {
    response_type: 'in_channel',
    text: `Task ${id} added: ${task.title}`,
    blocks: [
      {
        type: 'section',
        text: { type: 'mrkdwn', text: `Task *${id}* added: *${task.title}*` },
        fields: [
          { type: 'mrkdwn', text: '*Kind*\nfeature' },
          { type: 'mrkdwn', text: '*Priority*\nmedium' },
          { type: 'mrkdwn', text: `*Estimate*\n${task.estimate === null ? '—' : `${task.estimate}h`}` },
        ],
      },
      {
        type: 'actions',
        elements: [{
          type: 'button', text: { type: 'plain_text', text: `Show ${id}`, emoji: true },
          action_id: 'accord.command#0', value: `task show ${id}`,
        }],
      },
      {
        type: 'context',
        elements: [{
          type: 'mrkdwn',
          text: `Added by <@${user}>. It starts at medium priority; the customer or a delegate sets it with ` +
            `\`/accord task priority ${id} &lt;priority&gt;\`.`,
        }],
      },
    ],
  };
}

app.command('/accord', async ({ command, ack }) => {
  const task = parseTaskAdd(command.text);
  if (!task) {
    await ack({ response_type: 'ephemeral', text: 'Try `/accord task add "Title"`.' });
    return;
  }
  const { lastInsertRowid } = insertTask.run(command.team_id, command.channel_id, task.title,
    task.estimate, command.user_id, Date.now());
  await ack(taskAddedMessage(lastInsertRowid, task, command.user_id));
});

// A click on one of Accord's command buttons: the decision is recorded, then acknowledged.
app.action(/^accord\.command/, async ({ body, action, ack }) => {
  const [verb, object = ''] = String(action.value || '').split(' ');
  insertDecision.run(body.team.id, body.user.id, `task.${verb}`, object, Date.now());
  await ack();
});

const server = https.createServer({
  cert: fs.readFileSync(options.cert),
  key: fs.readFileSync(options.key),
}, receiver.app);
server.keepAliveTimeout = 60000;
server.listen(Number(options.port), '127.0.0.1', () => {
  console.log(`peer listening on https://127.0.0.1:${options.port}`);
});
for (const signal of ['SIGTERM', 'SIGINT']) {
  process.on(signal, () => server.close(() => {
    db.close();
    process.exit(0);
  }));
}
