// The registry from the command line, on the embedded default and on PostgreSQL: init, import (all or
// nothing), export (lossless, viewer-scoped), history, stale updates, delete and restore, search,
// Kumu, GEXF, GraphML and CSV.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { parse } from 'yaml';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { SystemSchema } from '../src/domain/system.js';
import { readSystemFile } from '../src/ingest/system-file.js';
import { POSTGRES_URL } from './support/backends.js';
import { cli } from './support/run-cli.js';
import { tempDir } from './support/temp.js';

const work = await tempDir();
const schema = `mt_cli_${process.pid}_${Date.now()}`;
const locations = [
  ['embedded', join(work, 'registry')],
  ['postgres', `${POSTGRES_URL}?schema=${schema}`],
] as const;

afterAll(async () => {
  const admin = new pg.Client({ connectionString: POSTGRES_URL });
  await admin.connect();
  await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  await admin.end();
});

for (const [name, db] of locations) {
  describe(`registry CLI (${name})`, () => {
    const mt = (...args: string[]) => cli('--db', db, ...args);

    it('init loads the case library once', async () => {
      const first = JSON.parse((await mt('init', '--json')).stdout) as {
        loaded: string[];
        systems: unknown[];
      };
      expect(first.loaded).toContain('oslo-1993');
      const again = JSON.parse((await mt('init', '--json')).stdout) as {
        loaded: string[];
        present: string[];
      };
      expect(again.loaded).toEqual([]);
      expect(again.present).toContain('oslo-1993');
    });

    it('export system is lossless: the file validates and equals the case', async () => {
      const out = join(work, `${name}-oslo.yaml`);
      expect((await mt('export', 'system', 'oslo-1993', '--out', out)).code).toBe(0);
      const exported = await readSystemFile(out);
      expect(exported.valid).toBe(true);
      const original = await readSystemFile('cases/oslo-1993.yaml');
      expect(exported.system).toEqual(original.system);
    });

    it('import system is all or nothing across files', async () => {
      const good = join(work, `${name}-good.yaml`);
      const doc = parse(await readFile('test/fixtures/minimal.yaml', 'utf8')) as Record<string, unknown>;
      await writeFile(good, JSON.stringify({ ...doc, id: `fresh-${name}` }));
      const result = await mt('import', 'system', good, 'test/fixtures/broken/binding-track-2-outcome.yaml');
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/outcomes\[0\]\.binding/);
      expect(result.stderr).toMatch(/nothing was imported/);
      expect((await mt('list', `fresh-${name}`)).code).toBe(1);
      const ok = await mt('import', 'system', good, '--json');
      expect(ok.code).toBe(0);
      expect((await mt('import', 'system', good)).stderr).toMatch(/already in the registry; use --replace/);
      // every system in the way is named, and a --json failure lists every problem
      const both = await mt('import', 'system', good, 'cases/oslo-1993.yaml');
      expect(both.code).toBe(1);
      expect(both.stderr).toContain(`system "fresh-${name}" is already in the registry`);
      expect(both.stderr).toContain('system "oslo-1993" is already in the registry');
      const broken = await mt(
        'import',
        'system',
        'test/fixtures/broken/binding-track-2-outcome.yaml',
        'test/fixtures/broken/adopted-by-track-2.yaml',
        '--json',
      );
      expect(broken.code).toBe(1);
      const failure = JSON.parse(broken.stdout) as { imported: boolean; problems: string[] };
      expect(failure.imported).toBe(false);
      expect(failure.problems.map((p) => p.split(':')[0])).toEqual([
        'test/fixtures/broken/binding-track-2-outcome.yaml',
        'test/fixtures/broken/adopted-by-track-2.yaml',
      ]);
    });

    it('update names its base version; a stale one fails and changes nothing; history shows both sides', async () => {
      const shown = JSON.parse((await mt('show', 'oslo-1993/draft-dop', '--json')).stdout) as {
        record: { version: number };
      };
      const v = shown.record.version;
      expect(
        (
          await mt(
            'update',
            'oslo-1993/draft-dop',
            '--set',
            'name=Draft principles',
            '--base-version',
            String(v),
          )
        ).code,
      ).toBe(0);
      const stale = await mt(
        'update',
        'oslo-1993/draft-dop',
        '--set',
        'name=Lost',
        '--base-version',
        String(v),
      );
      expect(stale.code).toBe(1);
      expect(stale.stderr).toMatch(/based on version/);
      const log = JSON.parse((await mt('history', 'oslo-1993/draft-dop', '--json')).stdout) as {
        entries: { op: string; after: { name: string } }[];
      };
      expect(log.entries.map((e) => e.op)).toEqual(['create', 'update']);
      expect(log.entries[1]?.after.name).toBe('Draft principles');
    });

    it('delete refuses a referenced record; restore brings back a deleted one', async () => {
      const refused = await mt('delete', 'oslo-1993/fafo', '--base-version', '1');
      expect(refused.code).toBe(1);
      expect(refused.stderr).toMatch(/refer to it/);
      expect((await mt('delete', `fresh-${name}/s1`, '--base-version', '1')).code).toBe(0);
      expect((await mt('show', `fresh-${name}/s1`)).code).toBe(1);
      expect((await mt('restore', `fresh-${name}/s1`)).code).toBe(0);
      expect((await mt('show', `fresh-${name}/s1`)).code).toBe(0);
    });

    it('as-of and on-date reads', async () => {
      const log = JSON.parse((await mt('history', 'oslo-1993/draft-dop', '--json')).stdout) as {
        entries: { at: string }[];
      };
      const then = JSON.parse(
        (await mt('show', 'oslo-1993/draft-dop', '--as-of', log.entries[0]?.at ?? '', '--json')).stdout,
      ) as {
        record: { data: { name: string } };
      };
      expect(then.record.data.name).not.toBe('Draft principles');
      const early = JSON.parse(
        (await mt('list', 'oslo-1993', '--type', 'initiative', '--on', '1993-01-20', '--json')).stdout,
      ) as {
        records: { id: string }[];
      };
      expect(early.records.map((r) => r.id)).not.toContain('oslo-official-negotiations');
    });

    it('search is full text and viewer-scoped', async () => {
      const hits = JSON.parse((await mt('search', 'backchannel', '--json')).stdout) as {
        hits: { record: { id: string } }[];
      };
      expect(hits.hits.map((h) => h.record.id)).toContain('oslo-backchannel');
      const asOrg = await mt('--as', 'fafo', 'search', 'backchannel', '--json');
      expect(asOrg.code).toBe(0);
    });

    it('analyze reads a system from the registry as the viewer may see it', async () => {
      const doc = parse(await readFile('test/fixtures/minimal.yaml', 'utf8')) as {
        actors: Record<string, unknown>[];
      };
      const actors = doc.actors.map((a) =>
        a.id === 'scholar' ? { ...a, confidentiality: { owner: 'foundation', existence: 'secret' } } : a,
      );
      const file = join(work, `${name}-secret.yaml`);
      await writeFile(file, JSON.stringify({ ...doc, id: `secret-${name}`, actors }));
      expect((await mt('import', 'system', file)).code).toBe(0);
      const ids = async (...as: string[]) =>
        (
          JSON.parse((await mt(...as, 'analyze', `secret-${name}`, '--json')).stdout) as {
            nodes: { id: string }[];
          }
        ).nodes.map((n) => n.id);
      expect(await ids()).toContain('scholar');
      expect(await ids('--as', 'fm-a')).not.toContain('scholar');
      expect(await ids('--as', 'foundation')).toContain('scholar');
    });

    it("merges a system's own Kumu export back into it without copies", async () => {
      const dir = join(work, `${name}-kumu-round-trip`);
      const before = (await mt('export', 'system', 'oslo-1993', '--json')).stdout;
      expect((await mt('export', 'kumu', 'oslo-1993', '--out', dir)).code).toBe(0);
      const back = await mt(
        'import',
        'kumu',
        join(dir, 'elements.csv'),
        join(dir, 'connections.csv'),
        '--system',
        'oslo-1993',
        '--json',
      );
      expect(back.stderr).toBe('');
      expect(back.code).toBe(0);
      const report = JSON.parse(back.stdout) as { actors: number; links: number; linksAlreadyHeld: number };
      expect(report).toMatchObject({ actors: 0, links: 0 });
      expect(report.linksAlreadyHeld).toBeGreaterThan(0);
      expect((await mt('export', 'system', 'oslo-1993', '--json')).stdout).toBe(before);
    });

    it('exports GEXF and GraphML that parse, and Kumu sheets that import back', async () => {
      for (const format of ['gexf', 'graphml'] as const) {
        const { stdout, code } = await mt('export', format, 'jcpoa-2015');
        expect(code).toBe(0);
        expect(XMLValidator.validate(stdout)).toBe(true);
        const doc = new XMLParser({ ignoreAttributes: false }).parse(stdout) as Record<string, unknown>;
        expect(Object.keys(doc)).toContain(format === 'gexf' ? 'gexf' : 'graphml');
      }
      const dir = join(work, `${name}-kumu`);
      expect((await mt('export', 'kumu', 'camp-david-1978', '--out', dir)).code).toBe(0);
      expect((await mt('export', 'csv', 'camp-david-1978', '--out', dir)).code).toBe(0);
      const elements = join(dir, 'elements.csv');
      await writeFile(elements, 'Label,Type\nA Kumu Org,Widget makers\nAnother,Person\n');
      await writeFile(join(dir, 'c.csv'), 'From,To,Type\nA Kumu Org,Another,Mentors\n');
      const merged = await mt(
        'import',
        'kumu',
        elements,
        join(dir, 'c.csv'),
        '--system',
        'camp-david-1978',
        '--json',
      );
      expect(merged.code).toBe(0);
      const system = SystemSchema.parse(
        JSON.parse((await mt('export', 'system', 'camp-david-1978', '--json')).stdout),
      );
      const generic = system.actors.find((a) => a.name === 'A Kumu Org');
      expect(generic).toMatchObject({ sector: 'unclassified', originalType: 'Widget makers' });
      expect(system.links.find((l) => l.from === generic?.id)).toMatchObject({
        type: 'related',
        label: 'Mentors',
      });
    });
  });
}
