/**
 * A negotiation issue as the models see it: a policy scale, the Track 1 stakeholders on it (position,
 * salience, capability), what is known about the status quo and the outcome, and the Track 1.5/2
 * engagements that touch it. Plain frozen data, whatever file it was read from.
 */
import type { Regime, Stage } from '../../domain/conflict.js';
import type { Electoral } from '../../domain/rules/effectiveness.js';

export interface Stakeholder {
  readonly id: string;
  readonly name: string;
  /** A registry actor this stakeholder stands for, when the file names one. */
  readonly actor?: string;
  /** Position on the issue's scale. */
  readonly position: number;
  /** How much the issue matters to the stakeholder, 0–1 (0: it carries no weight). */
  readonly salience: number;
  /** Relative power to shape the outcome, ≥ 0 (any unit; only ratios matter). */
  readonly capability: number;
}

export type DecisionRule = 'unanimity' | 'qualified-majority' | 'simple-majority';

/** A Track 1.5 or Track 2 meeting that some Track 1 stakeholders (or people close to them) attend. */
export interface NegotiationEngagement {
  readonly id: string;
  readonly track: '1.5' | '2';
  /** When it happened (YYYY, YYYY-MM or YYYY-MM-DD); placed on the bargaining rounds by the issue's dates. */
  readonly date?: string;
  /** The bargaining round it takes effect in (1-based), when given instead of a date. */
  readonly round?: number;
  /** Stakeholder ids whose officials (or envoys) took part. */
  readonly participants: readonly string[];
  /** How much it did, relative to a typical meeting of its track (default 1). */
  readonly intensity: number;
}

export interface IssueContext {
  readonly stage?: Stage;
  readonly regime?: Regime;
  readonly electoral?: Electoral;
}

export interface Issue {
  readonly id: string;
  readonly name?: string;
  /** A group the issue belongs to (e.g. the legislative proposal of a DEU issue). */
  readonly group?: string;
  readonly scale: { readonly min: number; readonly max: number };
  readonly stakeholders: readonly Stakeholder[];
  /** The status quo: where policy stays if nothing is agreed. */
  readonly referencePoint?: number;
  /** The outcome, when known (for scoring). */
  readonly outcome?: number;
  readonly decisionRule?: DecisionRule;
  /** When bargaining opened and when it was decided: engagements' dates are placed between them. */
  readonly opens?: string;
  readonly decides?: string;
  readonly context?: IssueContext;
  readonly engagements: readonly NegotiationEngagement[];
}

/** Where issues came from and the issues themselves. */
export interface IssueSet {
  readonly file: string;
  readonly format: 'issue-file' | 'deu' | 'actors-csv';
  readonly issues: readonly Issue[];
}

/** Weight of a stakeholder in weighted means and votes: salience, optionally × capability. */
export function weightOf(s: Stakeholder, useCapability: boolean): number {
  return useCapability ? s.salience * s.capability : s.salience;
}

/** The smallest and largest position held on an issue. */
export function positionSpan(issue: Issue): { min: number; max: number } {
  let min = Infinity;
  let max = -Infinity;
  for (const s of issue.stakeholders) {
    if (s.position < min) min = s.position;
    if (s.position > max) max = s.position;
  }
  return { min, max };
}

/** A copy of the issue with new stakeholders (positions or saliences changed), everything else kept. */
export function withStakeholders(issue: Issue, stakeholders: readonly Stakeholder[]): Issue {
  return { ...issue, stakeholders };
}
