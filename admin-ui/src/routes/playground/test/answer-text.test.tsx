import { render, screen } from '@testing-library/react';
import { confirmationLeadIn } from '../../../../../server/src/contract/confirmation-text';
import { AnswerText } from '../answer-text';

describe("the playground's answer text", () => {
  it('links [S1] to its source and leaves sources without a page, or with a script URL, as text', () => {
    render(
      <p data-testid="answer">
        <AnswerText
          text={'Commission is 8% [S1]. Payouts are monthly [S2]. See [S3] and **bold**.'}
          citations={[
            { id: 'S1', title: 'Program terms', url: 'https://shop.example/terms' },
            { id: 'S2', title: 'FAQ: payouts', url: null },
            { id: 'S3', title: 'Injected', url: 'javascript:alert(1)' },
          ]}
        />
      </p>,
    );
    const link = screen.getByRole('link', { name: 'S1' });
    expect(link).toHaveAttribute('href', 'https://shop.example/terms');
    expect(link).toHaveAttribute('rel', 'noopener noreferrer nofollow');
    expect(link).toHaveAttribute('title', 'Program terms');
    expect(screen.getAllByRole('link')).toHaveLength(1);
    expect(screen.getByTestId('answer')).toHaveTextContent('Payouts are monthly [S2]. See [S3] and bold.');
    expect(screen.getByText('bold').tagName).toBe('STRONG');
  });

  it('keeps only the lead-in of a confirmation, so the summary is shown once (on the card)', () => {
    expect(confirmationLeadIn('Here is what I have:\n- Name: Ana\n- Email: ana@example.com\nReply "yes" to confirm.')).toBe('Here is what I have:');
  });
});
