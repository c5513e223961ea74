'use client';

import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { formatClock, formatDayClock } from '@/lib/format';

export interface TimeSeries {
  label: string;
  /** a CSS colour */
  color: string;
  /** one value per time; null leaves a gap */
  values: Array<number | null>;
}

export interface TimeChartProps {
  /** epoch milliseconds, ascending */
  times: number[];
  series: TimeSeries[];
  /** the x axis, epoch milliseconds */
  range: [number, number];
  height: number;
  /** what a screen reader hears instead of the picture */
  label: string;
  /** counts that hold until the next point (participants), or points joined by lines */
  stepped?: boolean;
  /** bars, one per time (actions per minute) */
  bars?: boolean;
}

/** Tick labels in the viewer's time zone: the time of day, with the date once the range spans most of a day. */
function timeLabels(range: () => [number, number]) {
  return (_plot: uPlot, splits: number[]) => {
    const [from, to] = range();
    const format = to - from > 20 * 60 * 60 * 1000 ? formatDayClock : formatClock;
    return splits.map((split) => format(split * 1000));
  };
}

const AXIS = { stroke: '#a1a1aa', grid: { stroke: '#27272a', width: 1 }, ticks: { stroke: '#3f3f46', width: 1 }, font: '11px ui-sans-serif, system-ui' };

function options(props: TimeChartProps, width: number, range: () => [number, number]): uPlot.Options {
  const paths = props.bars ? uPlot.paths.bars!({ size: [0.8, 24], align: 1 }) : props.stepped ? uPlot.paths.stepped!({ align: 1 }) : undefined;
  return {
    width,
    height: props.height,
    legend: { show: false },
    cursor: { drag: { x: false, y: false } },
    scales: {
      x: { time: true, range: () => [range()[0] / 1000, range()[1] / 1000] },
      y: { range: (_plot, _min, max) => [0, Math.max(4, Math.ceil((max || 0) * 1.15))] },
    },
    axes: [
      { ...AXIS, space: 70, values: timeLabels(range) },
      { ...AXIS, size: 36, space: 24, incrs: [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000] },
    ],
    series: [
      {},
      ...props.series.map((series) => ({
        label: series.label,
        stroke: series.color,
        width: props.bars ? 0 : 1.75,
        fill: props.bars ? series.color : undefined,
        points: { show: false },
        ...(paths && { paths }),
      })),
    ],
  };
}

function data(props: TimeChartProps): uPlot.AlignedData {
  return [props.times.map((at) => at / 1000), ...props.series.map((series) => series.values)];
}

/**
 * A time-series chart on uPlot (a canvas, ~50 kB of script): loaded lazily by its panels, so it is
 * never part of a page's first load. New data is drawn in place; a change in the number of series
 * (a moderator appears) builds the chart again.
 */
export default function TimeChart(props: TimeChartProps) {
  const container = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  const latest = useRef(props);
  latest.current = props;
  const shape = `${props.series.map((series) => `${series.label}:${series.color}`).join('|')}|${props.height}|${props.bars}|${props.stepped}`;

  useEffect(() => {
    const element = container.current!;
    const created = new uPlot(options(latest.current, element.clientWidth || 300, () => latest.current.range), data(latest.current), element);
    plot.current = created;
    element.dataset.chartDrawn = 'true';
    const resize = new ResizeObserver(() => created.setSize({ width: element.clientWidth || 300, height: latest.current.height }));
    resize.observe(element);
    return () => {
      resize.disconnect();
      created.destroy();
      plot.current = null;
      delete element.dataset.chartDrawn;
    };
  }, [shape]);

  useEffect(() => {
    plot.current?.setData(data(props));
  }, [props]);

  return (
    <div ref={container} role="img" aria-label={props.label} data-chart-points={props.times.length} className="w-full overflow-hidden" />
  );
}
