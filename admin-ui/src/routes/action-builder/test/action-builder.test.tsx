import { render, screen, waitFor, within } from '@testing-library/react';
import userEventLibrary from '@testing-library/user-event';
import apiFetch from '@wordpress/api-fetch';
import { ActionBuilderStage } from '../stage';
import { ACTION_TEMPLATES } from '../../../../../server/src/actions/templates';

jest.mock('@wordpress/api-fetch');
const mockedApiFetch = apiFetch as unknown as jest.Mock;
const userEvent = userEventLibrary.setup({ delay: null });

const draftView = (definition = ACTION_TEMPLATES['affiliate-application']) => ({
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

beforeEach(() => {
  mockedApiFetch.mockReset();
  window.affiliateAgentAdmin = { restPath: '/affiliate-agent/v1/admin', canManage: true, canReview: true, capabilities: ['aa_manage_agents', 'aa_review_leads'] };
});

describe('the action builder', () => {
  it("puts the service's field-level errors next to the inputs they name when a save is refused", async () => {
    mockedApiFetch.mockImplementation(async (options: { path: string; method?: string }) => {
      if (options.path === '/affiliate-agent/v1/admin/actions/act_apply' && options.method === 'GET') return { action: draftView() };
      if (options.path === '/affiliate-agent/v1/admin/actions/act_apply/draft') {
        throw {
          code: 'validation_failed',
          message: 'Invalid action definition: fields[1].question: a field needs the question the agent asks',
          data: { status: 400, details: { issues: [{ path: 'fields[1].question', message: 'a field needs the question the agent asks' }] } },
        };
      }
      return {};
    });
    render(<ActionBuilderStage params={{ actionId: 'act_apply' }} query={new URLSearchParams()} />);
    await userEvent.click(await screen.findByRole('tab', { name: 'Fields' }));
    const email = screen.getByRole('group', { name: /Field 2: Email/ });
    await userEvent.clear(within(email).getByRole('textbox', { name: 'Question the agent asks' }));
    await userEvent.click(screen.getByRole('button', { name: 'Save draft' }));

    expect(await within(email).findByRole('alert')).toHaveTextContent('a field needs the question the agent asks');
    expect(screen.getByRole('tab', { name: /Fields \(1/ })).toBeInTheDocument();
    const sent = mockedApiFetch.mock.calls.find(([options]) => options.method === 'PUT')[0];
    expect(sent.data.definition.fields[1]).toMatchObject({ key: 'email', question: '' });
  });

  it('shows the template\'s email verification switched on, and saves it switched off', async () => {
    mockedApiFetch.mockImplementation(async (options: { path: string; method?: string; data?: { definition: typeof ACTION_TEMPLATES['affiliate-application'] } }) => {
      if (options.path === '/affiliate-agent/v1/admin/actions/act_apply' && options.method === 'GET') return { action: draftView() };
      if (options.method === 'PUT') return { action: draftView(options.data!.definition) };
      return {};
    });
    render(<ActionBuilderStage params={{ actionId: 'act_apply' }} query={new URLSearchParams()} />);
    const toggle = await screen.findByRole('checkbox', { name: 'Verify the email address with a code before submitting' });
    expect(toggle).toBeChecked();
    await userEvent.click(toggle);
    await userEvent.click(screen.getByRole('button', { name: 'Save draft' }));
    await waitFor(() => expect(mockedApiFetch.mock.calls.some(([options]) => options.method === 'PUT')).toBe(true));
    const sent = mockedApiFetch.mock.calls.find(([options]) => options.method === 'PUT')[0];
    expect(sent.data.definition.verifyEmail).toBe(false);
  });

  it('saves the edited draft first and then publishes it', async () => {
    let saved: unknown = null;
    mockedApiFetch.mockImplementation(async (options: { path: string; method?: string; data?: { definition: typeof ACTION_TEMPLATES['affiliate-application'] } }) => {
      if (options.path === '/affiliate-agent/v1/admin/actions/act_apply' && options.method === 'GET') return { action: draftView() };
      if (options.method === 'PUT') {
        saved = options.data!.definition;
        return { action: draftView(options.data!.definition) };
      }
      if (options.path === '/affiliate-agent/v1/admin/actions/act_apply/publish') {
        const view = draftView(saved as never);
        return { action: { ...view, status: 'published', publishedVersion: 1, draftVersion: null, published: view.draft, draft: null } };
      }
      return {};
    });
    render(<ActionBuilderStage params={{ actionId: 'act_apply' }} query={new URLSearchParams()} />);
    const name = await screen.findByRole('textbox', { name: 'Name' });
    await userEvent.clear(name);
    await userEvent.type(name, 'Partner application');
    await userEvent.click(screen.getByRole('button', { name: 'Publish' }));

    await waitFor(() => expect(screen.getByText('Published (v1)')).toBeInTheDocument());
    const methods = mockedApiFetch.mock.calls.map(([options]) => `${options.method ?? 'GET'} ${options.path}`);
    expect(methods).toEqual([
      'GET /affiliate-agent/v1/admin/actions/act_apply',
      'PUT /affiliate-agent/v1/admin/actions/act_apply/draft',
      'POST /affiliate-agent/v1/admin/actions/act_apply/publish',
    ]);
    expect(saved).toMatchObject({ name: 'Partner application' });
  });
});
