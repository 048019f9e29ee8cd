// classify: the track of a meeting from who takes part. Examples from the seeds, and the invariants as
// properties.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SECTORS, type SectorId } from '../sector.js';
import { ClassifyError, type Participant, classify } from './classify.js';

const officialSectors = SECTORS.filter((s) => s.official).map((s) => s.id);
const otherSectors = SECTORS.filter((s) => !s.official && s.homeTrack !== null).map((s) => s.id);

const official = fc
  .constantFrom(...officialSectors)
  .map((sector): Participant => ({ sector, capacity: 'official' }));
const officialAnyCapacity = fc
  .tuple(fc.constantFrom(...officialSectors), fc.constantFrom('official' as const, 'personal' as const))
  .map(([sector, capacity]): Participant => ({ sector, capacity }));
const nonOfficial = fc
  .constantFrom(...otherSectors)
  .map((sector): Participant => ({ sector, capacity: 'personal' }));
const anyValid = fc.oneof(officialAnyCapacity, nonOfficial);

describe('classify', () => {
  it('follows the seeds on their examples', () => {
    const p = (sector: SectorId, capacity: 'official' | 'personal' = 'personal'): Participant => ({
      sector,
      capacity,
    });
    // JCPOA: Iran and the P5+1, officials only (seed 000).
    expect(classify([p('government', 'official'), p('government', 'official')]).track).toBe('1');
    // China–US SNDD: think tanks, retired officials, serving officials and military (seed 001).
    expect(
      classify([
        p('think-tank'),
        p('former-official'),
        p('government', 'personal'),
        p('military', 'personal'),
      ]).track,
    ).toBe('1.5');
    // Before the 2018 summit: former US officials with DPRK diplomats in private capacity (seed 000).
    expect(classify([p('former-official'), p('government', 'personal')]).track).toBe('1.5');
    // Oslo at the start: Norwegian scholars and academics (seed 003).
    expect(classify([p('academic'), p('academic'), p('think-tank')]).track).toBe('2');
    // Business, private citizens, religion, funding, media on their own (domain.md §2).
    expect(classify([p('business'), p('business')]).track).toBe('3');
    expect(classify([p('citizen'), p('diaspora')]).track).toBe('4');
    expect(classify([p('religious')]).track).toBe('7');
    expect(classify([p('funder')]).track).toBe('8');
    expect(classify([p('media'), p('media'), p('citizen')]).track).toBe('9');
  });

  it('ignores unclassified participants, and refuses a meeting of unclassified ones only', () => {
    expect(
      classify([
        { sector: 'unclassified', capacity: 'personal' },
        { sector: 'media', capacity: 'personal' },
      ]).track,
    ).toBe('9');
    expect(() => classify([{ sector: 'unclassified', capacity: 'personal' }])).toThrow(
      /no participant has a known sector/,
    );
  });

  it('refuses a non-official sector in an official capacity, and an empty meeting', () => {
    expect(() => classify([{ sector: 'ngo', capacity: 'official' }])).toThrow(ClassifyError);
    expect(() => classify([])).toThrow(/no participants/);
  });

  it('property: officials acting officially, and only they, make Track 1', () => {
    fc.assert(
      fc.property(fc.array(official, { minLength: 1, maxLength: 12 }), (ps) => {
        expect(classify(ps).track).toBe('1');
      }),
    );
  });

  it('property: adding a non-official to an all-official meeting never leaves it Track 1', () => {
    fc.assert(
      fc.property(
        fc.array(official, { minLength: 1, maxLength: 10 }),
        nonOfficial,
        fc.nat(10),
        (ps, extra, at) => {
          const mixed = [...ps];
          mixed.splice(at % (ps.length + 1), 0, extra);
          expect(classify(mixed).track).not.toBe('1');
          expect(classify(mixed).track).toBe('1.5');
        },
      ),
    );
  });

  it('property: with no officials it is never Track 1 or 1.5', () => {
    fc.assert(
      fc.property(fc.array(nonOfficial, { minLength: 1, maxLength: 15 }), (ps) => {
        expect(['1', '1.5']).not.toContain(classify(ps).track);
      }),
    );
  });

  it('property: any official in a personal capacity makes it Track 1.5', () => {
    fc.assert(
      fc.property(
        fc.array(anyValid, { maxLength: 10 }),
        fc.constantFrom(...officialSectors),
        (ps, sector) => {
          expect(classify([...ps, { sector, capacity: 'personal' }]).track).toBe('1.5');
        },
      ),
    );
  });

  it('property: the order of participants does not matter', () => {
    fc.assert(
      fc.property(fc.array(anyValid, { minLength: 1, maxLength: 12 }), (ps) => {
        expect(classify([...ps].reverse()).track).toBe(classify(ps).track);
      }),
    );
  });

  it('property: with no officials, the track is the home track of at least one participant', () => {
    fc.assert(
      fc.property(fc.array(nonOfficial, { minLength: 1, maxLength: 15 }), (ps) => {
        const track = classify(ps).track;
        const homes = ps.map((p) => SECTORS.find((s) => s.id === p.sector)?.homeTrack);
        expect(homes).toContain(track);
      }),
    );
  });
});
