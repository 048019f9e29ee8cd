/**
 * `npx tsx bench/evaluate-actors.ts`: measures the actor classifier (src/ingest/actor-classifier.ts)
 * on the PLOVER gold-standard records and on the third parties of the PA-X agreements, and prints the
 * figures docs/data.md reports. Reads ../shared/data; writes nothing.
 *
 * Options: --plover FILE, --pax FILE, --cameo DIR (defaults: ../shared/data/…), --top N (unknowns
 * listed), --disagreements (list every PLOVER disagreement).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { parse } from 'csv-parse/sync';
import {
  createActorClassifier,
  evaluateOnPlover,
  evaluateThirdParties,
  ploverMentions,
} from '../src/ingest/actor-classifier.js';

const data = join(import.meta.dirname, '..', '..', 'shared', 'data');
const { values } = parseArgs({
  options: {
    plover: { type: 'string', default: join(data, 'plover', 'PLOVER_GSR_CAMEO.json') },
    pax: { type: 'string', default: join(data, 'pax', 'pax-agreements-dev.csv') },
    cameo: { type: 'string', default: join(data, 'cameo') },
    top: { type: 'string', default: '25' },
    disagreements: { type: 'boolean', default: false },
  },
});

const pct = (n: number, d: number) => (d === 0 ? '–' : `${((100 * n) / d).toFixed(1)} %`);
const started = performance.now();
const classifier = createActorClassifier({ cameoDir: values.cameo });
const classify = (t: string) => classifier.classify(t);
if (!classifier.dictionaries) console.log(`(Phoenix dictionaries not found in ${values.cameo}: rules only)`);
else {
  const { actors, agents } = classifier.dictionaries;
  console.log(
    `Phoenix dictionaries: ${actors.actors.length} actor entries (${actors.byName.size} names), ` +
      `${agents.byPhrase.size} agent phrases; ${actors.problems.length + agents.problems.length} malformed lines reported`,
  );
}

// PLOVER gold standard
const { mentions, problems } = ploverMentions(JSON.parse(readFileSync(values.plover, 'utf8')));
const p = evaluateOnPlover(mentions, classify);
console.log(`\n## PLOVER gold standard (${values.plover})\n`);
if (problems.length > 0) console.log(`${problems.length} record problems, e.g. ${problems[0]}`);
console.log('| measure | value |');
console.log('|---|---:|');
console.log(`| actor mentions | ${p.mentions} |`);
console.log(`| coverage: mentions given a track | ${p.covered} (${pct(p.covered, p.mentions)}) |`);
console.log(`| mentions whose gold code names a track | ${p.gold} |`);
console.log(`| track agreement on them | ${p.agreeTrack} (${pct(p.agreeTrack, p.gold)}) |`);
console.log(
  `| … among those we give a track | ${p.agreeTrack} of ${p.goldCovered} (${pct(p.agreeTrack, p.goldCovered)}) |`,
);
console.log(`| sector agreement | ${p.agreeSector} (${pct(p.agreeSector, p.gold)}) |`);
console.log(
  `| country-only gold codes (no sector) | ${p.countryOnly}; we say Track 1 for ${p.countryOnlyWeSayTrack1} (${pct(p.countryOnlyWeSayTrack1, p.countryOnly)}) |`,
);
console.log(
  `| gold codes with no track (REF, CRM, UAF …) | ${p.goldNoTrack}; we give no track to ${p.goldNoTrackWeSayNone} |`,
);
console.log('\nGold track (rows) by our track (columns):\n');
const cols = ['1', '1.5', '2', '3', '4', '5', '6', '7', '8', '9', 'none'];
console.log(`| gold | ${cols.join(' | ')} |`);
console.log(`|---|${cols.map(() => '---:').join('|')}|`);
for (const [gold, row] of Object.entries(p.confusion).sort()) {
  console.log(`| ${gold} | ${cols.map((c) => row[c] ?? '').join(' | ')} |`);
}
const shown = values.disagreements ? p.disagreements : p.disagreements.slice(0, 15);
console.log(`\nDisagreements (${shown.length} of ${p.disagreements.length}):\n`);
for (const d of shown)
  console.log(`- "${d.actorText}": gold ${d.gold}; ours ${d.ours} — ${d.reason.slice(0, 100)}`);

// PA-X third parties
const rows = parse(readFileSync(values.pax, 'utf8'), {
  columns: true,
  bom: true,
  skip_empty_lines: false,
}) as Record<string, string>[];
const fields = rows.map((r) => ({
  text: r.ThrdPart ?? '',
  ...(/^\d{4}-\d{2}-\d{2}$/.test(r.Dat ?? '') ? { date: r.Dat } : {}),
}));
const t = evaluateThirdParties(fields, (text, o) => classifier.classify(text, o), Number(values.top));
console.log(`\n## PA-X third parties (${values.pax}, column ThrdPart)\n`);
console.log('| measure | value |');
console.log('|---|---:|');
console.log(`| agreements | ${rows.length} |`);
console.log(`| with a ThrdPart field | ${t.fields} |`);
console.log(`| parties (segments) | ${t.segments} |`);
console.log(`| classified | ${t.classified} (${pct(t.classified, t.segments)}) |`);
console.log(`| … with a track | ${t.withTrack} (${pct(t.withTrack, t.segments)}) |`);
console.log(`| no actor (headings, signature marks) | ${t.noActor} (${pct(t.noActor, t.segments)}) |`);
console.log(`| unknown | ${t.unknown} (${pct(t.unknown, t.segments)}) |`);
const actorSegments = t.segments - t.noActor;
console.log(`| classified among actor segments | ${pct(t.classified, actorSegments)} |`);
console.log('\nClassified parties by track:\n');
console.log(`| track | ${cols.join(' | ')} |`);
console.log(`|---|${cols.map(() => '---:').join('|')}|`);
console.log(`| parties | ${cols.map((c) => t.byTrack[c] ?? '').join(' | ')} |`);
console.log(`\nMost frequent unknowns (${t.topUnknown.length}):\n`);
for (const [text, n] of t.topUnknown) console.log(`- ${n} × "${text}"`);
console.log(`\n(${((performance.now() - started) / 1000).toFixed(1)} s)`);
