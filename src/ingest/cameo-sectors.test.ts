// CAMEO/PLOVER codes read as sectors and tracks, and the Phoenix dictionary readers, on the real files in
// ../shared/data (never copied into the repository) and on hostile text.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sectorById } from '../domain/sector.js';
import {
  CAMEO_CODES,
  cameoCode,
  foldText,
  loadPhoenixDictionaries,
  parsePhoenixActors,
  parsePhoenixAgents,
  phoenixCodeOn,
  sectorOfCameoCode,
  sectorOfPloverActor,
  splitCameoCode,
  trackOfSector,
  type CodeEvidence,
} from './cameo-sectors.js';

const DATA = join(import.meta.dirname, '..', '..', '..', 'shared', 'data');
const CAMEO_DIR = join(DATA, 'cameo');
const read = (...p: string[]) => readFileSync(join(DATA, ...p), 'utf8');

/** The 3-character elements of every code written in a source, upper case. */
function elementsOf(codes: Iterable<string>): Set<string> {
  const out = new Set<string>();
  for (const c of codes) {
    const u = c.toUpperCase().replace(/[^A-Z0-9]/g, '');
    for (let i = 0; i + 3 <= u.length; i += 3) out.add(u.slice(i, i + 3));
  }
  return out;
}

function evidence(): Record<CodeEvidence, Set<string>> {
  const bracketCodes = (text: string) =>
    [...text.matchAll(/\[~?([A-Z0-9]+)~?[\s\]]/g)].map((m) => m[1] ?? '');
  const plover = JSON.parse(read('plover', 'PLOVER_GSR_CAMEO.json')) as Record<string, unknown>[];
  const ploverCodes: string[] = [];
  for (const r of plover) {
    for (const k of ['source', 'target']) {
      const list = r[k];
      if (!Array.isArray(list)) continue;
      for (const a of list as Record<string, unknown>[]) {
        if (typeof a.code === 'string') ploverCodes.push(a.code);
        if (typeof a.sector === 'string') ploverCodes.push(a.sector);
      }
    }
  }
  return {
    'phoenix-agents': elementsOf(bracketCodes(read('cameo', 'Phoenix.agents.txt'))),
    'phoenix-actors': elementsOf(bracketCodes(read('cameo', 'Phoenix.International.actors.txt'))),
    'plover-gsr': elementsOf(ploverCodes),
  };
}

describe('the code table', () => {
  it('maps only codes that occur in the CAMEO/Phoenix files or the PLOVER records, where it says', () => {
    const seen = evidence();
    for (const m of CAMEO_CODES) {
      expect(m.seenIn.length, m.code).toBeGreaterThan(0);
      for (const source of m.seenIn) expect(seen[source].has(m.code), `${m.code} in ${source}`).toBe(true);
    }
  });

  it('gives every mapping a reason, and a track that is its sector’s home track', () => {
    for (const m of CAMEO_CODES) {
      expect(m.reason.length, m.code).toBeGreaterThan(20);
      if (m.sector) expect(trackOfSector(m.sector)).toBe(sectorById(m.sector).homeTrack);
    }
    expect(new Set(CAMEO_CODES.map((m) => m.code)).size).toBe(CAMEO_CODES.length);
  });

  it('follows the data README correspondences', () => {
    const track = (c: string, d: 'cameo' | 'plover' = 'cameo') =>
      trackOfSector(cameoCode(c, d)?.sector ?? null);
    for (const c of ['GOV', 'LEG', 'JUD', 'MIL', 'IGO', 'UNO']) expect(track(c), c).toBe('1');
    for (const c of ['NGO', 'HRI']) expect(track(c), c).toBe('2');
    for (const c of ['BUS', 'MNC']) expect(track(c), c).toBe('3');
    expect(track('CVL')).toBe('4');
    expect(track('EDU')).toBe('5');
    expect(track('OPP')).toBe('6');
    for (const c of ['REL', 'CHR', 'CTH', 'MOS', 'MUS', 'JEW', 'HIN', 'BUD']) expect(track(c), c).toBe('7');
    expect(track('MED')).toBe('9');
    expect(track('JRN', 'plover')).toBe('9');
    // PLOVER renamed: MED is health there
    expect(track('MED', 'plover')).toBeNull();
    for (const c of ['CRM', 'REF', 'UAF']) {
      expect(cameoCode(c)?.sector, c).toBeNull();
      expect(cameoCode(c)?.reason.length).toBeGreaterThan(20);
    }
    expect(cameoCode('INS')).toBeUndefined(); // not in shared/data's CAMEO material, so not read
  });
});

describe('splitCameoCode and sectorOfCameoCode', () => {
  it.each([
    ['USAGOV', 'country', 'USA', 'government', '1', 'GOV'],
    ['IRNMIL', 'country', 'IRN', 'military', '1', 'MIL'],
    ['IGOUNO', 'organisation', 'IGO', 'igo', '1', 'IGO'],
    ['NGOHRI', 'organisation', 'NGO', 'ngo', '2', 'NGO'],
    ['PSEREB', 'country', 'PSE', 'armed-group', '1', 'REB'],
    ['USAGOVMED', 'country', 'USA', 'government', '1', 'GOV'],
    ['NGOCHRCTH', 'organisation', 'NGO', 'religious', '7', 'CHR'],
    ['MNCUSAMED', 'organisation', 'MNC', 'media', '9', 'MED'],
    ['IGOUNOREFHCR', 'organisation', 'IGO', 'igo', '1', 'IGO'],
    ['NGOTZACHRPRO214', 'organisation', 'NGO', 'religious', '7', 'CHR'],
    ['usabus', 'country', 'USA', 'business', '3', 'BUS'],
  ])('%s', (code, kind, prefix, sector, track, decidedBy) => {
    const r = sectorOfCameoCode(code);
    expect(r.parts?.prefix).toEqual({ kind, code: prefix });
    expect(r).toMatchObject({ status: 'classified', sector, track, decidedBy });
    expect(r.reason).toContain(decidedBy);
  });

  it('reads a country alone as a state whose sector is open, not as government', () => {
    const r = sectorOfCameoCode('USA');
    expect(r).toMatchObject({ status: 'state', sector: null, track: null });
    expect(r.reason).toMatch(/role/);
  });

  it('lets PTY defer to GOV or OPP after it, and names no track for CRM or REF', () => {
    expect(sectorOfCameoCode('PTYOPP')).toMatchObject({ sector: 'activist', track: '6' });
    expect(sectorOfCameoCode('ZAFPTYGOV')).toMatchObject({ sector: 'government' });
    expect(sectorOfCameoCode('PTY')).toMatchObject({ status: 'no-track', track: null });
    expect(sectorOfCameoCode('REFKUR')).toMatchObject({ status: 'no-track', decidedBy: 'REF' });
    expect(sectorOfCameoCode('CRMMOS')).toMatchObject({ status: 'no-track', decidedBy: 'CRM' });
  });

  it('rejects what is not a code', () => {
    for (const bad of ['', '---', 'US-A', 'ÉTÉ', 'A'.repeat(200), '<script>']) {
      expect(sectorOfCameoCode(bad).status, bad).toBe('invalid');
      expect(() => splitCameoCode(bad)).not.toThrow();
    }
    expect(sectorOfCameoCode('XYZ').status).toBe('state');
    expect(sectorOfCameoCode('GEOSEP')).toMatchObject({ status: 'unknown', track: null });
    expect(sectorOfCameoCode('GEOSEP').reason).toContain('SEP');
    expect(sectorOfCameoCode('IGOXYZ').status).toBe('classified');
    expect(splitCameoCode('IGOUNOJUDICJ')).toEqual({
      code: 'IGOUNOJUDICJ',
      prefix: { kind: 'organisation', code: 'IGO' },
      roles: ['JUD'],
      other: ['UNO', 'ICJ'],
    });
  });

  it('never throws, and always gives a track consistent with its sector', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (s) => {
        const r = sectorOfCameoCode(s);
        expect(r.track).toBe(trackOfSector(r.sector));
      }),
      { numRuns: 500 },
    );
  });

  it('reads PLOVER actors: country code plus PLOVER sector field', () => {
    expect(sectorOfPloverActor({ code: 'IGO', sector: 'GOV' })).toMatchObject({ sector: 'igo' });
    expect(sectorOfPloverActor({ code: 'ISR', sector: 'MIL' })).toMatchObject({ sector: 'military' });
    expect(sectorOfPloverActor({ code: 'SRB', sector: 'CVLalb' })).toMatchObject({ sector: 'citizen' });
    expect(sectorOfPloverActor({ code: 'LBY', sector: 'CIV' })).toMatchObject({ sector: 'citizen' });
    expect(sectorOfPloverActor({ code: 'CHE', sector: 'MED' })).toMatchObject({ status: 'no-track' });
    expect(sectorOfPloverActor({ code: 'NIC', sector: 'JRN' })).toMatchObject({ sector: 'media' });
    expect(sectorOfPloverActor({ code: 'ISR', sector: '***' })).toMatchObject({ status: 'state' });
    expect(sectorOfPloverActor({ code: 'USA' })).toMatchObject({ status: 'state' });
    expect(sectorOfPloverActor({ code: 42, sector: {} })).toMatchObject({ status: 'invalid' });
  });
});

describe('Phoenix dictionaries (real files)', () => {
  const dictionaries = loadPhoenixDictionaries(CAMEO_DIR);

  it('reads the actors: organisation name → codes', () => {
    const { actors } = dictionaries;
    expect(actors.actors.length).toBeGreaterThan(7000);
    const code = (name: string) => {
      const a = actors.byName.get(foldText(name));
      return a ? phoenixCodeOn(a)?.code : undefined;
    };
    expect(code('United Nations')).toBe('IGOUNO');
    expect(code('Carter Center')).toBe('NGOUSAHRI');
    expect(code('Caritas')).toBe('NGOCHRCTH');
    expect(code('International Committee of the Red Cross')).toBe('NGOHLHIRC');
    expect(code('Chevron')).toBe('MNC');
    // synonyms on "+" lines and the code on an indented line below them
    expect(code('Secretary General of the United Nations')).toBe('IGOUNO');
  });

  it('keeps the dates of dated codes', () => {
    const annan = dictionaries.actors.byName.get('kofi annan');
    expect(annan?.codes).toContainEqual({ code: 'IGOUNO', from: '1997-01-01', until: '2006-12-31' });
    expect(annan && phoenixCodeOn(annan, '2000-05-01')?.code).toBe('IGOUNO');
    expect(annan && phoenixCodeOn(annan, '2010-05-01')?.code).toBe('ELI');
    expect(annan && phoenixCodeOn(annan)?.code).toBe('ELI');
  });

  it('reads the agents: word → sector code, with substitution sets and plurals', () => {
    const { agents } = dictionaries;
    expect(agents.byPhrase.size).toBeGreaterThan(2000);
    expect(agents.byPhrase.get('minister of information')).toEqual(['GOVMED']);
    expect(agents.byPhrase.get('ministries of information')).toEqual(['GOVMED']);
    expect(agents.byPhrase.get('bishop')).toEqual(['CHR']);
    expect(agents.byPhrase.get('chambers of commerce')).toEqual(['BUS']);
    expect(agents.byPhrase.get('cattlemen')).toEqual(['AGR']);
    expect(agents.byPhrase.get('civil society')).toEqual(['CVL', 'NGO']);
  });

  it('reports the malformed lines of the real files with their numbers', () => {
    const { actors, agents } = dictionaries;
    expect(agents.problems).toContainEqual(
      expect.objectContaining({ line: 544, message: expect.stringMatching(/unbalanced/) }),
    );
    expect(agents.problems).toContainEqual(
      expect.objectContaining({ line: 1927, message: expect.stringMatching(/no code/) }),
    );
    expect(actors.problems).toContainEqual(
      expect.objectContaining({ line: 22, message: expect.stringMatching(/no code for "U\.N\."/) }),
    );
    expect(actors.problems).toContainEqual(
      expect.objectContaining({ line: 40, message: expect.stringMatching(/bad date range/) }),
    );
  });
});

describe('Phoenix readers on hostile text', () => {
  it('report malformed lines by number and keep the good ones', () => {
    const text = [
      '# comment',
      'GOOD_ORG_ [NGOHRI]',
      'NO_CODE_',
      'BAD_ [NGO',
      'BAD2_ [not a code]',
      '+ORPHAN',
      'DATED_ [IGOUNO 991301-000101]',
      'TWO_\n+TWO_SYNONYM\n\t[NGOCHR] # trailing',
      '\t[IGO]',
    ].join('\n');
    const d = parsePhoenixActors(text, 'test');
    expect(d.byName.get('good org')?.codes).toEqual([{ code: 'NGOHRI' }]);
    expect(d.byName.get('two synonym')?.codes).toEqual([{ code: 'NGOCHR' }, { code: 'IGO' }]);
    expect(d.byName.get('dated')?.codes).toEqual([{ code: 'IGOUNO' }]);
    const lines = d.problems.map((p) => p.line);
    expect(lines).toEqual(expect.arrayContaining([3, 4, 5, 7]));
    for (const p of d.problems) expect(p.file).toBe('test');
  });

  it('reads agents lines and reports the rest', () => {
    const d = parsePhoenixAgents(
      ['!X! = A, B', 'WORD_!X! {WORDS_!X!} [~GOV]', 'ODD [~MED}', 'LONELY', 'UNKNOWN_!Y! [~BUS]'].join('\n'),
    );
    expect(d.byPhrase.get('word a')).toEqual(['GOV']);
    expect(d.byPhrase.get('words b')).toEqual(['GOV']);
    expect(d.problems.map((p) => p.line)).toEqual([3, 4, 5]);
  });

  it('never throw, on any text', () => {
    const lines = fc.array(
      fc.oneof(
        fc.string({ maxLength: 60 }),
        fc.constantFrom('[', ']', '+', '\t[IGO]', '!A! = B', '{', '}', '[~GOV]', '[IGO 1-2]', '#', '\uFEFF'),
      ),
      { maxLength: 30 },
    );
    fc.assert(
      fc.property(lines, (ls) => {
        const text = ls.join('\n');
        const a = parsePhoenixActors(text);
        const b = parsePhoenixAgents(text);
        for (const p of [...a.problems, ...b.problems]) {
          expect(p.line).toBeGreaterThanOrEqual(0);
          expect(p.line).toBeLessThanOrEqual(ls.length + 1);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('skips overlong lines instead of reading them', () => {
    const d = parsePhoenixActors(`X_ [NGO]\n${'A'.repeat(5000)} [NGO]\n`);
    expect(d.problems).toEqual([
      expect.objectContaining({ line: 2, message: expect.stringMatching(/longer/) }),
    ]);
  });
});

describe('foldText', () => {
  it('folds case, accents, ligatures and punctuation', () => {
    expect(foldText('ÉGLISE  Catholique')).toBe('eglise catholique');
    expect(foldText('Conseil œcuménique')).toBe('conseil oecumenique');
    expect(foldText("NATIONS-UNIES / l'ONU")).toBe('nations unies l onu');
    expect(foldText('CHILDREN’S_FUND_')).toBe('children s fund');
  });
});
