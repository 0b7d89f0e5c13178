import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { FreeText, isCalendarDate, isInstant, SingleLineText } from './validators';

describe('isCalendarDate', () => {
  it.each(['2019-02-28', '2020-02-29', '1900-01-01', '2100-12-31'])('accepts %s', (value) => expect(isCalendarDate(value)).toBe(true));
  it.each([
    '2019-02-30',
    '2019-02-29',
    '2019-13-01',
    '2019-00-10',
    '2019-4-1',
    '2999-01-01',
    '1899-12-31',
    '2019-02-20T00:00:00Z',
    '',
    20190220,
  ])('refuses %p', (value) => expect(isCalendarDate(value)).toBe(false));
});

describe('isInstant', () => {
  it.each(['2019-04-10T10:00:00Z', '2019-04-10T10:00Z', '2019-04-10T10:00:00.123+06:00', '2019-04-10T10:00:00+0600'])(
    'accepts %s',
    (value) => expect(isInstant(value)).toBe(true),
  );
  it.each(['2019-02-30T10:00:00Z', '2019-04-10T25:00:00Z', '2019-04-10T10:00:00', '2019-04-10', 'yesterday', 1554890400000])(
    'refuses %p',
    (value) => expect(isInstant(value)).toBe(false),
  );
});

class Sample {
  @SingleLineText(10)
  name!: string;

  @FreeText(20, 3)
  grounds!: string;
}

const errorsOf = (plain: object) => validateSync(plainToInstance(Sample, plain)).map((e) => e.property);

describe('SingleLineText and FreeText', () => {
  it('trims before checking, so whitespace only is empty', () => {
    const sample = plainToInstance(Sample, { name: '  Әсел  ', grounds: '\n причина \n' });
    expect(sample).toMatchObject({ name: 'Әсел', grounds: 'причина' });
    expect(validateSync(sample)).toEqual([]);
    expect(errorsOf({ name: '   ', grounds: '  \t ' })).toEqual(['name', 'grounds']);
  });

  it('bounds the length after trimming', () => {
    expect(errorsOf({ name: ` ${'x'.repeat(10)} `, grounds: 'abc' })).toEqual([]);
    expect(errorsOf({ name: 'x'.repeat(11), grounds: 'ab ' })).toEqual(['name', 'grounds']);
  });

  it('keeps a name on one line; lets free text break lines but refuses other control characters', () => {
    expect(errorsOf({ name: 'a\nb', grounds: 'one\ntwo\tthree' })).toEqual(['name']);
    expect(errorsOf({ name: 'ab', grounds: 'bell\u0007' })).toEqual(['grounds']);
  });

  it('refuses what is not a string', () => {
    expect(errorsOf({ name: ['a'], grounds: 42 })).toEqual(['name', 'grounds']);
  });
});
