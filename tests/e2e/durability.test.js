// Durability across restarts on the same data directory (and the same port): acknowledged decisions
// survive SIGTERM and kill -9; a notification still queued at shutdown is delivered after the
// restart, exactly once; the generated TLS certificate is reused.
'use strict';

const { describe, it, before, after } = require('node:test');
const assert = require('node:assert/strict');
const h = require('./harness');

const TEAM = 'T0E2E0001';
const PM = 'U0DURPM01';

describe('durability', () => {
  let fake;
  let accord;
  let dataDir;
  let port;
  let secret;
  const config = { outbox: { initial_backoff: 2, max_attempts: 5 } };

  before(async () => {
    fake = await h.startFakeSlack();
    accord = await h.startAccord({ fake, config });
    ({ dataDir, port, secret } = accord);
  });

  after(async () => {
    if (accord) await accord.stop();
    if (fake) await fake.stop();
  });

  const run = (user, channel, text) => h.slashCommand(accord, { user, channel, team: TEAM, text });
  const delivered = (dm) => fake.apiCalls('chat.postMessage').filter((c) => c.status === 200 && c.body.channel === dm);

  async function restart(signal) {
    const exit = await accord.stop(signal);
    if (signal === 'SIGTERM') assert.deepEqual(exit, { code: 0, signal: null }, 'graceful shutdown exits 0');
    const previousCa = accord.ca;
    accord = await h.startAccord({ fake, config, dataDir, port, secret });
    assert.ok(accord.ca.equals(previousCa), 'the generated certificate is kept across restarts');
  }

  it('project and roles survive a SIGTERM restart; the role DM is sent exactly once', async () => {
    const channel = 'C0DURTERM';
    const customer = 'U0DURCU01';
    h.expectReply(await run(PM, channel, 'setup "Persist" tz=Europe/Berlin'), 'in_channel');
    h.expectReply(await run(PM, channel, `role add <@${customer}> customer`), 'ephemeral');

    await restart('SIGTERM');

    const roles = h.expectReply(await run(PM, channel, 'roles'), 'ephemeral');
    const blocks = JSON.stringify(roles.json.blocks);
    assert.ok(blocks.includes(`<@${customer}>`), `customer missing after restart: ${roles.text}`);
    assert.ok(blocks.includes(`<@${PM}>`), `pm missing after restart: ${roles.text}`);
    assert.match(h.expectReply(await run(PM, channel, 'setup "Again"'), 'ephemeral').text, /already/i);

    await h.waitFor(() => delivered(`D${customer}`).length, 8000, { message: 'the role DM' });
    await h.sleep(1500);
    assert.equal(delivered(`D${customer}`).length, 1, 'the role DM is delivered exactly once across the restart');
  });

  it('acknowledged decisions survive kill -9', async () => {
    const channel = 'C0DURKILL';
    const customer = 'U0DURCU02';
    h.expectReply(await run(PM, channel, 'setup "Crash" tz=Europe/Berlin'), 'in_channel');
    h.expectReply(await run(PM, channel, `role add <@${customer}> customer`), 'ephemeral');
    h.expectReply(await run(customer, channel, 'objective add "Survive crashes" target=2027-01-31'), 'in_channel');

    await restart('SIGKILL');

    const roles = h.expectReply(await run(PM, channel, 'roles'), 'ephemeral');
    assert.ok(JSON.stringify(roles.json.blocks).includes(`<@${customer}>`), `customer missing: ${roles.text}`);
    const show = h.expectReply(await run(PM, channel, 'objective show O-1'), 'ephemeral');
    assert.match(show.text, /Survive crashes/);
  });

  it('a notification still queued at shutdown is delivered after the restart, once', async () => {
    const channel = 'C0DURQUEU';
    const customer = 'U0DURCU03';
    // The first delivery attempt fails; the retry is due ~2 s later, after we have shut down.
    fake.options.status500Once = { method: 'chat.postMessage', channel: `D${customer}` };
    h.expectReply(await run(PM, channel, 'setup "Queue" tz=Europe/Berlin'), 'in_channel');
    h.expectReply(await run(PM, channel, `role add <@${customer}> customer`), 'ephemeral');
    await h.waitFor(() => fake.apiCalls('chat.postMessage').some((c) => c.status === 500 && c.body.channel === `D${customer}`),
      8000, { message: 'the failed first attempt' });

    await restart('SIGTERM');

    await h.waitFor(() => delivered(`D${customer}`).length, 12000, { message: 'delivery after the restart' });
    await h.sleep(1500);
    assert.equal(delivered(`D${customer}`).length, 1, 'delivered exactly once');
  });
});
