import { loadCalendarDataset } from '../../../calendar/calendar-data.loader';
import { WorkingCalendar } from '../../../calendar/working-calendar.service';
import { loadCatalogFiles } from '../../../regulations/catalog/load-catalog';
import { RegulationCatalog } from '../../../regulations/catalog/regulation-catalog';
import { Region } from '../../../regulations/regulation.model';
import { workingTimeFrom } from '../../working-time.adapter';
import { CaseCommand } from '../../domain/case.commands';
import { Caller, decide } from '../../domain/case.decide';
import { CaseEvent } from '../../domain/case.events';
import { evolve, foldCase, initialCaseState } from '../../domain/case.state';

const time = workingTimeFrom(new WorkingCalendar(loadCalendarDataset({})));
const catalog = new RegulationCatalog(loadCatalogFiles());
const person = (role: string, region: Region, organisation = role === 'state-corporation-operator' ? 'sc-1' : 'school-1'): Caller => ({
  id: `u-${role}`,
  roles: [role],
  organisation,
  region,
});

/** Receives through the State Corporation at `at`, then runs the commands, one minute apart. */
function viaStateCorporation(region: Region, service: string, at: string, steps: Array<[CaseCommand, string]>): CaseEvent[] {
  const now = new Date(at);
  const regulation = catalog.inForce(region, service, 'state-corporation', time.localDate(now, region));
  const history = decide(
    {
      type: 'ReceiveApplication',
      caseId: 'c-1',
      channel: 'state-corporation',
      service,
      providerOrganisation: 'school-1',
      applicant: { iin: '900101300017', name: 'Test' },
      documents: ['заявление'],
      consentToProtectedData: true,
    },
    foldCase([]),
    { caller: person('state-corporation-operator', region), now, time, regulation },
  );
  steps.forEach(([command, role], i) => {
    history.push(
      ...decide(command, foldCase(history), { caller: person(role, region), now: new Date(now.getTime() + (i + 1) * 60_000), time }),
    );
  });
  return history;
}

describe('who registered the package, by the event type (#17 item 8)', () => {
  it('the State Corporation registering in its own system (Kostanay duplicates, para 8, 1)) is RegisteredAtStateCorporation', () => {
    const events = viaStateCorporation('kostanay-oblast', 'secondary-education-duplicates', '2019-03-04T04:00:00Z', [
      [{ type: 'RegisterAtProvider', registrationNumber: 'R-1' }, 'state-corporation-operator'],
    ]);
    expect(events.map((e) => e.type)).toEqual(['ApplicationReceived', 'RegisteredAtStateCorporation']);
    expect(events[1].data).toMatchObject({ step: { stepId: 'sc-2', action: 'registered' }, registrationNumber: 'R-1' });
  });

  it('the provider’s clerk registering what the State Corporation forwarded (WKO externat v2, sc-3) stays RegisteredAtProvider', () => {
    const events = viaStateCorporation('west-kazakhstan-oblast', 'externat-permission', '2017-03-06T04:00:00Z', [
      [{ type: 'ForwardToProvider' }, 'state-corporation-operator'],
      [{ type: 'RegisterAtProvider' }, 'clerk'],
    ]);
    expect(events.map((e) => e.type)).toEqual(['ApplicationReceived', 'ForwardedToProvider', 'RegisteredAtProvider']);
  });

  it('an old State Corporation registration recorded as RegisteredAtProvider folds to the same state', () => {
    const events = viaStateCorporation('kostanay-oblast', 'secondary-education-duplicates', '2019-03-04T04:00:00Z', [
      [{ type: 'RegisterAtProvider' }, 'state-corporation-operator'],
      [{ type: 'ForwardToProvider' }, 'state-corporation-operator'],
    ]);
    const old = events.map((e): CaseEvent =>
      e.type === 'RegisteredAtStateCorporation' ? { type: 'RegisteredAtProvider', data: e.data } : e,
    );
    expect(old.map((e) => e.type)).toContain('RegisteredAtProvider');
    expect(old.reduce(evolve, initialCaseState())).toEqual(events.reduce(evolve, initialCaseState()));
  });
});
