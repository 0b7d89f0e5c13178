import { DateTime } from 'luxon';
import { loadCalendarDataset } from '../calendar/calendar-data.loader';
import { zoneOf } from '../calendar/regions';
import { WorkingCalendar } from '../calendar/working-calendar.service';
import { decide } from '../cases/domain/case.decide';
import { evolve, initialCaseState } from '../cases/domain/case.state';
import { workingTimeFrom } from '../cases/working-time.adapter';
import { loadCatalogFiles } from '../regulations/catalog/load-catalog';
import { RegulationCatalog } from '../regulations/catalog/regulation-catalog';
import { DEMO_NOW } from './demo-now';
import { DemoCase, demoScenarios } from './demo-scenarios';
import { DEMO_USERS } from './demo-users';

describe('the demo scenarios', () => {
  const time = workingTimeFrom(new WorkingCalendar(loadCalendarDataset({})));
  const catalog = new RegulationCatalog(loadCatalogFiles());
  const cases = demoScenarios({ count: 300, now: DEMO_NOW, catalog, time });
  const share = (test: (c: DemoCase) => boolean) => cases.filter(test).length / cases.length;

  it('covers every service of the catalog in all four regions, through each channel some regulation allows', () => {
    const services = new Set(catalog.versions.map((v) => `${v.region}/${v.service.code}`));
    expect(services.size).toBe(14);
    expect(new Set(cases.map((c) => `${c.region}/${c.service}`))).toEqual(services);
    expect(new Set(cases.map((c) => c.region)).size).toBe(4);
    expect(new Set(cases.map((c) => c.channel))).toEqual(new Set(['provider-office', 'state-corporation', 'portal']));
    for (const c of cases) expect(catalog.get(c.regulationVersionId).channels.find((ch) => ch.channel === c.channel)?.available).toBe(true);
  });

  it('names cases demo-<region>-<n> with a UUID derived from the name, and keys every command uniquely', () => {
    expect(new Set(cases.map((c) => c.name)).size).toBe(cases.length);
    expect(new Set(cases.map((c) => c.caseId)).size).toBe(cases.length);
    for (const c of cases) {
      expect(c.name).toMatch(new RegExp(`^demo-${c.region}-\\d+$`));
      expect(c.caseId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    }
    const keys = cases.flatMap((c) => c.commands.map((k) => k.key));
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('is accepted by the domain command by command, as the demo users, at the recorded instants', () => {
    for (const c of cases) {
      let state = initialCaseState();
      for (const sent of c.commands) {
        const user = DEMO_USERS.find((u) => u.userId === sent.userId);
        if (!user) throw new Error(`unknown demo user ${sent.userId}`);
        const now = new Date(sent.at);
        const receiving = sent.command.type === 'ReceiveApplication' || sent.command.type === 'RefuseAcceptance';
        const regulation = receiving ? catalog.inForce(c.region, c.service, c.channel, time.localDate(now, c.region)) : undefined;
        const caller = { id: user.userId, roles: [...user.roles], organisation: user.organisation, region: user.region };
        state = decide(sent.command, state, { caller, now, time, regulation }).reduce(evolve, state);
      }
      expect(state.status).toBe(c.outcome.status);
      expect(state.plan?.regulationVersionId).toBe(c.regulationVersionId);
    }
  });

  it('records nothing after the demo’s now, in order, and receives in office hours on weekdays', () => {
    for (const c of cases) {
      const instants = c.commands.map((k) => Date.parse(k.at));
      expect(instants.every((t, i) => t <= DEMO_NOW.getTime() && (i === 0 || t >= instants[i - 1]))).toBe(true);
      const local = DateTime.fromMillis(instants[0], { zone: zoneOf(c.region) });
      expect(local.weekday).toBeLessThanOrEqual(5);
      expect(local.hour * 60 + local.minute).toBeGreaterThanOrEqual(9 * 60);
      expect(local.hour * 60 + local.minute).toBeLessThanOrEqual(18 * 60 + 30);
    }
  });

  it('ends in every outcome: open, issued, refused at acceptance and as a service; some overdue now, some late, appealed, stored and recalled', () => {
    const statuses = new Set(cases.map((c) => c.outcome.status));
    expect(statuses).toEqual(new Set(['open', 'completed', 'acceptance-refused', 'service-refused']));
    const reached = new Set(cases.filter((c) => c.outcome.status === 'open').map((c) => c.outcome.reached));
    for (const step of ['received', 'visa-imposed', 'draft-prepared', 'signed']) expect(reached).toContain(step);
    expect(cases.some((c) => c.outcome.reached === 'issued')).toBe(true);
    expect(share((c) => c.outcome.overdue)).toBeGreaterThanOrEqual(0.05);
    expect(share((c) => c.outcome.overdue)).toBeLessThanOrEqual(0.25);
    expect(share((c) => c.outcome.status === 'open' && !c.outcome.overdue)).toBeGreaterThan(0);
    expect(share((c) => c.outcome.lateSteps > 0)).toBeGreaterThanOrEqual(0.05);
    expect(share((c) => c.outcome.appealed)).toBeGreaterThanOrEqual(0.05);
    const decisions = new Set(
      cases.flatMap((c) => c.commands.flatMap((k) => (k.command.type === 'DecideAppeal' ? [k.command.decision] : []))),
    );
    expect(decisions).toEqual(new Set(['upheld', 'rejected']));
    expect(cases.some((c) => c.outcome.stored && !c.outcome.recalled)).toBe(true);
    expect(cases.some((c) => c.outcome.recalled)).toBe(true);
    expect(cases.some((c) => c.commands.some((k) => k.command.type === 'ReassignExecutor'))).toBe(true);
  });

  it('receives the cases of a repealed regulation (Almaty oblast, until 2015-09-06) in its last weeks, and closes every one', () => {
    const almaty = cases.filter((c) => c.region === 'almaty-oblast');
    expect(almaty.length).toBeGreaterThan(0);
    for (const c of almaty) {
      expect(c.commands[0].at < '2015-09-06').toBe(true);
      expect(c.commands[0].at >= '2015-07-01').toBe(true);
      expect(c.outcome.status).not.toBe('open');
    }
  });

  it('is deterministic for a seed, differs for another, and a larger count extends a smaller one', () => {
    // Another run, shorter: the same cases, command for command and instant for instant.
    expect(JSON.stringify(demoScenarios({ count: 100, now: DEMO_NOW, catalog, time }))).toBe(JSON.stringify(cases.slice(0, 100)));
    const other = demoScenarios({ count: 30, now: DEMO_NOW, catalog, time, seed: 7 });
    expect(JSON.stringify(other)).not.toBe(JSON.stringify(cases.slice(0, 30)));
  });
});
