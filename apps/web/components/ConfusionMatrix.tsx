import type { ConfusionMatrix as Matrix } from '../lib/confusion';

/**
 * A confusion matrix as an HTML table (rows: true labels, columns: clusters), each cell shaded by the share of its
 * row, so it is readable by screen readers and keyboard as a plain table.
 */
export function ConfusionMatrix({ matrix }: { matrix: Matrix }) {
  return (
    <div className="table-scroll">
      <table className="confusion" data-testid="confusion-matrix">
        <caption>Cells per true label (rows) and predicted cluster (columns)</caption>
        <thead>
          <tr>
            <th scope="col">true label \ cluster</th>
            {matrix.columnNames.map((name) => (
              <th key={name} scope="col">
                {name}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {matrix.rowNames.map((rowName, row) => {
            const counts = matrix.counts[row]!;
            const total = counts.reduce((sum, count) => sum + count, 0) || 1;
            return (
              <tr key={rowName}>
                <th scope="row">{rowName}</th>
                {counts.map((count, column) => {
                  const share = count / total;
                  return (
                    <td
                      key={column}
                      style={{
                        background: `rgba(31, 95, 191, ${share.toFixed(3)})`,
                        color: share > 0.5 ? '#ffffff' : '#1a1d21',
                      }}
                    >
                      {count || ''}
                    </td>
                  );
                })}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
