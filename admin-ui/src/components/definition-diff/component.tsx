import { __ } from '@wordpress/i18n';
import { diffDefinitions } from './diff';
import type { DefinitionDiffProps } from './types';

/** What changed between two versions of an action, one row per changed setting. */
export function DefinitionDiff({ before, after, beforeLabel, afterLabel }: DefinitionDiffProps) {
  const lines = diffDefinitions(before, after);
  if (lines.length === 0) return <p>{__('No differences.', 'affiliate-agent')}</p>;
  return (
    <table className="widefat striped aa-table aa-diff">
      <thead>
        <tr>
          <th scope="col">{__('Setting', 'affiliate-agent')}</th>
          <th scope="col">{beforeLabel}</th>
          <th scope="col">{afterLabel}</th>
        </tr>
      </thead>
      <tbody>
        {lines.map((line) => (
          <tr key={line.path} className={`is-${line.kind}`}>
            <th scope="row">
              <code>{line.path}</code>
            </th>
            <td>{line.before === undefined ? <em>{__('(none)', 'affiliate-agent')}</em> : <del>{line.before}</del>}</td>
            <td>{line.after === undefined ? <em>{__('(removed)', 'affiliate-agent')}</em> : <ins>{line.after}</ins>}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
