/** The dashboard's building blocks: a key figure (`Kpi`) and a scrollable table of stats (`StatTable`). */

export function Kpi({ label, value, testId }: { label: string; value: string; testId?: string }) {
  return (
    <div className="rounded-lg border border-slate-200 bg-white px-3 py-2.5 dark:border-slate-800 dark:bg-slate-900">
      <div className="text-xs text-slate-600 dark:text-slate-400">{label}</div>
      <div className="mt-0.5 text-lg font-semibold tabular-nums" data-testid={testId}>
        {value}
      </div>
    </div>
  );
}

export function StatTable({
  title,
  head,
  rows,
  empty,
  testId,
  textColumns = 1,
}: {
  title: string;
  head: string[];
  rows: string[][];
  empty: string;
  testId?: string;
  /** Leading columns of text (left-aligned); the rest are numbers. */
  textColumns?: number;
}) {
  return (
    <section className="min-w-0 rounded-lg border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
      <h2 className="px-3 pt-2.5 pb-1.5 text-sm font-medium">{title}</h2>
      <div className="max-h-72 overflow-auto">
        <table className="w-full text-left text-sm" data-testid={testId}>
          <thead className="sticky top-0 bg-slate-50 text-xs text-slate-600 dark:bg-slate-800 dark:text-slate-300">
            <tr>
              {head.map((h, i) => (
                <th key={h} className={`px-3 py-1.5 font-medium ${i >= textColumns ? 'text-right' : ''}`}>
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.join('\u0000')} className="border-t border-slate-100 dark:border-slate-800">
                {r.map((cell, i) => (
                  <td
                    key={head[i]}
                    className={`px-3 py-1.5 ${i >= textColumns ? 'text-right tabular-nums' : 'max-w-48 truncate'}`}
                  >
                    {cell}
                  </td>
                ))}
              </tr>
            ))}
            {rows.length === 0 && (
              <tr>
                <td
                  colSpan={head.length}
                  className="px-3 py-6 text-center text-slate-500 dark:text-slate-400"
                >
                  {empty}
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
    </section>
  );
}
