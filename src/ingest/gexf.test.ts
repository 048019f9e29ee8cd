// GEXF export: every case gives a well-formed GEXF 1.3 document whose edges join declared nodes, whose
// ids are unique and whose attribute values refer to declared attributes; hostile text stays text.
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import type { System } from '../domain/system.js';
import { caseSystems } from './case-library.js';
import { GEXF_NAMESPACE, writeGexf } from './gexf.js';

type Obj = Record<string, unknown>;
const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  htmlEntities: true,
  trimValues: false,
  parseTagValue: false,
  parseAttributeValue: false,
  isArray: (name, _path, _leaf, isAttribute) =>
    !isAttribute && ['attributes', 'attribute', 'node', 'edge', 'attvalue'].includes(name),
});

function parseGexf(xml: string) {
  expect(XMLValidator.validate(xml)).toBe(true);
  const gexf = (parser.parse(xml) as Obj).gexf as Obj;
  const graph = gexf.graph as Obj;
  const attributes = graph.attributes as Obj[];
  const declared = (cls: string) =>
    new Set(
      attributes
        .filter((a) => a.class === cls)
        .flatMap((a) => (a.attribute as Obj[]).map((x) => x.id as string)),
    );
  const nodes = ((graph.nodes as Obj | undefined)?.node ?? []) as Obj[];
  const edges = ((graph.edges as Obj | undefined)?.edge ?? []) as Obj[];
  const values = (item: Obj) => ((item.attvalues as Obj | undefined)?.attvalue ?? []) as Obj[];
  return { gexf, graph, nodes, edges, declared, values };
}

describe('writeGexf', async () => {
  const cases = await caseSystems();

  it('reads the whole case library', () => {
    expect(cases.length).toBeGreaterThan(0);
  });

  for (const { id, system } of cases) {
    it(`${id}: a well-formed, consistent GEXF 1.3 graph`, () => {
      const xml = writeGexf(system);
      const { gexf, graph, nodes, edges, declared, values } = parseGexf(xml);
      expect(gexf.xmlns).toBe(GEXF_NAMESPACE);
      expect(gexf.version).toBe('1.3');
      expect(graph.defaultedgetype).toBe('directed');

      const nodeIds = nodes.map((n) => n.id as string);
      expect(new Set(nodeIds).size).toBe(nodeIds.length);
      const records =
        system.parties.length +
        system.actors.length +
        system.initiatives.length +
        system.engagements.length +
        system.outcomes.length;
      expect(nodes).toHaveLength(records);

      const edgeIds = edges.map((e) => e.id as string);
      expect(new Set(edgeIds).size).toBe(edgeIds.length);
      const known = new Set(nodeIds);
      for (const e of edges) {
        expect(known.has(e.source as string), `edge ${e.id as string} source`).toBe(true);
        expect(known.has(e.target as string), `edge ${e.id as string} target`).toBe(true);
      }
      const participants = system.engagements.reduce((n, e) => n + e.participants.length, 0);
      const adopted = system.outcomes.filter((o) => o.adoptedBy !== undefined).length;
      expect(edges).toHaveLength(
        system.links.length + system.engagements.length + participants + system.outcomes.length + adopted,
      );
      for (const link of system.links) {
        expect(
          edges.some((e) => e.source === link.from && e.target === link.to && e.label === link.type),
        ).toBe(true);
      }

      const nodeAttributes = declared('node');
      const edgeAttributes = declared('edge');
      for (const n of nodes)
        for (const v of values(n)) expect(nodeAttributes.has(v.for as string)).toBe(true);
      for (const e of edges)
        for (const v of values(e)) expect(edgeAttributes.has(v.for as string)).toBe(true);
      const actor = system.actors[0];
      if (actor) {
        const node = nodes.find((n) => n.id === actor.id) as Obj;
        expect(node.label).toBe(actor.name);
        expect(values(node)).toContainEqual({ for: 'record', value: 'actor' });
        expect(values(node)).toContainEqual({ for: 'sector', value: actor.sector });
      }
    });

    it(`${id}: the same system gives the same bytes`, () => {
      expect(writeGexf(system)).toBe(writeGexf(system));
    });
  }

  it('escapes hostile text and drops what XML cannot carry', () => {
    const base = cases[0]?.system as System;
    const first = base.actors[0];
    if (!first) throw new Error('no actor');
    const name = 'A <b>&amp; "quoted" \'single\' ]]> é 日本 😀\nnext\tline\u0000\u0007\uD800 end';
    const description = '<script>alert(1)</script>\n-- <!-- comment -->\r\n& more';
    const system: System = {
      ...base,
      actors: [{ ...first, name, description, originalType: '"><x/>' }, ...base.actors.slice(1)],
      links: [...base.links, { ...base.links[0]!, label: '</edge><edge id="evil"/>' }],
    };
    const xml = writeGexf(system);
    const { nodes, values } = parseGexf(xml);
    expect(xml).not.toContain('<script>');
    expect(xml).not.toContain('\u0000');
    const node = nodes.find((n) => n.id === first.id) as Obj;
    expect(node.label).toBe('A <b>&amp; "quoted" \'single\' ]]> é 日本 😀 next line\uFFFD\uFFFD\uFFFD end');
    expect(values(node)).toContainEqual({ for: 'original-type', value: '"><x/>' });
    expect(values(node)).toContainEqual({
      for: 'description',
      value: '<script>alert(1)</script> -- <!-- comment --> & more',
    });
  });

  it('writes booleans as values', () => {
    const system = cases.find((c) => c.system.outcomes.some((o) => o.binding))?.system;
    if (!system) return;
    const xml = writeGexf(system);
    expect(xml).toContain('<attvalue for="binding" value="true"/>');
  });
});
