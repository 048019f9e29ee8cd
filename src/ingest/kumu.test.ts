// Kumu maps: every case survives writeKumu → readKumu with its actors and links and no problem; a
// hand-made map with types of its own gives generic actors and related links that keep those types;
// bad rows give problems naming file, row and field; ids are unique, valid and avoid existing ones.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ID_PATTERN } from '../domain/id.js';
import { checkSystem } from '../domain/rules/index.js';
import { SystemIndex } from '../domain/system-index.js';
import { type System, type SystemInput, SystemSchema } from '../domain/system.js';
import { caseSystems } from './case-library.js';
import { writeSheet } from './csv-sheet.js';
import { type KumuReadOptions, linkTypeOf, readKumu, sectorOfText, slugify, writeKumu } from './kumu.js';

const FILES: KumuReadOptions = { elementsFile: 'map-elements.csv', connectionsFile: 'map-connections.csv' };

const actorFields = (a: System['actors'][number] | ReturnType<typeof readKumu>['actors'][number]) => ({
  id: a.id,
  name: a.name,
  kind: a.kind,
  sector: a.sector,
  party: a.party,
  officialRole: a.officialRole,
  country: a.country,
  originalType: a.originalType,
  description: a.description,
});

const linkFields = (l: System['links'][number] | ReturnType<typeof readKumu>['links'][number]) => ({
  id: l.id,
  type: l.type,
  from: l.from,
  to: l.to,
  name: l.name,
  label: l.label,
  date: l.date === undefined ? undefined : String(l.date),
  until: l.until === undefined ? undefined : String(l.until),
  description: l.description,
});

const crlf = (lines: string[]) => `${lines.join('\r\n')}\r\n`;

describe('Kumu round trip over the case library', async () => {
  const cases = await caseSystems();

  for (const { id, system } of cases) {
    it(`${id}: writeKumu → readKumu gives back every actor and link, without problems`, () => {
      const sheets = writeKumu(system);
      const back = readKumu(sheets.elements, sheets.connections, FILES);
      expect(back.problems).toEqual([]);
      expect(back.actors).toHaveLength(system.actors.length);
      expect(back.actors.map(actorFields)).toEqual(system.actors.map(actorFields));
      expect(back.links.map(linkFields)).toEqual(system.links.map(linkFields));

      // Merged back into the system, they validate and break no rule.
      const merged = SystemSchema.safeParse({
        ...system,
        actors: back.actors.map((a, i) => ({ ...a, sources: system.actors[i]?.sources ?? [] })),
        links: back.links.map((l, i) => ({ ...l, sources: system.links[i]?.sources ?? [] })),
      } as SystemInput);
      expect(merged.success, merged.error?.message).toBe(true);
      if (!merged.data) return;
      const errors = checkSystem(merged.data, new SystemIndex(merged.data)).filter(
        (f) => f.severity === 'error',
      );
      expect(errors).toEqual([]);
    });

    it(`${id}: reading into the same system renames every actor and keeps the links joined`, () => {
      const existing = new Set([
        ...system.parties.map((r) => r.id),
        ...system.actors.map((r) => r.id),
        ...system.initiatives.map((r) => r.id),
        ...system.engagements.map((r) => r.id),
        ...system.outcomes.map((r) => r.id),
      ]);
      const sheets = writeKumu(system);
      const back = readKumu(sheets.elements, sheets.connections, { ...FILES, existingIds: existing });
      expect(back.problems).toEqual([]);
      expect(back.actors.map((a) => a.id)).toEqual(system.actors.map((a) => `${a.id}-2`));
      const renamed = new Map<string, string>(system.actors.map((a) => [a.id, `${a.id}-2`]));
      expect(back.links.map((l) => [l.from, l.type, l.to])).toEqual(
        system.links.map((l) => [renamed.get(l.from) ?? l.from, l.type, renamed.get(l.to) ?? l.to]),
      );
    });

    it(`${id}: the same system gives the same bytes`, () => {
      expect(writeKumu(system)).toEqual(writeKumu(system));
    });
  }

  it('writes every record as an element and the implied relations as structural connections', () => {
    const oslo = cases.find((c) => c.id === 'oslo-1993')?.system;
    if (!oslo) return;
    const { elements, connections } = writeKumu(oslo);
    expect(elements.split('\r\n')[0]).toBe(
      'ID,Label,Type,Original Type,Record,Kind,Track,Sector,Party,Official Role,Country,Tags,Description',
    );
    expect(elements).toContain(
      'yair-hirschfeld,Yair Hirschfeld,actor,,actor,person,Track 2,academic,israel,',
    );
    const engagement = oslo.engagements[0];
    if (!engagement) return;
    expect(connections).toContain(`,${engagement.id},${engagement.initiative},part-of,directed,,structural,`);
    const participant = engagement.participants[0];
    if (participant) {
      expect(connections).toContain(`,${participant.actor},${engagement.id},participates-in,directed,`);
    }
    const outcome = oslo.outcomes[0];
    if (outcome) expect(connections).toContain(`,${outcome.id},${outcome.initiative},produced-by,directed,`);
  });
});

describe('readKumu on a hand-made map', () => {
  const elements =
    '\uFEFF' +
    crlf([
      'type,LABEL,Description,Tags,Website,sector',
      'Person,Jane Doe,"Peace researcher, ""JD""\nand mother",Founder|Women,https://jd.example,',
      'Organization,Acme Collective,,,,',
      'NGO,Peace Now,,,,',
      'Ministry of Foreign Affairs,Norway MFA,,,,',
      'Widget Maker,Widgets Inc,,,,',
      'Kumu Blob,Blob,,,,think tank',
      'Journalist,Ana Li,,,,',
      'Group,Circle,,religious|Track 7,,',
    ]);
  const connections = crlf([
    'FROM,to,Type,direction,Strength,label',
    'Jane Doe,Peace Now,Funds,,3,',
    'Peace Now,norway mfa,member_of,mutual,,',
    'Jane Doe,Widgets Inc|Blob,collaborates with,undirected,,Old friends',
    'Peace Now,Blob,Feeds into,,,',
    'Ana Li,Peace Now,,,,',
    'Circle,Jane Doe,Related,,,',
  ]);
  const reading = readKumu(elements, connections, FILES);

  it('reads every element as an actor, recognising types it knows and keeping every original type', () => {
    expect(reading.problems).toEqual([]);
    expect(reading.actors).toEqual([
      {
        id: 'jane-doe',
        name: 'Jane Doe',
        kind: 'person',
        sector: 'unclassified',
        originalType: 'Person',
        description: 'Peace researcher, "JD"\nand mother',
        notes: 'Tags: Founder | Women\nWebsite: https://jd.example',
      },
      {
        id: 'acme-collective',
        name: 'Acme Collective',
        kind: 'organisation',
        sector: 'unclassified',
        originalType: 'Organization',
      },
      { id: 'peace-now', name: 'Peace Now', kind: 'organisation', sector: 'ngo', originalType: 'NGO' },
      {
        id: 'norway-mfa',
        name: 'Norway MFA',
        kind: 'organisation',
        sector: 'government',
        originalType: 'Ministry of Foreign Affairs',
      },
      {
        id: 'widgets-inc',
        name: 'Widgets Inc',
        kind: 'organisation',
        sector: 'unclassified',
        originalType: 'Widget Maker',
      },
      { id: 'blob', name: 'Blob', kind: 'organisation', sector: 'think-tank', originalType: 'Kumu Blob' },
      { id: 'ana-li', name: 'Ana Li', kind: 'person', sector: 'media', originalType: 'Journalist' },
      { id: 'circle', name: 'Circle', kind: 'organisation', sector: 'religious', originalType: 'Group' },
    ]);
  });

  it('reads known connection types as links and the rest as related links with the Kumu type', () => {
    expect(reading.links).toEqual([
      { type: 'funds', from: 'jane-doe', to: 'peace-now', notes: 'Strength: 3' },
      { type: 'member-of', from: 'peace-now', to: 'norway-mfa', description: 'Kumu direction: mutual' },
      {
        type: 'related',
        from: 'jane-doe',
        to: 'widgets-inc',
        name: 'Old friends',
        label: 'collaborates with',
        description: 'Kumu direction: undirected',
      },
      {
        type: 'related',
        from: 'jane-doe',
        to: 'blob',
        name: 'Old friends',
        label: 'collaborates with',
        description: 'Kumu direction: undirected',
      },
      { type: 'related', from: 'peace-now', to: 'blob', label: 'Feeds into' },
      { type: 'related', from: 'ana-li', to: 'peace-now' },
      { type: 'related', from: 'circle', to: 'jane-doe' },
    ]);
  });

  it('gives actors and links that merge into a system and validate', () => {
    const system = SystemSchema.safeParse({
      multitrack: 1,
      id: 'kumu-map',
      name: 'Kumu map',
      conflict: { id: 'c', name: 'C', parties: ['p'], stages: [{ stage: 'latent', from: '2000' }] },
      parties: [{ id: 'p', name: 'P', kind: 'state' }],
      actors: reading.actors,
      links: reading.links,
    });
    expect(system.success, system.error?.message).toBe(true);
    if (!system.data) return;
    const errors = checkSystem(system.data, new SystemIndex(system.data)).filter(
      (f) => f.severity === 'error',
    );
    expect(errors).toEqual([]);
  });

  it('resolves elements by an ID column, so equal labels may stand for different elements', () => {
    const r = readKumu(
      crlf(['ID,Label,Type', 'e1,Pipeline,Wave', 'e2,Pipeline,Wave', 'Elem 3,Other,Wave']),
      crlf(['ID,From,To,Type', ',e1,e2,funds', 'c-9,Elem 3,e1,funds', ',Pipeline,e2,funds']),
      FILES,
    );
    expect(r.actors.map((a) => a.id)).toEqual(['e1', 'e2', 'elem-3']);
    expect(r.links).toEqual([
      { type: 'funds', from: 'e1', to: 'e2' },
      { id: 'c-9', type: 'funds', from: 'elem-3', to: 'e1' },
    ]);
    expect(r.problems).toEqual([
      {
        file: 'map-connections.csv',
        row: 4,
        field: 'From',
        message: expect.stringMatching(/names 2 elements \(rows 2, 3\)/) as unknown as string,
      },
    ]);
  });

  it('reads a Sector column with one of our sector ids before anything the type says', () => {
    const r = readKumu(
      crlf(['Label,Type,Sector', 'X,Newspaper,Religious', 'Y,Newspaper,Civil society']),
      '',
      FILES,
    );
    expect(r.actors.map((a) => [a.sector, a.notes])).toEqual([
      ['religious', undefined],
      ['media', 'Sector: Civil society'],
    ]);
  });
});

describe('readKumu problems', () => {
  it('names file, row and field for a missing or duplicate Label, an unknown From/To, a bad date', () => {
    const r = readKumu(
      crlf(['Label,Type', 'Alpha,Person', ',Person', 'Alpha,NGO', 'Beta,NGO']),
      crlf([
        'From,To,Type,Date',
        'Alpha,Gamma,funds,',
        ',Beta,funds,',
        'Alpha,Beta,funds,1993-13',
        'Alpha,Beta,funds,"1993',
        'Beta,Alpha,funds,',
      ]),
      FILES,
    );
    expect(r.problems.map((p) => [p.file, p.row, p.field])).toEqual([
      ['map-elements.csv', 3, 'Label'],
      ['map-elements.csv', 4, 'Label'],
      ['map-connections.csv', 2, 'To'],
      ['map-connections.csv', 3, 'From'],
      ['map-connections.csv', 4, 'Date'],
      ['map-connections.csv', 5, ''],
    ]);
    expect(r.problems[0]?.message).toMatch(/missing Label/);
    expect(r.problems[1]?.message).toMatch(/duplicate Label "Alpha" \(first on row 2\)/);
    expect(r.problems[2]?.message).toMatch(/To "Gamma" names no element of map-elements\.csv/);
    expect(r.problems[4]?.message).toMatch(/month 13/);
    expect(r.problems[5]?.message).toMatch(/quoted cell opens on this row and never closes/);
    expect(r.actors.map((a) => [a.id, a.originalType])).toEqual([
      ['alpha', 'Person'],
      ['beta', 'NGO'],
    ]);
    // The link with a bad date is still read, without the date, which its notes keep.
    expect(r.links).toEqual([{ type: 'funds', from: 'alpha', to: 'beta', notes: 'Date: 1993-13' }]);
  });

  it('reports an unclosed quote in the elements sheet at the row where it opens', () => {
    const r = readKumu(crlf(['Label,Type', 'A,x', 'B,"y', 'C,z']), '', FILES);
    expect(r.actors.map((a) => a.name)).toEqual(['A']);
    expect(r.problems).toEqual([
      {
        file: 'map-elements.csv',
        row: 3,
        field: '',
        message: expect.stringMatching(/never closes/) as unknown as string,
      },
    ]);
  });

  it('reports a sheet without its required columns at row 1', () => {
    expect(readKumu('Name2,Type\nA,x\n', '', FILES).problems.map((p) => [p.file, p.row, p.field])).toEqual([
      ['map-elements.csv', 1, 'Label'],
    ]);
    expect(
      readKumu('Label\nA\n', 'Source,Target\nA,A\n', FILES).problems.map((p) => [p.row, p.field]),
    ).toEqual([
      [1, 'From'],
      [1, 'To'],
    ]);
  });

  it('reads empty sheets as an empty map', () => {
    expect(readKumu('', '', FILES)).toEqual({ actors: [], links: [], problems: [] });
  });
});

describe('ids', () => {
  it('slugs labels and avoids ids already taken, with -2, -3, … in row order', () => {
    const r = readKumu(
      crlf([
        'Label',
        'Alpha',
        'A b',
        'a-b',
        'A.B!',
        'Terje Rød-Larsen',
        '日本',
        'Ωμέγα',
        `${'x'.repeat(300)}`,
      ]),
      '',
      { ...FILES, existingIds: new Set(['alpha', 'actor']) },
    );
    expect(r.problems).toEqual([]);
    expect(r.actors.map((a) => a.id)).toEqual([
      'alpha-2',
      'a-b',
      'a-b-2',
      'a.b',
      'terje-rod-larsen',
      'actor-2',
      'actor-3',
      'x'.repeat(128),
    ]);
  });

  it('slugify gives an id or nothing', () => {
    expect(slugify('  --Hello, World!--  ')).toBe('hello-world');
    expect(slugify('Ça va? Ærø')).toBe('ca-va-aero');
    expect(slugify('!!!')).toBe('');
  });
});

describe('recognising types', () => {
  it('maps common Kumu element types onto sectors, and leaves the rest unclassified', () => {
    const cases: [string, string | undefined][] = [
      ['NGO', 'ngo'],
      ['Non-governmental organisation', 'ngo'],
      ['Government', 'government'],
      ['Ministry', 'government'],
      ['Military', 'military'],
      ['Company', 'business'],
      ['Corporations', 'business'],
      ['Newspaper', 'media'],
      ['Church', 'religious'],
      ['Religious foundation', 'religious'],
      ['Foundation', 'funder'],
      ['Donor', 'funder'],
      ['University', 'research'],
      ['Research institute', 'research'],
      ['Think Tank', 'think-tank'],
      ['Activist', 'activist'],
      ['Social movement', 'activist'],
      ['Community', 'citizen'],
      ['Citizens', 'citizen'],
      ['Intergovernmental organization', 'igo'],
      ['Rebel group', 'armed-group'],
      ['Person', undefined],
      ['Organization', undefined],
      ['Widget', undefined],
    ];
    for (const [type, sector] of cases) expect([type, sectorOfText(type)]).toEqual([type, sector]);
  });

  it('reads link types in any case, with spaces, underscores or hyphens', () => {
    expect(linkTypeOf('Funds')).toBe('funds');
    expect(linkTypeOf('member of')).toBe('member-of');
    expect(linkTypeOf('FEEDS_INTO')).toBe('feeds-into');
    expect(linkTypeOf(' Participates  in ')).toBe('participates-in');
    expect(linkTypeOf('legitimizes')).toBe('legitimises');
    expect(linkTypeOf('collaborates with')).toBeUndefined();
  });
});

// ---------------------------------------------------------------------------------------------------
// Properties

/** Text rich in what breaks CSV and spreadsheets: delimiters, quotes, line breaks, formula starts. */
const nastyText = fc.string({
  unit: fc.oneof(
    fc.constantFrom(
      ',',
      ';',
      '"',
      "'",
      '\n',
      '\r',
      '\r\n',
      '\t',
      '|',
      '=',
      '+',
      '-',
      '@',
      ' ',
      '\uFEFF',
      'é',
      '日',
    ),
    fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
  ),
  maxLength: 16,
});
const nonBlank = nastyText.filter((t) => t.trim() !== '');

function systemWith(actors: SystemInput['actors'], links: SystemInput['links']): System {
  return SystemSchema.parse({
    multitrack: 1,
    id: 'property',
    name: 'Property',
    conflict: { id: 'c', name: 'C', parties: ['p'], stages: [{ stage: 'latent', from: '2000' }] },
    parties: [{ id: 'p', name: 'P', kind: 'state' }],
    actors,
    links,
  });
}

describe('Kumu properties', () => {
  it('any labels, types and link labels survive writeKumu → readKumu', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ name: nonBlank, originalType: fc.option(nastyText, { nil: undefined }) }), {
          minLength: 1,
          maxLength: 6,
        }),
        fc.array(fc.tuple(fc.nat(), fc.nat(), nastyText, nastyText), { maxLength: 6 }),
        (actors, pairs) => {
          const system = systemWith(
            actors.map((a, i) => ({ id: `a${i}`, kind: 'person', sector: 'unclassified', ...a })),
            pairs.map(([f, t, label, name], i) => ({
              id: `l${i}`,
              type: 'related',
              from: `a${f % actors.length}`,
              to: `a${t % actors.length}`,
              label,
              ...(name.trim() === '' ? {} : { name }),
            })),
          );
          const sheets = writeKumu(system);
          const back = readKumu(sheets.elements, sheets.connections, FILES);
          expect(back.problems).toEqual([]);
          expect(back.actors.map((a) => [a.id, a.name, a.originalType])).toEqual(
            system.actors.map((a) => [a.id, a.name, a.originalType === '' ? undefined : a.originalType]),
          );
          expect(back.links.map((l) => [l.id, l.type, l.from, l.to, l.label, l.name])).toEqual(
            system.links.map((l) => [
              l.id,
              l.type,
              l.from,
              l.to,
              l.label === '' ? undefined : l.label,
              l.name,
            ]),
          );
        },
      ),
    );
  });

  it('ids of any foreign map are unique, valid, and avoid the ids already taken', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(nastyText, nastyText), { maxLength: 12 }),
        fc.uniqueArray(fc.constantFrom('actor', 'a', 'a-2', 'b', 'x', 'e'), { maxLength: 6 }),
        (rows, existing) => {
          const existingIds = new Set<string>(existing);
          const r = readKumu(writeSheet(['Label', 'Type'], rows), '', { ...FILES, existingIds });
          const ids = r.actors.map((a) => a.id);
          expect(new Set(ids).size).toBe(ids.length);
          for (const id of ids) {
            expect(id).toMatch(ID_PATTERN);
            expect(existingIds.has(id)).toBe(false);
          }
          const labels = new Set(rows.map(([label]) => label.trim()).filter((l) => l !== ''));
          expect(r.actors.map((a) => a.name)).toEqual([...labels]);
          expect(r.problems.every((p) => p.field === 'Label' && p.file === FILES.elementsFile)).toBe(true);
        },
      ),
    );
  });
});

describe('readKumu on a header that never closes its quote', () => {
  it('reports the malformed row as well as the missing column', () => {
    const r = readKumu('"Label,Type\nA,x\n', '', FILES);
    expect(r.problems.map((p) => [p.row, p.field])).toEqual([
      [1, ''],
      [1, 'Label'],
    ]);
  });
});
