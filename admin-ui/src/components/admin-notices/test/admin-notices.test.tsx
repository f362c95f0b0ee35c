import { act, render, waitFor } from '@testing-library/react';
import { dispatch, select } from '@wordpress/data';
import { store as noticesStore } from '@wordpress/notices';
import { AdminNotices, MAX_SNACKBARS } from '../component';
import { SNACKBAR_SPACE } from '../snackbar-space';

const notices = () => select(noticesStore).getNotices() as Array<{ id: string; type: string; content: string }>;

// The snackbars' animation library measures by scrolling the window, which jsdom does not implement.
beforeAll(() => {
  window.scrollTo = jest.fn() as never;
});

beforeEach(() => {
  for (const notice of notices()) dispatch(noticesStore).removeNotice(notice.id);
});

test('five quick successes show as the newest three snackbars; the two oldest leave the store instead of queueing behind them', async () => {
  render(<AdminNotices />);
  act(() => {
    for (let index = 1; index <= 5; index += 1) void dispatch(noticesStore).createSuccessNotice(`Saved ${index}.`, { type: 'snackbar' });
    void dispatch(noticesStore).createErrorNotice('The service cannot be reached.');
  });
  await waitFor(() => expect(notices().filter((notice) => notice.type === 'snackbar').map((notice) => notice.content)).toEqual(['Saved 3.', 'Saved 4.', 'Saved 5.']));
  expect(MAX_SNACKBARS).toBe(3);
  const dock = document.querySelector('.aa-snackbars')!;
  await waitFor(() => expect([...dock.querySelectorAll('.components-snackbar__content')].map((snackbar) => snackbar.textContent)).toEqual(['Saved 3.', 'Saved 4.', 'Saved 5.']));
  // The error is a standing notice at the top, not counted among the snackbars.
  expect(document.querySelector('.aa-notices')).toHaveTextContent('The service cannot be reached.');
  expect(dock).not.toHaveTextContent('The service cannot be reached.');
});

test('the space the snackbars take is published for the stylesheet and given back when the screen goes', () => {
  const { unmount } = render(<AdminNotices />);
  act(() => {
    void dispatch(noticesStore).createSuccessNotice('Saved.', { type: 'snackbar' });
  });
  // jsdom lays nothing out (every box is 0 high), so the measured space is 0px; a browser measures it (e2e layout-fit).
  expect(document.documentElement.style.getPropertyValue(SNACKBAR_SPACE)).toBe('0px');
  unmount();
  expect(document.documentElement.style.getPropertyValue(SNACKBAR_SPACE)).toBe('');
});
