/** Apache ECharts, only the parts the views use (bars, lines, axes, tooltip, legend), drawn on a canvas. */
import { useEffect, useRef } from 'react';
import * as echarts from 'echarts/core';
import { BarChart, LineChart } from 'echarts/charts';
import { DatasetComponent, GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([BarChart, LineChart, GridComponent, TooltipComponent, LegendComponent, DatasetComponent, CanvasRenderer]);

export type ChartOption = echarts.EChartsCoreOption;

/** A chart of `option`, resized with its box; `label` is what screen readers hear. */
export function Chart({ option, label, height = 260, onClick }: { option: ChartOption; label: string; height?: number; onClick?: (params: { name: string; seriesName?: string }) => void }) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  useEffect(() => {
    chart.current = echarts.init(box.current!, undefined, { renderer: 'canvas' });
    const resize = new ResizeObserver(() => chart.current?.resize());
    resize.observe(box.current!);
    return () => { resize.disconnect(); chart.current?.dispose(); chart.current = null; };
  }, []);
  useEffect(() => { chart.current?.setOption(option, true); }, [option]);
  useEffect(() => {
    if (!onClick || !chart.current) return;
    const handler = (p: unknown) => onClick(p as { name: string; seriesName?: string });
    chart.current.on('click', handler);
    return () => { chart.current?.off('click', handler); };
  }, [onClick]);
  return <div className="chart" ref={box} role="img" aria-label={label} style={{ height }} />;
}
