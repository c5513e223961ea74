import { describe, expect, it } from 'vitest';
import { csvCell } from '@/lib/audit/csv-service';

const FORMULA_START = /^[=+\-@＝＋－＠]/;

/**
 * The fields a spreadsheet sees when it splits a line on `separator` and ignores our comma quoting
 * (its list separator is not a comma), each as it would read it: leading spaces and quotes dropped.
 */
function fieldsSplitOn(line: string, separator: string): string[] {
  return line.split(separator).map((field) => field.replace(/^[\s"]+/, ''));
}

const PAYLOADS = [
  '=HYPERLINK("https://evil.example","x")',
  'name;=HYPERLINK("https://evil.example","x")',
  'name; =1+1',
  'name;"=1+1',
  'name;+1+1',
  'name;-1+1',
  'name;@SUM(1)',
  'name;＝1+1',
  'name\t=1+1',
  ' =1+1',
];

describe('the CSV export never hands a spreadsheet a formula', () => {
  for (const payload of PAYLOADS) {
    it(`${JSON.stringify(payload)}, as text and inside JSON, starts no field split on commas, semicolons or tabs`, () => {
      for (const cell of [csvCell(payload), csvCell({ name: payload })]) {
        const line = `2026-01-01T00:00:00.000Z,${cell},ok`;
        for (const separator of [',', ';', '\t']) {
          expect(fieldsSplitOn(line, separator).filter((field) => FORMULA_START.test(field)), `${line} split on ${JSON.stringify(separator)}`).toEqual([]);
        }
      }
    });
  }

  it('keeps what the cell says: only a quote before a formula character is added', () => {
    expect(csvCell('plain text; nothing to see')).toBe('plain text; nothing to see');
    expect(csvCell('a;=1').replaceAll("'", '')).toBe('a;=1');
  });
});
