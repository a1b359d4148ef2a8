// A minimal Slack for tests/bench/run.sh: where Accord's outbox delivers during the benchmark
// (response_url posts and Web API calls), answering at once as Slack would, over HTTPS with
// keep-alive, so a delivery costs Accord what it costs in production, once.
//   node fake_slack.js --port 18450 --cert cert.pem --key key.pem
'use strict';

const fs = require('node:fs');
const https = require('node:https');
const { parseArgs } = require('node:util');

const { values: options } = parseArgs({
  options: { port: { type: 'string' }, cert: { type: 'string' }, key: { type: 'string' } },
});

let ts = 1764500000;
const answers = {
  'chat.postMessage': (body) => ({ ok: true, channel: body.channel, ts: `${(ts += 1)}.000100` }),
  'chat.update': (body) => ({ ok: true, channel: body.channel, ts: body.ts }),
  'conversations.open': () => ({ ok: true, channel: { id: 'D0BENCH01' } }),
  'users.info': (body) => ({ ok: true, user: { id: body.user, tz: 'UTC', tz_offset: 0 } }),
};

function parse(type, text) {
  try {
    return /json/.test(type || '') ? JSON.parse(text) : Object.fromEntries(new URLSearchParams(text));
  } catch {
    return {};
  }
}

const server = https.createServer({
  cert: fs.readFileSync(options.cert), key: fs.readFileSync(options.key), keepAliveTimeout: 60000,
}, (req, res) => {
  let text = '';
  req.on('data', (chunk) => (text += chunk));
  req.on('end', () => {
    if (req.url.startsWith('/hooks/')) {
      res.writeHead(200, { 'Content-Type': 'text/plain' });
      res.end('ok');
      return;
    }
    const method = req.url.replace(/^\/api\//, '').split('?')[0];
    const answer = answers[method] ? answers[method](parse(req.headers['content-type'], text)) : { ok: true };
    res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8' });
    res.end(JSON.stringify(answer));
  });
});
server.listen(Number(options.port), '127.0.0.1', () => console.log(`fake Slack on ${options.port}`));
process.on('SIGTERM', () => process.exit(0));
