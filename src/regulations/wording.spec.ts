import { loadCatalogFiles } from './catalog/load-catalog';
import { actText, durationText, noDueInstantReason, registrationBodyText } from './wording';

const KAZAKH_LETTERS = /[әғқңөұүһі]/i;

describe('ru/kk wording of the catalog (#17 items 9, 10)', () => {
  const versions = loadCatalogFiles();
  const acts = versions.flatMap((v) =>
    [v.legal.approvingAct, ...v.legal.amendments.map((a) => a.act), ...(v.legal.repeal ? [v.legal.repeal.act] : [])].map((act) => ({
      v,
      act,
    })),
  );
  const bodies = versions.flatMap((v) =>
    [v.legal.registration, ...v.legal.amendments.map((a) => a.registration)].filter((r) => r !== undefined).map((r) => r.body),
  );

  it('names every act of the catalog in Russian and in Kazakh, never by quoting the other language', () => {
    for (const { v, act } of acts) {
      const ru = actText(v.region, act, 'ru', 'by');
      const kk = actText(v.region, act, 'kk', 'by');
      expect([v.id, ru, KAZAKH_LETTERS.test(ru)]).toEqual([v.id, ru, false]);
      expect([v.id, ru.startsWith('постановлением акимата')]).toEqual([v.id, true]);
      expect([v.id, kk.endsWith('қаулысымен')]).toEqual([v.id, true]);
    }
  });

  it('names every registering body of the catalog in both languages', () => {
    for (const body of bodies) {
      expect([body, KAZAKH_LETTERS.test(registrationBodyText(body, 'ru'))]).toEqual([body, false]);
      expect([body, KAZAKH_LETTERS.test(registrationBodyText(body, 'kk'))]).toEqual([body, true]);
    }
  });

  it('says durations in each language and why counter time has no due instant', () => {
    const fifteen = {
      kind: 'stated' as const,
      value: 15,
      unit: 'minutes' as const,
      citation: { paragraph: '5', quote: '15 (пятнадцать) минут' },
    };
    expect(durationText(fifteen, 'ru')).toBe('15 минут');
    expect(durationText({ ...fifteen, value: 3, unit: 'hours' }, 'ru')).toBe('3 часа');
    expect(durationText({ ...fifteen, value: 13, unit: 'working-days' }, 'kk')).toBe('13 жұмыс күні');
    expect(noDueInstantReason('issued', fifteen, 'ru')).toMatch(
      /^регламент устанавливает на выдачу результата 15 минут; срок не вычисляется/,
    );
    expect(noDueInstantReason('issued', { kind: 'not-stated', note: 'Standard' }, 'ru')).toBe('срок регламентом не установлен');
    expect(noDueInstantReason('issued', undefined, 'kk')).toBe('мерзімі есептелмеген');
  });
});
