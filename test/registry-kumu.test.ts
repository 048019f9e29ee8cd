// Kumu into the registry: a system's own export merges back into it unchanged (links without an explicit
// id, whose ids are derived, included; the exported files are read, never changed), and a map that
// repeats a connection adds one link.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cli } from './support/run-cli.js';
import { tempDir } from './support/temp.js';

const work = await tempDir();
const mt = (...args: string[]) => cli('--db', join(work, 'db'), ...args);

beforeAll(async () => {
  expect((await mt('import', 'system', 'cases/oslo-1993.yaml', 'test/fixtures/minimal.yaml')).code).toBe(0);
}, 120_000);

describe('import kumu', () => {
  it("merges a system's own export back without copies, and leaves the exported files as they were", async () => {
    const dir = join(work, 'oslo-kumu');
    const before = (await mt('export', 'system', 'oslo-1993', '--json')).stdout;
    expect(before).toContain('"from": "oslo-backchannel"');
    expect((await mt('export', 'kumu', 'oslo-1993', '--out', dir)).code).toBe(0);
    const files = [join(dir, 'elements.csv'), join(dir, 'connections.csv')] as const;
    const sheets = await Promise.all(files.map((f) => readFile(f, 'utf8')));
    for (let round = 0; round < 2; round++) {
      const back = await mt('import', 'kumu', ...files, '--system', 'oslo-1993', '--json');
      expect(back.stderr).toBe('');
      expect(back.code).toBe(0);
      expect(JSON.parse(back.stdout)).toMatchObject({ actors: 0, links: 0 });
    }
    expect(await Promise.all(files.map((f) => readFile(f, 'utf8')))).toEqual(sheets);
    expect((await mt('export', 'system', 'oslo-1993', '--json')).stdout).toBe(before);
  });

  it('a connection the map repeats is one link', async () => {
    const elements = join(work, 'elements.csv');
    const connections = join(work, 'connections.csv');
    await writeFile(elements, 'Label,Type\nA Kumu Org,Widget makers\nAnother,Person\n');
    await writeFile(connections, 'From,To,Type\nA Kumu Org,Another,Mentors\nA Kumu Org,Another,Mentors\n');
    const merged = await mt('import', 'kumu', elements, connections, '--system', 'minimal', '--json');
    expect(merged.code).toBe(0);
    expect(JSON.parse(merged.stdout)).toMatchObject({ actors: 2, links: 1, linksAlreadyHeld: 1 });
    const links = JSON.parse((await mt('list', 'minimal', '--type', 'link', '--json')).stdout) as {
      records: { data: { label?: string } }[];
    };
    expect(links.records.filter((l) => l.data.label === 'Mentors')).toHaveLength(1);
  });
});
