import { renderToString } from 'preact-render-to-string';
import type { TimelineStepDto } from '../../projections/step-timeline/step-timeline.dto';
import { messagesFor } from '../i18n/messages';
import type { PageContext } from '../page-context';
import { timelineBars } from './timeline-bars';
import { TimelineSvg } from './timeline.svg';

const step = (over: Partial<TimelineStepDto>): TimelineStepDto => ({
  stepId: 'office-2',
  kind: 'step',
  action: 'visa-imposed',
  role: 'head',
  withinStep: null,
  regulatedDuration: { regulated: true, value: 3, unit: 'hours' },
  dueAt: '2019-03-04T08:00:00.000Z',
  dueExplanation: null,
  startedAt: '2019-03-04T05:00:00.000Z',
  endedAt: '2019-03-04T07:00:00.000Z',
  elapsedOfficeMinutes: 120,
  allowedOfficeMinutes: 180,
  overrun: null,
  status: 'on-time',
  actor: null,
  endedBy: null,
  ...over,
});

const ctx: PageContext = { lang: 'ru', t: messagesFor('ru'), csrfToken: 'x', url: '/console/cases/x' };

describe('the case page timeline', () => {
  it('takes day-counted allowances from the office time between start and the recorded due instant', () => {
    const measured: Array<[string, string]> = [];
    const [bar] = timelineBars(
      [
        step({
          regulatedDuration: { regulated: true, value: 13, unit: 'working-days' },
          allowedOfficeMinutes: null,
          dueAt: '2019-03-22T13:00:00.000Z',
        }),
      ],
      (from, to) => {
        measured.push([from.toISOString(), to.toISOString()]);
        return 13 * 540;
      },
    );
    expect(measured).toEqual([['2019-03-04T05:00:00.000Z', '2019-03-22T13:00:00.000Z']]);
    expect(bar.allowedMinutes).toBe(13 * 540);
    expect(
      timelineBars([step({ regulatedDuration: { regulated: false }, allowedOfficeMinutes: null, dueAt: null })], () => 1)[0].allowedMinutes,
    ).toBeNull();
  });

  it('marks a late step and a step in progress past its due instant as breaches, and draws the mark at 100 %', () => {
    const bars = timelineBars(
      [
        step({}),
        step({ stepId: 'office-3', status: 'late', elapsedOfficeMinutes: 400 }),
        step({ stepId: 'office-4', status: 'in-progress', endedAt: null, overdue: true, elapsedOfficeMinutes: 200 }),
        step({ stepId: 'office-5', status: 'in-progress', endedAt: null, overdue: false, elapsedOfficeMinutes: 20 }),
      ],
      () => null,
    );
    expect(bars.map((b) => b.breach)).toEqual([false, true, true, false]);
    const svg = renderToString(TimelineSvg({ ctx, bars }));
    expect(svg.match(/class="breach-mark"/g)).toHaveLength(2);
    expect(svg).toContain('data-step="office-3" data-breach="true"');
    expect(svg).toContain('3 часа'); // the regulated duration in the user's words
    expect(svg).toContain('»'); // 400 of 180 minutes runs past the drawn 150 %
    expect(svg).toContain('в работе, срок истёк');
  });
  it('names an appeal by its words, not its code, in both languages', () => {
    const appeal = step({ stepId: 'appeal:ap-1', kind: 'appeal', action: 'appeal-decided', role: 'head' });
    for (const lang of ['ru', 'kk'] as const) {
      const t = messagesFor(lang);
      const html = renderToString(TimelineSvg({ ctx: { ...ctx, lang, t }, bars: timelineBars([appeal], () => 0) }));
      expect(html).toContain(t.oversight.appealStep);
      expect(html).not.toContain('>appeal-decided<');
    }
  });
});
