/**
 * A uPlot time-series chart (canvas; uPlot sets its sizes through the CSSOM, so the page's CSP holds), redrawn
 * for the theme and resized with its box. The canvas is described for assistive technology by `summary`.
 */
import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { useTheme } from '../../lib/theme.js';

export interface ChartSeries {
  label: string;
  values: (number | null)[];
  color: string;
  kind?: 'line' | 'bars';
  /** Formats a value on the axis and in the legend. */
  format?: (v: number) => string;
}

export function TimeChart({
  title,
  summary,
  times,
  series,
  height = 200,
  testId,
}: {
  title: string;
  summary: string;
  /** Bucket starts (ms). */
  times: number[];
  series: ChartSeries[];
  height?: number;
  testId?: string;
}) {
  const box = useRef<HTMLDivElement>(null);
  const theme = useTheme();
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const dark = theme === 'dark';
    const axisColor = dark ? '#cbd5e1' : '#334155';
    const gridColor = dark ? 'rgba(148,163,184,0.15)' : 'rgba(100,116,139,0.15)';
    const format = series[0]?.format ?? ((v: number) => String(v));
    const bars = uPlot.paths.bars?.({ size: [0.7, 40] });
    const opts: uPlot.Options = {
      width: Math.max(200, el.clientWidth),
      height,
      legend: { show: true, live: true },
      cursor: { points: { size: 6 } },
      // Half a bucket of room on each side, so the first and last bars are drawn whole.
      scales: {
        x: {
          time: true,
          range: (_u, min, max) => {
            const half = times.length > 1 ? (times[1]! - times[0]!) / 2000 : 30;
            return [min - half, max + half];
          },
        },
      },
      axes: [
        { stroke: axisColor, grid: { stroke: gridColor }, ticks: { stroke: gridColor } },
        {
          stroke: axisColor,
          grid: { stroke: gridColor },
          ticks: { stroke: gridColor },
          size: 56,
          values: (_u, splits) => splits.map((v) => (v == null ? '' : format(v))),
        },
      ],
      series: [
        { label: 'Time', value: (_u, v) => (v == null ? '' : new Date(v * 1000).toLocaleString()) },
        ...series.map(
          (s): uPlot.Series => ({
            label: s.label,
            stroke: s.color,
            width: s.kind === 'bars' ? 1 : 2,
            ...(s.kind === 'bars' ? { fill: `${s.color}99`, ...(bars ? { paths: bars } : {}) } : {}),
            spanGaps: s.kind !== 'bars',
            // A sparse line (a few buckets with data) is drawn as points too, or a lone value would not show.
            points: { show: s.kind !== 'bars' && s.values.filter((v) => v !== null).length < 24, size: 6 },
            value: (_u, v) => (v == null ? '—' : (s.format ?? format)(v)),
          }),
        ),
      ],
    };
    const data: uPlot.AlignedData = [times.map((t) => t / 1000), ...series.map((s) => s.values)];
    const plot = new uPlot(opts, data, el);
    const observer = new ResizeObserver(() => plot.setSize({ width: Math.max(200, el.clientWidth), height }));
    observer.observe(el);
    return () => {
      observer.disconnect();
      plot.destroy();
    };
  }, [times, series, height, theme]);
  return (
    <figure className="min-w-0 rounded-lg border border-slate-200 bg-white p-3 dark:border-slate-800 dark:bg-slate-900">
      <figcaption className="mb-1 text-sm font-medium">{title}</figcaption>
      <div
        ref={box}
        role="img"
        aria-label={`${title}: ${summary}`}
        data-testid={testId}
        className="af-chart w-full"
      />
    </figure>
  );
}
