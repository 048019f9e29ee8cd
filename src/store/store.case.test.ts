// The registry conformance suite: one set of tests, run against every backend (embedded PGlite and
// PostgreSQL). Lossless import/export, all-or-nothing imports, history, as-of and on-date reads,
// optimistic concurrency, search, neighbourhoods, and the access rule on every read path.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SystemSchema, type System } from '../domain/system.js';
import { checkSystem } from '../domain/rules/index.js';
import { readAllCases } from '../ingest/case-library.js';
import { BACKENDS } from '../../test/support/backends.js';
import { ORGS, systemArbitrary, word } from '../../test/support/system-arbitrary.js';
import {
  ADMIN,
  ConflictError,
  NotFoundError,
  RecordRejectedError,
  organisation,
  type Registry,
  type StoredRecord,
} from './port.js';

const cases = (await readAllCases()).map((r) => r.system as System);
const oslo = cases.find((s) => s.id === 'oslo-1993') as System;

/** The access rule, written again independently of src/store/access.ts, as the oracle. */
function oracle(input: System, org: string, initiatives: ReadonlySet<string>) {
  type Conf = { owner?: string; existence: string; content: string; sharedWith: string[] };
  const recs = new Map<
    string,
    { type: string; conf: Conf; scope: string[]; data: Record<string, unknown> }
  >();
  const key = (i: string) => `${input.id}/${i}`;
  const actorScope = new Map<string, Set<string>>();
  const add = (a: string, i: string) => actorScope.set(a, new Set([...(actorScope.get(a) ?? []), key(i)]));
  input.initiatives.forEach((n) => n.conveners.forEach((a) => add(a, n.id)));
  input.engagements.forEach((e) => e.participants.forEach((p) => add(p.actor, e.initiative)));
  const owning = (id: string) =>
    input.initiatives.some((n) => n.id === id)
      ? id
      : (input.engagements.find((e) => e.id === id)?.initiative ??
        input.outcomes.find((o) => o.id === id)?.initiative);
  input.links.forEach((l) => {
    const fromActor = input.actors.some((a) => a.id === l.from);
    const toActor = input.actors.some((a) => a.id === l.to);
    const toInit = owning(l.to);
    const fromInit = owning(l.from);
    if (fromActor && toInit) add(l.from, toInit);
    if (toActor && fromInit) add(l.to, fromInit);
  });
  recs.set(input.conflict.id, {
    type: 'conflict',
    conf: input.conflict.confidentiality,
    scope: [],
    data: input.conflict,
  });
  input.parties.forEach((p) =>
    recs.set(p.id, { type: 'party', conf: p.confidentiality, scope: [], data: p }),
  );
  input.actors.forEach((a) =>
    recs.set(a.id, {
      type: 'actor',
      conf: a.confidentiality,
      scope: [...(actorScope.get(a.id) ?? [])],
      data: a,
    }),
  );
  input.initiatives.forEach((n) =>
    recs.set(n.id, { type: 'initiative', conf: n.confidentiality, scope: [key(n.id)], data: n }),
  );
  input.engagements.forEach((e) =>
    recs.set(e.id, { type: 'engagement', conf: e.confidentiality, scope: [key(e.initiative)], data: e }),
  );
  input.outcomes.forEach((o) =>
    recs.set(o.id, { type: 'outcome', conf: o.confidentiality, scope: [key(o.initiative)], data: o }),
  );
  input.links.forEach((l) =>
    recs.set(l.id as string, {
      type: 'link',
      conf: l.confidentiality,
      scope: [owning(l.from), owning(l.to)].filter((x): x is string => !!x).map(key),
      data: l,
    }),
  );
  const allows = (level: string, r: { conf: Conf; scope: string[] }) => {
    const owner = r.conf.owner ?? input.owner;
    if (owner === org || level === 'public') return true;
    if (level === 'shared') return r.conf.sharedWith.includes(org);
    if (level === 'participants') return r.scope.some((s) => initiatives.has(s));
    return false;
  };
  const exists = new Set<string>();
  for (const [id, r] of recs) if (r.type !== 'link' && allows(r.conf.existence, r)) exists.add(id);
  for (const [id, r] of recs) {
    const l = r.data as { from: string; to: string };
    if (r.type === 'link' && allows(r.conf.existence, r) && exists.has(l.from) && exists.has(l.to))
      exists.add(id);
  }
  const readable = new Set<string>();
  for (const [id, r] of recs) {
    if (!exists.has(id) || !allows(r.conf.content, r)) continue;
    const d = r.data as { initiative?: string; from?: string; to?: string };
    const required =
      r.type === 'link'
        ? [d.from, d.to]
        : r.type === 'engagement' || r.type === 'outcome'
          ? [d.initiative]
          : [];
    if (required.every((x) => x !== undefined && exists.has(x))) readable.add(id);
  }
  return { exists, readable, all: [...recs.keys()] };
}

const mentions = (value: unknown, id: string) => new RegExp(`"${id}"`).test(JSON.stringify(value));

for (const backend of BACKENDS) {
  describe(`registry on ${backend.name}`, () => {
    let registry: Registry;
    let dispose: () => Promise<void>;

    beforeAll(async () => {
      ({ registry, dispose } = await backend.open());
      await registry.importSystems(cases, { by: 'test' });
    });
    afterAll(async () => dispose());

    /** A record of the Oslo case as the administrator reads it (never redacted). */
    const readable = async (id: string) =>
      (await registry.get(ADMIN, 'oslo-1993', id)) as Extract<StoredRecord, { redacted: false }>;

    it('exports every case exactly as it was imported (lossless)', async () => {
      for (const system of cases) {
        const exported = SystemSchema.parse(await registry.exportSystem(ADMIN, system.id));
        expect(exported).toEqual(system);
      }
    });

    it('property: import(export(x)) equals x for generated systems', async () => {
      let n = 0;
      await fc.assert(
        fc.asyncProperty(systemArbitrary('gen'), async ({ input }) => {
          const system = SystemSchema.parse({ ...input, id: `gen-rt-${n++}` });
          await registry.importSystems([system], { by: 'prop' });
          const once = SystemSchema.parse(await registry.exportSystem(ADMIN, system.id));
          expect(once).toEqual(system);
        }),
        { numRuns: 25 },
      );
    });

    it('an import is all or nothing: a failing system leaves nothing of the others', async () => {
      const fresh = { ...oslo, id: 'oslo-copy' } as System;
      await expect(registry.importSystems([fresh, oslo], { by: 'test' })).rejects.toThrow(
        RecordRejectedError,
      );
      await expect(registry.get(ADMIN, 'oslo-copy', 'oslo-backchannel')).rejects.toThrow(NotFoundError);
    });

    it('lists, counts, gets, searches and walks neighbourhoods', async () => {
      const initiatives = await registry.list(ADMIN, 'oslo-1993', { type: 'initiative' });
      expect(initiatives.map((r) => r.id)).toEqual(oslo.initiatives.map((n) => n.id));
      expect(await registry.count(ADMIN, 'oslo-1993', { type: 'actor' })).toBe(oslo.actors.length);
      const backchannel = await registry.get(ADMIN, 'oslo-1993', 'oslo-backchannel');
      expect(backchannel?.track).toBe('2');
      const hits = await registry.search(ADMIN, 'backchannel', { systemId: 'oslo-1993' });
      expect(hits.map((h) => h.record.id)).toContain('oslo-backchannel');
      const around = await registry.neighbourhood(ADMIN, 'oslo-1993', 'oslo-backchannel');
      expect(around?.neighbours.map((r) => r.id)).toContain('oslo-official-negotiations');
      expect(await registry.get(ADMIN, 'oslo-1993', 'no-such-record')).toBeUndefined();
    });

    it('a stale update fails with a clear conflict and changes nothing; a fresh one is logged', async () => {
      const before = await readable('draft-dop');
      await expect(
        registry.update(
          'oslo-1993',
          'draft-dop',
          { ...before.data, name: 'Stale' },
          { by: 'b', baseVersion: before.version - 1 },
        ),
      ).rejects.toThrow(ConflictError);
      const after = await registry.update(
        'oslo-1993',
        'draft-dop',
        { ...before.data, name: 'Draft principles' },
        { by: 'a', baseVersion: before.version },
      );
      expect(after.version).toBe(before.version + 1);
      await expect(
        registry.update(
          'oslo-1993',
          'draft-dop',
          { ...before.data, name: 'Lost update' },
          { by: 'b', baseVersion: before.version },
        ),
      ).rejects.toThrow(/version/);
      const log = await registry.history(ADMIN, { systemId: 'oslo-1993', id: 'draft-dop' });
      expect(log.map((h) => h.op)).toEqual(['create', 'update']);
      expect(log[1]?.before).toMatchObject({ name: before.data.name });
      expect(log[1]?.after).toMatchObject({ name: 'Draft principles' });
      expect(log[1]?.by).toBe('a');
    });

    it('an update that breaks a rule is refused with the problem named, and changes nothing', async () => {
      const draft = await readable('draft-dop');
      await expect(
        registry.update(
          'oslo-1993',
          'draft-dop',
          { ...draft.data, binding: true },
          { by: 'a', baseVersion: draft.version },
        ),
      ).rejects.toThrow(RecordRejectedError);
      expect(((await registry.get(ADMIN, 'oslo-1993', 'draft-dop')) as { version: number }).version).toBe(
        draft.version,
      );
    });

    it('deletes only what nothing refers to, and restores it where it stood', async () => {
      const fafo = (await registry.get(ADMIN, 'oslo-1993', 'fafo')) as StoredRecord;
      await expect(
        registry.delete('oslo-1993', 'fafo', { by: 'a', baseVersion: fafo.version }),
      ).rejects.toThrow(/refer to it/);
      const source = oslo.sources[oslo.sources.length - 1];
      const cited = [
        oslo.conflict,
        ...oslo.actors,
        ...oslo.initiatives,
        ...oslo.engagements,
        ...oslo.outcomes,
        ...oslo.links,
      ].some((r) => r.sources.includes(source?.id as never));
      const target = cited ? undefined : source;
      if (!target) return;
      const row = (await registry.get(ADMIN, 'oslo-1993', target.id)) as StoredRecord;
      await registry.delete('oslo-1993', target.id, { by: 'a', baseVersion: row.version });
      expect(await registry.get(ADMIN, 'oslo-1993', target.id)).toBeUndefined();
      await registry.restore('oslo-1993', target.id, { by: 'a' });
      const exported = SystemSchema.parse(await registry.exportSystem(ADMIN, 'oslo-1993'));
      expect(exported.sources.map((s) => s.id)).toEqual(oslo.sources.map((s) => s.id));
      const log = await registry.history(ADMIN, { systemId: 'oslo-1993', id: target.id });
      expect(log.map((h) => h.op)).toEqual(['create', 'delete', 'restore']);
    });

    it('reads the registry as of a past moment, and the world as it stood on a date', async () => {
      const log = await registry.history(ADMIN, { systemId: 'oslo-1993', id: 'draft-dop' });
      const created = log[0]?.at as string;
      const then = await registry.get(ADMIN, 'oslo-1993', 'draft-dop', { asOf: created });
      expect(then && !then.redacted && then.data.name).toBe(
        oslo.outcomes.find((o) => o.id === 'draft-dop')?.name,
      );
      await expect(
        registry.get(ADMIN, 'oslo-1993', 'draft-dop', { asOf: '2000-01-01T00:00:00Z' }),
      ).rejects.toThrow(NotFoundError);
      const early = (await registry.list(ADMIN, 'oslo-1993', { type: 'initiative', on: '1993-01-20' })).map(
        (r) => r.id,
      );
      expect(early).toContain('oslo-backchannel');
      expect(early).not.toContain('oslo-official-negotiations');
    });

    it('imports outside data once per file; interactions of the same pair and month add up', async () => {
      const interaction = (events: number) => ({
        source: 'actor-0',
        target: 'actor-1',
        month: '2011-06',
        sourceTrack: '2',
        targetTrack: '2',
        events,
        mentions: events * 2,
        goldsteinSum: events,
        goldsteinCount: events,
        toneSum: 0,
        toneCount: events,
        quad: [events, 0, 0, 0] as const,
      });
      const base = SystemSchema.parse({
        multitrack: 1,
        id: 'events',
        name: 'Event data',
        conflict: { id: 'events-conflict', name: 'Events', parties: ['p1'], stages: [] },
        parties: [{ id: 'p1', name: 'P', kind: 'state' }],
        actors: [0, 1].map((i) => ({ id: `actor-${i}`, name: `A${i}`, kind: 'organisation', sector: 'ngo' })),
      });
      const build = (n: number) => () => ({ system: base as never, interactions: [interaction(n)] });
      const source = (sha256: string) => ({ kind: 'test', name: `${sha256}.csv`, sha256, summary: {} });
      const first = await registry.importSource('events', source('aaa'), build(3), { by: 'test' });
      expect(first).toMatchObject({ alreadyImported: false, created: { actor: 2 }, interactions: 1 });
      expect(
        (await registry.importSource('events', source('aaa'), build(3), { by: 'test' })).alreadyImported,
      ).toBe(true);
      await registry.importSource('events', source('bbb'), build(4), { by: 'test' });
      const rows = await registry.interactions(ADMIN, 'events');
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ events: 7, mentions: 14, quad: [7, 0, 0, 0] });
      await expect(
        registry.importSource(
          'events',
          source('ccc'),
          () => ({ system: { ...base, actors: [] } as never, interactions: [] }),
          { by: 'test' },
        ),
      ).resolves.toMatchObject({ alreadyImported: false });
      expect(await registry.interactions(ADMIN, 'events')).toEqual([]);
    });

    it('property: no read path shows a viewer what the access rule hides', async () => {
      let checks = 0;
      let runs = 0;
      const check = (ok: boolean, message: string) => {
        checks += 1;
        expect(ok, message).toBe(true);
      };
      await fc.assert(
        fc.asyncProperty(
          systemArbitrary('gen'),
          fc.constantFrom(...ORGS),
          fc.subarray([0, 1, 2]),
          async ({ input, ids }, org, joined) => {
            runs += 1;
            const system = SystemSchema.parse({ ...input, id: `gen-acc-${runs}` });
            await registry.importSystems([system], { by: 'prop' });
            const initiatives = new Set(
              joined.filter((i) => i < system.initiatives.length).map((i) => `${system.id}/init-${i}`),
            );
            const viewer = organisation(org, initiatives);
            const { exists, readable } = oracle(system, org, initiatives);
            const hidden = ids.filter((id) => !exists.has(id));
            const noHidden = (value: unknown, where: string) => {
              for (const id of hidden) check(!mentions(value, id), `${where} mentions hidden ${id}`);
            };

            const listed = await registry.list(viewer, system.id);
            check(
              JSON.stringify(
                listed
                  .map((r) => r.id)
                  .filter((id) => ids.includes(id))
                  .sort(),
              ) === JSON.stringify(ids.filter((id) => exists.has(id)).sort()),
              'list shows exactly the visible records',
            );
            check((await registry.count(viewer, system.id)) === listed.length, 'count agrees with list');
            for (const r of listed) {
              check(r.redacted === !readable.has(r.id), `${r.id} redacted iff unreadable`);
              if (r.redacted) check(!('data' in r), `${r.id}: redacted records carry no data`);
            }
            noHidden(listed, 'list');
            for (const id of ids) {
              const got = await registry.get(viewer, system.id, id);
              check((got !== undefined) === exists.has(id), `get ${id}`);
              noHidden(got, `get ${id}`);
              const around = await registry.neighbourhood(viewer, system.id, id);
              check((around !== undefined) === exists.has(id), `neighbourhood ${id}`);
              noHidden(around, `neighbourhood ${id}`);
              const found = await registry.search(viewer, word(id), { systemId: system.id });
              check(found.some((h) => h.record.id === id) === readable.has(id), `search for ${id}`);
            }
            const log = await registry.history(viewer, { systemId: system.id });
            for (const entry of log) {
              check(!ids.includes(entry.id) || exists.has(entry.id), `history shows ${entry.id}`);
              if (ids.includes(entry.id) && !readable.has(entry.id))
                check(JSON.stringify(entry.after) === '{"redacted":true}', `history content of ${entry.id}`);
            }
            noHidden(log, 'history');
            const at = log[log.length - 1]?.at;
            if (at) {
              const past = await registry.list(viewer, system.id, { asOf: at });
              check(
                JSON.stringify(past.map((r) => r.id)) === JSON.stringify(listed.map((r) => r.id)),
                'as-of agrees with now',
              );
              noHidden(past, 'as-of');
            }
            if (!readable.has(system.conflict.id)) {
              await expect(registry.exportSystem(viewer, system.id)).rejects.toThrow(NotFoundError);
              checks += 1;
            }
            const exported = readable.has(system.conflict.id)
              ? await registry.exportSystem(viewer, system.id)
              : {};
            noHidden(exported, 'export');
            const parsed = SystemSchema.safeParse(exported);
            if (!readable.has(system.conflict.id)) return; // no readable system to export: NotFoundError above
            check(parsed.success, 'export is a valid system file');
            if (parsed.success) {
              check(
                checkSystem(parsed.data).every((f) => f.severity !== 'error'),
                'export breaks no rule',
              );
              const exportedIds = [
                ...parsed.data.actors,
                ...parsed.data.initiatives,
                ...parsed.data.engagements,
                ...parsed.data.outcomes,
              ].map((r) => r.id as string);
              for (const id of exportedIds)
                check(readable.has(id), `export holds only readable records (${id})`);
            }
            // writes: a hidden record is "no record" (as a missing one), an unreadable one cannot be
            // changed, and no refusal names a record the viewer may not see
            const words = (message: string) => new Set(message.split(/[\s(),"]+/));
            const refusalOf = (write: Promise<unknown>) =>
              write.then(
                () => '',
                (error: unknown) => (error instanceof Error ? error.message : String(error)),
              );
            for (const id of ids) {
              const current = await registry.get(ADMIN, system.id, id);
              if (current === undefined || current.redacted) continue;
              const refusal = await refusalOf(
                registry.update(system.id, id, current.data, {
                  by: 'prop',
                  baseVersion: current.version,
                  viewer,
                }),
              );
              if (!exists.has(id))
                check(refusal === `no record "${id}" in system "${system.id}"`, `update hidden ${id}`);
              else if (!readable.has(id))
                check(refusal.startsWith('you may not read'), `update unreadable ${id}`);
              else check(refusal === '', `update readable ${id}: ${refusal}`);
              const said = words(refusal);
              for (const other of hidden)
                if (other !== id) check(!said.has(other), `update ${id} names hidden ${other}`);
            }
            for (const id of ids) {
              const current = await registry.get(ADMIN, system.id, id);
              if (current === undefined) continue;
              const refusal = await refusalOf(
                registry.delete(system.id, id, { by: 'prop', baseVersion: current.version, viewer }),
              );
              if (!exists.has(id))
                check(refusal === `no record "${id}" in system "${system.id}"`, `delete hidden ${id}`);
              else if (!readable.has(id))
                check(refusal.startsWith('you may not read'), `delete unreadable ${id}`);
              const said = words(refusal);
              for (const other of hidden)
                if (other !== id) check(!said.has(other), `delete ${id} names hidden ${other}`);
            }
            // restore: the administrator deletes what it can of what the viewer may not read (as the
            // registry stands now: the viewer's deletes above may have hidden more); the viewer cannot
            // bring it back, and a hidden one is "no record" to them
            for (const id of ids) {
              const current = await registry.get(ADMIN, system.id, id);
              const seen = await registry.get(viewer, system.id, id);
              if (current === undefined || seen?.redacted === false) continue;
              const deleted = await refusalOf(
                registry.delete(system.id, id, { by: 'prop', baseVersion: current.version }),
              );
              if (deleted !== '') continue; // something still refers to it
              const refusal = await refusalOf(registry.restore(system.id, id, { by: 'prop', viewer }));
              if (seen === undefined)
                check(
                  refusal === `no record "${id}" was ever in system "${system.id}"`,
                  `restore hidden ${id}: ${refusal}`,
                );
              else check(refusal.startsWith('you may not read'), `restore unreadable ${id}: ${refusal}`);
              const said = words(refusal);
              for (const other of hidden)
                if (other !== id) check(!said.has(other), `restore ${id} names hidden ${other}`);
              check(
                (await registry.get(ADMIN, system.id, id)) === undefined,
                `restore ${id} changed nothing`,
              );
            }
          },
        ),
        { numRuns: 40 },
      );
      console.log(
        `access property (${backend.name}): ${checks} checks over ${runs} generated systems and viewers`,
      );
      expect(checks).toBeGreaterThan(1000);
    });
  });
}
