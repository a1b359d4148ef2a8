// A local stand-in for the Microsoft side of a Teams bot (reference/teams.md §7.2), on loopback
// over plain HTTP (Accord allows http only for a loopback serviceUrl): the channel's OpenID
// metadata and signing keys, the Entra token endpoint, and a Bot Connector that records every
// call. Tokens are minted with jsonwebtoken and a key made here; activities are shaped like the
// ones Teams sends. Uses the npm packages in tests/e2e/package.json.
'use strict';

const crypto = require('node:crypto');
const http = require('node:http');
const jwt = require('jsonwebtoken');

const APP_ID = '11111111-2222-3333-4444-555555555555';
const APP_PASSWORD = 'e2e-teams-client-secret';
const TENANT = '72f988bf-0000-4000-8000-00000000e2e0';
const KID = 'e2e-key-1';
const ISSUER = 'https://api.botframework.com';

// `anonymous`: the Connector also takes calls without a token, as the Agents Playground's does.
async function startTeamsChannel({ anonymous = false } = {}) {
  const { privateKey, publicKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = publicKey.export({ format: 'jwk' });
  const calls = [];
  const tokenRequests = [];
  const channel = {
    calls, tokenRequests, privateKey, appId: APP_ID, tenant: TENANT, issued: new Set(),
    // Set to make the Connector answer differently, e.g. { status: 429, retryAfter: 1, times: 1 }.
    failNext: null, nextId: 1000,
    // Set to make the OpenID metadata and key endpoints take requests and never answer them.
    hangKeys: false, keyRequests: 0,
  };
  const hung = new Set();

  const server = http.createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const send = (status, body, headers = {}) => {
        res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', ...headers });
        res.end(JSON.stringify(body));
      };
      const url = new URL(req.url, channel.base);
      if (url.pathname.startsWith('/v1/.well-known/')) {
        channel.keyRequests += 1;
        if (channel.hangKeys) {
          hung.add(res);
          return undefined;
        }
      }
      if (url.pathname === '/v1/.well-known/openidconfiguration') {
        return send(200, { issuer: ISSUER, jwks_uri: `${channel.base}/v1/.well-known/keys`,
          id_token_signing_alg_values_supported: ['RS256'] });
      }
      if (url.pathname === '/v1/.well-known/keys') {
        return send(200, { keys: [{ kty: 'RSA', use: 'sig', kid: KID, n: jwk.n, e: jwk.e,
          endorsements: ['msteams'] }] });
      }
      if (url.pathname === `/${TENANT}/oauth2/v2.0/token`) {
        const form = Object.fromEntries(new URLSearchParams(raw));
        tokenRequests.push({ headers: req.headers, form });
        if (form.client_id !== APP_ID || form.client_secret !== APP_PASSWORD) {
          return send(401, { error: 'invalid_client', error_description: 'AADSTS7000215: Invalid client secret.' });
        }
        const token = `e2e-connector-token-${crypto.randomBytes(6).toString('hex')}`;
        channel.issued.add(token);
        return send(200, { token_type: 'Bearer', expires_in: 3600, ext_expires_in: 3600, access_token: token });
      }
      if (url.pathname.includes('/v3/')) {
        const call = { method: req.method, path: url.pathname, headers: req.headers, raw,
          body: raw ? JSON.parse(raw) : null, at: Date.now() };
        calls.push(call);
        const bearer = (req.headers.authorization || '').replace(/^Bearer /, '');
        if (!channel.issued.has(bearer) && !(anonymous && !req.headers.authorization)) {
          call.status = 401;
          return send(401, { error: { code: 'BotNotRegistered', message: 'unknown token' } });
        }
        if (channel.failNext && channel.failNext.times > 0) {
          channel.failNext.times -= 1;
          call.status = channel.failNext.status;
          const headers = channel.failNext.retryAfter ? { 'Retry-After': String(channel.failNext.retryAfter) } : {};
          return send(channel.failNext.status, { error: { code: channel.failNext.code || 'Throttled', message: 'try later' } }, headers);
        }
        call.status = 201;
        const conversations = /\/v3\/conversations$/.test(url.pathname);
        if (conversations && req.method === 'POST') {
          const member = call.body.members[0].id;
          return send(201, { id: `a:personal-${member.slice(3)}` });
        }
        channel.nextId += 1;
        call.responseId = req.method === 'PUT' ? url.pathname.split('/').pop() : `msg-${channel.nextId}`;
        return send(req.method === 'PUT' ? 200 : 201, { id: call.responseId });
      }
      send(404, { error: { code: 'NotFound', message: url.pathname } });
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  channel.port = server.address().port;
  channel.base = `http://127.0.0.1:${channel.port}`;
  channel.serviceUrl = `${channel.base}/teams/`;
  channel.metadataUrl = `${channel.base}/v1/.well-known/openidconfiguration`;
  channel.tokenUrl = `${channel.base}/${TENANT}/oauth2/v2.0/token`;

  // The environment that points Accord at this channel.
  channel.env = () => ({
    ACCORD_TEAMS_APP_ID: APP_ID,
    ACCORD_TEAMS_APP_PASSWORD: APP_PASSWORD,
    ACCORD_TEAMS_TENANT_ID: TENANT,
    ACCORD_TEAMS_OPENID_METADATA_URL: channel.metadataUrl,
    ACCORD_TEAMS_TOKEN_URL: channel.tokenUrl,
    ACCORD_TEAMS_SERVICE_URL_HOSTS: `127.0.0.1:${channel.port}`,
  });

  // A channel token: valid by default; `claims` overrides (undefined removes), `options` sets
  // alg, kid or the signing key. `nowMs` is the time the bot will judge it by.
  channel.mint = (claims = {}, options = {}, nowMs = Date.now()) => {
    const now = Math.floor(nowMs / 1000);
    const body = { iss: ISSUER, aud: APP_ID, nbf: now - 10, exp: now + 3600, serviceurl: channel.serviceUrl, ...claims };
    for (const key of Object.keys(body)) if (body[key] === undefined) delete body[key];
    if (options.alg === 'none') {
      const part = (o) => Buffer.from(JSON.stringify(o)).toString('base64url');
      return `${part({ alg: 'none', typ: 'JWT', kid: KID })}.${part(body)}.`;
    }
    if (options.alg === 'HS256') {
      return jwt.sign(body, 'shared-secret', { algorithm: 'HS256', keyid: KID, noTimestamp: true });
    }
    return jwt.sign(body, options.key || privateKey, { algorithm: 'RS256', keyid: options.kid || KID, noTimestamp: true });
  };

  channel.connectorCalls = (predicate = () => true) => calls.filter(predicate);
  // The id the Connector gave the message a recorded call posted.
  channel.responseIdOf = (call) => call.responseId;
  channel.stop = () => new Promise((resolve) => {
    for (const res of hung) res.destroy();
    server.close(resolve);
  });
  return channel;
}

let activityCounter = 0;

// An activity as Teams sends it. kind: 'personal' (conversation a:<user>) or 'channel'.
function activity(channel, { type = 'message', user, name = 'Test User', text, conversation,
  conversationType = 'personal', value, invokeName, replyToId, mentions = [], extra = {} }) {
  activityCounter += 1;
  const body = {
    type, id: `1700000${String(activityCounter).padStart(6, '0')}`, timestamp: new Date().toISOString(),
    serviceUrl: channel.serviceUrl, channelId: 'msteams',
    from: { id: user, name, aadObjectId: crypto.randomUUID() },
    conversation: { id: conversation, conversationType, tenantId: channel.tenant,
      ...(conversationType === 'channel' ? { isGroup: true } : {}) },
    recipient: { id: `28:${channel.appId}`, name: 'Accord' },
    channelData: { tenant: { id: channel.tenant } },
    locale: 'en-US',
    ...extra,
  };
  if (text !== undefined) {
    body.text = text;
    body.textFormat = 'plain';
    body.entities = mentions.map((m) => ({ type: 'mention', text: `<at>${m.name}</at>`, mentioned: { id: m.id, name: m.name } }));
  }
  if (value !== undefined) body.value = value;
  if (invokeName) body.name = invokeName;
  if (replyToId) body.replyToId = replyToId;
  return body;
}

// The Adaptive Cards a recorded Connector call carries.
const cardsOf = (call) => ((call.body && call.body.attachments) || [])
  .filter((a) => a.contentType === 'application/vnd.microsoft.card.adaptive')
  .map((a) => a.content);

// Every string in a card, joined: what a reader of it sees (and some ids).
function cardText(card) {
  const out = [];
  const walk = (node) => {
    if (typeof node === 'string') out.push(node);
    else if (node && typeof node === 'object') Object.values(node).forEach(walk);
  };
  walk(card.body);
  return out.join(' ');
}

// Every Action.Execute in a card, wherever it is nested.
function executeActions(card) {
  const found = [];
  const walk = (node) => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      if (node.type === 'Action.Execute') found.push(node);
      Object.entries(node).forEach(([key, child]) => key !== 'fallback' && walk(child));
    }
  };
  walk(card);
  return found;
}

module.exports = { startTeamsChannel, activity, cardsOf, cardText, executeActions, APP_ID, TENANT, KID, ISSUER };
