/**
 * The case library shipped with Multitrack (`cases/`): one system file per case, found next to the
 * package whether it runs from source or from the build.
 */
import { readdir } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { System } from '../domain/system.js';
import { readSystemFile, type SystemReading } from './system-file.js';

/** `cases/` at the package root: two levels up from src/ingest or dist/ingest. */
export const CASES_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'cases');

export interface CaseEntry {
  readonly id: string;
  readonly file: string;
}

export async function listCases(dir: string = CASES_DIR): Promise<CaseEntry[]> {
  const names = await readdir(dir);
  return names
    .filter((n) => /\.(ya?ml|json)$/i.test(n))
    .sort()
    .map((n) => ({ id: n.replace(/\.(ya?ml|json)$/i, ''), file: join(dir, n) }));
}

export async function readCase(id: string, dir: string = CASES_DIR): Promise<SystemReading | undefined> {
  const entry = (await listCases(dir)).find((c) => c.id === id);
  return entry ? readSystemFile(entry.file) : undefined;
}

export async function readAllCases(dir: string = CASES_DIR): Promise<SystemReading[]> {
  return Promise.all((await listCases(dir)).map((c) => readSystemFile(c.file)));
}

/** Every case of the library as a checked system, with its id; throws if one does not read. */
export async function caseSystems(dir: string = CASES_DIR): Promise<{ id: string; system: System }[]> {
  const out: { id: string; system: System }[] = [];
  for (const entry of await listCases(dir)) {
    const reading = await readSystemFile(entry.file);
    if (!reading.system) throw new Error(`${entry.id} does not read`);
    out.push({ id: entry.id, system: reading.system });
  }
  return out;
}
