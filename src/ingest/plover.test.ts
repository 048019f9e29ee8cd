// PLOVER reader on the gold-standard file of ../shared/data: every record accounted for, actors with
// their sector codes, the malformed records reported by index and field; JSON Lines streamed alike.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { TrackId } from '../domain/track.js';
import type { CameoActor } from './gdelt.js';
import {
  PLOVER_EVENT_TYPES,
  parsePlover,
  ploverRecord,
  readPlover,
  readPloverFile,
  sectorCodes,
} from './plover.js';

const FILE = fileURLToPath(new URL('../../../shared/data/plover/PLOVER_GSR_CAMEO.json', import.meta.url));
const raw = JSON.parse(readFileSync(FILE, 'utf8')) as Record<string, unknown>[];

describe('the PLOVER gold standard', () => {
  it('reads every record: 1 DOCUMENT, 322 events', async () => {
    const read = await readPloverFile(FILE);
    expect(read.records).toBe(raw.length);
    expect(read.documents).toBe(1);
    expect(read.rejected).toBe(0);
    expect(read.events).toHaveLength(322);
    expect(read.events.map((e) => e.index)).toEqual(raw.map((_, i) => i).slice(1));
    // One id is used twice in the file: reported, both events kept.
    expect(new Set(read.events.map((e) => e.id)).size).toBe(321);
    const twice = raw.flatMap((r, i) => (r.id === 'PLOVER-GSR01-COERCE-0004' ? [i] : []));
    expect(read.problems).toContainEqual({
      index: twice[1],
      id: 'PLOVER-GSR01-COERCE-0004',
      field: 'id',
      message: `id PLOVER-GSR01-COERCE-0004 is also the id of record ${twice[0]}`,
    });
    for (const e of read.events) expect(PLOVER_EVENT_TYPES).toContain(e.event);
  });

  it('gives the actors of a record with their codes and sector codes', async () => {
    const { events } = await readPloverFile(FILE);
    const first = events.find((e) => e.id === 'PLOVER-GSR01-AGREE-0001');
    expect(first).toMatchObject({
      index: 1,
      date: '2000-01-01',
      event: 'AGREE',
      context: ['refugees'],
      language: 'en',
      source: [
        { text: 'Hungarian', code: 'HUN', sector: 'GOV', sectorCodes: ['GOV'] },
        { text: 'Romanian', code: 'ROU', sector: 'GOV', sectorCodes: ['GOV'] },
      ],
      target: [],
    });
    const consult = events.find((e) => e.id === 'PLOVER-GSR01-CONSULT-0002');
    expect(consult?.mode).toBe('phone');
    const multi = events.filter((e) => e.context.length > 1);
    expect(multi.length).toBeGreaterThan(0);
    const withGroup = events.flatMap((e) => [...e.source, ...e.target]).find((a) => a.sector === 'REBalb');
    expect(withGroup).toMatchObject({ sectorCodes: ['REB'], group: 'alb' });
    const located = events.find((e) => e.location?.countryCode === 'CH');
    expect(located?.location).toEqual({ name: 'Geneva', countryCode: 'CH' });
    const dead = events.filter((e) => e.dead !== undefined);
    expect(dead.length).toBeGreaterThan(0);
  });

  it('reports malformed records by index and field and keeps the rest of them', async () => {
    const { problems, events } = await readPloverFile(FILE);
    // AGREE-0007 has the text "diplomatic" where its target list should be.
    const index = raw.findIndex((r) => r.id === 'PLOVER-GSR01-AGREE-0007');
    expect(problems).toContainEqual({
      index,
      id: 'PLOVER-GSR01-AGREE-0007',
      field: 'target',
      message: 'target is "diplomatic", not a list of actors',
    });
    expect(events.find((e) => e.id === 'PLOVER-GSR01-AGREE-0007')?.target).toEqual([]);
    // The expected problems, and only those, each at a record whose field is indeed wrong.
    for (const p of problems) {
      const record = raw[p.index]!;
      expect(record.id).toBe(p.id);
      const top = p.field.split(/[.[]/)[0]!;
      expect(Object.keys(record)).toContain(top);
    }
    expect(problems.map((p) => p.field).sort()).toEqual(['id', 'target']);
  });

  it('gives actors a track through a pluggable trackOf', async () => {
    const seen: CameoActor[] = [];
    const trackOf = (actor: CameoActor): TrackId | null => {
      seen.push(actor);
      return actor.type1 === 'GOV' || actor.type1 === 'IGO' ? '1' : null;
    };
    const { events } = await readPloverFile(FILE, { trackOf });
    const hungary = events[0]!.source[0]!;
    expect(hungary.track).toBe('1');
    expect(seen[0]).toEqual({ code: 'HUNGOV', name: 'Hungarian', country: 'HUN', type1: 'GOV' });
    const apec = events.find((e) => e.id === 'PLOVER-GSR01-AGREE-0002')!.source[0]!;
    expect(apec).toMatchObject({ code: 'IGO', track: '1' });
    expect(seen).toContainEqual({ code: 'IGO', name: 'Asia-Pacific Economic Cooperation', type1: 'IGO' });
  });

  it('reads the same records as JSON Lines, streamed in small chunks', async () => {
    const array = parsePlover(readFileSync(FILE, 'utf8'));
    const lines = raw.map((r) => JSON.stringify(r)).join('\r\n');
    const bytes = Buffer.from(lines);
    const chunks = Array.from({ length: Math.ceil(bytes.length / 997) }, (_, i) =>
      bytes.subarray(i * 997, (i + 1) * 997),
    );
    const streamed = await readPlover(chunks);
    const withoutLines = <T extends { line?: number }>(xs: readonly T[]) =>
      xs.map(({ line: _line, ...rest }) => rest);
    expect(withoutLines(streamed.events)).toEqual(withoutLines(array.events));
    expect(withoutLines(streamed.problems)).toEqual(withoutLines(array.problems));
    expect(streamed.events[0]?.line).toBe(2);
  });
});

describe('malformed PLOVER input', () => {
  it('reports each bad field with its path', () => {
    const record = {
      id: 'X-1',
      date: '2000-02-30',
      event: 'TELEPORT',
      source: [{ actorText: 'A', code: 7 }, 'B', { code: 'USA' }, { actorText: 'C', sector: 'G0V' }],
      target: { actorText: 'D' },
      mode: 3,
      eventLoc: 'here',
      dead: 'many',
    };
    const item = ploverRecord(record, 4);
    expect(item.kind).toBe('event');
    if (item.kind !== 'event') return;
    expect(item.problems.map((p) => [p.index, p.field])).toEqual([
      [4, 'event'],
      [4, 'date'],
      [4, 'source[0].code'],
      [4, 'source[1]'],
      [4, 'source[2].actorText'],
      [4, 'source[3].sector'],
      [4, 'target'],
      [4, 'mode'],
      [4, 'eventLoc'],
      [4, 'dead'],
    ]);
    expect(item.event).toMatchObject({ id: 'X-1', event: 'TELEPORT', target: [] });
    expect(item.event.source.map((a) => a.text)).toEqual(['A', 'C']);
    expect(item.event.date).toBeUndefined();
  });

  it('rejects records without an event type or that are no object', () => {
    const read = parsePlover(JSON.stringify([{ id: 'a' }, 3, { id: 'b', event: 'agree' }]));
    expect(read).toMatchObject({ records: 3, rejected: 2, documents: 0 });
    expect(read.events.map((e) => [e.index, e.event])).toEqual([[2, 'AGREE']]);
    expect(read.problems.map((p) => [p.index, p.field])).toEqual([
      [0, 'event'],
      [1, ''],
    ]);
  });

  it('reports a JSON Lines line that is no JSON by its line, and goes on', async () => {
    const text = '{"id":"a","event":"AGREE"}\n\n{"id":"b",\n{"id":"c","event":"AID"}\n';
    const read = await readPlover([text]);
    expect(read.events.map((e) => [e.id, e.line])).toEqual([
      ['a', 1],
      ['c', 4],
    ]);
    expect(read.problems).toEqual([expect.objectContaining({ index: 1, line: 3, field: '' })]);
  });

  it('reports a broken JSON array with its line', () => {
    const read = parsePlover('[\n{"id": "a", "event": "AGREE"},\n{"id": "b" "event": "AID"}\n]');
    expect(read.events).toEqual([]);
    expect(read.problems).toEqual([expect.objectContaining({ index: -1, line: 3 })]);
  });

  it('splits sector codes', () => {
    expect(sectorCodes('GOV')).toEqual({ codes: ['GOV'] });
    expect(sectorCodes('REFKUR')).toEqual({ codes: ['REF', 'KUR'] });
    expect(sectorCodes('CVLalb')).toEqual({ codes: ['CVL'], group: 'alb' });
    expect(sectorCodes('***')).toEqual({ codes: [] });
    expect(sectorCodes('Gov')).toBeNull();
    expect(sectorCodes('GOVE')).toBeNull();
  });

  it('never throws on arbitrary JSON values or lines', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.oneof(
            fc.jsonValue().map((v) => JSON.stringify(v)),
            fc.string(),
          ),
        ),
        async (lines) => {
          const read = await readPlover([lines.join('\n')]);
          expect(read.events.length + read.documents + read.rejected).toBe(read.records);
        },
      ),
      { numRuns: 100 },
    );
    fc.assert(
      fc.property(fc.anything(), fc.nat(), (value, index) => {
        const item = ploverRecord(value, index);
        expect(['event', 'document', 'rejected']).toContain(item.kind);
      }),
    );
  });
});
