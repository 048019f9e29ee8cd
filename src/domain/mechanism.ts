/**
 * Mechanisms through which initiatives work (domain.md §2, "typical mechanisms"), each with the track it
 * is typical of. A mechanism does not decide an initiative's track: its participants do (rules/classify).
 */
import { z } from 'zod';
import type { TrackId } from './track.js';

export const MECHANISMS = {
  summit: '1',
  'treaty-negotiation': '1',
  'official-talks': '1',
  adjudication: '1',
  'state-visit': '1',
  'io-session': '1',
  'official-mediation': '1',
  'economic-statecraft': '1',
  coercion: '1',
  'public-diplomacy': '1',
  'informal-dialogue': '1.5',
  'strategic-dialogue': '1.5',
  'problem-solving-workshop': '2',
  'academic-conference': '2',
  'discussion-forum': '2',
  'simulation-training': '2',
  'scientific-cultural-exchange': '2',
  backchannel: '2',
  investment: '3',
  trade: '3',
  'joint-venture': '3',
  'business-channel': '3',
  'people-to-people': '4',
  research: '5',
  training: '5',
  'peace-education': '5',
  campaign: '6',
  advocacy: '6',
  protest: '6',
  'interfaith-dialogue': '7',
  reconciliation: '7',
  'grant-programme': '8',
  reporting: '9',
  'media-campaign': '9',
  'social-media-outreach': '9',
} as const satisfies Record<string, TrackId>;

export type Mechanism = keyof typeof MECHANISMS;
export const MECHANISM_IDS = Object.keys(MECHANISMS) as Mechanism[];

export const MechanismSchema = z.enum(MECHANISM_IDS as [Mechanism, ...Mechanism[]], {
  error: (i) => `unknown mechanism ${JSON.stringify(i.input)}; expected one of: ${MECHANISM_IDS.join(', ')}`,
});

export function mechanismTrack(mechanism: Mechanism): TrackId {
  return MECHANISMS[mechanism];
}
