// GraphML export: every case gives a well-formed GraphML document with its keys declared before the
// graph, every <data> referring to a key declared for its element, edges joining declared nodes and
// unique ids; hostile text stays text.
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import type { System } from '../domain/system.js';
import { caseSystems } from './case-library.js';
import { GRAPHML_NAMESPACE, writeGraphml } from './graphml.js';

type Obj = Record<string, unknown>;
const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  htmlEntities: true,
  trimValues: false,
  parseTagValue: false,
  parseAttributeValue: false,
  isArray: (name, _path, _leaf, isAttribute) =>
    !isAttribute && ['key', 'node', 'edge', 'data'].includes(name),
});

function parseGraphml(xml: string) {
  expect(XMLValidator.validate(xml)).toBe(true);
  const graphml = (parser.parse(xml) as Obj).graphml as Obj;
  const keys = (graphml.key ?? []) as Obj[];
  const graph = graphml.graph as Obj;
  const nodes = (graph.node ?? []) as Obj[];
  const edges = (graph.edge ?? []) as Obj[];
  const data = (item: Obj) => (item.data ?? []) as Obj[];
  const value = (item: Obj, key: string) => data(item).find((d) => d.key === key)?.['#text'];
  return { graphml, keys, graph, nodes, edges, data, value };
}

describe('writeGraphml', async () => {
  const cases = await caseSystems();

  for (const { id, system } of cases) {
    it(`${id}: a well-formed, consistent GraphML graph`, () => {
      const xml = writeGraphml(system);
      const { graphml, keys, graph, nodes, edges, data, value } = parseGraphml(xml);
      expect(graphml.xmlns).toBe(GRAPHML_NAMESPACE);
      expect(graph.edgedefault).toBe('directed');
      expect(xml.lastIndexOf('<key ')).toBeLessThan(xml.indexOf('<graph '));

      const keyIds = keys.map((k) => k.id as string);
      expect(new Set(keyIds).size).toBe(keyIds.length);
      for (const k of keys) {
        expect(['node', 'edge']).toContain(k.for);
        expect(typeof k['attr.name']).toBe('string');
        expect(['string', 'boolean']).toContain(k['attr.type']);
      }
      const keysFor = (target: string) => new Set(keys.filter((k) => k.for === target).map((k) => k.id));

      const nodeIds = nodes.map((n) => n.id as string);
      const edgeIds = edges.map((e) => e.id as string);
      expect(new Set([...nodeIds, ...edgeIds]).size).toBe(nodeIds.length + edgeIds.length);
      expect(nodes).toHaveLength(
        system.parties.length +
          system.actors.length +
          system.initiatives.length +
          system.engagements.length +
          system.outcomes.length,
      );
      const known = new Set(nodeIds);
      for (const e of edges) {
        expect(known.has(e.source as string)).toBe(true);
        expect(known.has(e.target as string)).toBe(true);
      }
      const nodeKeys = keysFor('node');
      const edgeKeys = keysFor('edge');
      for (const n of nodes) for (const d of data(n)) expect(nodeKeys.has(d.key)).toBe(true);
      for (const e of edges) for (const d of data(e)) expect(edgeKeys.has(d.key)).toBe(true);

      for (const link of system.links) {
        expect(
          edges.some(
            (e) => e.source === link.from && e.target === link.to && value(e, 'e-label') === link.type,
          ),
        ).toBe(true);
      }
      for (const actor of system.actors) {
        const node = nodes.find((n) => n.id === actor.id) as Obj;
        expect(value(node, 'n-label')).toBe(actor.name);
        expect(value(node, 'n-sector')).toBe(actor.sector);
      }
    });

    it(`${id}: the same system gives the same bytes`, () => {
      expect(writeGraphml(system)).toBe(writeGraphml(system));
    });
  }

  it('escapes hostile text, keeps line breaks in text and drops what XML cannot carry', () => {
    const base = cases[0]?.system as System;
    const first = base.actors[0];
    if (!first) throw new Error('no actor');
    const name = 'A <b>&amp; "quoted" \'single\' ]]> é 日本 😀\nnext\u0000\uDC00 end';
    const description = '</data></node><node id="evil"/>\n<!-- x -->';
    const system: System = {
      ...base,
      actors: [{ ...first, name, description }, ...base.actors.slice(1)],
    };
    const xml = writeGraphml(system);
    const { nodes, value } = parseGraphml(xml);
    expect(nodes.some((n) => n.id === 'evil')).toBe(false);
    const node = nodes.find((n) => n.id === first.id) as Obj;
    expect(value(node, 'n-label')).toBe('A <b>&amp; "quoted" \'single\' ]]> é 日本 😀\nnext\uFFFD\uFFFD end');
    expect(value(node, 'n-description')).toBe(description);
  });
});
