// Writes the seed corpus of fuzz_teams_jwt (tests/fuzz/corpus/fuzz_teams_jwt/): inputs of four
// lines (Authorization header, OpenID metadata, JWKS, activity) shaped like the Bot Framework
// channel's, signed RS256 with a key made here, valid at the target's clock (2026-01-15T12:00Z),
// and the near misses the check must refuse. Node built-ins only:
//   node tests/fuzz/make_teams_jwt_seeds.js
'use strict';

const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');

const NOW = Date.UTC(2026, 0, 15, 12, 0, 0) / 1000;
const APP_ID = '00000000-0000-0000-0000-00000000b0f1';
const SERVICE_URL = 'https://smba.trafficmanager.net/emea/';
const KID = 'd5Xz0xEWhiV7yOpcMWPNgDNmZUM';
const dir = path.join(__dirname, 'corpus', 'fuzz_teams_jwt');

const { privateKey, publicKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
const jwk = publicKey.export({ format: 'jwk' });
const b64 = (value) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');

function token(header, claims, key = privateKey) {
  const input = `${b64(header)}.${b64(claims)}`;
  return `${input}.${crypto.sign('sha256', Buffer.from(input), key).toString('base64url')}`;
}

const metadata = JSON.stringify({
  issuer: 'https://api.botframework.com',
  authorization_endpoint: 'https://invalid.botframework.com',
  jwks_uri: 'https://login.example.test/v1/.well-known/keys',
  id_token_signing_alg_values_supported: ['RS256'],
  token_endpoint_auth_methods_supported: ['private_key_jwt'],
});
const jwks = (endorsements = ['msteams', 'webchat']) => JSON.stringify({
  keys: [{ kty: 'RSA', use: 'sig', kid: KID, x5t: KID, n: jwk.n, e: jwk.e, endorsements },
    { kty: 'EC', use: 'sig', kid: 'ec-key', crv: 'P-256', x: 'AA', y: 'AA' }],
});
const header = { alg: 'RS256', kid: KID, x5t: KID, typ: 'JWT' };
const claims = {
  serviceurl: SERVICE_URL, nbf: NOW - 300, exp: NOW + 3300, iss: 'https://api.botframework.com', aud: APP_ID,
};
const activity = JSON.stringify({
  type: 'message', id: '1485983408511', timestamp: '2026-01-15T11:59:58.000Z', serviceUrl: SERVICE_URL,
  channelId: 'msteams', from: { id: '29:1XJKJMvc5GBtc2JwZq0oj8tHZmzrQgFmB', aadObjectId: '6b8f1f8e' },
  conversation: { conversationType: 'personal', tenantId: '72f988bf', id: 'a:1pL6Q' },
  recipient: { id: `28:${APP_ID}`, name: 'Accord' }, text: 'task add "Export invoices"', textFormat: 'plain',
  channelData: { tenant: { id: '72f988bf' } },
});

const seeds = {
  valid: [`Bearer ${token(header, claims)}`, metadata, jwks(), activity],
  valid_any_channel: [`Bearer ${token(header, { ...claims, aud: [APP_ID, 'other'] })}`, metadata, jwks(undefined), activity],
  expired: [`Bearer ${token(header, { ...claims, nbf: NOW - 7200, exp: NOW - 3600 })}`, metadata, jwks(), activity],
  not_yet_valid: [`Bearer ${token(header, { ...claims, nbf: NOW + 3600, exp: NOW + 7200 })}`, metadata, jwks(), activity],
  wrong_audience: [`Bearer ${token(header, { ...claims, aud: 'someone-else' })}`, metadata, jwks(), activity],
  wrong_issuer: [`Bearer ${token(header, { ...claims, iss: 'https://sts.windows.net/x/' })}`, metadata, jwks(), activity],
  not_endorsed: [`Bearer ${token(header, claims)}`, metadata, jwks(['skype']), activity],
  other_service_url: [`Bearer ${token(header, { ...claims, serviceurl: 'https://evil.example/' })}`, metadata, jwks(),
    activity.replace(SERVICE_URL, 'https://evil.example/')],
  unknown_kid: [`Bearer ${token({ ...header, kid: 'rotated' }, claims)}`, metadata, jwks(), activity],
  other_key: [`Bearer ${token(header, claims, crypto.generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey)}`,
    metadata, jwks(), activity],
  hs256: [`Bearer ${b64({ alg: 'HS256', typ: 'JWT' })}.${b64(claims)}.${crypto.createHmac('sha256', 'k').update('x').digest('base64url')}`,
    metadata, jwks(), activity],
  alg_none: [`Bearer ${b64({ alg: 'none' })}.${b64(claims)}.`, metadata, jwks(), activity],
  critical: [`Bearer ${token({ ...header, crit: ['exp'] }, claims)}`, metadata, jwks(), activity],
  padded: [`Bearer ${token(header, claims).replace(/\.([^.]*)$/, '.$1==')}`, metadata, jwks(), activity],
  no_jwks_uri: [`Bearer ${token(header, claims)}`, '{"issuer":"https://api.botframework.com"}', jwks(), activity],
  basic_auth: ['Basic dXNlcjpwYXNz', metadata, jwks(), activity],
};

fs.mkdirSync(dir, { recursive: true });
for (const [name, lines] of Object.entries(seeds)) fs.writeFileSync(path.join(dir, name), lines.join('\n'));
console.log(`wrote ${Object.keys(seeds).length} seeds to ${dir}`);
