/**
 * Reading a user's text file safely — a size limit, a missing or unreadable file said in words, and a
 * leading UTF-8 byte-order mark dropped (editors on Windows write one; JSON.parse rejects it) — and placing
 * a JSON syntax error at its line and column. Shared by every reader of user files.
 */
import { readFile } from 'node:fs/promises';
import { LineCounter } from 'yaml';

/** The file's text, or why it could not be read ("no such file", "permission denied", too large …). */
export async function readTextFile(
  file: string,
  options: { maxBytes: number; what: string },
): Promise<{ text: string } | { problem: string }> {
  try {
    const buffer = await readFile(file);
    if (buffer.byteLength > options.maxBytes) {
      return {
        problem: `file is ${buffer.byteLength} bytes; ${options.what}s are limited to ${options.maxBytes} bytes`,
      };
    }
    return { text: withoutByteOrderMark(buffer.toString('utf8')) };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const problem =
      code === 'ENOENT'
        ? 'no such file'
        : code === 'EISDIR'
          ? `is a directory, not a ${options.what}`
          : code === 'EACCES'
            ? 'permission denied'
            : `cannot read: ${(error as Error).message}`;
    return { problem };
  }
}

/** `text` without a leading byte-order mark (U+FEFF), which is an encoding marker, not content. */
export function withoutByteOrderMark(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** Where and why `text` is not JSON, or undefined when it parses. */
export function jsonSyntaxError(text: string): { line: number; col: number; message: string } | undefined {
  try {
    JSON.parse(text);
    return undefined;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const at = /position (\d+)/.exec(message);
    const lines = new LineCounter();
    lines.addNewLine(0);
    for (let i = 0; i < text.length; i++) if (text[i] === '\n') lines.addNewLine(i + 1);
    const pos = lines.linePos(at ? Number(at[1]) : text.length);
    return {
      line: pos.line,
      col: pos.col,
      message: `invalid JSON: ${message.replace(/ in JSON at position \d+.*$/, '')}`,
    };
  }
}
