// Crash safety (issue 8): a stream of acceptances and change-request approvals, the server killed
// with SIGKILL in the middle of it, restarted on the same data. Every request that was answered
// 200 is in the store and in the decision log, and each notification it queued reaches Slack
// exactly once after the restart. The same for Teams, which re-sends an activity it saw no answer
// to: after the restart every activity of the stream has run exactly once.
'use strict';

const { describe, it, before, after } = require('node:test');
const assert = require('node:assert/strict');
const h = require('./harness');
const { startTeamsChannel, activity, cardsOf, cardText, APP_ID } = require('./teams_channel');

const TEAM = 'T0E2E0001';
const CHANNEL = 'C0CRASH01';
const PM = 'U0CRPM001';
const CUST = 'U0CRCU001';
const DEV = 'U0CRDV001';
const TASKS = 10;
const CHANGES = 4;

describe('crash safety', () => {
  let fake;
  let accord;

  before(async () => {
    fake = await h.startFakeSlack();
    accord = await h.startAccord({ fake });
  });

  after(async () => {
    if (accord) await accord.stop();
    if (fake) await fake.stop();
  });

  const run = async (user, text) => {
    const res = await h.slashCommand(accord, { user, channel: CHANNEL, team: TEAM, text });
    assert.equal(res.status, 200, res.body);
    return h.replyText(JSON.parse(res.body));
  };

  it('every answered approval and acceptance survives kill -9; notifications go out once', async () => {
    await run(PM, 'setup "Phoenix" tz=UTC');
    await run(PM, `role add <@${CUST}> customer`);
    await run(PM, `role add <@${DEV}> dev`);
    for (let i = 1; i <= TASKS; i += 1) {
      assert.match(await run(DEV, `task add "Task number ${i}" estimate=2h`), new RegExp(`T-${i}\\b`));
      assert.match(await run(DEV, `task done T-${i}`), new RegExp(`T-${i}\\b`));
    }
    for (let i = 1; i <= CHANGES; i += 1) {
      assert.match(await run(PM, `roadmap add "Item ${i}" due=2027-0${1 + (i % 9)}-15 reason="Needed"`),
        new RegExp(`CR-${i}\\b`));
    }

    // The stream: acceptances and approvals interleaved, a few in flight at a time; the server
    // is killed once a third of them have been answered.
    const requests = [];
    for (let i = 1; i <= TASKS; i += 1) {
      requests.push({ kind: 'task', id: `T-${i}`, text: `accept T-${i}` });
      if (i <= CHANGES) requests.push({ kind: 'cr', id: `CR-${i}`, text: `approve CR-${i}` });
    }
    const answered = [];
    let killed = false;
    const send = async (request) => {
      if (killed) return;
      try {
        const res = await h.slashCommand(accord, { user: CUST, channel: CHANNEL, team: TEAM, text: request.text });
        if (res.status === 200) answered.push(request);
      } catch (e) {
        // In flight when the server died: not acknowledged, so nothing is promised about it.
      }
      if (!killed && answered.length >= Math.floor(requests.length / 3)) {
        killed = true;
        accord.proc.kill('SIGKILL');
      }
    };
    for (let i = 0; i < requests.length; i += 4) {
      await Promise.all(requests.slice(i, i + 4).map(send));
    }
    await accord.exited;
    assert.ok(answered.length >= Math.floor(requests.length / 3), `answered ${answered.length}`);
    assert.ok(answered.length < requests.length, 'the kill came in the middle of the stream');

    const { dataDir, port, secret } = accord;
    accord = await h.startAccord({ fake, dataDir, port, secret });

    const log = await run(PM, 'log 200');
    for (const request of answered) {
      if (request.kind === 'task') {
        assert.match(await run(PM, `task show ${request.id}`), /accepted/i, `${request.id} was answered 200`);
        assert.match(log, new RegExp(`task\\.accept\\W+${request.id}\\b`), `${request.id} missing from the log`);
      } else {
        assert.match(await run(PM, 'approvals'), new RegExp(`^(?![\\s\\S]*${request.id}\\b)`),
          `${request.id} still pending`);
        assert.match(log, new RegExp(`change_request\\.approve\\W+${request.id}\\b`), `${request.id} missing from the log`);
      }
    }

    // Each answered acceptance told the channel once, before or after the crash.
    const told = (id) => fake.apiCalls('chat.postMessage').filter((c) => c.status === 200 &&
      c.body.channel === CHANNEL && new RegExp(`${id}\\b.*was accepted`).test(h.replyText(c.body)));
    const accepted = answered.filter((r) => r.kind === 'task');
    // Posts to one channel are paced at one a second, so this takes a while.
    await h.waitFor(() => accepted.every((r) => told(r.id).length >= 1), 60000,
      { message: 'every acceptance announced in the channel' });
    await h.sleep(2000);
    for (const request of accepted) assert.equal(told(request.id).length, 1, `${request.id} announced once`);
  });
});

describe('crash safety: Teams', () => {
  const CONVERSATION = '19:e2eCrashChannel@thread.tacv2';
  const TPM = { id: '29:1pmCrashAAAA-bbbb', name: 'Pat Crash' };
  const TDEV = { id: '29:1devCrashCCCC-dddd', name: 'Dev Crash' };
  const BOT = { id: `28:${APP_ID}`, name: 'Accord' };
  const ACTIVITIES = 30;
  // Many requests in flight at once, so the kill finds some of them half done.
  const config = { server: { threads: 8 } };
  let channel;
  let accord;

  before(async () => {
    channel = await startTeamsChannel();
    accord = await h.startAccord({ env: channel.env(), config });
  });

  after(async () => {
    if (accord) await accord.stop();
    if (channel) await channel.stop();
  });

  const deliver = (body) => accord.request({
    method: 'POST', path: '/api/messages',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${channel.mint()}` },
    body: JSON.stringify(body),
  });
  const typed = (user, text, mentions = []) => activity(channel, {
    user: user.id, name: user.name, conversation: CONVERSATION, conversationType: 'channel',
    text: `<at>Accord</at> ${text}`, mentions: [BOT, ...mentions],
  });

  it('every activity runs exactly once across kill -9 and Teams\' re-deliveries', async () => {
    assert.equal((await deliver(typed(TPM, 'setup "Atlas" tz=UTC'))).status, 200);
    assert.equal((await deliver(typed(TPM, `role add <at>${TDEV.name}</at> dev`, [TDEV]))).status, 200);

    const stream = [];
    for (let i = 1; i <= ACTIVITIES; i += 1) stream.push(typed(TDEV, `task add "Crash task ${i}" estimate=1h`));
    let answered = 0;
    let killed = false;
    const send = async (body) => {
      if (killed) return;
      try {
        if ((await deliver(body)).status === 200) answered += 1;
      } catch (e) {
        // In flight when the server died: Teams sees no answer and sends it again.
      }
      if (!killed && answered >= ACTIVITIES / 3) {
        killed = true;
        accord.proc.kill('SIGKILL');
      }
    };
    // Ten deliveries in flight at all times, as a busy channel's would be.
    const queue = [...stream];
    const worker = async () => {
      while (queue.length > 0 && !killed) await send(queue.shift());
    };
    await Promise.all(Array.from({ length: 10 }, worker));
    await accord.exited;
    assert.ok(answered < ACTIVITIES, 'the kill came in the middle of the stream');

    const { dataDir, port } = accord;
    accord = await h.startAccord({ env: channel.env(), config, dataDir, port });
    // Teams re-sends what it saw no answer to; the answered ones are sent again too, to show a
    // repeat is recognised after a restart.
    for (const body of stream) assert.equal((await deliver(body)).status, 200);

    const exported = await h.runAccord(['export', '--project', '1'], { env: { ACCORD_DATA_DIR: dataDir } });
    assert.equal(exported.code, 0, exported.stderr);
    const titles = JSON.parse(exported.stdout).tasks.map((t) => t.title);
    for (let i = 1; i <= ACTIVITIES; i += 1) {
      assert.equal(titles.filter((t) => t === `Crash task ${i}`).length, 1, `Crash task ${i} added once`);
    }

    // Each addition told the channel once, before or after the crash.
    const told = (i) => channel.connectorCalls((c) => c.method === 'POST' && c.status < 300 &&
      c.path === `/teams/v3/conversations/${encodeURIComponent(CONVERSATION)}/activities` &&
      cardsOf(c).some((card) => new RegExp(`Crash task ${i}\\b`).test(cardText(card))));
    await h.waitFor(() => stream.every((_, i) => told(i + 1).length >= 1), 30000,
      { message: 'every addition announced in the channel' });
    await h.sleep(1500);
    for (let i = 1; i <= ACTIVITIES; i += 1) assert.equal(told(i).length, 1, `Crash task ${i} announced once`);
  });
});
