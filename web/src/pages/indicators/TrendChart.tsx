import type { IndicatorResult } from '@palliance/core';
import { formatFigure } from './indicator-format';

/**
 * The trend of one indicator as a small SVG (line for shares and delays, bars for counts), the
 * target as a dashed line; periods with nothing to show leave a gap, never a zero. The table
 * under it carries the same figures for screen readers and for reading exact values.
 */
export function TrendChart({ indicator }: { indicator: IndicatorResult }) {
  const s = indicator.series;
  const width = 320;
  const height = 120;
  const top = 10;
  const bottom = 22;
  const left = 4;
  const values = s.map((p) => (p.status === 'ok' ? p.value : null));
  const target = indicator.target.value;
  const known = values.filter((v): v is number => v !== null);
  const max = indicator.unit === 'percent' ? 100 : Math.max(1, ...known, target ?? 0) * 1.1;
  const step = (width - left * 2) / s.length;
  const x = (i: number) => left + step * i + step / 2;
  const y = (v: number) => top + (height - top - bottom) * (1 - v / max);
  const segments: string[] = [];
  let current = '';
  values.forEach((v, i) => {
    if (v === null) {
      if (current) segments.push(current);
      current = '';
    } else current += `${current ? 'L' : 'M'}${x(i).toFixed(1)},${y(v).toFixed(1)}`;
  });
  if (current) segments.push(current);
  return (
    <svg viewBox={`0 0 ${width} ${height}`} className="chart-svg" aria-hidden="true" focusable="false">
      <line x1={left} x2={width - left} y1={y(0)} y2={y(0)} stroke="var(--c-border)" />
      {target !== null && target <= max && <line x1={left} x2={width - left} y1={y(target)} y2={y(target)} stroke="var(--c-muted)" strokeDasharray="4 3" />}
      {indicator.unit === 'count'
        ? values.map((v, i) => (v === null ? null : <rect key={i} x={x(i) - step * 0.35} y={y(v)} width={step * 0.7} height={Math.max(0, y(0) - y(v))} className="chart-bar" />))
        : segments.map((d, i) => <path key={i} d={d} fill="none" stroke="var(--c-primary)" strokeWidth={2} />)}
      {indicator.unit !== 'count' && values.map((v, i) => (v === null ? null : <circle key={i} cx={x(i)} cy={y(v)} r={2.5} fill="var(--c-primary)" />))}
      {s.map((p, i) =>
        i % Math.ceil(s.length / 6) === 0 || i === s.length - 1 ? (
          <text key={p.period} x={x(i)} y={height - 6} textAnchor="middle" className="chart-label">
            {p.shortLabel}
          </text>
        ) : null,
      )}
      {known.length > 0 && (
        <text x={width - left} y={top - 1} textAnchor="end" className="chart-value">
          {formatFigure(values[values.length - 1], indicator.unit)}
        </text>
      )}
    </svg>
  );
}
