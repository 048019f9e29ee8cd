// The issue readers: the DEU table and the actors CSV from ../shared/data, issue files in YAML and JSON,
// and the problems each reports for broken input (with the line, and the column where there is one).
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { IssueSet } from './issue.js';
import { readIssues, readIssuesText } from './read.js';
import { formatInputProblem } from './reading.js';

const DATA = join(import.meta.dirname, '..', '..', '..', '..', 'shared', 'data');

function ok(reading: ReturnType<typeof readIssuesText>): IssueSet {
  if (!reading.ok) throw new Error(reading.problems.map(formatInputProblem).join('\n'));
  return reading.set;
}

function problems(reading: ReturnType<typeof readIssuesText>): string[] {
  if (reading.ok) throw new Error('expected problems');
  return reading.problems.map(formatInputProblem);
}

const ISSUE = `id: water-sharing
name: Sharing a river
scale: { min: 0, max: 100 }
referencePoint: 20
decisionRule: unanimity
opens: 2020-01
decides: 2020-12
stakeholders:
  - { id: upstream, position: 10, salience: 0.9, capability: 2 }
  - { id: downstream, position: 90, salience: 0.8 }
  - { id: mediator, actor: un-envoy, position: 50, salience: 0.3, capability: 0.5 }
engagements:
  - { id: workshop, track: 2, date: 2020-03, participants: [upstream, downstream] }
  - { id: dialogue, track: '1.5', round: 4, participants: [upstream, mediator], intensity: 2 }
`;

describe('DEU reader', () => {
  it('reads the 268 issues of deu-issues-dev.tsv, 262 with an outcome', async () => {
    const set = ok(await readIssues(join(DATA, 'deu', 'deu-issues-dev.tsv')));
    expect(set.format).toBe('deu');
    expect(set.issues).toHaveLength(268);
    expect(set.issues.filter((i) => i.outcome !== undefined)).toHaveLength(262);
    const first = set.issues[0];
    expect(first?.id).toBe('d00032i1');
    expect(first?.group).toBe('d00032');
    expect(first?.decisionRule).toBe('qualified-majority');
    expect(first?.referencePoint).toBe(0);
    expect(first?.outcome).toBe(100);
    // Columns with a position and an empty salience: weight 0; empty position: not a stakeholder.
    const com = first?.stakeholders.find((s) => s.id === 'com');
    expect(com).toMatchObject({ name: 'European Commission', position: 100, salience: 0.5 });
    expect(first?.stakeholders.some((s) => s.id === 'bu')).toBe(false);
  });

  it('treats a position without a salience as carrying no weight', () => {
    const text = 'isnr\tpcom\tpep\tscom\tsep\trp\tout\nx1\t100\t0\t50\t\t0\t80\n';
    const issue = ok(readIssuesText('t.tsv', text)).issues[0];
    expect(issue?.stakeholders.map((s) => [s.id, s.salience])).toEqual([
      ['com', 0.5],
      ['ep', 0],
    ]);
  });

  it('names the row and column of a bad cell', () => {
    const text = 'isnr\tpcom\tscom\trp\tout\nx1\t100\t50\t0\t80\nx2\tabc\t50\t0\t80\nx3\t10\t500\t0\t80\n';
    expect(problems(readIssuesText('t.tsv', text))).toEqual([
      't.tsv:3: pcom: expected a position between 0 and 100 or an empty cell, got "abc"',
      't.tsv:4: scom: expected a salience between 0 and 100 or an empty cell, got "500"',
    ]);
  });
});

describe('rows whose cell count differs from the header', () => {
  it('reports a DEU row with missing cells instead of reading them as empty', async () => {
    const text = await readFile(join(DATA, 'deu', 'deu-issues-dev.tsv'), 'utf8');
    const eol = text.includes('\r\n') ? '\r\n' : '\n';
    const lines = text.split(eol);
    expect(lines[0]?.split('\t')).toHaveLength(75);
    // Row 3 keeps only its first 20 cells.
    lines[2] = (lines[2] ?? '').split('\t').slice(0, 20).join('\t');
    expect(problems(readIssuesText('deu.tsv', lines.join(eol)))).toEqual([
      'deu.tsv:3: expected 75 cells as in the header, got 20',
    ]);
  });

  it('reports a DEU row with extra cells', () => {
    const text = 'isnr\tpcom\tscom\trp\tout\nx1\t100\t50\t0\t80\nx2\t10\t50\t0\t80\t7\n';
    expect(problems(readIssuesText('t.tsv', text))).toEqual([
      't.tsv:3: expected 5 cells as in the header, got 6',
    ]);
  });

  it('reports short and long rows of an actors CSV', () => {
    const text = 'Actor,Capability,Position,Salience\nA,1,5,0.5\nB,1,5\nC,1,5,0.5,9\n';
    expect(problems(readIssuesText('a.csv', text))).toEqual([
      'a.csv:3: expected 4 cells as in the header, got 3',
      'a.csv:4: expected 4 cells as in the header, got 5',
    ]);
  });

  it('still skips blank lines', () => {
    const text = 'Actor,Capability,Position,Salience\nA,1,5,0.5\n\nB,1,7,0.5\n';
    expect(ok(readIssuesText('a.csv', text)).issues[0]?.stakeholders).toHaveLength(2);
  });
});

describe('actors CSV reader', () => {
  it('reads the emission-standards case on a 0–10 scale', async () => {
    const set = ok(await readIssues(join(DATA, 'scholz', 'emission-standards-actors.csv')));
    const issue = set.issues[0];
    expect(set.format).toBe('actors-csv');
    expect(issue?.scale).toEqual({ min: 0, max: 10 });
    expect(issue?.stakeholders).toHaveLength(10);
    expect(issue?.stakeholders[4]).toEqual({
      id: 'france',
      name: 'France',
      capability: 0.16,
      position: 10,
      salience: 0.6,
    });
  });

  it('reports a salience off 0–1 and missing columns', () => {
    expect(problems(readIssuesText('a.csv', 'Actor,Capability,Position,Salience\nX,1,5,80\n'))).toEqual([
      'a.csv:2: Salience: expected a salience between 0 and 1, got "80"',
    ]);
    expect(problems(readIssuesText('a.csv', 'Actor,Position\nX,5\n'))[0]).toMatch(/unknown table layout/);
  });

  it('parses quoted names with commas (csv-parse, not a split)', () => {
    const set = ok(
      readIssuesText('a.csv', 'Actor,Capability,Position,Salience\n"Bosnia, Herzegovina",1,5,0.5\n'),
    );
    expect(set.issues[0]?.stakeholders[0]?.name).toBe('Bosnia, Herzegovina');
  });
});

describe('issue file reader', () => {
  it('reads an issue with stakeholders and engagements (YAML)', () => {
    const issue = ok(readIssuesText('water.yaml', ISSUE)).issues[0];
    expect(issue?.stakeholders.map((s) => s.capability)).toEqual([2, 1, 0.5]);
    expect(issue?.stakeholders[2]?.actor).toBe('un-envoy');
    expect(issue?.engagements.map((e) => [e.id, e.track, e.intensity])).toEqual([
      ['workshop', '2', 1],
      ['dialogue', '1.5', 2],
    ]);
  });

  it('reads several issues from JSON', () => {
    const json = JSON.stringify({
      issues: [
        { id: 'a', stakeholders: [{ id: 'x', position: 1, salience: 1 }] },
        { id: 'b', stakeholders: [{ id: 'y', position: 2, salience: 0.5 }], outcome: 3 },
      ],
    });
    expect(ok(readIssuesText('many.json', json)).issues.map((i) => i.id)).toEqual(['a', 'b']);
  });

  it('reports schema problems at their line and column', () => {
    const broken = ISSUE.replace('salience: 0.8 }', 'salience: 80 }').replace(
      '[upstream, mediator]',
      '[upstream, nobody]',
    );
    expect(problems(readIssuesText('water.yaml', broken))).toEqual([
      'water.yaml:10:47: stakeholders[1].salience: salience must be between 0 and 1 (write 80 as 0.8)',
    ]);
    const unknown = ISSUE.replace('[upstream, mediator]', '[upstream, nobody]');
    expect(problems(readIssuesText('water.yaml', unknown))).toEqual([
      'water.yaml:14:70: engagements[1].participants[1]: no stakeholder "nobody" on this issue; expected one of: upstream, downstream, mediator',
    ]);
  });

  it('reports unknown fields, syntax errors and positions off the scale', () => {
    expect(problems(readIssuesText('x.yaml', 'id: a\nstakeholders: []\ncolour: red\n'))).toEqual([
      'x.yaml:2:15: stakeholders: an issue needs at least one stakeholder',
      'x.yaml:3:1: colour: unknown field "colour"; expected one of: id, name, scale, referencePoint, outcome, decisionRule, opens, decides, context, stakeholders, engagements',
    ]);
    expect(problems(readIssuesText('x.json', '{"id": "a",}'))[0]).toMatch(/^x\.json:1:\d+: invalid JSON/);
    expect(
      problems(readIssuesText('x.yaml', 'id: a\nstakeholders:\n  - { id: p, position: 120, salience: 1 }\n')),
    ).toEqual(['x.yaml:3:24: stakeholders[0].position: position 120 is off the scale 0–100']);
  });

  it('refuses a dated engagement when the issue has no dates', () => {
    const text =
      'id: a\nstakeholders:\n  - { id: p, position: 1, salience: 1 }\nengagements:\n  - { id: e, track: 2, date: 2020, participants: [p] }\n';
    expect(problems(readIssuesText('x.yaml', text))[0]).toMatch(
      /x\.yaml:5:\d+: engagements\[0\]\.date: a dated engagement needs/,
    );
  });

  it('reports a missing file as a problem, not a throw', async () => {
    expect(problems(await readIssues('/nonexistent/issue.yaml'))).toEqual([
      '/nonexistent/issue.yaml:1: no such file',
    ]);
  });
});
