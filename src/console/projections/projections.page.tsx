import type { ProjectionStatus } from '../../projections/runtime/projection-status';
import type { Region } from '../../regulations/regulation.model';
import { formatDateTime, formatNumber } from '../i18n/format';
import { Layout } from '../layout/layout';
import type { PageContext } from '../page-context';

/** The admin CLI's commands for a blocked projection (the API offers no HTTP action). */
export function adminCommands(p: ProjectionStatus): { retry: string; skip: string } | undefined {
  if (!p.blocked) return undefined;
  return {
    retry: `npm run projections:admin -- retry ${p.name}`,
    skip: `npm run projections:admin -- skip ${p.name} --event ${p.blocked.eventId} --reason "…"`,
  };
}

function Blocked({ ctx, projection, region }: { ctx: PageContext; projection: ProjectionStatus; region: Region }) {
  const { t, lang } = ctx;
  const p = t.projectionsPage;
  const block = projection.blocked;
  const commands = adminCommands(projection);
  if (!block || !commands) return null;
  return (
    <section class="panel blocked" aria-labelledby={`blocked-${projection.name}`} data-blocked={projection.name}>
      <h2 id={`blocked-${projection.name}`}>{p.blockedTitle(projection.name)}</h2>
      <dl class="facts">
        <dt>{p.blockedPosition}</dt>
        <dd>
          <code>{block.position}</code>
        </dd>
        <dt>{p.blockedEvent}</dt>
        <dd>
          <code>{block.eventId}</code>
        </dd>
        <dt>{p.blockedStream}</dt>
        <dd>
          <code>{block.streamId}</code>
        </dd>
        <dt>{p.blockedType}</dt>
        <dd>{block.type}</dd>
        <dt>{p.blockedError}</dt>
        <dd>{block.error}</dd>
        <dt>{p.blockedSince}</dt>
        <dd>{formatDateTime(block.since, lang, region)}</dd>
      </dl>
      <h3>{p.actionsTitle}</h3>
      <p class="muted">{p.actionsNoHttp}</p>
      <p>{p.actionRetry}</p>
      <pre class="command">
        <code>{commands.retry}</code>
      </pre>
      <p>{p.actionSkip}</p>
      <pre class="command">
        <code>{commands.skip}</code>
      </pre>
      <p>{p.actionStatus}</p>
      <pre class="command">
        <code>npm run projections:admin -- status</code>
      </pre>
    </section>
  );
}

/** Each projection of this instance: status, checkpoint, lag, errors; a blocked one with the commands that free it. */
export function ProjectionsPage({ ctx, projections, region }: { ctx: PageContext; projections: ProjectionStatus[]; region: Region }) {
  const { t, lang } = ctx;
  const p = t.projectionsPage;
  const blocked = projections.filter((x) => x.blocked);
  return (
    <Layout ctx={ctx} title={p.title}>
      <h1>{p.title}</h1>
      <p class="muted">{p.intro}</p>
      <div class="table-wrap">
        <table class="data" data-table="projections">
          <thead>
            <tr>
              <th scope="col">{p.colName}</th>
              <th scope="col">{p.colStatus}</th>
              <th scope="col" class="num">
                {p.colPosition}
              </th>
              <th scope="col">{p.colLag}</th>
              <th scope="col">{p.colUpdated}</th>
              <th scope="col">{p.colErrors}</th>
            </tr>
          </thead>
          <tbody>
            {projections.map((x) => (
              <tr class={x.blocked ? 'row-overdue' : undefined} data-projection={x.name}>
                <th scope="row" data-label={p.colName}>
                  <code>{x.name}</code>
                </th>
                <td data-label={p.colStatus}>
                  <span class={`status status-${x.status}`} data-status={x.status}>
                    {p.statuses[x.status]}
                  </span>
                </td>
                <td data-label={p.colPosition} class="num">
                  <code>{x.position}</code>
                </td>
                <td data-label={p.colLag}>
                  {x.lagEvents === 0
                    ? p.caughtUp
                    : `${p.lagEvents(formatNumber(x.lagEvents, lang), x.lagCapped)}, ${p.lagSeconds(formatNumber(x.lagSeconds, lang))}`}
                </td>
                <td data-label={p.colUpdated}>
                  {x.updatedAt ? formatDateTime(x.updatedAt, lang, region) : <span class="muted">{p.never}</span>}
                  {x.rebuildRequested && <div>{p.rebuildRequested}</div>}
                  {x.rebuiltAt && (
                    <div class="muted">
                      {p.rebuiltAt}: {formatDateTime(x.rebuiltAt, lang, region)}
                    </div>
                  )}
                </td>
                <td data-label={p.colErrors}>
                  {x.lastError ? (
                    <>
                      <div>{x.lastError}</div>
                      <div class="muted">
                        {x.lastErrorAt && formatDateTime(x.lastErrorAt, lang, region)}{' '}
                        {x.failedAttempts > 0 && p.failedAttempts(x.failedAttempts)}
                      </div>
                    </>
                  ) : (
                    '—'
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {blocked.length === 0 ? (
        <p class="notice-ok">{p.allRunning}</p>
      ) : (
        blocked.map((x) => <Blocked ctx={ctx} projection={x} region={region} />)
      )}
    </Layout>
  );
}
