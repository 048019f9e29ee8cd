/**
 * Only Track 1 binds. A binding outcome must come from a Track 1 initiative; one that comes from
 * Track 1.5, Track 2 or another track is valid only when a Track 1 initiative it feeds into adopted it —
 * the Oslo pattern, where a backchannel's draft became the official, signed Declaration of Principles.
 *
 * Sources: seed 003 ("only state representatives can create and enforce international law through formal
 * negotiations"); seed 000 (Track 1.5 meetings "are legally non-binding"; Track 1 "legally has the power to
 * make binding treaties"); seed 001 (Track 1 "is necessary for finalizing agreements and implementing
 * solutions proposed through Track 1.5 and Track 2 efforts").
 */
import { type Finding, finding } from '../finding.js';
import type { SystemIndex } from '../system-index.js';

export const AUTHORITY_SOURCE =
  'seed 003 (only state representatives can create international law); seed 000 (Track 1.5 is non-binding); seed 001 (Track 1 finalises what 1.5 and 2 propose)';

function describeTrack(effective: string | undefined): string {
  if (effective === undefined) return 'of unknown track';
  if (effective === 'multi-track') return 'a multi-track process';
  return `Track ${effective}`;
}

export function checkAuthority(index: SystemIndex): Finding[] {
  const findings: Finding[] = [];
  index.system.outcomes.forEach((outcome, i) => {
    if (!outcome.binding) return;
    const here = ['outcomes', i] as const;
    const producer = index.initiative(outcome.initiative);
    if (!producer) return; // a dangling reference, reported by the consistency rule
    const track = index.initiativeTrack(producer).effective;
    if (track === '1') return;
    if (outcome.adoptedBy === undefined) {
      const why =
        track === undefined
          ? `its initiative "${producer.id}" has no declared track and no engagements to classify it by, so its authority cannot be checked; declare track: Track 1 if it is official`
          : `its initiative "${producer.id}" is ${describeTrack(track)}, and only Track 1 can create binding commitments`;
      findings.push(
        finding(
          'authority',
          'error',
          [...here, 'binding'],
          `binding outcome "${outcome.id}": ${why}. Set binding: false, or name the Track 1 initiative that adopted it in adoptedBy`,
        ),
      );
      return;
    }
    const adopter = index.initiative(outcome.adoptedBy);
    if (!adopter) return;
    const adopterTrack = index.initiativeTrack(adopter).effective;
    if (adopterTrack !== '1') {
      findings.push(
        finding(
          'authority',
          'error',
          [...here, 'adoptedBy'],
          `binding outcome "${outcome.id}" is adopted by "${adopter.id}", which is ${describeTrack(adopterTrack)}; only a Track 1 initiative can adopt an outcome and make it binding`,
        ),
      );
      return;
    }
    if (!index.feedsIntoClosure(producer.id).has(adopter.id)) {
      findings.push(
        finding(
          'authority',
          'error',
          [...here, 'adoptedBy'],
          `binding outcome "${outcome.id}" is adopted by "${adopter.id}", but "${producer.id}" does not feed into it; add a feeds-into link from "${producer.id}" (or one of its engagements or outcomes) to "${adopter.id}"`,
        ),
      );
    }
  });
  return findings;
}
