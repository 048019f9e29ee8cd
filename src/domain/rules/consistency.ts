/**
 * Consistency of a whole system: ids unique and every reference resolving to a record of the right type,
 * dates in order, engagements inside their initiative's span, capacities that match the participant's
 * role, links between the record types their type allows, and declared tracks set against what the
 * participants say.
 *
 * Sources (each check's claim in CONSISTENCY_SOURCES):
 * - capacity: seed 003 (Track 1 is "officials acting with national authority"; diplomats "representing
 *   their governments with formal authority"), so an official capacity needs an office; seed 002 ("People
 *   engaged in Track Two do not represent the state and should not try to"); seed 000 (Track 2 actors
 *   "are not formally representing their government"); domain.md §3 (capacity decides the track).
 * - tracks: domain.md §3 ("the track of a meeting follows from who takes part and in what capacity");
 *   domain.md §2 (other conventions mapped onto one taxonomy); seed 000 and seed 004 (Oslo called Track 2).
 * - context: domain.md §6 (stage, regime type and electoral calendars change what works); seed 002 (Track
 *   2 "not effective in authoritarian regimes", "limited ability … at the war stage").
 * - links, feeds-into: domain.md §5 (Track 2 prepares Track 1); seed 001 (unofficial tracks "feed into
 *   official Track 1 processes"); seed 004 (Oslo "grew out of unofficial Track Two discussions before
 *   transitioning into Track One negotiations"): feeding runs forward, so a cycle is a data error.
 * - unique ids, references and dates are the integrity of the record model of domain.md §1 (a web of
 *   actors, institutions and activities) and issue 2 §2 (an engagement is a dated meeting within an
 *   initiative; a conflict's stage history is dated); the seeds make no claim about them.
 */
import type { Actor } from '../actor.js';
import { certainlyAfter, certainlyBefore, type PartialDate } from '../date.js';
import { type Finding, type FindingPath, finding, formatPath } from '../finding.js';
import { LINK_TYPES, endpointAllowed, linkId } from '../link.js';
import type { RecordType } from '../record.js';
import { sectorById } from '../sector.js';
import type { SystemIndex } from '../system-index.js';
import { CLASSIFY_SOURCES } from './classify.js';

type Check = (index: SystemIndex) => Finding[];

/** The source of each consistency rule (by the rule name its findings carry), kept beside the rule. */
export const CONSISTENCY_SOURCES = {
  'unique-ids': 'data model (domain.md §1: the system as one web of records); no seed claim',
  references: 'data model (domain.md §1; issue 2 §2: records refer to one another by id); no seed claim',
  dates:
    'data model (issue 2 §2: an engagement is a dated meeting within an initiative; the stage history is dated, domain.md §6)',
  capacity:
    'seed 003 (officials "acting with national authority", diplomats "representing their governments with formal authority"); seed 002 ("People engaged in Track Two do not represent the state"); seed 000 (Track 2 actors "are not formally representing their government")',
  tracks:
    'domain.md §3 (the track follows from who takes part and in what capacity); seed 000 and seed 004 (the Oslo backchannel called Track 2 though officials took part)',
  context:
    'domain.md §6 (conflict stage, regime type and electoral calendars change what works); seed 002 (Track 2 weak at war and in authoritarian regimes; Track 1 affected by electoral cycles)',
  links:
    'domain.md §5 (Track 2 prepares Track 1); seed 001 (unofficial tracks feed into official Track 1 processes); seed 004 (Oslo grew out of Track Two before transitioning into Track One)',
} as const;

export type ConsistencyRule = keyof typeof CONSISTENCY_SOURCES;

const article = (word: string) => `${/^[aeiou]/.test(word) ? 'an' : 'a'} ${word}`;

function uniqueIds(index: SystemIndex): Finding[] {
  const { system } = index;
  const out: Finding[] = [];
  const seen = new Map<string, FindingPath>();
  const visit = (id: string, path: FindingPath) => {
    const first = seen.get(id);
    if (first) {
      out.push(
        finding(
          'unique-ids',
          'error',
          path,
          `duplicate id "${id}": already used at ${formatPath(first)}; ids are unique across the whole file`,
        ),
      );
    } else seen.set(id, path);
  };
  visit(system.conflict.id, ['conflict', 'id']);
  const lists = ['parties', 'actors', 'initiatives', 'engagements', 'outcomes', 'sources'] as const;
  for (const list of lists) system[list].forEach((r, i) => visit(r.id, [list, i, 'id']));
  system.links.forEach((l, i) => visit(linkId(l), l.id ? ['links', i, 'id'] : ['links', i]));
  const issues = new Set<string>();
  system.conflict.issues.forEach((issue, i) => {
    if (issues.has(issue.id)) {
      out.push(
        finding('unique-ids', 'error', ['conflict', 'issues', i, 'id'], `duplicate issue id "${issue.id}"`),
      );
    }
    issues.add(issue.id);
  });
  return out;
}

function references(index: SystemIndex): Finding[] {
  const { system } = index;
  const out: Finding[] = [];
  const issueIds = new Set(system.conflict.issues.map((i) => i.id));
  const ref = (id: string | undefined, type: RecordType, path: FindingPath, field: string) => {
    if (id === undefined) return;
    const actual = index.typeOf(id);
    if (actual === type) return;
    out.push(
      finding(
        'references',
        'error',
        path,
        actual === undefined
          ? `${field} refers to ${type} "${id}", which is not in the file`
          : `${field} refers to "${id}", which is ${article(actual)}, not ${article(type)}`,
      ),
    );
  };
  const refs = (ids: readonly string[], type: RecordType, path: FindingPath, field: string) =>
    ids.forEach((id, i) => ref(id, type, [...path, i], field));
  const cites = (ids: readonly string[], path: FindingPath) =>
    refs(ids, 'source', [...path, 'sources'], 'sources');

  const c = system.conflict;
  refs(c.parties, 'party', ['conflict', 'parties'], 'conflict.parties');
  c.regimes.forEach((r, i) => ref(r.party, 'party', ['conflict', 'regimes', i, 'party'], 'regimes.party'));
  c.elections.forEach((e, i) =>
    ref(e.party, 'party', ['conflict', 'elections', i, 'party'], 'elections.party'),
  );
  cites(c.sources, ['conflict']);
  system.parties.forEach((p, i) => cites(p.sources, ['parties', i]));
  system.actors.forEach((a, i) => {
    ref(a.party, 'party', ['actors', i, 'party'], 'party');
    cites(a.sources, ['actors', i]);
  });
  system.initiatives.forEach((n, i) => {
    const at = ['initiatives', i];
    refs(n.conveners, 'actor', [...at, 'conveners'], 'conveners');
    refs(n.funders, 'actor', [...at, 'funders'], 'funders');
    refs(n.parties, 'party', [...at, 'parties'], 'parties');
    n.issues.forEach((id, k) => {
      if (!issueIds.has(id)) {
        out.push(
          finding(
            'references',
            'error',
            [...at, 'issues', k],
            `issues refers to "${id}", which is not an issue of the conflict`,
          ),
        );
      }
    });
    cites(n.sources, at);
  });
  system.engagements.forEach((e, i) => {
    ref(e.initiative, 'initiative', ['engagements', i, 'initiative'], 'initiative');
    e.participants.forEach((p, k) =>
      ref(p.actor, 'actor', ['engagements', i, 'participants', k, 'actor'], 'participants.actor'),
    );
    cites(e.sources, ['engagements', i]);
  });
  system.outcomes.forEach((o, i) => {
    ref(o.initiative, 'initiative', ['outcomes', i, 'initiative'], 'initiative');
    ref(o.adoptedBy, 'initiative', ['outcomes', i, 'adoptedBy'], 'adoptedBy');
    cites(o.sources, ['outcomes', i]);
  });
  system.links.forEach((l, i) => {
    for (const end of ['from', 'to'] as const) {
      const id = l[end];
      const type = index.typeOf(id);
      const allowed = LINK_TYPES[l.type][end];
      if (type === undefined) {
        out.push(
          finding(
            'references',
            'error',
            ['links', i, end],
            `${end} refers to "${id}", which is not in the file`,
          ),
        );
      } else if (!endpointAllowed(l.type, end, type)) {
        out.push(
          finding(
            'references',
            'error',
            ['links', i, end],
            `a ${l.type} link cannot ${end === 'from' ? 'start at' : 'end at'} ${article(type)} ("${id}"); expected ${allowed.map(article).join(' or ')}`,
          ),
        );
      }
    }
    cites(l.sources, ['links', i]);
  });
  return out;
}

function dateOrder(index: SystemIndex): Finding[] {
  const { system } = index;
  const out: Finding[] = [];
  const order = (
    start: PartialDate | undefined,
    end: PartialDate | undefined,
    path: FindingPath,
    what: string,
  ) => {
    if (start !== undefined && end !== undefined && certainlyBefore(end, start)) {
      out.push(finding('dates', 'error', path, `${what} ends (${end}) before it starts (${start})`));
    }
  };
  system.initiatives.forEach((n, i) =>
    order(n.start, n.end, ['initiatives', i, 'end'], `initiative "${n.id}"`),
  );
  system.engagements.forEach((e, i) =>
    order(e.date, e.end, ['engagements', i, 'end'], `engagement "${e.id}"`),
  );
  system.links.forEach((l, i) => order(l.date, l.until, ['links', i, 'until'], `link "${linkId(l)}"`));
  system.conflict.regimes.forEach((r, i) =>
    order(r.from, r.until, ['conflict', 'regimes', i, 'until'], `regime period of "${r.party}"`),
  );
  system.conflict.stages.forEach((s, i) => {
    const previous = system.conflict.stages[i - 1];
    if (previous && certainlyBefore(s.from, previous.from)) {
      out.push(
        finding(
          'dates',
          'error',
          ['conflict', 'stages', i, 'from'],
          `stage history out of order: "${s.stage}" from ${s.from} comes after "${previous.stage}" from ${previous.from}; list stages oldest first`,
        ),
      );
    }
  });
  // Engagements and outcomes belong inside their initiative's span; an outcome may come a little after.
  const within = (
    list: 'engagements' | 'outcomes',
    record: { id: string; date: PartialDate; initiative: string },
    i: number,
    lateSeverity: 'error' | 'warning',
  ) => {
    const n = index.initiative(record.initiative);
    if (!n) return;
    const what = `${list === 'engagements' ? 'engagement' : 'outcome'} "${record.id}" on ${record.date}`;
    const path = [list, i, 'date'];
    if (certainlyBefore(record.date, n.start)) {
      out.push(
        finding('dates', 'error', path, `${what} is before its initiative "${n.id}" starts (${n.start})`),
      );
    } else if (n.end !== undefined && certainlyAfter(record.date, n.end)) {
      const hint = lateSeverity === 'warning' ? "; check the initiative's end" : '';
      out.push(
        finding(
          'dates',
          lateSeverity,
          path,
          `${what} is after its initiative "${n.id}" ends (${n.end})${hint}`,
        ),
      );
    }
  };
  system.engagements.forEach((e, i) => within('engagements', e, i, 'error'));
  system.outcomes.forEach((o, i) => within('outcomes', o, i, 'warning'));
  return out;
}

function capacities(index: SystemIndex): Finding[] {
  const { system } = index;
  const out: Finding[] = [];
  system.actors.forEach((a, i) => {
    if (a.officialRole !== undefined && !sectorById(a.sector).official) {
      out.push(
        finding(
          'capacity',
          'error',
          ['actors', i, 'officialRole'],
          `actor "${a.id}" is in the ${a.sector} sector, which holds no office, yet has officialRole "${a.officialRole}"; use an official sector (government, military, legislature, judiciary, igo, armed-group) or move the role to description`,
        ),
      );
    }
  });
  system.engagements.forEach((e, i) => {
    const seen = new Set<string>();
    e.participants.forEach((p, k) => {
      const at = ['engagements', i, 'participants', k];
      if (seen.has(p.actor)) {
        out.push(
          finding(
            'capacity',
            'warning',
            [...at, 'actor'],
            `actor "${p.actor}" is listed twice in engagement "${e.id}"`,
          ),
        );
      }
      seen.add(p.actor);
      const actor: Actor | undefined = index.actor(p.actor);
      if (!actor || p.capacity !== 'official') return;
      if (!sectorById(actor.sector).official) {
        out.push(
          finding(
            'capacity',
            'error',
            [...at, 'capacity'],
            `"${actor.id}" (${actor.sector}) cannot take part in an official capacity: it holds no office; use capacity: personal (${CLASSIFY_SOURCES['by-sector']})`,
          ),
        );
      } else if (actor.officialRole === undefined) {
        out.push(
          finding(
            'capacity',
            'error',
            [...at, 'capacity'],
            `"${actor.id}" takes part in an official capacity but has no officialRole; give the actor its office, or use capacity: personal (seed 003: an official acts with national authority, which needs an office)`,
          ),
        );
      }
    });
  });
  return out;
}

function tracks(index: SystemIndex): Finding[] {
  const out: Finding[] = [];
  index.system.initiatives.forEach((n, i) => {
    const t = index.initiativeTrack(n);
    const engagements = index.engagementsOf.get(n.id) ?? [];
    if (!t.declared && engagements.length === 0) {
      out.push(
        finding(
          'tracks',
          'warning',
          ['initiatives', i],
          `initiative "${n.id}" has no declared track and no engagements; its track is unknown (declare track, or record an engagement)`,
        ),
      );
    }
    if (t.declared?.kind === 'track' && t.derived && t.derived.track !== t.declared.track) {
      out.push(
        finding(
          'tracks',
          'info',
          ['initiatives', i, 'track'],
          `initiative "${n.id}" is declared Track ${t.declared.track}, but its participants classify it as Track ${t.derived.track} (${t.derived.reason})`,
        ),
      );
    }
  });
  return out;
}

function context(index: SystemIndex): Finding[] {
  const { system } = index;
  const unknownStages: Finding[] =
    system.conflict.stages.length === 0
      ? [
          finding(
            'context',
            'warning',
            ['conflict', 'stages'],
            'the conflict has no stage history; the effectiveness rules and coverage analysis need it (add conflict.stages)',
          ),
        ]
      : [];
  const covered = new Set(system.conflict.regimes.map((r) => r.party));
  const out: Finding[] = [];
  system.conflict.parties.forEach((id, i) => {
    const party = system.parties.find((p) => p.id === id);
    if (party?.kind === 'state' && !covered.has(id)) {
      out.push(
        finding(
          'context',
          'warning',
          ['conflict', 'parties', i],
          `state party "${id}" has no regime type in conflict.regimes; the effectiveness rules need it`,
        ),
      );
    }
  });
  return [...unknownStages, ...out];
}

function feedsIntoCycles(index: SystemIndex): Finding[] {
  const out: Finding[] = [];
  index.system.initiatives.forEach((n, i) => {
    if (index.feedsIntoClosure(n.id).has(n.id)) {
      out.push(
        finding(
          'links',
          'warning',
          ['initiatives', i],
          `initiative "${n.id}" feeds into itself through a cycle of feeds-into links`,
        ),
      );
    }
  });
  return out;
}

export const CONSISTENCY_CHECKS: readonly Check[] = [
  uniqueIds,
  references,
  dateOrder,
  capacities,
  tracks,
  context,
  feedsIntoCycles,
];

export function checkConsistency(index: SystemIndex): Finding[] {
  return CONSISTENCY_CHECKS.flatMap((check) => check(index));
}
