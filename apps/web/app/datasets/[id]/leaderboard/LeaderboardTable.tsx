'use client';
import Link from 'next/link';
import { useMemo, useState } from 'react';
import { sortRows, type BoardRow } from '../../../../lib/leaderboard';
import { formatMeanSd } from '../../../../lib/stats';

/** The leaderboard as a table sortable by any metric or the method name (header buttons, with aria-sort). */
export function LeaderboardTable({ rows, metrics }: { rows: BoardRow[]; metrics: string[] }) {
  const [sort, setSort] = useState<{ key: string; direction: 'asc' | 'desc' }>({
    key: metrics[0] ?? 'method',
    direction: 'desc',
  });
  const sorted = useMemo(() => sortRows(rows, sort.key, sort.direction), [rows, sort]);
  const toggle = (key: string) =>
    setSort((current) =>
      current.key === key
        ? { key, direction: current.direction === 'asc' ? 'desc' : 'asc' }
        : { key, direction: key === 'method' ? 'asc' : 'desc' },
    );
  const ariaSort = (key: string) =>
    sort.key === key ? (sort.direction === 'asc' ? 'ascending' : 'descending') : 'none';
  const arrow = (key: string) => (sort.key === key ? (sort.direction === 'asc' ? ' ▲' : ' ▼') : '');
  if (rows.length === 0) return <p className="muted">No finished runs yet.</p>;
  return (
    <div className="table-scroll">
      <table className="data" data-testid="leaderboard">
        <caption className="visually-hidden">Methods ranked on this dataset</caption>
        <thead>
          <tr>
            <th scope="col">#</th>
            <th scope="col" aria-sort={ariaSort('method')}>
              <button type="button" className="sort" onClick={() => toggle('method')}>
                Method{arrow('method')}
              </button>
            </th>
            <th scope="col">Source</th>
            {metrics.map((metric) => (
              <th key={metric} scope="col" className="num" aria-sort={ariaSort(metric)}>
                <button type="button" className="sort" onClick={() => toggle(metric)}>
                  {metric}
                  {arrow(metric)}
                </button>
              </th>
            ))}
            <th scope="col" className="num">
              Runs
            </th>
          </tr>
        </thead>
        <tbody>
          {sorted.map((row, index) => (
            <tr
              key={row.key}
              className={row.reported ? 'reported' : undefined}
              data-reported={row.reported ? 'true' : 'false'}
            >
              <td>{index + 1}</td>
              <th scope="row" style={{ fontWeight: 500, background: 'transparent' }}>
                {row.method}
              </th>
              <td>
                {row.reported ? (
                  <span className="tag" title={row.source ?? undefined}>
                    paper
                  </span>
                ) : (
                  'our runs'
                )}
              </td>
              {metrics.map((metric) => (
                <td key={metric} className="num">
                  {formatMeanSd(row.metrics[metric]?.mean, row.metrics[metric]?.sd)}
                </td>
              ))}
              <td className="num">
                {row.reported ? (
                  '—'
                ) : row.runIds.length === 1 ? (
                  <Link href={`/runs/${row.runIds[0]}`}>{row.n}</Link>
                ) : row.runIds.length > 1 ? (
                  <Link href={`/compare?${row.runIds.map((id) => `ids=${id}`).join('&')}`}>{row.n}</Link>
                ) : (
                  row.n
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
