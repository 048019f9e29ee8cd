/**
 * All rules of the domain over a whole system, in one call: consistency first, then authority.
 */
import type { Finding } from '../finding.js';
import { SystemIndex } from '../system-index.js';
import type { System } from '../system.js';
import { checkAuthority } from './authority.js';
import { checkConsistency } from './consistency.js';

export function checkSystem(system: System, index: SystemIndex = new SystemIndex(system)): Finding[] {
  return [...checkConsistency(index), ...checkAuthority(index)];
}
