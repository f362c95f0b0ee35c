export interface BarSeries {
  key: string;
  label: string;
  /** A CSS colour; the chart also lists the series in a legend, so colour is never the only cue. */
  color: string;
}

export interface BarChartProps {
  title: string;
  labels: string[];
  series: BarSeries[];
  /** values[seriesKey][index] */
  values: Record<string, number[]>;
  height?: number;
}
