import { __, sprintf } from '@wordpress/i18n';
import type { BarChartProps } from './types';

/**
 * A stacked bar chart in plain SVG (no chart library in wp-admin). Each bar has a <title> for
 * pointer users, and a visually hidden table carries the same numbers for screen readers.
 */
export function BarChart({ title, labels, series, values, height = 160 }: BarChartProps) {
  const totals = labels.map((_, index) => series.reduce((sum, item) => sum + (values[item.key]?.[index] ?? 0), 0));
  const max = Math.max(1, ...totals);
  const barWidth = 18;
  const gap = 6;
  const width = Math.max(labels.length * (barWidth + gap), 200);
  return (
    <figure className="aa-bar-chart">
      <svg role="img" aria-label={title} viewBox={`0 0 ${width} ${height + 20}`} width="100%" preserveAspectRatio="xMinYMin meet">
        {labels.map((label, index) => {
          let y = height;
          return (
            <g key={label} transform={`translate(${index * (barWidth + gap)},0)`}>
              {series.map((item) => {
                const value = values[item.key]?.[index] ?? 0;
                const barHeight = (value / max) * (height - 10);
                y -= barHeight;
                return (
                  <rect key={item.key} x={0} y={y} width={barWidth} height={barHeight} fill={item.color}>
                    <title>{sprintf(__('%1$s, %2$s: %3$s', 'affiliate-agent'), label, item.label, String(value))}</title>
                  </rect>
                );
              })}
              {index % Math.ceil(labels.length / 10) === 0 ? (
                <text x={barWidth / 2} y={height + 14} fontSize="9" textAnchor="middle">
                  {label.slice(5)}
                </text>
              ) : null}
            </g>
          );
        })}
      </svg>
      <figcaption className="aa-bar-chart__legend">
        {series.map((item) => (
          <span key={item.key}>
            <span className="aa-bar-chart__swatch" style={{ background: item.color }} aria-hidden="true" /> {item.label}
          </span>
        ))}
      </figcaption>
      <table className="screen-reader-text">
        <caption>{title}</caption>
        <thead>
          <tr>
            <th scope="col">{__('Day', 'affiliate-agent')}</th>
            {series.map((item) => (
              <th scope="col" key={item.key}>
                {item.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {labels.map((label, index) => (
            <tr key={label}>
              <th scope="row">{label}</th>
              {series.map((item) => (
                <td key={item.key}>{values[item.key]?.[index] ?? 0}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
