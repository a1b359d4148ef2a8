// Outbound delivery through the outbox, against a fake Slack that misbehaves on cue: a 429 is
// honoured (Retry-After) and the DM still arrives exactly once; a permanent error (channel_not_found)
// is not retried; a transient 500 is retried; persistent 500s stop after max_attempts.
// Each test sets up its own project and adds a fresh customer, whose role DM is the message observed.
'use strict';

const { describe, it, before, after } = require('node:test');
const assert = require('node:assert/strict');
const h = require('./harness');

const TEAM = 'T0E2E0001';
const PM = 'U0OUTPM01';

describe('outbox', () => {
  let fake;
  let accord;

  before(async () => {
    fake = await h.startFakeSlack();
    accord = await h.startAccord({ fake,
      config: { outbox: { initial_backoff: 1, max_attempts: 3, request_timeout: 2 } } });
  });

  after(async () => {
    if (accord) await accord.stop();
    if (fake) await fake.stop();
  });

  const postsTo = (dm) => fake.apiCalls('chat.postMessage').filter((c) => c.body && c.body.channel === dm);

  // Sets up a project in `channel` and adds `user` as customer; returns the DM channel id.
  async function addCustomer(channel, user) {
    const setup = await h.slashCommand(accord, { user: PM, channel, team: TEAM, text: `setup "Outbox ${channel}"` });
    h.expectReply(setup, 'in_channel');
    const add = await h.slashCommand(accord, { user: PM, channel, team: TEAM, text: `role add <@${user}> customer` });
    h.expectReply(add, 'ephemeral');
    return `D${user}`;
  }

  it('honours a 429 Retry-After and still delivers the DM exactly once', async () => {
    const user = 'U0RATE001';
    // Retry-After: 3 is longer than the 1 s backoff and the 1 s per-channel pacing, so an early
    // retry cannot pass for honouring it.
    fake.options.rateLimitOnce = { method: 'chat.postMessage', channel: `D${user}`, retryAfter: 3 };
    const dm = await addCustomer('C0OUTRATE', user);

    const limited = await h.waitFor(() => postsTo(dm).find((c) => c.status === 429), 8000, { message: 'the 429' });
    const delivered = await h.waitFor(() => postsTo(dm).find((c) => c.status === 200), 10000,
      { message: 'delivery after the 429' });
    const waited = delivered.at - limited.at;
    assert.ok(waited >= 2900, `retried ${waited} ms after a 429 with Retry-After: 3`);
    assert.ok(waited < 8000, `waited ${waited} ms after a 429 with Retry-After: 3`);

    await h.sleep(1500);
    assert.equal(postsTo(dm).filter((c) => c.status === 200).length, 1, 'delivered exactly once');
    assert.equal(postsTo(dm).length, 2, 'one rate-limited call and one delivery');
  });

  it('after a 429, waits Retry-After before calling chat.postMessage again for the workspace', async () => {
    // Slack blocks the method for the whole workspace, not just the message that got the 429.
    const first = 'U0RLA0001';
    const second = 'U0RLB0001';
    fake.options.rateLimitOnce = { method: 'chat.postMessage', channel: `D${first}`, retryAfter: 3 };
    await addCustomer('C0OUTRLWS', first);
    const limited = await h.waitFor(() => postsTo(`D${first}`).find((c) => c.status === 429), 8000, { message: 'the 429' });
    const add = await h.slashCommand(accord, { user: PM, channel: 'C0OUTRLWS', team: TEAM, text: `role add <@${second}> dev` });
    h.expectReply(add, 'ephemeral');

    const next = await h.waitFor(() => postsTo(`D${second}`).find((c) => c.status === 200), 10000,
      { message: `the DM to ${second}` });
    const gap = next.at - limited.at;
    assert.ok(gap >= 2900, `chat.postMessage was called ${gap} ms after a 429 with Retry-After: 3`);
  });

  it('keeps the order of messages to one conversation across a 429', async () => {
    const user = 'U0ORDER01';
    fake.options.rateLimitOnce = { method: 'chat.postMessage', channel: `D${user}`, retryAfter: 2 };
    const dm = await addCustomer('C0OUTORDR', user);
    await h.waitFor(() => postsTo(dm).find((c) => c.status === 429), 8000, { message: 'the 429' });
    const add = await h.slashCommand(accord, { user: PM, channel: 'C0OUTORDR', team: TEAM, text: `role add <@${user}> qa` });
    h.expectReply(add, 'ephemeral');

    const deliveries = await h.waitFor(() => {
      const ok = postsTo(dm).filter((c) => c.status === 200);
      return ok.length >= 2 && ok;
    }, 10000, { message: 'both DMs' });
    const content = deliveries.map((c) => `${c.body.text || ''} ${h.replyText(c.body)}`);
    assert.match(content[0], /customer/, `first delivered: ${content[0]}`);
    assert.match(content[1], /\bqa\b/, `second delivered: ${content[1]}`);
  });

  it('does not retry a permanent error (channel_not_found)', async () => {
    const user = 'U0GONE001';
    fake.options.failWith = { method: 'chat.postMessage', channel: `D${user}`, error: 'channel_not_found' };
    const dm = await addCustomer('C0OUTGONE', user);

    await h.waitFor(() => postsTo(dm).length, 8000, { message: 'the first delivery attempt' });
    await h.sleep(3000);
    assert.equal(postsTo(dm).length, 1, 'a channel_not_found message is not retried');
    fake.options.failWith = null;
  });

  it('retries after a transient HTTP 500 and delivers exactly once', async () => {
    const user = 'U0FLAKY01';
    fake.options.status500Once = { method: 'chat.postMessage', channel: `D${user}` };
    const dm = await addCustomer('C0OUTFLAK', user);

    await h.waitFor(() => postsTo(dm).find((c) => c.status === 500), 8000, { message: 'the failing attempt' });
    await h.waitFor(() => postsTo(dm).find((c) => c.status === 200), 8000, { message: 'the retry' });
    await h.sleep(1500);
    assert.equal(postsTo(dm).filter((c) => c.status === 200).length, 1, 'delivered exactly once');
  });

  it('a call Slack never answers times out and is retried; the DM arrives once', async () => {
    const user = 'U0HANG001';
    fake.options.hangOnce = { method: 'chat.postMessage', channel: `D${user}` };
    const dm = await addCustomer('C0OUTHANG', user);

    await h.waitFor(() => postsTo(dm).find((c) => c.status === 'hung'), 8000, { message: 'the stalled call' });
    const answered = await h.waitFor(() => postsTo(dm).find((c) => c.status === 200), 10000,
      { message: 'the retry after the 2 s timeout' });
    const hung = postsTo(dm).find((c) => c.status === 'hung');
    assert.ok(answered.at - hung.at >= 1900, `retried ${answered.at - hung.at} ms after the stall`);
    await h.sleep(1500);
    assert.equal(postsTo(dm).filter((c) => c.status === 200).length, 1, 'delivered exactly once');
  });

  it('gives up after max_attempts (3) when Slack keeps failing', async () => {
    const user = 'U0DOWN001';
    fake.options.status500Always = { method: 'chat.postMessage', channel: `D${user}` };
    const dm = await addCustomer('C0OUTDOWN', user);

    // Backoff 1 s, then 2 s (plus jitter): three attempts fit well within 8 s.
    await h.waitFor(() => postsTo(dm).length >= 2, 8000, { message: 'a retry after a 500' });
    await h.sleep(6500);
    assert.equal(postsTo(dm).length, 3, 'exactly max_attempts = 3 attempts, then the message is dead-lettered');
    fake.options.status500Always = null;
    // An admin sees the dead letter on the readiness endpoint.
    const ready = await accord.request({ path: '/readyz' });
    assert.ok(JSON.parse(ready.body).outbox_dead >= 1, ready.body);
  });

  it('keeps serving commands while deliveries are failing', async () => {
    const res = await h.slashCommand(accord, { user: PM, channel: 'C0OUTRATE', team: TEAM, text: 'roles' });
    const { text } = h.expectReply(res, 'ephemeral');
    assert.ok(res.elapsedMs < 1000, `roles took ${res.elapsedMs} ms`);
    assert.ok(text.includes('<@U0RATE001>') || JSON.stringify(res.json).includes('<@U0RATE001>'));
  });
});
