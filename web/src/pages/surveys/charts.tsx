import type { CrossTable, CountRow, ItemReport, SurveyReport } from '@palliance/core';
import { formatNumber } from '../../ui/format';

const pct = (p: number | null) => (p === null ? '—' : `${formatNumber(p)}\u00a0%`);
const PALETTE = ['#1f5f99', '#d97706', '#2f855a', '#9b2c2c', '#6b46c1', '#2c7a7b', '#975a16', '#4a5568'];

/** Counts of one item as horizontal bars (share of those who answered), with the table beside them. */
export function CountBars({ title, rows, denominator }: { title: string; rows: CountRow[]; denominator: number }) {
  const rowH = 30;
  const width = 320;
  const height = rows.length * rowH + 4;
  return (
    <figure className="chart">
      <figcaption className="chart-title">{title}</figcaption>
      <div className="chart-body">
        <svg viewBox={`0 0 ${width} ${height}`} className="chart-svg" aria-hidden="true" focusable="false">
          {rows.map((r, i) => {
            const w = Math.max(1, ((width - 60) * (r.percent ?? 0)) / 100);
            const y = i * rowH + 4;
            return (
              <g key={r.code}>
                <text x={0} y={y + 9} className="chart-label">
                  {r.label.length > 48 ? `${r.label.slice(0, 47)}…` : r.label}
                </text>
                <rect x={0} y={y + 13} width={w} height={11} rx={2} className="chart-bar" />
                <text x={w + 5} y={y + 23} className="chart-value">
                  {pct(r.percent)}
                </text>
              </g>
            );
          })}
        </svg>
        <table className="table chart-table">
          <caption className="visually-hidden">{title}</caption>
          <thead>
            <tr>
              <th scope="col">Réponse</th>
              <th scope="col">Effectif</th>
              <th scope="col">Part</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.code}>
                <th scope="row">{r.label}</th>
                <td>{formatNumber(r.count)}</td>
                <td>{pct(r.percent)}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">Dénominateur (ont répondu)</th>
              <td colSpan={2}>{formatNumber(denominator)}</td>
            </tr>
          </tfoot>
        </table>
      </div>
    </figure>
  );
}

/** A cross-table as stacked bars (row percentages, one bar per row), the table of counts and percentages beside. */
export function CrossTableView({ table }: { table: CrossTable }) {
  const title = `${table.rows.text} × ${table.columns.text}`;
  const lines = table.lines.filter((l) => l.total > 0 || l.missing > 0);
  const rowH = 30;
  const width = 320;
  const height = lines.length * rowH + 28;
  return (
    <figure className="chart" data-testid="cross-table">
      <figcaption className="chart-title">Tableau croisé : {title} (pourcentages en ligne)</figcaption>
      <div className="chart-body">
        <svg viewBox={`0 0 ${width} ${height}`} className="chart-svg" aria-hidden="true" focusable="false">
          {lines.map((l, i) => {
            let x = 0;
            const y = i * rowH + 4;
            return (
              <g key={l.key}>
                <text x={0} y={y + 9} className="chart-label">
                  {l.label}
                </text>
                {l.percents.map((p, j) => {
                  const w = ((width - 10) * (p ?? 0)) / 100;
                  const r = <rect key={j} x={x} y={y + 13} width={w} height={11} fill={PALETTE[j % PALETTE.length]} />;
                  x += w;
                  return r;
                })}
              </g>
            );
          })}
          {table.columnCategories.map((c, j) => (
            <g key={c.key}>
              <rect x={(j % 3) * 105} y={lines.length * rowH + 6 + Math.floor(j / 3) * 0} width={8} height={8} fill={PALETTE[j % PALETTE.length]} />
              <text x={(j % 3) * 105 + 11} y={lines.length * rowH + 14} className="chart-value">
                {c.label.length > 16 ? `${c.label.slice(0, 15)}…` : c.label}
              </text>
            </g>
          ))}
        </svg>
        <div className="table-wrap" role="region" aria-label={`Tableau croisé ${title}`} tabIndex={0}>
          <table className="table chart-table">
            <caption className="visually-hidden">{title}</caption>
            <thead>
              <tr>
                <th scope="col">{table.rows.text}</th>
                {table.columnCategories.map((c) => (
                  <th scope="col" key={c.key}>
                    {c.label}
                  </th>
                ))}
                <th scope="col">Total (ont répondu)</th>
              </tr>
            </thead>
            <tbody>
              {[...table.lines, { key: 'ensemble', label: 'Ensemble', missing: 0, ...table.totals }].map((l) => (
                <tr key={l.key}>
                  <th scope="row">{l.label}</th>
                  {l.counts.map((n, j) => (
                    <td key={j}>
                      {formatNumber(n)} ({pct(l.percents[j])})
                    </td>
                  ))}
                  <td>{formatNumber(l.total)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </div>
    </figure>
  );
}

/** Mean of each scale item of a group ("domain"), one bar per respondent group, the table beside. */
export function ScaleMeans({ report, group }: { report: SurveyReport; group: SurveyReport['scaleGroups'][number] }) {
  const items = group.items.map((id) => report.items.find((i) => i.linkId === id)).filter((i): i is ItemReport => !!i);
  const series = report.groupBy
    ? report.groupBy.groups.filter((g) => g.respondents > 0).map((g) => ({ key: g.key, label: g.label, mean: (it: ItemReport) => it.byGroup?.[g.key]?.numbers?.mean ?? null }))
    : [{ key: 'all', label: 'Ensemble', mean: (it: ItemReport) => it.overall.numbers?.mean ?? null }];
  const barH = 7;
  const rowH = 14 + series.length * (barH + 2);
  const width = 320;
  const height = items.length * rowH + 20;
  const x = (m: number) => ((width - 40) * (m - 1)) / 4;
  return (
    <figure className="chart">
      <figcaption className="chart-title">{group.text} : moyennes de 1 à 5{report.groupBy ? ` par ${report.groupBy.text.toLowerCase()}` : ''}</figcaption>
      <div className="chart-body">
        <svg viewBox={`0 0 ${width} ${height}`} className="chart-svg" aria-hidden="true" focusable="false">
          {items.map((it, i) => {
            const y = i * rowH;
            return (
              <g key={it.linkId}>
                <text x={0} y={y + 10} className="chart-label">
                  {it.text.length > 50 ? `${it.text.slice(0, 49)}…` : it.text}
                </text>
                {series.map((s, j) => {
                  const m = s.mean(it);
                  return m === null ? null : <rect key={s.key} x={0} y={y + 13 + j * (barH + 2)} width={Math.max(1, x(m))} height={barH} fill={PALETTE[j % PALETTE.length]} />;
                })}
              </g>
            );
          })}
          {series.map((s, j) => (
            <g key={s.key}>
              <rect x={(j % 3) * 105} y={items.length * rowH + 6} width={8} height={8} fill={PALETTE[j % PALETTE.length]} />
              <text x={(j % 3) * 105 + 11} y={items.length * rowH + 14} className="chart-value">
                {s.label.length > 16 ? `${s.label.slice(0, 15)}…` : s.label}
              </text>
            </g>
          ))}
        </svg>
        <div className="table-wrap" role="region" aria-label={group.text} tabIndex={0}>
          <table className="table chart-table">
            <caption className="visually-hidden">{group.text}</caption>
            <thead>
              <tr>
                <th scope="col">Domaine</th>
                {series.map((s) => (
                  <th scope="col" key={s.key}>
                    {s.label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {items.map((it) => (
                <tr key={it.linkId}>
                  <th scope="row">{it.text}</th>
                  {series.map((s) => {
                    const m = s.mean(it);
                    return <td key={s.key}>{m === null ? '—' : formatNumber(m)}</td>;
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </div>
    </figure>
  );
}
