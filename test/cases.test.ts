// The case library: every case validates, spans at least three tracks, and has dated engagements,
// outcomes, cross-track links, a stage history and sources; Oslo shows the Track 2 → Track 1 pathway.
import { describe, expect, it } from 'vitest';
import { describeSystem } from '../src/analytics/describe.js';
import { actorHomeTrack } from '../src/domain/actor.js';
import { listCases, readAllCases } from '../src/ingest/case-library.js';
import { join } from 'node:path';
import { cli } from './support/run-cli.js';
import { tempDir } from './support/temp.js';

const REQUIRED = [
  'oslo-1993',
  'jcpoa-2015',
  'camp-david-1978',
  'paris-agreement-2015',
  'colombia-farc-2016',
  'rwanda-post-genocide',
  'us-dprk-2018',
  'china-us-sndd',
  'global-enterprise',
  'aman-ki-asha',
];

describe('case library', async () => {
  const readings = await readAllCases();

  it('holds every case named in domain.md §7 that the foundation issue lists', async () => {
    const ids = (await listCases()).map((c) => c.id);
    for (const id of REQUIRED) expect(ids).toContain(id);
  });

  for (const reading of readings) {
    describe(reading.file.replace(/^.*\//, ''), () => {
      it('validates with no errors', () => {
        const errors = reading.problems.filter((p) => p.severity === 'error');
        expect(errors, errors.map((p) => `${p.line}: ${p.field}: ${p.message}`).join('\n')).toEqual([]);
      });

      it('has actors on at least three tracks, engagements, outcomes, cross-track links, stages and sources', () => {
        const system = reading.system;
        expect(system).toBeDefined();
        if (!system || !reading.index) return;
        expect(new Set(system.actors.map(actorHomeTrack).filter(Boolean)).size).toBeGreaterThanOrEqual(3);
        expect(system.engagements.length).toBeGreaterThan(0);
        expect(system.outcomes.length).toBeGreaterThan(0);
        expect(system.conflict.stages.length).toBeGreaterThan(0);
        expect(system.sources.length).toBeGreaterThan(0);
        expect(describeSystem(reading.index).crossTrackLinks.length).toBeGreaterThan(0);
      });
    });
  }

  it('Oslo: a Track 2 initiative feeds into a Track 1 initiative with a binding outcome (describe --json)', async () => {
    const { code, stdout } = await cli('describe', 'cases/oslo-1993.yaml', '--json');
    expect(code).toBe(0);
    const d = JSON.parse(stdout) as {
      initiatives: { id: string; track: string; feedsInto: string[]; outcomes: { binding: boolean }[] }[];
    };
    const byId = new Map(d.initiatives.map((n) => [n.id, n]));
    const pathway = d.initiatives.some(
      (n) =>
        n.track === '2' &&
        n.feedsInto.some((to) => {
          const target = byId.get(to);
          return target?.track === '1' && target.outcomes.some((o) => o.binding);
        }),
    );
    expect(pathway).toBe(true);
  });

  it('demo loads the library into an embedded registry and every case reads back valid', async () => {
    const db = join(await tempDir(), 'registry');
    const { code, stdout } = await cli('demo', '--db', db, '--json');
    expect(code).toBe(0);
    const doc = JSON.parse(stdout) as {
      valid: number;
      total: number;
      simulation: { runs: number; against: string; metrics: { metric: string; difference: number }[] };
    };
    expect(doc.valid).toBe(doc.total);
    expect(doc.total).toBeGreaterThanOrEqual(REQUIRED.length);
    // and a first simulation: the Oslo scenario with its backchannel against Track 1 alone
    expect(doc.simulation.runs).toBe(500);
    expect(doc.simulation.against).toBe('track1-alone');
    const agreement = doc.simulation.metrics.find((m) => m.metric === 'reached:comprehensive');
    expect(agreement?.difference).toBeGreaterThan(0);
  });
});
