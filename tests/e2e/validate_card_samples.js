// Runs the card samples program (tests/bot/teams/card_samples.cpp: every card a scripted project
// produces, plus hostile messages, one JSON per line) and checks each card with the real
// `adaptivecards` package. Fails on any problem, and on a run too thin to mean anything.
//
//   ACCORD_CARD_SAMPLES=build/tests/bot/accord_teams_card_samples node tests/e2e/validate_card_samples.js
// (or `ctest -R teams_cards`). Needs `npm ci` in tests/e2e.
'use strict';

const childProcess = require('node:child_process');

let cardProblems;
try {
  ({ cardProblems } = require('./adaptive_cards'));
} catch (error) {
  console.error(`${error.message}\nRun \`npm ci\` in tests/e2e first.`);
  process.exit(1);
}

// Teams takes 100 KB per message, incoming webhooks 28 KB; every card stays under the smaller.
const MAX_CARD_BYTES = 28 * 1024;

const samples = process.env.ACCORD_CARD_SAMPLES;
if (!samples) {
  console.error('ACCORD_CARD_SAMPLES must name the card samples program');
  process.exit(1);
}
const run = childProcess.spawnSync(samples, [], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
if (run.error || run.status !== 0) {
  console.error(`${samples} failed: ${run.error ? run.error.message : `exit ${run.status}`}`);
  console.error(run.stderr);
  process.exit(1);
}

const failures = [];
const seen = { cards: 0, buttons: 0, inputs: 0, mentions: 0 };
const lines = run.stdout.split('\n').filter((line) => line.trim() !== '');
lines.forEach((line, index) => {
  let card;
  try {
    card = JSON.parse(line);
  } catch (error) {
    failures.push(`card ${index + 1}: not JSON (${error.message})`);
    return;
  }
  seen.cards++;
  if (line.includes('"Action.Execute"')) seen.buttons++;
  if (line.includes('"Input.')) seen.inputs++;
  if (card.msteams && Array.isArray(card.msteams.entities)) seen.mentions++;
  const problems = cardProblems(card);
  const bytes = Buffer.byteLength(line);
  if (bytes > MAX_CARD_BYTES) problems.push(`${bytes} bytes, over ${MAX_CARD_BYTES}`);
  if (problems.length > 0) {
    const first = card.body && card.body[0] && card.body[0].text;
    failures.push(`card ${index + 1} (${JSON.stringify(first || '')}):\n    ${problems.join('\n    ')}`);
  }
});

// A samples program that printed little would pass without testing anything.
if (seen.cards < 50) failures.push(`only ${seen.cards} cards; expected the whole script's`);
for (const kind of ['buttons', 'inputs', 'mentions']) {
  if (seen[kind] < 3) failures.push(`only ${seen[kind]} cards with ${kind}`);
}

if (failures.length > 0) {
  console.error(failures.join('\n'));
  process.exit(1);
}
console.log(`${seen.cards} cards valid (${seen.buttons} with buttons, ${seen.inputs} with inputs, ` +
  `${seen.mentions} with mentions)`);
