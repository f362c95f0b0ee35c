import { Notice } from '@wordpress/components';
import { __ } from '@wordpress/i18n';
import { trustCheckLabels } from '../../lib/definition-labels';
import type { TrustFlag } from '../../lib/service-types';

/**
 * The applicant trust checks that fired for this lead (issue 16), each with the service's one-line
 * reason and links to the leads it resembles. The points and tags they gave are in the rules table.
 */
export function TrustFlags({ flags }: { flags: TrustFlag[] | undefined }) {
  if (!flags?.length) return null;
  const labels = trustCheckLabels();
  return (
    <Notice status="warning" isDismissible={false} className="aa-trust-flags">
      <strong>{__('Trust checks', 'affiliate-agent')}</strong>
      <ul>
        {flags.map((flag) => (
          <li key={flag.check}>
            {labels[flag.check] ?? flag.check}: {flag.detail}
            {flag.relatedLeadIds?.length ? (
              <>
                {' — '}
                {flag.relatedLeadIds.map((id, index) => (
                  <span key={id}>
                    {index ? ', ' : ''}
                    <a href={`#/leads/${encodeURIComponent(id)}`}>{id}</a>
                  </span>
                ))}
              </>
            ) : null}
          </li>
        ))}
      </ul>
    </Notice>
  );
}
