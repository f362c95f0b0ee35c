import { render, screen } from '@testing-library/react';
import { TracePanel } from '..';

describe('TracePanel', () => {
  it("shows a dry run's verification code open, as text the owner types in the chat", () => {
    const { container } = render(
      <TracePanel entries={[{ turn: 3, kind: 'verification-code', data: { kind: 'verification-code', email: 'ana@example.com', code: '042917', dryRun: true } }]} />,
    );
    expect(screen.getByText('Verification code (dry run)', { exact: false })).toBeTruthy();
    expect(container.querySelector('details')?.open).toBe(true);
    expect(container.textContent).toContain('Code 042917 for ana@example.com. Not mailed in a dry run');
  });

  it('shows an entry it has no view for as its data, closed', () => {
    const { container } = render(<TracePanel entries={[{ turn: 1, kind: 'tool-call', data: { kind: 'tool-call', name: 'submit_application', arguments: { email: 'a@b.example' } } }]} />);
    expect(container.querySelector('details')?.open).toBe(false);
    expect(container.querySelector('pre')?.textContent).toContain('"submit_application"');
  });
});
