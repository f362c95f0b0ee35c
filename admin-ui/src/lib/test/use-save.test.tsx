import { render, screen, waitFor } from '@testing-library/react';
import userEventLibrary from '@testing-library/user-event';
import { dispatch, select } from '@wordpress/data';
import { store as noticesStore } from '@wordpress/notices';
import { useState } from '@wordpress/element';
import { useSave } from '../use-save';

const userEvent = userEventLibrary.setup({ delay: null });

/** A screen with one input and one save button, saving through a stand-in for the service call. */
function Screen({ request }: { request: () => Promise<{ name: string }> }) {
  const { save, isSaving, issues } = useSave();
  const [saved, setSaved] = useState('');
  return (
    <div>
      <button type="button" disabled={isSaving} onClick={() => void save(request, { onSaved: (result) => setSaved(result.name), success: 'Saved.' })}>
        Save
      </button>
      <p>{`saved: ${saved}`}</p>
      <ul aria-label="issues">
        {issues.map((issue) => (
          <li key={issue.path.join('.')}>{`${issue.path.join('.')}: ${issue.message}`}</li>
        ))}
      </ul>
    </div>
  );
}

const notices = () => select(noticesStore).getNotices() as Array<{ status: string; type: string; content: string }>;

beforeEach(() => {
  for (const notice of notices()) dispatch(noticesStore).removeNotice((notice as unknown as { id: string }).id);
});

test('a refused save keeps its field issues and an error notice; the retry that works clears both and says so once', async () => {
  const refusal = { code: 'invalid_settings', message: 'The settings are not valid.', data: { status: 400, details: [{ path: ['name'], message: 'Required' }] } };
  const request = jest.fn().mockRejectedValueOnce(refusal).mockResolvedValueOnce({ name: 'Partners' });
  render(<Screen request={request} />);

  await userEvent.click(screen.getByRole('button', { name: 'Save' }));
  await waitFor(() => expect(screen.getByRole('list', { name: 'issues' })).toHaveTextContent('name: Required'));
  expect(notices()).toEqual([expect.objectContaining({ status: 'error', content: 'The settings are not valid.' })]);
  expect(screen.getByText('saved:')).toBeInTheDocument();

  await userEvent.click(screen.getByRole('button', { name: 'Save' }));
  await waitFor(() => expect(screen.getByText('saved: Partners')).toBeInTheDocument());
  expect(screen.getByRole('list', { name: 'issues' })).toBeEmptyDOMElement();
  expect(notices()).toEqual([expect.objectContaining({ status: 'success', type: 'snackbar', content: 'Saved.' })]);
  expect(screen.getByRole('button', { name: 'Save' })).toBeEnabled();
});
