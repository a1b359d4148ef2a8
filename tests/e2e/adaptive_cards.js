// Checks an Adaptive Card the way a Teams client would read it: parsed and validated by the real
// `adaptivecards` package (the renderer Microsoft publishes) targeting version 1.5, the newest
// Teams accepts from bots, plus the checks that package leaves out (it is lenient: a card without
// `type`, a newer `version` or an Action.Execute without a verb all pass it).
//
//   const { cardProblems, assertValidCard } = require('./adaptive_cards');
//   cardProblems(card)     // [] or a list of readable problems
//   assertValidCard(card)  // throws with every problem listed
'use strict';

// The UMD bundle: the package's ESM build does not load in plain Node (reference/teams.md §7.1).
const AC = require('adaptivecards/dist/adaptivecards.js');

const MAX_VERSION = AC.Versions.v1_5;

function describeEvent(event) {
  const source = event.source ? event.source.getJsonTypeName() : '-';
  return `[${AC.ValidationPhase[event.phase]}] ${AC.ValidationEvent[event.event]} ${source}: ` +
    event.message;
}

// Every object in the card, with its path, for the checks the package does not make.
function* objects(node, path = '$') {
  if (Array.isArray(node)) {
    for (let i = 0; i < node.length; i++) yield* objects(node[i], `${path}[${i}]`);
  } else if (node !== null && typeof node === 'object') {
    yield [node, path];
    for (const [key, child] of Object.entries(node)) yield* objects(child, `${path}.${key}`);
  }
}

function allStrings(node, out = []) {
  if (typeof node === 'string') out.push(node);
  else if (node !== null && typeof node === 'object') {
    for (const child of Object.values(node)) allStrings(child, out);
  }
  return out;
}

function ownProblems(json) {
  const problems = [];
  if (json === null || typeof json !== 'object' || Array.isArray(json)) {
    return ['the card is not a JSON object'];
  }
  if (json.type !== 'AdaptiveCard') problems.push(`type is ${JSON.stringify(json.type)}, not "AdaptiveCard"`);
  const version = typeof json.version === 'string' ? AC.Version.parse(json.version, new AC.SerializationContext()) : undefined;
  if (!version || !version.isValid) {
    problems.push(`version ${JSON.stringify(json.version)} is not a version`);
  } else if (version.major > MAX_VERSION.major ||
             (version.major === MAX_VERSION.major && version.minor > MAX_VERSION.minor)) {
    problems.push(`version ${json.version} is newer than ${MAX_VERSION}, the newest Teams accepts`);
  }
  for (const [node, path] of objects(json)) {
    if (node.type === 'Action.Execute' && (typeof node.verb !== 'string' || node.verb === '')) {
      problems.push(`${path}: Action.Execute without a verb`);
    }
  }
  // Teams ignores a mention whose text is not in the card (reference/teams.md §1.3).
  const entities = (json.msteams && json.msteams.entities) || [];
  const text = allStrings(json.body).join('\n');
  for (const entity of entities) {
    if (entity.type === 'mention' && !text.includes(entity.text)) {
      problems.push(`mention ${JSON.stringify(entity.text)} does not appear in the card`);
    }
  }
  return problems;
}

function cardProblems(json) {
  const problems = ownProblems(json);
  if (json === null || typeof json !== 'object' || Array.isArray(json)) return problems;
  // Without our own context the parse-phase events are silently dropped.
  const context = new AC.SerializationContext(MAX_VERSION);
  const card = new AC.AdaptiveCard();
  card.parse(json, context);
  for (let i = 0; i < context.eventCount; i++) problems.push(describeEvent(context.getEventAt(i)));
  for (const event of card.validateProperties().validationEvents) {
    problems.push(describeEvent(event));
  }
  return problems;
}

function assertValidCard(json) {
  const problems = cardProblems(json);
  if (problems.length > 0) {
    throw new Error(`invalid Adaptive Card:\n  ${problems.join('\n  ')}\n${JSON.stringify(json)}`);
  }
}

module.exports = { cardProblems, assertValidCard };
