import { formatNumber, formatPercent } from './format';

export interface Bar {
  label: string;
  value: number;
  /** When given, the bar shows value / total as a percentage. */
  total?: number;
}

/**
 * Horizontal bars drawn in SVG, with the same figures in a table beside them:
 * the chart is for the eye, the table for screen readers and for copying.
 */
export function BarChart({ title, bars, unit, caption }: { title: string; bars: Bar[]; unit?: string; caption?: string }) {
  const ratios = bars.every((b) => b.total);
  const values = bars.map((b) => (ratios ? b.value / (b.total as number) : b.value));
  const max = ratios ? 1 : Math.max(...values, 1);
  const rowHeight = 34;
  const width = 320;
  const height = bars.length * rowHeight + 4;
  const short = (i: number) => (ratios ? formatPercent(values[i]) : formatNumber(values[i]));
  const text = (i: number) => `${short(i)}${!ratios && unit ? `\u00a0${unit}` : ''}`;
  return (
    <figure className="chart">
      <figcaption className="chart-title">
        {title}
      </figcaption>
      <div className="chart-body">
        <svg viewBox={`0 0 ${width} ${height}`} className="chart-svg" aria-hidden="true" focusable="false">
          {bars.map((b, i) => {
            const w = Math.max(2, ((width - 56) * values[i]) / max);
            const y = i * rowHeight + 4;
            return (
              <g key={b.label}>
                <text x={0} y={y + 10} className="chart-label">
                  {b.label}
                </text>
                <rect x={0} y={y + 14} width={w} height={12} rx={2} className="chart-bar" />
                <text x={w + 6} y={y + 24} className="chart-value">
                  {short(i)}
                </text>
              </g>
            );
          })}
        </svg>
        <table className="table chart-table">
          <caption className="visually-hidden">{title}</caption>
          <thead>
            <tr>
              <th scope="col">Catégorie</th>
              <th scope="col">{ratios ? 'Part' : 'Valeur'}</th>
              {ratios && <th scope="col">Effectif</th>}
            </tr>
          </thead>
          <tbody>
            {bars.map((b, i) => (
              <tr key={b.label}>
                <th scope="row">{b.label}</th>
                <td>{text(i)}</td>
                {ratios && (
                  <td>
                    {formatNumber(b.value)} / {formatNumber(b.total as number)}
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {caption && <p className="chart-caption">{caption}</p>}
    </figure>
  );
}
