import { render, screen } from '@testing-library/react';
import { IdentityNotices } from '../identity-notices';
import type { Lead } from '../types';

/** The lead page says whether and how the applicant proved the email in the chat (issue 12). */
const lead = (emailVerification: Lead['emailVerification'], emailVerifiedAt: string | null = null) =>
  ({ id: 'lead_1', email: 'ana@example.com', duplicateOf: null, managerRequest: null, emailVerification, emailVerifiedAt }) as unknown as Lead;

describe('email verification on the lead page', () => {
  it('shows an unverified email as such', () => {
    render(<IdentityNotices lead={lead(null)} duplicates={undefined} />);
    expect(screen.getByText('Email not verified').className).toContain('is-pending');
  });

  it('names the proof and when it happened', () => {
    const { rerender } = render(<IdentityNotices lead={lead('code', '2026-12-01T10:00:00.000Z')} duplicates={undefined} />);
    expect(screen.getByText(/Email verified \(code typed in the chat\)/).className).toContain('is-succeeded');
    rerender(<IdentityNotices lead={lead('wordpress-user', '2026-12-01T10:00:00.000Z')} duplicates={undefined} />);
    expect(screen.getByText(/Email verified \(logged-in WordPress account\)/)).toBeTruthy();
  });

  it('links a possible duplicate inside one translatable sentence, its name as plain text', () => {
    const duplicate = { ...lead(null), duplicateOf: 'lead_0' } as Lead;
    render(<IdentityNotices lead={duplicate} duplicates={{ of: { id: 'lead_0', name: '<b>Ana</b>', email: null }, later: [] } as never} />);
    const link = screen.getByRole('link', { name: '<b>Ana</b>' });
    expect(link.getAttribute('href')).toBe('#/leads/lead_0');
    expect(link.closest('.components-notice__content')?.textContent).toMatch(/^Possible duplicate of <b>Ana<\/b> — an earlier lead with the same email\./);
  });
});
