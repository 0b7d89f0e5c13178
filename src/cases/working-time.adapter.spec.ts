import { loadCalendarDataset } from '../calendar/calendar-data.loader';
import { WorkingCalendar } from '../calendar/working-calendar.service';
import { loadCatalogFiles } from '../regulations/catalog/load-catalog';
import { RegulationCatalog } from '../regulations/catalog/regulation-catalog';
import { CaseEvent } from './domain/case.events';
import { decide } from './domain/case.decide';
import { foldCase } from './domain/case.state';
import { workingTimeFrom } from './working-time.adapter';

/** The domain with the real calendar and the real catalog: deadlines as a case records them. */
describe('case deadlines in real working time', () => {
  const time = workingTimeFrom(new WorkingCalendar(loadCalendarDataset({})));
  const catalog = new RegulationCatalog(loadCatalogFiles());

  it('Kostanay duplicates via the State Corporation: the provider has 13 working days, the day of acceptance not counted', () => {
    // Mon 4 Mar 2019, 10:00 in Kostanay (UTC+6 then) = 04:00 UTC
    const now = new Date('2019-03-04T04:00:00Z');
    const regulation = catalog.inForce(
      'kostanay-oblast',
      'secondary-education-duplicates',
      'state-corporation',
      time.localDate(now, 'kostanay-oblast'),
    );
    expect(regulation.id).toBe('kostanay-oblast/secondary-education-duplicates/v2');
    const caller = { id: 'op-1', roles: ['state-corporation-operator'], organisation: 'sc-kst', region: 'kostanay-oblast' };
    const history: CaseEvent[] = decide(
      {
        type: 'ReceiveApplication',
        caseId: 'c-real',
        channel: 'state-corporation',
        service: 'secondary-education-duplicates',
        providerOrganisation: 'school-1',
        applicant: { iin: '050615601238', name: 'Test' },
        documents: ['application'],
        consentToProtectedData: true,
      },
      foldCase([]),
      { caller, now, time, regulation },
    );
    const received = history[0];
    expect(received.type).toBe('ApplicationReceived');
    expect(foldCase(history).current).toMatchObject({ action: 'registered', dueAt: '2019-03-04T04:05:00.000Z' });
    const after = (minutes: number) => new Date(now.getTime() + minutes * 60_000);
    history.push(...decide({ type: 'RegisterAtProvider' }, foldCase(history), { caller, now: after(4), time }));
    const state = foldCase(history);
    expect(state.current?.action).toBe('forwarded-to-provider');
    // "1 (один) день" read as a calendar day, the acceptance day not counted: due end of Tue 5 Mar.
    expect(state.current?.explanation).toMatch(/calendar days/);
    // The end of Tue 5 Mar in Kostanay (UTC+6 in 2019).
    expect(state.current?.dueAt).toBe('2019-03-05T17:59:59.999Z');
    expect(state.current?.explanation).toMatch(/acceptance is not counted/);
    history.push(...decide({ type: 'ForwardToProvider' }, foldCase(history), { caller, now: after(60), time }));
    const provider = foldCase(history).current;
    expect(provider).toMatchObject({ action: 'result-prepared', role: 'provider', explanation: expect.stringMatching(/13 working days/) });
  });
});
