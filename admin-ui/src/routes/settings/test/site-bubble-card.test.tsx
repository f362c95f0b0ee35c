import { render, screen, waitFor, within } from '@testing-library/react';
import userEventLibrary from '@testing-library/user-event';
import apiFetch from '@wordpress/api-fetch';
import { SiteBubbleCard } from '../site-bubble-card';

jest.mock('@wordpress/api-fetch');
const mockedApiFetch = apiFetch as unknown as jest.Mock;
const userEvent = userEventLibrary.setup({ delay: null });

const POST_TYPES = [
  { slug: 'post', label: 'Posts' },
  { slug: 'page', label: 'Pages' },
];
const AGENTS = [
  { id: 'agt_main', name: 'Program assistant', enabled: true },
  { id: 'agt_old', name: 'Old assistant', enabled: false },
];

type Call = { path: string; method?: string; data?: Record<string, unknown> };

function serve(onPut: (data: Record<string, unknown>) => unknown) {
  mockedApiFetch.mockImplementation(async (options: Call) => {
    if (options.path === '/affiliate-agent/v1/admin/agents') return { agents: AGENTS };
    if (options.path === '/affiliate-agent/v1/site-bubble' && options.method === 'PUT') return onPut(options.data ?? {});
    if (options.path === '/affiliate-agent/v1/site-bubble') return { settings: { enabled: false, agentId: '', where: 'everywhere', postTypes: [] }, postTypes: POST_TYPES };
    throw { code: 'rest_no_route', message: `unexpected ${options.method ?? 'GET'} ${options.path}`, data: { status: 404 } };
  });
}

beforeEach(() => {
  mockedApiFetch.mockReset();
  window.affiliateAgentAdmin = { restPath: '/affiliate-agent/v1/admin', canManage: true, canReview: true, capabilities: ['aa_manage_agents'] };
});

describe('the Chat on every page card', () => {
  it('switches the bubble on for the chosen agent and post types and saves them through the plugin route', async () => {
    const saved: unknown[] = [];
    serve((data) => {
      saved.push(data);
      return { settings: data, postTypes: POST_TYPES };
    });
    render(<SiteBubbleCard />);
    const agent = await screen.findByRole('combobox', { name: 'Agent' });
    // A disabled agent is offered but marked, so the owner knows it would show no bubble.
    expect(await screen.findByRole('option', { name: 'Old assistant (disabled: no bubble)' })).toBeInTheDocument();
    expect(screen.queryByRole('checkbox', { name: 'Posts' })).toBeNull();
    await userEvent.click(screen.getByRole('checkbox', { name: 'Show the chat bubble site-wide' }));
    await userEvent.selectOptions(agent, 'agt_main');
    await userEvent.click(screen.getByRole('radio', { name: 'Single views of chosen post types' }));
    await userEvent.click(screen.getByRole('checkbox', { name: 'Posts' }));
    await userEvent.click(screen.getByRole('button', { name: 'Save chat bubble' }));
    await waitFor(() => expect(saved).toEqual([{ enabled: true, agentId: 'agt_main', where: 'post_types', postTypes: ['post'] }]));
  });

  it('shows a refused field’s reason under its input', async () => {
    serve(() => {
      throw {
        code: 'invalid_site_bubble',
        message: 'Choose at least one post type, or show the bubble everywhere.',
        data: { status: 400, details: { issues: [{ path: 'postTypes', message: 'Choose at least one post type, or show the bubble everywhere.' }] } },
      };
    });
    render(<SiteBubbleCard />);
    await screen.findByRole('option', { name: 'Program assistant' });
    await userEvent.click(screen.getByRole('checkbox', { name: 'Show the chat bubble site-wide' }));
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Agent' }), 'agt_main');
    await userEvent.click(screen.getByRole('radio', { name: 'Single views of chosen post types' }));
    await userEvent.click(screen.getByRole('button', { name: 'Save chat bubble' }));
    const fieldset = screen.getByRole('group', { name: 'Post types' });
    expect(await within(fieldset).findByRole('alert')).toHaveTextContent('Choose at least one post type');
  });
});
