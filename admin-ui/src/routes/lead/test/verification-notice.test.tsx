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
});
