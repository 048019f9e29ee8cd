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
import type { Initiative } from '../initiative.js';
import { sectorById } from '../sector.js';
import type { SystemIndex } from '../system-index.js';

export const AUTHORITY_SOURCE =
  'seed 003 (only state representatives can create international law); seed 000 (Track 1.5 is non-binding); seed 001 (Track 1 finalises what 1.5 and 2 propose)';

/**
 * Why an initiative declared Track 1 cannot bind: its recorded participants include no official acting
 * officially — they classify as a track other than 1 and 1.5, or as Track 1.5 only because officials
 * attend in a personal capacity. A label does not confer authority; with no participants recorded (or
 * participants that cannot be classified, which the consistency rule reports), the declared track stands.
 */
function officialOnlyByLabel(index: SystemIndex, initiative: Initiative): string | undefined {
  const { declared, derived } = index.initiativeTrack(initiative);
  if (declared?.kind !== 'track' || declared.track !== '1' || derived === undefined) return undefined;
  const actingOfficially = (index.engagementsOf.get(initiative.id) ?? []).some((engagement) =>
    engagement.participants.some((p) => {
      const actor = index.actor(p.actor);
      return p.capacity === 'official' && actor !== undefined && sectorById(actor.sector).official;
    }),
  );
  if (actingOfficially) return undefined;
  return `"${initiative.id}" is declared Track 1, but no official takes part in it in an official capacity (its participants classify as Track ${derived.track}: ${derived.reason})`;
}

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
    if (track === '1') {
      const unofficial = officialOnlyByLabel(index, producer);
      if (unofficial !== undefined && outcome.adoptedBy === undefined)
        findings.push(
          finding(
            'authority',
            'error',
            [...here, 'binding'],
            `binding outcome "${outcome.id}": ${unofficial}; only officials acting officially can create binding commitments. Record their participation, set binding: false, or name the Track 1 initiative that adopted it in adoptedBy`,
          ),
        );
      if (unofficial === undefined || outcome.adoptedBy === undefined) return;
    }
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
    const adopterUnofficial = adopterTrack === '1' ? officialOnlyByLabel(index, adopter) : undefined;
    if (adopterUnofficial !== undefined) {
      findings.push(
        finding(
          'authority',
          'error',
          [...here, 'adoptedBy'],
          `binding outcome "${outcome.id}" is adopted by ${adopterUnofficial}; only officials acting officially can adopt an outcome and make it binding`,
        ),
      );
      return;
    }
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
