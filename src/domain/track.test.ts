// Track labels: every way the sources write a track maps onto the canonical taxonomy, in any case and
// spacing; unknown labels fail with the list of what is accepted.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CONVENTION_IDS, TRACK_IDS, TrackLabelError, parseTrackLabel, trackLabel } from './track.js';

const ROMAN = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX'];
const WORDS = ['one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'];

/** Every spelling of a canonical track number that the sources use. */
function spellings(id: string): string[] {
  if (id === '1.5')
    return ['Track 1.5', 'T1.5', 'track one and a half', 'Track I.5', 'Track 1 1/2', 'track-1.5'];
  const n = Number(id);
  return [
    `Track ${id}`,
    `T${id}`,
    `Track ${ROMAN[n - 1]}`,
    `track ${WORDS[n - 1]}`,
    `Track-${ROMAN[n - 1]}`,
    `${id}`,
  ];
}

const caseAndSpace = (s: string) =>
  fc
    .tuple(fc.array(fc.boolean(), { minLength: s.length, maxLength: s.length }), fc.nat(3), fc.nat(3))
    .map(([upper, before, after]) => {
      const cased = [...s].map((ch, i) => (upper[i] ? ch.toUpperCase() : ch.toLowerCase())).join('');
      return `${' '.repeat(before)}${cased.replace(/ /g, '  ')}${' '.repeat(after)}`;
    });

describe('parseTrackLabel', () => {
  it('maps the examples named in the foundation issue', () => {
    expect(parseTrackLabel('Track II')).toEqual({ kind: 'track', track: '2' });
    expect(parseTrackLabel('track two')).toEqual({ kind: 'track', track: '2' });
    expect(parseTrackLabel('backchannel')).toEqual({ kind: 'track', track: '2' });
    expect(parseTrackLabel('T1.5')).toEqual({ kind: 'track', track: '1.5' });
    expect(parseTrackLabel('Track 3', 'three-level')).toEqual({ kind: 'track', track: '4' });
    expect(parseTrackLabel('Track 4', 'seed-002')).toEqual({ kind: 'multi-track' });
    expect(parseTrackLabel('Track 3')).toEqual({ kind: 'track', track: '3' });
  });

  it('property: every spelling of every canonical track, in any case and spacing, maps back to it', () => {
    const arb = fc
      .constantFrom(...TRACK_IDS)
      .chain((id) =>
        fc.constantFrom(...spellings(id)).chain((s) => caseAndSpace(s).map((label) => ({ id, label }))),
      );
    fc.assert(
      fc.property(arb, ({ id, label }) => {
        expect(parseTrackLabel(label)).toEqual({ kind: 'track', track: id });
      }),
    );
  });

  it('property: the canonical label of a track round-trips in the canonical convention', () => {
    fc.assert(
      fc.property(fc.constantFrom(...TRACK_IDS), (id) => {
        expect(parseTrackLabel(trackLabel(id))).toEqual({ kind: 'track', track: id });
      }),
    );
  });

  it('property: under the three-level conventions, Tracks 1, 1.5 and 2 keep their meaning', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('three-level', 'seed-002'),
        fc.constantFrom('1', '1.5', '2'),
        (conv, id) => {
          expect(parseTrackLabel(`Track ${id}`, conv as 'three-level')).toEqual({ kind: 'track', track: id });
        },
      ),
    );
  });

  it('property: any label either resolves or throws a TrackLabelError that lists what is accepted', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 30 }), fc.constantFrom(...CONVENTION_IDS), (label, conv) => {
        try {
          const meaning = parseTrackLabel(label, conv);
          expect(['track', 'multi-track']).toContain(meaning.kind);
        } catch (error) {
          expect(error).toBeInstanceOf(TrackLabelError);
          expect((error as Error).message).toMatch(/accepted|does not have/);
        }
      }),
    );
  });

  it('rejects numbers outside the taxonomy and names the convention', () => {
    expect(() => parseTrackLabel('Track 10')).toThrow(TrackLabelError);
    expect(() => parseTrackLabel('Track 6', 'three-level')).toThrow(/three-level convention does not have/);
    expect(() => parseTrackLabel('Track two and a bit')).toThrow(/accepted: Track 1/);
  });
});
