import { __ } from '@wordpress/i18n';
import { SafeLink } from '../../components/safe-link';
import { siteLocale } from '../../lib/format-number';
import { labelAnswers, type AnswerField, type AnswerWords } from '../../../../server/src/contract/lead-answers';
import { safeHttpUrl } from '../../../../server/src/contract/safe-url';
import type { Lead } from './types';
import { TableScroll } from '../../components/table-scroll';

const words = (): AnswerWords => ({
  yes: __('Yes', 'affiliate-agent'),
  no: __('No', 'affiliate-agent'),
  agreed: __('Agreed', 'affiliate-agent'),
  declined: __('Declined', 'affiliate-agent'),
});

/**
 * What the visitor answered, by the action's field labels and option labels (the same function the
 * service uses for the manager's email and the privacy export), numbers in wp-admin's language.
 */
export function AnswersTable({ lead, fields }: { lead: Lead; fields: AnswerField[] | undefined }) {
  const answers = labelAnswers(lead.fields, fields, siteLocale(), words());
  return (
    <TableScroll label={__('Answers', 'affiliate-agent')}>
      <table className="widefat striped aa-table aa-answers">
        <tbody>
          {answers.map((answer) => (
            <tr key={answer.key}>
              <th scope="row">{answer.label}</th>
              {/* A website answer links, through the same rule as every stored URL. */}
              <td>{typeof answer.value === 'string' && safeHttpUrl(answer.value) ? <SafeLink url={answer.value} /> : answer.text || '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}
