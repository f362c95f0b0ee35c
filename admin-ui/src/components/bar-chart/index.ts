export { BarChart } from './component';
export type { BarChartProps, BarSeries } from './types';
