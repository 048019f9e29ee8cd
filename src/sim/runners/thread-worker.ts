/**
 * One chunk of an ensemble — runs firstRun … firstRun + runs - 1 of one compiled model under one seed —
 * and the packed form its results travel in. It is the task function of the worker threads (piscina
 * loads this file in each thread; the default export runs a chunk and hands its result buffers back by
 * transfer, not copy); BullMQ workers run their chunks on the same threads and send the packed results
 * on as text (`encodePacked`).
 * Packing copies each run's typed arrays into a few contiguous buffers, so nothing the engine owns is
 * ever detached, and unpacking gives every run views of its own arrays again: the results are the same
 * bits whichever side of a thread or network boundary they were computed on.
 */
import { endianness } from 'node:os';
import { deserialize } from 'node:v8';
import { move, transferableSymbol, valueSymbol } from 'piscina';
import { runModel } from '../system/engine.js';
import type { CompiledModel, RunResult } from '../system/model.js';

/** A chunk of runs of one model under one seed. */
export interface Chunk {
  readonly seed: number;
  readonly firstRun: number;
  readonly runs: number;
  readonly keepSeries: boolean;
}

/** A chunk as sent to a worker thread: the model travels once per job as v8-serialised shared bytes. */
export interface ThreadTask extends Chunk {
  /** Names the model (unique per ensemble and job), so a thread deserialises it once. */
  readonly modelKey: string;
  readonly model: SharedArrayBuffer;
}

/** Scalars kept per run, in this order. */
const SCALARS = 8;

/** The results of a chunk's runs in contiguous arrays. */
export interface PackedRuns {
  readonly runs: number;
  /** Per run: the length of its series, then of its reached array. */
  readonly lengths: Int32Array;
  readonly series: Float64Array;
  readonly reached: Int32Array;
  /**
   * Per run: run, relapses, relapsedAfterAgreement (0/1), finalTension, peakTension, peakViolence,
   * weeksAtWar, actorUpdates.
   */
  readonly scalars: Float64Array;
}

/** Runs a chunk in this thread. */
export function runChunk(model: CompiledModel, chunk: Chunk): RunResult[] {
  const results: RunResult[] = new Array<RunResult>(chunk.runs);
  for (let i = 0; i < chunk.runs; i++)
    results[i] = runModel(model, chunk.seed, chunk.firstRun + i, chunk.keepSeries);
  return results;
}

export function packRuns(results: readonly RunResult[]): PackedRuns {
  const n = results.length;
  const lengths = new Int32Array(2 * n);
  let seriesLength = 0;
  let reachedLength = 0;
  for (let i = 0; i < n; i++) {
    const r = results[i] as RunResult;
    lengths[2 * i] = r.series.length;
    lengths[2 * i + 1] = r.reached.length;
    seriesLength += r.series.length;
    reachedLength += r.reached.length;
  }
  const series = new Float64Array(seriesLength);
  const reached = new Int32Array(reachedLength);
  const scalars = new Float64Array(SCALARS * n);
  let s = 0;
  let e = 0;
  for (let i = 0; i < n; i++) {
    const r = results[i] as RunResult;
    series.set(r.series, s);
    s += r.series.length;
    reached.set(r.reached, e);
    e += r.reached.length;
    const o = SCALARS * i;
    scalars[o] = r.run;
    scalars[o + 1] = r.relapses;
    scalars[o + 2] = r.relapsedAfterAgreement ? 1 : 0;
    scalars[o + 3] = r.finalTension;
    scalars[o + 4] = r.peakTension;
    scalars[o + 5] = r.peakViolence;
    scalars[o + 6] = r.weeksAtWar;
    scalars[o + 7] = r.actorUpdates;
  }
  return { runs: n, lengths, series, reached, scalars };
}

/**
 * The runs of a packed chunk. Their typed arrays are views into the chunk's buffers (no copy): the
 * views hold the same bytes as the engine's arrays, though several runs share one ArrayBuffer.
 */
export function unpackRuns(packed: PackedRuns): RunResult[] {
  const results: RunResult[] = new Array<RunResult>(packed.runs);
  let s = 0;
  let e = 0;
  for (let i = 0; i < packed.runs; i++) {
    const seriesLength = packed.lengths[2 * i] as number;
    const reachedLength = packed.lengths[2 * i + 1] as number;
    const o = SCALARS * i;
    const at = (k: number) => packed.scalars[o + k] as number;
    results[i] = {
      run: at(0),
      series: packed.series.subarray(s, s + seriesLength),
      reached: packed.reached.subarray(e, e + reachedLength),
      relapses: at(1),
      relapsedAfterAgreement: at(2) === 1,
      finalTension: at(3),
      peakTension: at(4),
      peakViolence: at(5),
      weeksAtWar: at(6),
      actorUpdates: at(7),
    };
    s += seriesLength;
    e += reachedLength;
  }
  return results;
}

/** A packed chunk as JSON-safe text: each array's bytes in base64, little-endian, so every bit survives. */
export interface EncodedRuns {
  readonly runs: number;
  readonly lengths: string;
  readonly series: string;
  readonly reached: string;
  readonly scalars: string;
}

const bigEndian = endianness() === 'BE';

function toBase64(array: Float64Array | Int32Array): string {
  const bytes = Buffer.from(array.buffer, array.byteOffset, array.byteLength);
  if (!bigEndian) return bytes.toString('base64');
  const copy = Buffer.from(bytes);
  return (array instanceof Float64Array ? copy.swap64() : copy.swap32()).toString('base64');
}

function fromBase64<T extends Float64Array | Int32Array>(
  text: string,
  make: (buffer: ArrayBuffer, length: number) => T,
  size: number,
): T {
  const bytes = Buffer.from(text, 'base64');
  if (bytes.length % size !== 0) throw new Error(`a packed array of ${bytes.length} bytes is not whole`);
  if (bigEndian) {
    if (size === 8) bytes.swap64();
    else bytes.swap32();
  }
  // Copy into a fresh, aligned buffer: Buffer.from may share a pool at any offset.
  const buffer = new ArrayBuffer(bytes.length);
  new Uint8Array(buffer).set(bytes);
  return make(buffer, bytes.length / size);
}

export function encodePacked(packed: PackedRuns): EncodedRuns {
  return {
    runs: packed.runs,
    lengths: toBase64(packed.lengths),
    series: toBase64(packed.series),
    reached: toBase64(packed.reached),
    scalars: toBase64(packed.scalars),
  };
}

export function decodePacked(encoded: EncodedRuns): PackedRuns {
  const f64 = (b: ArrayBuffer, n: number) => new Float64Array(b, 0, n);
  const i32 = (b: ArrayBuffer, n: number) => new Int32Array(b, 0, n);
  const packed: PackedRuns = {
    runs: encoded.runs,
    lengths: fromBase64(encoded.lengths, i32, 4),
    series: fromBase64(encoded.series, f64, 8),
    reached: fromBase64(encoded.reached, i32, 4),
    scalars: fromBase64(encoded.scalars, f64, 8),
  };
  if (packed.lengths.length !== 2 * packed.runs || packed.scalars.length !== SCALARS * packed.runs)
    throw new Error(`a packed chunk of ${packed.runs} runs has arrays of the wrong length`);
  return packed;
}

/** Models this thread has deserialised, by key; a few are kept (an ensemble may have several jobs). */
const models = new Map<string, CompiledModel>();
const KEEP_MODELS = 8;

function modelOf(task: ThreadTask): CompiledModel {
  let model = models.get(task.modelKey);
  if (model === undefined) {
    model = deserialize(new Uint8Array(task.model)) as CompiledModel;
    if (models.size >= KEEP_MODELS) models.delete(models.keys().next().value as string);
    models.set(task.modelKey, model);
  }
  return model;
}

/** The task function of a worker thread: runs a chunk and moves its packed results to the caller. */
export default function runThreadTask(task: ThreadTask): PackedRuns {
  const packed = packRuns(runChunk(modelOf(task), task));
  const buffers = [packed.lengths.buffer, packed.series.buffer, packed.reached.buffer, packed.scalars.buffer];
  // Piscina takes the value and its transfer list from these two keys; the caller receives `packed`.
  return move({ [transferableSymbol]: buffers, [valueSymbol]: packed }) as unknown as PackedRuns;
}
