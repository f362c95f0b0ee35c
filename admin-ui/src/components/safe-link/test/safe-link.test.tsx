import { render, screen } from '@testing-library/react';
import { SafeLink } from '..';

describe('SafeLink', () => {
  it('links an absolute https URL in a new tab without opener, referrer or endorsement', () => {
    render(<SafeLink url="https://shop.example/pricing?utm_source=x">Pricing</SafeLink>);
    const link = screen.getByRole('link', { name: 'Pricing' });
    expect(link.getAttribute('href')).toBe('https://shop.example/pricing?utm_source=x');
    expect(link.getAttribute('target')).toBe('_blank');
    expect(link.getAttribute('rel')).toBe('noopener noreferrer nofollow');
  });

  it.each([
    'javascript:alert(document.cookie)',
    ' JaVaScRiPt:fetch(`/wp-admin/user-new.php`)',
    'java\tscript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'vbscript:msgbox(1)',
    '//evil.example/path',
    '/wp-admin/users.php',
    'https:evil.example',
    'not a url',
  ])('shows %j as plain text, never as a link', (url) => {
    const { container } = render(<SafeLink url={url} />);
    expect(screen.queryByRole('link')).toBeNull();
    expect(container.querySelector('[href]')).toBeNull();
    expect(container.textContent).toBe(url);
  });

  it('shows the fallback when there is no URL', () => {
    const { container } = render(<SafeLink url={null} fallback="none" />);
    expect(container.textContent).toBe('none');
    expect(screen.queryByRole('link')).toBeNull();
  });
});
