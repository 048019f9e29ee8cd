// The shared YAML/JSON reader: a byte-order mark is dropped before parsing (JSON and YAML alike, with
// positions as an editor shows them), and an unknown tag the yaml library only warns about is a problem
// at its line and column naming the field.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../test/support/temp.js';
import { readSystemText } from './system-file.js';
import { readTextFile, withoutByteOrderMark } from './text-file.js';
import { readYamlDocument } from './yaml-document.js';

const BOM = '\uFEFF';

describe('byte-order mark', () => {
  it('JSON with a leading BOM parses to the same data as without', () => {
    const json = '{\n  "a": 1,\n  "b": [true, "x"]\n}\n';
    const plain = readYamlDocument('f.json', json);
    const marked = readYamlDocument('f.json', BOM + json);
    expect(marked.ok).toBe(true);
    expect(plain.ok && marked.ok && marked.data).toEqual(plain.ok && plain.data);
  });

  it('a JSON syntax error after a BOM keeps the position an editor shows', () => {
    const read = readYamlDocument('f.json', `${BOM}{\n  "a": 1,\n}\n`);
    expect(read.ok).toBe(false);
    if (read.ok) return;
    expect(read.problems[0]).toMatchObject({ line: 3, col: 1 });
    expect(read.problems[0]?.message).toMatch(/^invalid JSON/);
  });

  it('YAML with a leading BOM parses, with the first key at column 1', () => {
    const read = readYamlDocument('f.yaml', `${BOM}a: !!str 1\nb: [x]\n`);
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    expect(read.data).toEqual({ a: '1', b: ['x'] });
    expect(read.lineCounter.linePos(read.doc.contents?.range?.[0] ?? -1)).toEqual({ line: 1, col: 1 });
  });

  it('readTextFile drops a leading BOM and nothing else', async () => {
    const dir = await tempDir();
    const file = join(dir, 'bom.json');
    await writeFile(file, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{"a":"\uFEFF"}')]));
    const read = await readTextFile(file, { maxBytes: 1000, what: 'test file' });
    expect(read).toEqual({ text: '{"a":"\uFEFF"}' });
  });

  it('withoutByteOrderMark removes exactly one leading mark (property)', () => {
    fc.assert(
      fc.property(fc.string(), fc.boolean(), (text, marked) => {
        const input = marked ? BOM + text : text;
        const out = withoutByteOrderMark(input);
        expect(out).toBe(marked ? text : text.startsWith(BOM) ? text.slice(1) : text);
        expect(input.endsWith(out)).toBe(true);
      }),
    );
  });

  it('a valid system file written as JSON with a BOM validates', async () => {
    const { readFileSync } = await import('node:fs');
    const yaml = readFileSync(join(import.meta.dirname, '../../test/fixtures/minimal.yaml'), 'utf8');
    const read = readYamlDocument('minimal.yaml', yaml);
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    const reading = readSystemText('minimal.json', BOM + JSON.stringify(read.data, null, 2));
    expect(reading.problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(reading.valid).toBe(true);
  });
});

describe('unknown tags', () => {
  it('an unknown tag on a map value names the field, line and column', () => {
    const read = readYamlDocument('f.yaml', "a: 1\nname: !!js/function 'x'\n");
    expect(read.ok).toBe(false);
    if (read.ok) return;
    expect(read.problems).toEqual([
      {
        line: 2,
        col: 7,
        message: 'name: unknown YAML tag !!js/function; remove the tag and write the plain value',
      },
    ]);
  });

  it('names nested fields: list items, keys in list items, and a local tag on a mapping', () => {
    const text = [
      'actors:',
      '  - id: a',
      '    name: !foo x',
      'tags:',
      '  - ok',
      '  - !bar y',
      'conflict: !baz',
      '  id: c',
      '',
    ].join('\n');
    const read = readYamlDocument('f.yaml', text);
    expect(read.ok).toBe(false);
    if (read.ok) return;
    expect(read.problems.map((p) => [p.line, p.col, p.message.split(': ')[0]])).toEqual([
      [3, 11, 'actors[0].name'],
      [6, 5, 'tags[1]'],
      [7, 11, 'conflict'],
    ]);
    for (const p of read.problems) expect(p.message).toContain('unknown YAML tag');
  });

  it('a tag at the top of the document has no field', () => {
    const read = readYamlDocument('f.yaml', '!whole\na: 1\n');
    expect(read.ok).toBe(false);
    if (read.ok) return;
    expect(read.problems[0]).toMatchObject({ line: 1, col: 1 });
    expect(read.problems[0]?.message).toMatch(/^unknown YAML tag !whole/);
  });

  it('the core tags (!!str, !!int, !!bool …) are not problems', () => {
    const read = readYamlDocument(
      'f.yaml',
      'a: !!str 1\nb: !!int "2"\nc: !!bool true\nd: !!map {}\ne: !!seq []\n',
    );
    expect(read.ok).toBe(true);
  });

  it('a system file with an unknown tag is invalid with the field in the message', () => {
    const reading = readSystemText('f.yaml', 'multitrack: 1\nid: !!python/object x\n');
    expect(reading.valid).toBe(false);
    expect(reading.problems[0]).toMatchObject({ line: 2, col: 5, severity: 'error' });
    expect(reading.problems[0]?.message).toMatch(/^id: unknown YAML tag !!python\/object/);
  });
});
