import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEventLibrary from '@testing-library/user-event';
import apiFetch from '@wordpress/api-fetch';
import { useHashLocation } from '../../../lib/hash-route';
import { ActionBuilderStage } from '../stage';
import { ACTION_TEMPLATES } from '../../../../../server/src/actions/templates';

jest.mock('@wordpress/api-fetch');
const mockedApiFetch = apiFetch as unknown as jest.Mock;
const userEvent = userEventLibrary.setup({ delay: null });
const template = ACTION_TEMPLATES['affiliate-application'];

const view = (definition = template) => ({
  id: 'act_apply',
  agentId: 'agt_main',
  key: definition.key,
  status: 'draft',
  publishedVersion: null,
  draftVersion: 1,
  draft: { actionId: 'act_apply', version: 1, definition, createdAt: '2026-11-24T10:00:00.000Z', createdBy: 1, publishedAt: null, restoredFrom: null },
  published: null,
  createdAt: '2026-11-24T10:00:00.000Z',
  updatedAt: '2026-11-24T10:00:00.000Z',
});

/** Stands in for the app shell: shows which screen the hash router chose. */
function Screen() {
  const location = useHashLocation();
  return <p data-testid="screen">{location.segments.join('/')}</p>;
}

const changeHash = async (hash: string) => {
  await act(async () => {
    window.location.hash = hash;
    window.dispatchEvent(new HashChangeEvent('hashchange'));
  });
};

let sent: typeof template | null;
beforeEach(() => {
  sent = null;
  window.location.hash = '#/actions/act_apply';
  mockedApiFetch.mockReset();
  window.affiliateAgentAdmin = { restPath: '/affiliate-agent/v1/admin', canManage: true, canReview: true, capabilities: ['aa_manage_agents', 'aa_review_leads'] };
  mockedApiFetch.mockImplementation(async (options: { path: string; method?: string; data?: { definition: typeof template } }) => {
    if (options.method === 'PUT') {
      sent = options.data!.definition;
      return { action: view(options.data!.definition) };
    }
    return { action: view() };
  });
});

describe('the action builder with unsaved changes', () => {
  it('asks before another screen opens, stays when told to, and asks nothing once saved', async () => {
    const confirm = jest.spyOn(window, 'confirm').mockReturnValue(false);
    render(
      <>
        <Screen />
        <ActionBuilderStage params={{ actionId: 'act_apply' }} query={new URLSearchParams()} />
      </>,
    );
    const name = await screen.findByRole('textbox', { name: 'Name' });
    await userEvent.type(name, ' (new)');

    await changeHash('#/leads');
    expect(confirm).toHaveBeenCalledWith('You have unsaved changes. Leave this screen and lose them?');
    expect(window.location.hash).toBe('#/actions/act_apply');
    expect(screen.getByTestId('screen')).toHaveTextContent('actions/act_apply');
    expect(screen.getByRole('textbox', { name: 'Name' })).toHaveValue(`${template.name} (new)`);
    // Closing or reloading the tab asks too (the browser shows its own question).
    const unload = new Event('beforeunload', { cancelable: true });
    window.dispatchEvent(unload);
    expect(unload.defaultPrevented).toBe(true);

    await userEvent.click(screen.getByRole('button', { name: 'Save draft' }));
    await waitFor(() => expect(sent).not.toBeNull());
    confirm.mockClear();
    await changeHash('#/leads');
    expect(confirm).not.toHaveBeenCalled();
    expect(screen.getByTestId('screen')).toHaveTextContent('leads');
    confirm.mockRestore();
  });
});

describe('step dependencies', () => {
  it('are chosen by the other steps’ names and saved as their ids', async () => {
    render(<ActionBuilderStage params={{ actionId: 'act_apply' }} query={new URLSearchParams()} />);
    await userEvent.click(await screen.findByRole('tab', { name: /Next steps/ }));
    const notify = screen.getByRole('group', { name: /Step 2: Notify the affiliate manager/ });
    const waitsFor = within(notify).getByRole('group', { name: 'Runs only after these steps succeed' });
    expect(within(waitsFor).getAllByRole('checkbox').map((box) => box.getAttribute('aria-label') ?? box.closest('.components-checkbox-control')?.textContent)).toEqual([
      'Create pending affiliate in AffiliateWP',
      'Acknowledge the applicant',
    ]);
    await userEvent.click(within(waitsFor).getByRole('checkbox', { name: 'Create pending affiliate in AffiliateWP' }));
    await userEvent.click(screen.getByRole('button', { name: 'Save draft' }));
    await waitFor(() => expect(sent).not.toBeNull());
    expect(sent!.steps.find((step) => step.id === 'notify')!.dependsOn).toEqual(['affiliatewp']);
  });

  it('follow a step that is renamed, and are dropped when the step is removed', async () => {
    render(<ActionBuilderStage params={{ actionId: 'act_apply' }} query={new URLSearchParams()} />);
    await userEvent.click(await screen.findByRole('tab', { name: /Next steps/ }));
    const notify = () => screen.getByRole('group', { name: /^Step \d: Notify the affiliate manager$/ });
    await userEvent.click(within(notify()).getByRole('checkbox', { name: 'Create pending affiliate in AffiliateWP' }));
    const first = screen.getByRole('group', { name: /Step 1: Create pending affiliate/ });
    const id = within(first).getByRole('textbox', { name: 'Step id' });
    await userEvent.clear(id);
    await userEvent.type(id, 'awp');
    await userEvent.click(screen.getByRole('button', { name: 'Save draft' }));
    await waitFor(() => expect(sent).not.toBeNull());
    expect(sent!.steps.find((step) => step.id === 'notify')!.dependsOn).toEqual(['awp']);

    sent = null;
    await userEvent.click(screen.getByRole('button', { name: 'Remove step 1' }));
    await userEvent.click(screen.getByRole('button', { name: 'Save draft' }));
    await waitFor(() => expect(sent).not.toBeNull());
    expect(sent!.steps.find((step) => step.id === 'notify')!.dependsOn).toEqual([]);
  });
});
