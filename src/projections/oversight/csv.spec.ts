import { csvCell, toCsv } from './csv';

describe('CSV', () => {
  it('quotes what needs quoting and neutralises formulas', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvCell(-5)).toBe('-5');
    expect(csvCell(null)).toBe('');
    expect(csvCell(new Date('2019-03-04T04:00:00Z'))).toBe('2019-03-04T04:00:00.000Z');
  });

  it('writes a header row and CRLF lines', () => {
    const csv = toCsv(
      [
        { header: 'a', value: (r: { a: number }) => r.a },
        { header: 'b c', value: () => 'x\ny' },
      ],
      [{ a: 1 }],
    );
    expect(csv).toBe('a,b c\r\n1,"x\ny"\r\n');
  });
});
