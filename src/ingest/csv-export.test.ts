// Plain CSV export: one node row per record and one edge row per link or implied relation, in file
// order, with the documented columns; every edge joins two nodes; formulas guarded; same bytes each time.
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import type { System } from '../domain/system.js';
import { caseSystems } from './case-library.js';
import { EDGE_COLUMNS, NODE_COLUMNS, writeCsv } from './csv-export.js';
import { readSheet } from './csv-sheet.js';

const table = (text: string) => parse(text, { columns: true }) as Record<string, string>[];

describe('writeCsv', async () => {
  const cases = await caseSystems();

  for (const { id, system } of cases) {
    it(`${id}: nodes and edges tables`, () => {
      const { nodes, edges } = writeCsv(system);
      expect(nodes.split('\r\n')[0]).toBe(NODE_COLUMNS.join(','));
      expect(edges.split('\r\n')[0]).toBe(EDGE_COLUMNS.join(','));
      const nodeRows = table(nodes);
      const edgeRows = table(edges);
      const records = [
        ...system.parties.map((r) => [r.id, 'party']),
        ...system.actors.map((r) => [r.id, 'actor']),
        ...system.initiatives.map((r) => [r.id, 'initiative']),
        ...system.engagements.map((r) => [r.id, 'engagement']),
        ...system.outcomes.map((r) => [r.id, 'outcome']),
      ];
      expect(nodeRows.map((r) => [r.id, r.type])).toEqual(records);
      for (const actor of system.actors) {
        const row = nodeRows.find((r) => r.id === actor.id);
        expect(row?.name).toBe(actor.name);
        expect(row?.sector).toBe(actor.sector);
        expect(row?.party).toBe(actor.party ?? '');
      }
      for (const initiative of system.initiatives) {
        const row = nodeRows.find((r) => r.id === initiative.id);
        expect(row?.start).toBe(initiative.start);
        expect(row?.end).toBe(initiative.end ?? '');
      }
      const ids = new Set(nodeRows.map((r) => r.id));
      for (const e of edgeRows) {
        expect(ids.has(e.source ?? '')).toBe(true);
        expect(ids.has(e.target ?? '')).toBe(true);
      }
      expect(new Set(edgeRows.map((e) => e.id)).size).toBe(edgeRows.length);
      expect(edgeRows.slice(0, system.links.length).map((e) => [e.source, e.type, e.target, e.date])).toEqual(
        system.links.map((l) => [l.from, l.type, l.to, l.date ?? '']),
      );
      expect(edgeRows.slice(system.links.length).every((e) => e.relation === 'structural')).toBe(true);
    });

    it(`${id}: the same system gives the same bytes`, () => {
      expect(writeCsv(system)).toEqual(writeCsv(system));
    });
  }

  it('keeps hostile text as text: quotes, line breaks, and formulas guarded', () => {
    const base = cases[0]?.system as System;
    const first = base.actors[0];
    if (!first) throw new Error('no actor');
    const name = '=HYPERLINK("http://evil.example","click"), "quoted"\nline 2';
    const system: System = { ...base, actors: [{ ...first, name }, ...base.actors.slice(1)] };
    const { nodes } = writeCsv(system);
    const raw = table(nodes).find((r) => r.id === first.id);
    expect(raw?.name).toBe(`'${name}`);
    const row = readSheet(nodes).rows.find((r) => r.cells[0] === first.id);
    expect(row?.cells[2]).toBe(name);
  });
});
