import { resolveAppearance } from '../editor/agent-appearance';

/** The editor preview's rule; render-php.test.ts checks render.php against the same cases. */
describe('the chat block appearance', () => {
  const agent = {
    id: 'agt_demo',
    name: 'Demo',
    greeting: 'Welcome to the partner desk!',
    appearance: { title: 'Partner desk', primaryColor: '#aa3300', position: 'bottom-left', avatarUrl: 'https://shop.example/avatar.png' },
  };

  test('takes the agent’s title, colour, position, avatar and greeting when the block sets none', () => {
    expect(resolveAppearance({ position: '', title: '', greeting: '' }, agent)).toEqual({
      title: 'Partner desk',
      greeting: 'Welcome to the partner desk!',
      position: 'bottom-left',
      accent: '#aa3300',
      avatarUrl: 'https://shop.example/avatar.png',
    });
  });

  test('lets the block’s own settings win', () => {
    expect(resolveAppearance({ position: 'bottom-right', title: 'Ask us', greeting: 'Hello there', accent: 'var(--wp--preset--color--vivid-purple)' }, agent)).toMatchObject({
      title: 'Ask us',
      greeting: 'Hello there',
      position: 'bottom-right',
      accent: 'var(--wp--preset--color--vivid-purple)',
    });
  });

  test('falls back to the defaults without an agent, and drops unsafe values', () => {
    expect(resolveAppearance({}, null)).toEqual({ title: 'Affiliate program assistant', greeting: 'Hi! How can I help you today?', position: 'bottom-right', accent: '', avatarUrl: '' });
    const hostile = { ...agent, appearance: { primaryColor: 'red;}body{display:none', avatarUrl: 'javascript:alert(1)' } };
    expect(resolveAppearance({}, hostile)).toMatchObject({ accent: '', avatarUrl: '' });
  });
});
