// Event data into the registry from the CLI, on the real files: GDELT months build a system whose
// actors carry tracks, with engagements and interactions; the same file twice adds nothing; malformed
// rows are reported with their lines and do not stop the import; PLOVER gold records import too.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SystemSchema } from '../src/domain/system.js';
import { checkSystem } from '../src/domain/rules/index.js';
import { cli } from './support/run-cli.js';
import { tempDir } from './support/temp.js';

const DATA = join(import.meta.dirname, '..', '..', 'shared', 'data');
const work = await tempDir();
const db = join(work, 'registry');
const mt = (...args: string[]) => cli('--db', db, ...args);

describe('import gdelt and plover', () => {
  it('builds a valid system from two GDELT months, with tracks, engagements and interactions', async () => {
    const files = ['georgia-june2011.csv', 'georgia-july2011.csv'].map((f) => join(DATA, 'gdelt', f));
    const first = await mt('import', 'gdelt', ...files, '--system', 'georgia', '--json');
    expect(first.code).toBe(0);
    const doc = JSON.parse(first.stdout) as {
      files: {
        alreadyImported: boolean;
        created: Record<string, number>;
        read: { rowsRead: number; rowsUsed: number; rowsRejected: number };
      }[];
    };
    for (const f of doc.files) {
      expect(f.alreadyImported).toBe(false);
      expect(f.read.rowsUsed + f.read.rowsRejected).toBe(f.read.rowsRead);
    }
    expect(doc.files[0]?.created.actor).toBeGreaterThan(100);
    const system = SystemSchema.parse(JSON.parse((await mt('export', 'system', 'georgia', '--json')).stdout));
    expect(checkSystem(system).filter((f) => f.severity === 'error')).toEqual([]);
    const tracks = new Set(system.actors.map((a) => a.sector));
    expect(tracks.has('government')).toBe(true);
    expect(system.engagements.length).toBeGreaterThan(100);
  });

  it('gives the monthly series per pair of parties and per track pair', async () => {
    const parties = JSON.parse((await mt('interactions', 'georgia', '--by', 'parties', '--json')).stdout) as {
      points: { from: string; to: string; month: string; events: number; cooperativeShare: number }[];
    };
    expect(parties.points.some((p) => p.from === 'country-geo' && p.month === '2011-06')).toBe(true);
    const tracks = JSON.parse((await mt('interactions', 'georgia', '--by', 'tracks', '--json')).stdout) as {
      points: { from: string; to: string; events: number }[];
    };
    expect(tracks.points.some((p) => p.from === '1' && p.to === '1' && p.events > 0)).toBe(true);
    expect((await mt('interactions', 'georgia', '--by', 'planets')).code).toBe(1);
  });

  it('importing the same file again creates nothing new', async () => {
    const again = await mt(
      'import',
      'gdelt',
      join(DATA, 'gdelt', 'georgia-june2011.csv'),
      '--system',
      'georgia',
      '--json',
    );
    const doc = JSON.parse(again.stdout) as {
      files: { alreadyImported: boolean; created: Record<string, number> }[];
    };
    expect(doc.files[0]).toMatchObject({ alreadyImported: true, created: {} });
  });

  it('reports malformed rows with their line numbers and imports the rest', async () => {
    const text = await readFile(join(DATA, 'gdelt', 'georgia-aug2011.csv'), 'utf8');
    const lines = text.split('\n');
    lines.splice(3, 0, 'not,a,gdelt,row');
    const broken = join(work, 'broken.csv');
    await writeFile(broken, lines.join('\n'));
    const result = await mt('import', 'gdelt', broken, '--system', 'georgia-broken', '--json');
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/broken\.csv:4: columns:/);
    const doc = JSON.parse(result.stdout) as { files: { read: { rowsRejected: number } }[] };
    expect(doc.files[0]?.read.rowsRejected).toBe(1);
  });

  it('imports the PLOVER gold-standard records', async () => {
    const result = await mt(
      'import',
      'plover',
      join(DATA, 'plover', 'PLOVER_GSR_CAMEO.json'),
      '--system',
      'plover-gsr',
      '--json',
    );
    expect(result.code).toBe(0);
    const system = SystemSchema.parse(
      JSON.parse((await mt('export', 'system', 'plover-gsr', '--json')).stdout),
    );
    expect(system.actors.length).toBeGreaterThan(50);
    expect(checkSystem(system).filter((f) => f.severity === 'error')).toEqual([]);
  });
});

describe('import pax and ucdp', () => {
  it('imports PA-X agreements and UCDP conflicts; PA-X systems take the UCDP stage history; nothing breaks a rule', async () => {
    const pax = await mt('import', 'pax', join(DATA, 'pax', 'pax-agreements-dev.csv'), '--json');
    expect(pax.code).toBe(0);
    const paxDoc = JSON.parse(pax.stdout) as {
      report: { agreements: number; rowsRead: number; thirdParties: { unknownTexts: unknown[] } };
      created: number;
    };
    expect(paxDoc.report.agreements).toBe(paxDoc.report.rowsRead);
    expect(paxDoc.created).toBeGreaterThan(50);
    expect(paxDoc.report.thirdParties.unknownTexts.length).toBeGreaterThan(0); // listed for review
    const again = JSON.parse(
      (await mt('import', 'pax', join(DATA, 'pax', 'pax-agreements-dev.csv'), '--json')).stdout,
    ) as { created: number };
    expect(again.created).toBe(0);
    const ucdp = await mt(
      'import',
      'ucdp',
      join(DATA, 'ucdp', 'ucdp-prio-acd-251.csv'),
      join(DATA, 'ucdp', 'ucdp-peace-agreements-221.csv'),
      '--json',
    );
    expect(ucdp.code).toBe(0);
    const ucdpDoc = JSON.parse(ucdp.stdout) as { linked: { linked: unknown[] } };
    expect(ucdpDoc.linked.linked.length).toBeGreaterThan(50);
    const colombia = SystemSchema.parse(
      JSON.parse((await mt('export', 'system', 'pax-colombia', '--json')).stdout),
    );
    expect(colombia.conflict.stages.some((s) => s.stage === 'war')).toBe(true);
    expect(checkSystem(colombia).filter((f) => f.severity === 'error')).toEqual([]);
    // The PA-X import as a large real input for the coordination analysis.
    const analysis = JSON.parse((await mt('analyze', 'pax-colombia', '--json')).stdout) as {
      nodes: { id: string; betweenness: number }[];
      pathways: unknown;
    };
    expect(analysis.nodes.length).toBeGreaterThan(20);
    expect(analysis.nodes.every((n) => Number.isFinite(n.betweenness))).toBe(true);
  }, 120_000);

  it('refuses a file that is not UCDP data, naming it', async () => {
    const result = await mt('import', 'ucdp', join(DATA, 'pax', 'pax-agreements-dev.csv'));
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/pax-agreements-dev\.csv:1: not a UCDP/);
  });

  it('stops, writing nothing, on a file that is not event data, and defaults the system', async () => {
    const count = async () => (await mt('systems', '--json')).stdout;
    const before = await count();
    const notGdelt = await mt('import', 'gdelt', join(DATA, 'pax', 'pax-agreements-dev.csv'));
    expect(notGdelt.code).toBe(1);
    expect(notGdelt.stderr).toMatch(
      /pax-agreements-dev\.csv: none of its \d+ rows is a GDELT 1\.0 or 2\.0 event record.*nothing was imported/,
    );
    const zip = join(work, 'events.zip');
    await writeFile(zip, Buffer.from('PK\u0003\u0004 rest of an archive', 'latin1'));
    const zipped = await mt('import', 'gdelt', zip, '--system', 'georgia');
    expect(zipped.code).toBe(1);
    expect(zipped.stderr).toMatch(/events\.zip: a ZIP archive; unzip it first/);
    const truncated = join(work, 'truncated.json');
    const gold = await readFile(join(DATA, 'plover', 'PLOVER_GSR_CAMEO.json'), 'utf8');
    await writeFile(truncated, gold.slice(0, 3000));
    const cut = await mt('import', 'plover', truncated, '--system', 'georgia');
    expect(cut.code).toBe(1);
    expect(cut.stderr).toMatch(/truncated\.json:\d+: not JSON: .*nothing was imported/);
    expect(await count()).toBe(before);
    const plover = await mt('import', 'plover', join(DATA, 'plover', 'PLOVER_GSR_CAMEO.json'), '--json');
    expect(plover.code).toBe(0);
    const doc = JSON.parse(plover.stdout) as {
      system: string;
      files: { read: { recordsRead: number; events: number; rejected: number; problems: unknown[] } }[];
    };
    expect(doc.system).toBe('plover');
    const read = doc.files[0]?.read;
    expect(read?.problems).toHaveLength(read?.rejected ?? -1);
    expect(read?.problems[0]).toMatchObject({
      record: expect.any(Number),
      field: expect.any(String),
      reason: expect.any(String),
    });
  });

  it('refuses a UCDP file missing a column, or two files of one kind, writing nothing', async () => {
    const acd = await readFile(join(DATA, 'ucdp', 'ucdp-prio-acd-251.csv'), 'utf8');
    const header = acd.split('\n', 1)[0] as string;
    const broken = join(work, 'acd-broken.csv');
    await writeFile(broken, acd.replace(header, header.replace('side_b', 'side_z')));
    const before = (await mt('systems', '--json')).stdout;
    const missing = await mt('import', 'ucdp', broken);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/acd-broken\.csv:1: .*missing column\(s\) side_b; nothing was imported/);
    const twice = await mt('import', 'ucdp', broken, join(DATA, 'ucdp', 'ucdp-prio-acd-251.csv'));
    expect(twice.code).toBe(1);
    expect(twice.stderr).toMatch(/a second UCDP\/PRIO armed conflict file/);
    expect((await mt('systems', '--json')).stdout).toBe(before);
  });
});
