import { describe, expect, it } from 'vitest';
import { DelimitedTableParser, splitFields } from './delimited-table.js';

function parse(text: string, chunkSize: number, forced?: string) {
  const parser = new DelimitedTableParser('t.csv', forced);
  const bytes = new TextEncoder().encode(text);
  for (let i = 0; i < bytes.length; i += chunkSize) parser.push(bytes.subarray(i, i + chunkSize));
  return parser.finish();
}

describe('DelimitedTableParser', () => {
  const text = 'id,"type",A,B,C\r\nc1,x,0,7,1.5e1\r\n"c,2",y,3,0,0\r\n';

  it('gives the same table whatever the chunk boundaries', () => {
    const whole = parse(text, 1 << 20);
    for (const size of [1, 2, 3, 7]) expect(parse(text, size)).toEqual(whole);
    expect(whole.rowNames).toEqual(['c1', 'c,2']);
    expect(whole.columnNames).toEqual(['A', 'B', 'C']);
    expect(whole.annotations).toEqual([{ name: 'type', values: ['x', 'y'] }]);
    expect([...whole.matrix.indptr]).toEqual([0, 2, 3]);
    expect([...whole.matrix.indices]).toEqual([1, 2, 0]);
    expect([...whole.matrix.data]).toEqual([7, 15, 3]);
    expect(whole.indexName).toBe('id');
  });

  it('reads an R-style header without a row-name field and TSV', () => {
    const table = parse('A\tB\nr1\t1\t2\nr2\t0\t4\n', 5);
    expect([table.delimiter, table.columnNames, table.rowNames, [...table.matrix.data]]).toEqual([
      '\t',
      ['A', 'B'],
      ['r1', 'r2'],
      [1, 2, 4],
    ]);
  });

  it('treats a named numeric column as a label column when asked', () => {
    const table = parse(',cluster,A\nc1,3,5\nc2,1,0\n', 4, 'cluster');
    expect(table.annotations).toEqual([{ name: 'cluster', values: ['3', '1'] }]);
    expect(table.columnNames).toEqual(['A']);
  });

  it('names the line and column of a field that is not a number', () => {
    expect(() => parse(',A,B\nc1,1,2\nc2,3,oops\n', 64)).toThrow(
      /t.csv: line 3, column 3: 'oops' is not a number/,
    );
  });
});

describe('splitFields', () => {
  it('honours quotes and doubled quotes', () => {
    expect(splitFields('a,"b,c","say ""hi""",', ',')).toEqual(['a', 'b,c', 'say "hi"', '']);
  });
});
