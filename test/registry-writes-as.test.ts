// Writes from the command line as an organisation (--as): a record it may not see is "no record", in the
// very words given for a missing one; one it may see but not read cannot be changed, deleted or restored;
// a refusal names only records it may see.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'yaml';
import { readFile } from 'node:fs/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import { cli } from './support/run-cli.js';
import { tempDir } from './support/temp.js';

const work = await tempDir();
const db = join(work, 'db');
const mt = (...args: string[]) => cli('--db', db, ...args);
const asB = (...args: string[]) => mt('--as', 'org-b', ...args);
const secret = { owner: 'org-a', existence: 'secret', content: 'secret' };

beforeAll(async () => {
  const doc = parse(await readFile('test/fixtures/minimal.yaml', 'utf8')) as Record<string, unknown[]>;
  const system = {
    ...doc,
    id: 'sec',
    owner: 'org-a',
    actors: [
      ...doc.actors!,
      { id: 'org-a', name: 'Organisation A', kind: 'organisation', sector: 'ngo' },
      { id: 'org-b', name: 'Organisation B', kind: 'organisation', sector: 'ngo' },
      {
        id: 'hidden-guy',
        name: 'Hidden guy',
        kind: 'person',
        sector: 'ngo',
        confidentiality: secret,
      },
      {
        id: 'closed-book',
        name: 'Closed book',
        kind: 'person',
        sector: 'academic',
        confidentiality: { owner: 'org-a', existence: 'public', content: 'secret' },
      },
      { id: 'loner', name: 'Loner', kind: 'person', sector: 'academic', confidentiality: secret },
    ],
    initiatives: (doc.initiatives as { id: string }[]).map((i) =>
      i.id === 'dialogue' ? { ...i, conveners: ['org-a'] } : i,
    ),
    links: [...doc.links!, { type: 'member-of', from: 'hidden-guy', to: 'org-a', confidentiality: secret }],
  };
  const file = join(work, 'sec.json');
  await writeFile(file, JSON.stringify(system));
  const imported = await mt('import', 'system', file);
  expect(imported.stderr).toBe('');
  expect(imported.code).toBe(0);
}, 120_000);

const version = async (ref: string) =>
  (JSON.parse((await mt('show', ref, '--json')).stdout) as { record: { version: number } }).record.version;

describe('writes as an organisation', () => {
  it('a refused delete names only the referrers the organisation may see', async () => {
    const refused = await asB('delete', 'sec/org-a', '--base-version', String(await version('sec/org-a')));
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(
      '2 record(s) refer to it (dialogue, and 1 other record you may not see)',
    );
    expect(refused.stderr).not.toMatch(/hidden-guy/);
    const asAdmin = await mt('delete', 'sec/org-a', '--base-version', String(await version('sec/org-a')));
    expect(asAdmin.stderr).toContain('(dialogue, hidden-guy--member-of--org-a)');
  });

  it('a hidden record is "no record", in the words given for a missing one', async () => {
    const v = String(await version('sec/loner'));
    const missing = await asB('delete', 'sec/nobody', '--base-version', '1');
    const hidden = await asB('delete', 'sec/loner', '--base-version', v);
    expect(hidden.code).toBe(missing.code);
    expect(hidden.stderr).toBe(missing.stderr.replaceAll('nobody', 'loner'));
    const update = await asB('update', 'sec/loner', '--set', 'name=Found', '--base-version', v);
    expect(update.code).toBe(1);
    expect(update.stderr).toBe(
      (await asB('update', 'sec/nobody', '--set', 'name=Found', '--base-version', v)).stderr.replaceAll(
        'nobody',
        'loner',
      ),
    );
    expect(await version('sec/loner')).toBe(Number(v));
  });

  it('a record the organisation may see but not read cannot be changed or deleted', async () => {
    const v = String(await version('sec/closed-book'));
    const update = await asB('update', 'sec/closed-book', '--set', 'name=Opened', '--base-version', v);
    expect(update.code).toBe(1);
    expect(update.stderr).toMatch(/may not read "closed-book"/);
    const del = await asB('delete', 'sec/closed-book', '--base-version', v);
    expect(del.code).toBe(1);
    expect(del.stderr).toMatch(/may not read "closed-book"/);
    expect(await version('sec/closed-book')).toBe(Number(v));
  });

  it('a deleted record it may not see or read cannot be restored by it, by SYSTEM/ID or bare ID', async () => {
    for (const id of ['loner', 'closed-book'])
      expect(
        (await mt('delete', `sec/${id}`, '--base-version', String(await version(`sec/${id}`)))).code,
      ).toBe(0);
    const never = await asB('restore', 'sec/nobody');
    const hidden = await asB('restore', 'sec/loner');
    expect(hidden.code).toBe(1);
    expect(hidden.stderr).toBe(never.stderr.replaceAll('nobody', 'loner'));
    const bare = await asB('restore', 'loner');
    expect(bare.code).toBe(1);
    expect(bare.stderr).toBe((await asB('restore', 'nobody')).stderr.replaceAll('nobody', 'loner'));
    const unreadable = await asB('restore', 'sec/closed-book');
    expect(unreadable.code).toBe(1);
    expect(unreadable.stderr).toMatch(/may not read "closed-book"/);
    expect((await mt('show', 'sec/loner')).code).toBe(1);
    expect((await mt('show', 'sec/closed-book')).code).toBe(1);
    // the administrator brings it back by its bare ID
    expect((await mt('restore', 'loner')).code).toBe(0);
    expect((await mt('show', 'sec/loner')).code).toBe(0);
  });
});
