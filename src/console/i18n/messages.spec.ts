import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { formatCount, formatDateTime, formatMinutes, problemMessage } from './format';
import { kk } from './kk';
import { chooseLang, messagesFor } from './messages';
import { PROBLEM_CODES } from './problem-codes';
import { ru } from './ru';

/** Every code the service raises: `new ProblemError(<status>, '<code>'` and the case rules' conflict/forbidden/invalid('<code>'. */
function raisedCodes(dir: string): Set<string> {
  const codes = new Set<string>();
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      if (name !== 'console' && name !== 'fuzz') for (const code of raisedCodes(path)) codes.add(code);
      continue;
    }
    if (!/\.ts$/.test(name) || /spec/.test(name)) continue;
    const text = readFileSync(path, 'utf8');
    for (const m of text.matchAll(/new ProblemError\(\s*\d+,\s*'([a-z0-9-]+)'/g)) codes.add(m[1]);
    for (const m of text.matchAll(/\b(?:conflict|forbidden|invalid)\('([a-z0-9-]+)'/g)) codes.add(m[1]);
  }
  return codes;
}

describe('console messages', () => {
  it('words every problem code the service raises, in both languages', () => {
    const missing = [...raisedCodes(join(__dirname, '..', '..'))].filter((code) => !PROBLEM_CODES.some((known) => known === code));
    expect(missing).toEqual([]);
    for (const code of PROBLEM_CODES) {
      expect(ru.problems[code]).not.toBe('');
      expect(kk.problems[code]).not.toBe('');
    }
    expect(problemMessage('stale-revision', messagesFor('kk'))).toBe(kk.problems['stale-revision']);
    expect(problemMessage('no-such-code', messagesFor('ru'))).toBe(ru.unknownProblem);
  });

  it('has a Kazakh text for every Russian one that differs where the languages do', () => {
    expect(Object.keys(kk).sort()).toEqual(Object.keys(ru).sort());
    expect(kk.queueTitle).not.toBe(ru.queueTitle);
  });

  it('chooses the language from ?lang=, then the cookie, then Accept-Language by q, else Russian', () => {
    expect(chooseLang('kk', 'ru', 'ru')).toBe('kk');
    expect(chooseLang('en', 'kk', 'ru')).toBe('kk');
    expect(chooseLang(undefined, undefined, 'en-US, kk-KZ;q=0.9, ru;q=0.8')).toBe('kk');
    expect(chooseLang(undefined, undefined, 'kk;q=0.5, ru-RU;q=0.7')).toBe('ru');
    expect(chooseLang(undefined, undefined, 'kk;q=0, de')).toBe('ru');
    expect(chooseLang(['kk', 'ru'], undefined, undefined)).toBe('ru');
  });

  it('formats dates in the region’s zone, counted units in each language’s plural, and office time', () => {
    expect(formatDateTime('2019-03-04T05:00:00Z', 'ru', 'kostanay-oblast')).toBe('4 мар. 2019 г., 11:00');
    expect(formatDateTime('2019-03-04T05:00:00Z', 'ru', 'west-kazakhstan-oblast')).toBe('4 мар. 2019 г., 10:00');
    expect(formatCount(1, ru.units['working-days'], 'ru')).toBe('1 рабочий день');
    expect(formatCount(3, ru.units['working-days'], 'ru')).toBe('3 рабочих дня');
    expect(formatCount(5, ru.units['working-days'], 'ru')).toBe('5 рабочих дней');
    expect(formatCount(5, kk.units['working-days'], 'kk')).toBe('5 жұмыс күні');
    expect(formatMinutes(24 * 60 + 125, ru)).toBe('1 д 2 ч 5 мин');
    expect(formatMinutes(0, kk)).toBe('0 мин');
  });
});
