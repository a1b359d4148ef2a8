// The Teams app package (deploy/teams): package.sh writes a zip with the manifest and both icons
// at its root, the manifest carries the bot id it was given and satisfies Microsoft's manifest
// JSON Schema (v1.19, from ../shared/conformance/teams, with the version field set to match),
// and the icons have the sizes Teams requires.
'use strict';

const { describe, it } = require('node:test');
const assert = require('node:assert/strict');
const childProcess = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const zlib = require('node:zlib');
const Ajv = require('ajv-draft-04');
const h = require('./harness');

const ROOT = path.resolve(__dirname, '../..');
const SCHEMA = path.resolve(__dirname, '../../../shared/conformance/teams/MicrosoftTeams.schema.v1.19.json');
const BOT_ID = '11111111-2222-3333-4444-555555555555';

// The entries of a zip file, read from its central directory: name -> contents.
function unzip(file) {
  const data = fs.readFileSync(file);
  const end = data.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const count = data.readUInt16LE(end + 10);
  let offset = data.readUInt32LE(end + 16);
  const entries = {};
  for (let i = 0; i < count; i++) {
    const method = data.readUInt16LE(offset + 10);
    const size = data.readUInt32LE(offset + 20);
    const nameLength = data.readUInt16LE(offset + 28);
    const extra = data.readUInt16LE(offset + 30) + data.readUInt16LE(offset + 32);
    const local = data.readUInt32LE(offset + 42);
    const name = data.toString('utf8', offset + 46, offset + 46 + nameLength);
    const start = local + 30 + data.readUInt16LE(local + 26) + data.readUInt16LE(local + 28);
    const raw = data.subarray(start, start + size);
    entries[name] = method === 8 ? zlib.inflateRawSync(raw) : raw;
    offset += 46 + nameLength + extra;
  }
  return entries;
}

function pngSize(buffer) {
  assert.equal(buffer.toString('latin1', 1, 4), 'PNG');
  return [buffer.readUInt32BE(16), buffer.readUInt32BE(20)];
}

describe('Teams app package', () => {
  it('package.sh writes manifest.json and the icons at the zip root with the bot id', () => {
    const out = path.join(h.makeTempDir('accord-teams-pkg-'), 'accord-teams.zip');
    childProcess.execFileSync(path.join(ROOT, 'deploy/teams/package.sh'), [BOT_ID, 'accord.example.org', out]);
    const entries = unzip(out);
    assert.deepEqual(Object.keys(entries).sort(), ['color.png', 'manifest.json', 'outline.png']);
    const manifest = JSON.parse(entries['manifest.json'].toString('utf8'));
    assert.equal(manifest.bots[0].botId, BOT_ID);
    assert.deepEqual(manifest.validDomains, ['accord.example.org']);
    assert.deepEqual(pngSize(entries['color.png']), [192, 192]);
    assert.deepEqual(pngSize(entries['outline.png']), [32, 32]);
  });

  it('refuses an app id that is not a GUID', () => {
    const run = childProcess.spawnSync(path.join(ROOT, 'deploy/teams/package.sh'), ['not-a-guid'], { encoding: 'utf8' });
    assert.notEqual(run.status, 0);
    assert.match(run.stderr, /GUID/);
  });

  it('the manifest satisfies the Teams manifest schema and lists commands of the grammar', () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'deploy/teams/manifest.json'), 'utf8'));
    const schema = JSON.parse(fs.readFileSync(SCHEMA, 'utf8'));
    const validate = new Ajv({ strict: false, allErrors: true }).compile(schema);
    // Written for 1.24; the bundled schema is 1.19, whose fields it must still satisfy.
    const asOld = { ...manifest, manifestVersion: '1.19', $schema: undefined };
    delete asOld.$schema;
    assert.ok(validate(asOld), JSON.stringify(validate.errors, null, 2));
    const titles = manifest.bots[0].commandLists.flatMap((list) => list.commands.map((c) => c.title));
    for (const command of ['help', 'setup', 'accept', 'roadmap', 'problem report']) assert.ok(titles.includes(command), command);
    assert.ok(manifest.bots[0].scopes.includes('personal') && manifest.bots[0].scopes.includes('team'));
  });
});
