import type { BreachRowDto, StepStatsRowDto, SummaryRowDto } from '../../projections/oversight/oversight.dto';
import type { Page } from '../../projections/oversight/oversight.query';
import type { OversightTable } from '../../projections/oversight/oversight.export';
import type { Region } from '../../regulations/regulation.model';
import { formatDateTime, formatMinutes, formatNumber } from '../i18n/format';
import { Layout } from '../layout/layout';
import type { PageContext } from '../page-context';
import { CountChart, StepChart } from './charts';
import { channelLabel, formatMonth, formatShare, personRoleLabel, regulatedLabel, stepLabel, stepRoleLabel, stepText } from './labels';
import { breachTallies, clip, countGroups } from './oversight-view';
import type { OversightPageQuery } from './oversight-page.query';

export interface OversightData {
  region: Region;
  filters: OversightPageQuery;
  services: Array<{ code: string; name: string }>;
  organisations: string[];
  summary: Page<SummaryRowDto>;
  steps: Page<StepStatsRowDto>;
  /** The newest breaches (at most the cap), counted by role and person. */
  breaches: Page<BreachRowDto>;
}

/** Rows drawn in a chart; the tables below hold every row read. */
const CHART_GROUPS = 12;
const CHART_STEPS = 16;
const LATEST_BREACHES = 25;

/** Service names run to 200 characters: tables show the start, the whole name on hover and to screen readers. */
const SERVICE_CHARS = 56;
const ServiceName = ({ name }: { name: string }) =>
  name.length <= SERVICE_CHARS ? (
    <>{name}</>
  ) : (
    <abbr title={name} aria-label={name}>
      {clip(name, SERVICE_CHARS)}
    </abbr>
  );

/** The page's filters as a query string (for CSV links and paging), empty ones left out. */
export function filterQuery(filters: OversightPageQuery, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams();
  for (const key of ['organisation', 'service', 'from', 'to'] as const) {
    const value = filters[key];
    if (value) params.set(key, value);
  }
  for (const [key, value] of Object.entries(extra)) params.set(key, value);
  const text = params.toString();
  return text ? `?${text}` : '';
}

function Filters({ ctx, data }: { ctx: PageContext; data: OversightData }) {
  const o = ctx.t.oversight;
  const f = data.filters;
  return (
    <form method="get" action="/console/oversight" class="filters panel" aria-label={ctx.t.filters}>
      <div class="field">
        <label for="f-organisation">{o.filterProvider}</label>
        <input
          id="f-organisation"
          type="text"
          name="organisation"
          value={f.organisation ?? ''}
          list="f-organisations"
          placeholder={o.filterProviderHint}
          autocomplete="off"
        />
        <datalist id="f-organisations">
          {data.organisations.map((org) => (
            <option value={org} />
          ))}
        </datalist>
      </div>
      <div class="field">
        <label for="f-service">{o.filterService}</label>
        <select id="f-service" name="service">
          <option value="">{o.anyService}</option>
          {data.services.map((s) => (
            <option value={s.code} selected={s.code === f.service}>
              {s.name}
            </option>
          ))}
        </select>
      </div>
      <div class="field">
        <label for="f-from">{o.filterFrom}</label>
        <input id="f-from" type="month" name="from" value={f.from ?? ''} />
      </div>
      <div class="field">
        <label for="f-to">{o.filterTo}</label>
        <input id="f-to" type="month" name="to" value={f.to ?? ''} />
      </div>
      <div class="field actions">
        <button type="submit">{ctx.t.applyFilters}</button>
        <a class="button secondary" href="/console/oversight">
          {ctx.t.resetFilters}
        </a>
      </div>
    </form>
  );
}

function Downloads({ ctx, filters }: { ctx: PageContext; filters: OversightPageQuery }) {
  const o = ctx.t.oversight;
  const tables: Array<[OversightTable, string]> = [
    ['summary', o.downloadSummary],
    ['steps', o.downloadSteps],
    ['breaches', o.downloadBreaches],
  ];
  return (
    <p class="downloads">
      {o.download}:{' '}
      {tables.map(([table, label], i) => (
        <>
          {i > 0 && ' · '}
          <a href={`/console/oversight/${table}.csv${filterQuery(filters)}`} download={`oversight-${table}.csv`} data-csv={table}>
            {label}
          </a>
        </>
      ))}
    </p>
  );
}

const Shown = ({ ctx, shown, total }: { ctx: PageContext; shown: number; total: number }) =>
  shown < total ? <p class="muted">{ctx.t.oversight.shown(shown, total)}</p> : null;

function Summary({ ctx, data, serviceName }: { ctx: PageContext; data: OversightData; serviceName: (code: string) => string }) {
  const { t, lang } = ctx;
  const o = t.oversight;
  const rows = data.summary.items;
  const n = (v: number) => formatNumber(v, lang);
  return (
    <section aria-labelledby="summary-title">
      <h2 id="summary-title">{o.summaryTitle}</h2>
      {rows.length === 0 ? (
        <p class="muted">{o.empty}</p>
      ) : (
        <>
          <CountChart ctx={ctx} groups={countGroups(rows).slice(0, CHART_GROUPS)} serviceName={serviceName} />
          <div class="table-wrap">
            <table class="data" data-table="summary">
              <thead>
                <tr>
                  <th scope="col">{o.colProvider}</th>
                  <th scope="col">{o.colService}</th>
                  <th scope="col">{o.colMonth}</th>
                  <th scope="col" class="num">
                    {o.colReceived}
                  </th>
                  <th scope="col" class="num">
                    {o.colCompleted}
                  </th>
                  <th scope="col" class="num">
                    {o.colRefused} ({o.colRefusedAtAcceptance} / {o.colRefusedService})
                  </th>
                  <th scope="col" class="num">
                    {o.colOnTimeShare}
                  </th>
                  <th scope="col" class="num">
                    {o.colLate}
                  </th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr>
                    <td data-label={o.colProvider}>{r.organisation}</td>
                    <td data-label={o.colService} class="service">
                      <ServiceName name={serviceName(r.service)} />
                    </td>
                    <td data-label={o.colMonth}>{formatMonth(r.month, lang)}</td>
                    <td data-label={o.colReceived} class="num" data-count="received">
                      {n(r.received)}
                    </td>
                    <td data-label={o.colCompleted} class="num" data-count="completed">
                      {n(r.completed)}
                    </td>
                    <td data-label={o.colRefused} class="num" data-count="refused">
                      {n(r.refusedAtAcceptance + r.refusedService)} ({n(r.refusedAtAcceptance)} / {n(r.refusedService)})
                    </td>
                    <td data-label={o.colOnTimeShare} class="num">
                      {r.onTimeShare === null ? <span class="muted">{o.noShare}</span> : formatShare(r.onTimeShare, lang)}
                    </td>
                    <td data-label={o.colLate} class="num">
                      {n(r.lateSteps)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Shown ctx={ctx} shown={rows.length} total={data.summary.total} />
        </>
      )}
    </section>
  );
}

/** The step's words where the dictionaries have them (its code stays in the tooltip), else its codes. */
function StepName({ ctx, step, action }: { ctx: PageContext; step: string; action: string }) {
  const label = stepLabel(step, action, ctx.t);
  if (label === undefined) {
    return (
      <>
        <code>{step}</code> {action}
      </>
    );
  }
  return <span title={step}>{label}</span>;
}

function Steps({ ctx, data, serviceName }: { ctx: PageContext; data: OversightData; serviceName: (code: string) => string }) {
  const { t, lang } = ctx;
  const o = t.oversight;
  const rows = data.steps.items;
  const minutes = (v: number | null) => (v === null ? '—' : formatMinutes(v, t));
  const label = (r: StepStatsRowDto) =>
    `${r.organisation} · ${serviceName(r.service)} · ${stepText(r.step, r.action, t)} · ${formatMonth(r.month, lang)}`;
  const charted = rows.filter((r) => r.medianElapsedOfficeMinutes !== null).slice(0, CHART_STEPS);
  return (
    <section aria-labelledby="steps-title">
      <h2 id="steps-title">{o.stepsTitle}</h2>
      <p class="muted">{o.stepsIntro}</p>
      {rows.length === 0 ? (
        <p class="muted">{o.empty}</p>
      ) : (
        <>
          {charted.length > 0 && <StepChart ctx={ctx} rows={charted} label={label} />}
          <div class="table-wrap">
            <table class="data" data-table="steps">
              <thead>
                <tr>
                  <th scope="col">{o.colProvider}</th>
                  <th scope="col">{o.colService}</th>
                  <th scope="col">{o.colStep}</th>
                  <th scope="col">{o.colRole}</th>
                  <th scope="col">{o.colMonth}</th>
                  <th scope="col">{o.colRegulated}</th>
                  <th scope="col" class="num">
                    {o.colEnded}
                  </th>
                  <th scope="col" class="num">
                    {o.colOnTimeShare}
                  </th>
                  <th scope="col" class="num">
                    {o.colMedian}
                  </th>
                  <th scope="col" class="num">
                    {o.colP90}
                  </th>
                  <th scope="col" class="num">
                    {o.colMaxOverrun}
                  </th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr class={r.late > 0 ? 'row-overdue' : undefined}>
                    <td data-label={o.colProvider}>{r.organisation}</td>
                    <td data-label={o.colService} class="service">
                      <ServiceName name={serviceName(r.service)} /> <span class="muted">({channelLabel(r.channel, t)})</span>
                    </td>
                    <td data-label={o.colStep}>
                      <StepName ctx={ctx} step={r.step} action={r.action} />
                    </td>
                    <td data-label={o.colRole}>{stepRoleLabel(r.role, t)}</td>
                    <td data-label={o.colMonth}>{formatMonth(r.month, lang)}</td>
                    <td data-label={o.colRegulated}>{regulatedLabel(r.regulatedDuration, t, lang)}</td>
                    <td data-label={o.colEnded} class="num">
                      {formatNumber(r.ended, lang)}
                    </td>
                    <td data-label={o.colOnTimeShare} class="num">
                      {r.onTimeShare === null ? '—' : formatShare(r.onTimeShare, lang)}
                    </td>
                    <td data-label={o.colMedian} class="num">
                      {minutes(r.medianElapsedOfficeMinutes)}
                    </td>
                    <td data-label={o.colP90} class="num">
                      {minutes(r.p90ElapsedOfficeMinutes)}
                    </td>
                    <td data-label={o.colMaxOverrun} class="num">
                      {minutes(r.maxOverrunMinutes)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Shown ctx={ctx} shown={rows.length} total={data.steps.total} />
        </>
      )}
    </section>
  );
}

function Breaches({ ctx, data, serviceName }: { ctx: PageContext; data: OversightData; serviceName: (code: string) => string }) {
  const { t, lang } = ctx;
  const o = t.oversight;
  const rows = data.breaches.items;
  const { byRole, byPerson } = breachTallies(rows);
  return (
    <section aria-labelledby="breaches-title">
      <h2 id="breaches-title">{o.breachesTitle}</h2>
      {rows.length === 0 ? (
        <p class="muted">{o.noBreaches}</p>
      ) : (
        <>
          {rows.length < data.breaches.total && <p class="muted">{o.breachesCapped(rows.length, data.breaches.total)}</p>}
          <div class="tallies">
            <div class="table-wrap">
              <table class="data" data-table="breaches-by-role">
                <caption>{o.breachesByRole}</caption>
                <thead>
                  <tr>
                    <th scope="col">{o.colRole}</th>
                    <th scope="col" class="num">
                      {o.colCount}
                    </th>
                    <th scope="col" class="num">
                      {o.colOverrunTotal}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {byRole.map((r) => (
                    <tr>
                      <td data-label={o.colRole}>{stepRoleLabel(r.role, t)}</td>
                      <td data-label={o.colCount} class="num">
                        {formatNumber(r.count, lang)}
                      </td>
                      <td data-label={o.colOverrunTotal} class="num">
                        {formatMinutes(r.overrunMinutes, t)}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <div class="table-wrap">
              <table class="data" data-table="breaches-by-person">
                <caption>{o.breachesByPerson}</caption>
                <thead>
                  <tr>
                    <th scope="col">{o.colPerson}</th>
                    <th scope="col">{t.role}</th>
                    <th scope="col" class="num">
                      {o.colCount}
                    </th>
                    <th scope="col" class="num">
                      {o.colOverrunTotal}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {byPerson.map((r) => (
                    <tr>
                      <td data-label={o.colPerson}>{r.key}</td>
                      <td data-label={t.role}>{personRoleLabel(r.role, t)}</td>
                      <td data-label={o.colCount} class="num">
                        {formatNumber(r.count, lang)}
                      </td>
                      <td data-label={o.colOverrunTotal} class="num">
                        {formatMinutes(r.overrunMinutes, t)}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </div>
          <div class="table-wrap">
            <table class="data" data-table="breaches">
              <caption>{o.breachesLatest}</caption>
              <thead>
                <tr>
                  <th scope="col">{o.colCase}</th>
                  <th scope="col">{o.colProvider}</th>
                  <th scope="col">{o.colService}</th>
                  <th scope="col">{o.colStep}</th>
                  <th scope="col">{o.colRole}</th>
                  <th scope="col">{o.colPerson}</th>
                  <th scope="col">{o.colRegulated}</th>
                  <th scope="col">{o.colEndedAt}</th>
                  <th scope="col" class="num">
                    {o.colOverrun}
                  </th>
                </tr>
              </thead>
              <tbody>
                {rows.slice(0, LATEST_BREACHES).map((r) => (
                  <tr>
                    <td data-label={o.colCase}>
                      <a class="case-id" href={`/console/cases/${encodeURIComponent(r.caseId)}`}>
                        {r.caseId.slice(0, 8)}
                      </a>
                    </td>
                    <td data-label={o.colProvider}>{r.organisation}</td>
                    <td data-label={o.colService} class="service">
                      <ServiceName name={serviceName(r.service)} />
                    </td>
                    <td data-label={o.colStep}>
                      <StepName ctx={ctx} step={r.step} action={r.action} />
                    </td>
                    <td data-label={o.colRole}>{stepRoleLabel(r.responsibleRole, t)}</td>
                    <td data-label={o.colPerson}>{r.actor ? r.actor.id : <span class="muted">{o.noPerson}</span>}</td>
                    <td data-label={o.colRegulated}>{regulatedLabel(r.regulatedDuration, t, lang)}</td>
                    <td data-label={o.colEndedAt}>{formatDateTime(r.endedAt, lang, data.region)}</td>
                    <td data-label={o.colOverrun} class="num">
                      {r.overrunMinutes === null ? '—' : formatMinutes(r.overrunMinutes, t)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Shown ctx={ctx} shown={Math.min(rows.length, LATEST_BREACHES)} total={data.breaches.total} />
        </>
      )}
    </section>
  );
}

/** Oversight of one region: counts, timeliness per step against the regulation, breaches by role and person. */
export function OversightPage({ ctx, data }: { ctx: PageContext; data: OversightData }) {
  const { t } = ctx;
  const names = new Map(data.services.map((s) => [s.code, s.name]));
  const serviceName = (code: string) => names.get(code) ?? code;
  return (
    <Layout ctx={ctx} title={t.oversight.title}>
      <h1>
        {t.oversight.title}: {t.regions[data.region]}
      </h1>
      <p class="muted">{t.oversight.intro(t.regions[data.region])}</p>
      <Filters ctx={ctx} data={data} />
      <Downloads ctx={ctx} filters={data.filters} />
      <Summary ctx={ctx} data={data} serviceName={serviceName} />
      <Steps ctx={ctx} data={data} serviceName={serviceName} />
      <Breaches ctx={ctx} data={data} serviceName={serviceName} />
    </Layout>
  );
}
