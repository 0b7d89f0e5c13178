import type { StepStatsRowDto } from '../../projections/oversight/oversight.dto';
import { formatMinutes, formatNumber } from '../i18n/format';
import type { PageContext } from '../page-context';
import { regulatedLabel } from './labels';
import { clip, niceCeiling, stepMarks, type CountGroup } from './oversight-view';

/** Characters of a label that fit the chart's width at its font size. */
const LABEL_CHARS = 78;

/** Charts are inline SVG drawn on the server: attributes and classes only (CSP: no style=). */
const WIDTH = 640;
const BAR = 10;
const LABEL = 16;
const GAP = 12;
const VALUE_SPACE = 56;

const round = (v: number) => Math.round(v * 10) / 10;

/** Grouped horizontal bars, one group per provider and service: received, completed, refused. */
export function CountChart({
  ctx,
  groups,
  serviceName,
}: {
  ctx: PageContext;
  groups: CountGroup[];
  serviceName: (code: string) => string;
}) {
  const { t, lang } = ctx;
  const o = t.oversight;
  const max = niceCeiling(Math.max(0, ...groups.flatMap((g) => [g.received, g.completed, g.refused])));
  const series = [
    { key: 'received', label: o.received, value: (g: CountGroup) => g.received },
    { key: 'completed', label: o.completed, value: (g: CountGroup) => g.completed },
    { key: 'refused', label: o.refused, value: (g: CountGroup) => g.refused },
  ] as const;
  const groupHeight = LABEL + series.length * (BAR + 2) + GAP;
  const height = groups.length * groupHeight + 4;
  const scale = (v: number) => round(((WIDTH - VALUE_SPACE) * v) / max);
  return (
    <figure class="chart">
      <figcaption>
        {o.summaryChartTitle}
        <ul class="legend" aria-hidden="true">
          {series.map((s) => (
            <li>
              <span class={`swatch bar-${s.key}`}></span>
              {s.label}
            </li>
          ))}
        </ul>
      </figcaption>
      <svg viewBox={`0 0 ${WIDTH} ${height}`} role="img" aria-label={o.summaryChartDesc(groups.length)} data-chart="counts">
        {groups.map((g, i) => {
          const top = i * groupHeight;
          return (
            <g>
              <text x="0" y={top + 12} class="label">
                {clip(`${g.organisation} · ${serviceName(g.service)}`, LABEL_CHARS)}
              </text>
              {series.map((s, j) => {
                const y = top + LABEL + j * (BAR + 2);
                const value = s.value(g);
                return (
                  <g>
                    <title>{`${g.organisation} · ${serviceName(g.service)}: ${s.label} ${formatNumber(value, lang)}`}</title>
                    <rect x="0" y={y} width={Math.max(value > 0 ? 1 : 0, scale(value))} height={BAR} class={`bar-${s.key}`} />
                    <text x={scale(value) + 4} y={y + BAR - 1} class="value">
                      {formatNumber(value, lang)}
                    </text>
                  </g>
                );
              })}
            </g>
          );
        })}
      </svg>
    </figure>
  );
}

const STEP_ROW = 50;
const TRACK = 10;

/** One row per step: a dot at the median, a band to p90, a red line at the regulated office minutes. */
export function StepChart({ ctx, rows, label }: { ctx: PageContext; rows: StepStatsRowDto[]; label: (row: StepStatsRowDto) => string }) {
  const { t, lang } = ctx;
  const o = t.oversight;
  const track = WIDTH - 4;
  const height = rows.length * STEP_ROW + 4;
  return (
    <figure class="chart">
      <figcaption>
        {o.stepsChartTitle}
        <ul class="legend" aria-hidden="true">
          <li>
            <span class="swatch mark-median"></span>
            {o.median}
          </li>
          <li>
            <span class="swatch mark-band"></span>
            {o.p90}
          </li>
          <li>
            <span class="swatch mark-regulated"></span>
            {o.regulated}
          </li>
        </ul>
      </figcaption>
      <svg viewBox={`0 0 ${WIDTH} ${height}`} role="img" aria-label={o.stepsChartDesc(rows.length)} data-chart="steps">
        {rows.map((row, i) => {
          const marks = stepMarks(row);
          const top = i * STEP_ROW;
          const y = top + 2 * LABEL + 2;
          const x = (fraction: number) => round(2 + fraction * track);
          const figures = [
            row.medianElapsedOfficeMinutes === null ? undefined : `${o.median} ${formatMinutes(row.medianElapsedOfficeMinutes, t)}`,
            row.p90ElapsedOfficeMinutes === null ? undefined : `${o.p90} ${formatMinutes(row.p90ElapsedOfficeMinutes, t)}`,
            `${o.regulated}: ${regulatedLabel(row.regulatedDuration, t, lang)}`,
          ].filter((f) => f !== undefined);
          const late = marks.regulated !== null && marks.p90 !== null && marks.p90 > marks.regulated;
          return (
            <g data-step={row.step}>
              <title>{`${label(row)}: ${figures.join(', ')}`}</title>
              <text x="0" y={top + 12} class="label">
                {clip(label(row), LABEL_CHARS)}
              </text>
              <text x="0" y={top + 28} class="value">
                {figures.join(' · ')}
              </text>
              <rect x="2" y={y} width={track} height={TRACK} class="track" />
              {marks.p90 !== null && (
                <rect
                  x={x(marks.median ?? 0)}
                  y={y}
                  width={Math.max(1, round((marks.p90 - (marks.median ?? 0)) * track))}
                  height={TRACK}
                  class={late ? 'mark-band late' : 'mark-band'}
                />
              )}
              {marks.median !== null && <circle cx={x(marks.median)} cy={y + TRACK / 2} r="5" class="mark-median" />}
              {marks.regulated !== null && (
                <line x1={x(marks.regulated)} x2={x(marks.regulated)} y1={y - 4} y2={y + TRACK + 4} class="mark-regulated" />
              )}
            </g>
          );
        })}
      </svg>
    </figure>
  );
}
