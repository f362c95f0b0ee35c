import { startWordPressBridgeFake, type WordPressBridgeFake } from '../../../tests/fakes/wordpress-bridge-fake';
import { applicationWith, SECRET, startOutboxService, STANDARD_APPLICANT, type OutboxService } from '../outbox/outbox-harness';

/**
 * Issue 12: mail to an address a visitor typed holds no visitor-controlled HTML. Every value the
 * visitor gave is escaped text, and only URLs the owner wrote or the service made are links; a URL
 * the visitor typed (their "website") stays plain text, so the site never mails a stranger the
 * visitor's link as markup. Real outbox and SQLite, mail captured by the WordPress bridge fake.
 */
describe('mail to a typed address carries the visitor\'s values as text only', () => {
  let service: OutboxService;
  let bridge: WordPressBridgeFake;

  beforeEach(async () => {
    service = await startOutboxService();
    bridge = await startWordPressBridgeFake({ secret: SECRET, now: () => Math.floor(service.clock.now() / 1000) });
    await service.configure({ wordpress: { siteUrl: bridge.url }, network: { allowHosts: ['127.0.0.1'] } });
  });
  afterEach(async () => {
    await service.close();
    await bridge.close();
  });

  it('escapes a name with markup and does not link the website the visitor typed', async () => {
    const definition = applicationWith(
      [
        {
          id: 'hello',
          type: 'email',
          config: { to: 'applicant', subject: 'Hi {{name}}', body: 'Hi {{name}},\n\nyou told us about {{website}}.\n\nOur terms: https://shop.example/terms' },
        },
      ],
      { replaceSteps: true },
    );
    service.submit(definition, { ...STANDARD_APPLICANT, name: '<a href="https://phish.example/login">Click</a><img src=x onerror=alert(1)>', website: 'https://phish.example/login' });
    await service.deliver();

    expect(bridge.mails).toHaveLength(1);
    const { html, text, to } = bridge.mails[0];
    expect(to).toBe(STANDARD_APPLICANT.email);
    expect(html).not.toMatch(/<a href="https:\/\/phish/);
    expect(html).not.toMatch(/<img/);
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('https://phish.example/login.');
    expect(html).toContain('<a href="https://shop.example/terms">https://shop.example/terms</a>');
    expect(text).toContain('you told us about https://phish.example/login.');
  });
});
