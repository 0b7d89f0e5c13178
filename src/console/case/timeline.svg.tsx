import { DURATION_UNITS, type DurationUnit } from '../../regulations/regulation.model';
import { formatCount, formatMinutes } from '../i18n/format';
import type { PageContext } from '../page-context';
import { TimelineBar, timelineScale } from './timeline-bars';

const WIDTH = 900;
const LABEL = 230;
/** Pixels for 100 % of a step's regulated time; a bar stops at OVER × that (and says so). */
const FULL = 280;
const OVER = 1.5;
const VALUES = LABEL + FULL * OVER + 14;
const ROW = 36;
const BAR = 11;
const TOP = 8;

/** The step as people name it; an appeal's decision is no step of the regulation, so it has its own words. */
function label(bar: TimelineBar, ctx: PageContext): string {
  const actions: Record<string, string> = ctx.t.stepActions;
  return actions[bar.action] ?? (bar.kind === 'appeal' ? ctx.t.oversight.appealStep : bar.action);
}

function statusText(bar: TimelineBar, ctx: PageContext): string {
  return bar.inProgress && bar.breach ? ctx.t.casePage.overdueInProgress : ctx.t.casePage.stepStatuses[bar.status];
}

const isUnit = (unit: string | undefined): unit is DurationUnit => DURATION_UNITS.some((u) => u === unit);

function allowedText(bar: TimelineBar, ctx: PageContext): string {
  const duration = bar.duration;
  if (duration?.regulated && duration.value !== undefined && isUnit(duration.unit))
    return formatCount(duration.value, ctx.t.units[duration.unit], ctx.lang);
  return bar.allowedMinutes !== null ? formatMinutes(bar.allowedMinutes, ctx.t) : ctx.t.casePage.stepStatuses['not-regulated'];
}

/**
 * Each step's regulated office time (outlined bar, always the same length)
 * against the office time it took (filled bar, as a share of it): steps of
 * minutes and of weeks read alike. A breach is red with a mark at 100 %.
 * Drawn on the server: no script, and the table below says the same.
 */
export function TimelineSvg({ ctx, bars }: { ctx: PageContext; bars: TimelineBar[] }) {
  const t = ctx.t.casePage;
  // Steps without a regulated time are drawn against the longest of them.
  const unregulatedScale = timelineScale(bars.filter((b) => b.allowedMinutes === null));
  const width = (minutes: number, allowed: number | null) =>
    Math.max(1, Math.round(Math.min(OVER, minutes / (allowed && allowed > 0 ? allowed : unregulatedScale)) * FULL));
  const height = TOP * 2 + bars.length * ROW + 20;
  return (
    <figure class="timeline">
      <svg
        viewBox={`0 0 ${WIDTH} ${height}`}
        role="img"
        aria-labelledby="timeline-svg-title"
        class="timeline-svg"
        xmlns="http://www.w3.org/2000/svg"
      >
        <title id="timeline-svg-title">{t.timelineTitle}</title>
        {bars.map((bar, index) => {
          const y = TOP + index * ROW;
          const cls = bar.breach ? 'bar-breach' : bar.inProgress ? 'bar-progress' : bar.status === 'on-time' ? 'bar-ok' : 'bar-neutral';
          const taken = bar.elapsedMinutes !== null ? formatMinutes(bar.elapsedMinutes, ctx.t) : '—';
          const overflow = bar.elapsedMinutes !== null && bar.allowedMinutes !== null && bar.elapsedMinutes > bar.allowedMinutes * OVER;
          return (
            <g class="timeline-row" data-step={bar.stepId} data-breach={bar.breach ? 'true' : 'false'}>
              <title>{t.timelineRow(label(bar, ctx), allowedText(bar, ctx), taken, statusText(bar, ctx))}</title>
              <text x={LABEL - 8} y={y + 19} text-anchor="end" class="timeline-label">
                {label(bar, ctx)}
              </text>
              {bar.allowedMinutes !== null && <rect x={LABEL} y={y + 3} width={FULL} height={BAR} class="bar-allowed" />}
              {bar.elapsedMinutes !== null && (
                <rect x={LABEL} y={y + 3 + BAR + 2} width={width(bar.elapsedMinutes, bar.allowedMinutes)} height={BAR} class={cls} />
              )}
              {overflow && (
                <text x={LABEL + FULL * OVER + 2} y={y + 3 + BAR * 2} class="timeline-overflow">
                  »
                </text>
              )}
              {bar.breach && bar.allowedMinutes !== null && (
                <line x1={LABEL + FULL} x2={LABEL + FULL} y1={y} y2={y + 3 + BAR * 2 + 5} class="breach-mark" />
              )}
              <text x={VALUES} y={y + 13} class="timeline-value">
                {allowedText(bar, ctx)}
              </text>
              <text
                x={VALUES}
                y={y + 27}
                class={`timeline-value ${bar.breach ? 'timeline-value-breach' : ''}`}
              >{`${taken} · ${statusText(bar, ctx)}`}</text>
            </g>
          );
        })}
        <g class="timeline-legend" transform={`translate(${LABEL}, ${height - 12})`}>
          <rect x={0} y={-9} width={14} height={9} class="bar-allowed" />
          <text x={20} y={0}>
            {t.timelineAllowed}
          </text>
          <rect x={150} y={-9} width={14} height={9} class="bar-ok" />
          <text x={170} y={0}>
            {t.timelineTaken}
          </text>
          <rect x={300} y={-9} width={14} height={9} class="bar-breach" />
          <text x={320} y={0}>
            {t.timelineBreach}
          </text>
        </g>
      </svg>
      <details class="timeline-table">
        <summary>{t.timelineTable}</summary>
        <div class="table-wrap">
          <table class="queue">
            <thead>
              <tr>
                <th scope="col">{t.colStep}</th>
                <th scope="col">{t.colRegulated}</th>
                <th scope="col">{t.colTaken}</th>
                <th scope="col">{t.colStatus}</th>
              </tr>
            </thead>
            <tbody>
              {bars.map((bar) => (
                <tr class={bar.breach ? 'row-overdue' : undefined}>
                  <td data-label={t.colStep}>{label(bar, ctx)}</td>
                  <td data-label={t.colRegulated}>{allowedText(bar, ctx)}</td>
                  <td data-label={t.colTaken}>{bar.elapsedMinutes !== null ? formatMinutes(bar.elapsedMinutes, ctx.t) : '—'}</td>
                  <td data-label={t.colStatus}>{statusText(bar, ctx)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}
