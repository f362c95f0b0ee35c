import { act, render, screen, within } from '@testing-library/react';
import userEventLibrary from '@testing-library/user-event';
import apiFetch from '@wordpress/api-fetch';
import { SettingsStage } from '../stage';

jest.mock('@wordpress/api-fetch');
const mockedApiFetch = apiFetch as unknown as jest.Mock;
const userEvent = userEventLibrary.setup({ delay: null });

const connected = { configured: true, pinned: false, serviceUrl: 'http://127.0.0.1:8787', publicServiceUrl: '', secretHint: '••••••••k3Y9' };
const okReport = { configured: true, serviceUrl: 'http://127.0.0.1:8787', reachable: true, version: '0.1.0', clockSkewSeconds: 0, signatureAccepted: true, ok: true, messages: ['Connected: the service is reachable and accepts this site\'s signature.'] };
const delivery = {
  wordpress: { siteUrl: 'https://shop.example' },
  affiliatewp: { transport: 'bridge', siteUrl: null, publicKey: null, token: null },
  notifications: { recipients: [] },
  webhooks: { signingSecret: null, timeoutMs: 10000 },
  network: { allowHosts: [] },
};
let site = { block: { done: false, url: '/wp-admin/post-new.php?post_type=page' }, publish: { done: false, url: '/wp-admin/post-new.php?post_type=page', viewUrl: null as string | null }, playground: { done: false } };

function serve(handle: (options: { path: string; method?: string; data?: Record<string, unknown> }) => unknown) {
  mockedApiFetch.mockImplementation(async (options: { path: string; method?: string; data?: Record<string, unknown> }) => {
    const answer = handle(options);
    if (answer !== undefined) return answer;
    if (options.path === '/affiliate-agent/v1/admin/settings/delivery') return { settings: delivery };
    if (options.path === '/affiliate-agent/v1/admin/agents') return { agents: [{ id: 'agt_seed', name: 'Affiliate program assistant', enabled: true, knowledgeSetIds: ['kns_docs'] }] };
    if (options.path === '/affiliate-agent/v1/admin/knowledge/sets') return { knowledgeSets: [{ id: 'kns_docs', name: 'Program docs', sourceCount: 3, chunkCount: 12 }] };
    if (options.path === '/affiliate-agent/v1/setup') return site;
    if (options.path === '/affiliate-agent/v1/site-bubble') return { settings: { enabled: false, agentId: '', where: 'everywhere', postTypes: [] }, postTypes: [{ slug: 'post', label: 'Posts' }] };
    throw { code: 'rest_no_route', message: `unexpected ${options.method ?? 'GET'} ${options.path}`, data: { status: 404 } };
  });
}

beforeEach(() => {
  mockedApiFetch.mockReset();
  site = { block: { done: false, url: '/wp-admin/post-new.php?post_type=page' }, publish: { done: false, url: '/wp-admin/post-new.php?post_type=page', viewUrl: null }, playground: { done: false } };
});

describe('the Settings screen', () => {
  it('connects with one pasted key in one step, then shows the setup checklist and the delivery settings', async () => {
    window.affiliateAgentAdmin = { canManage: true, canReview: true, adminUrl: '/wp-admin/', connection: { ...connected, configured: false, serviceUrl: '', secretHint: '' } };
    serve((options) => (options.path === '/affiliate-agent/v1/connection' && options.method === 'POST' ? { report: okReport, connection: connected } : undefined));
    render(<SettingsStage params={{}} query={new URLSearchParams()} />);
    expect(screen.queryByRole('heading', { name: 'AffiliateWP and notifications' })).toBeNull();
    await userEvent.type(screen.getByRole('textbox', { name: 'Connection key' }), 'aak1_eyJ1cmwiOiJodHRwOi8vMTI3LjAuMC4xOjg3ODcifQ');
    await userEvent.click(screen.getByRole('button', { name: 'Connect' }));
    expect(await screen.findByText('Connected to http://127.0.0.1:8787 (version 0.1.0).')).toBeInTheDocument();
    const connect = mockedApiFetch.mock.calls.map(([options]) => options).filter((options) => options.path === '/affiliate-agent/v1/connection');
    expect(connect).toEqual([{ path: '/affiliate-agent/v1/connection', method: 'POST', data: { key: 'aak1_eyJ1cmwiOiJodHRwOi8vMTI3LjAuMC4xOjg3ODcifQ', publicServiceUrl: '' } }]);
    expect(screen.getByText(/Connected to http:\/\/127.0.0.1:8787 with the secret ••••••••k3Y9/)).toBeInTheDocument();
    const checklist = (await screen.findByRole('heading', { name: 'Get your agent live' })).closest('.aa-setup-checklist') as HTMLElement;
    expect(within(checklist).getByText('2 of 5 done')).toBeInTheDocument();
    expect(within(checklist).getByRole('link', { name: 'Add a new page' })).toHaveAttribute('href', '/wp-admin/post-new.php?post_type=page');
    expect(within(checklist).getByRole('link', { name: 'Open the playground' })).toHaveAttribute('href', '#/playground/agt_seed');
    expect(await screen.findByRole('heading', { name: 'AffiliateWP and notifications' })).toBeInTheDocument();
  });

  it('keeps the saved connection when a key cannot be read and says why under the field', async () => {
    window.affiliateAgentAdmin = { canManage: true, canReview: true, adminUrl: '/wp-admin/', connection: { ...connected, configured: false } };
    serve((options) =>
      options.path === '/affiliate-agent/v1/connection'
        ? Promise.reject({ code: 'invalid_connection_key', message: 'This is not a connection key: a key starts with aak1_.', data: { status: 400 } })
        : undefined,
    );
    render(<SettingsStage params={{}} query={new URLSearchParams()} />);
    await userEvent.type(screen.getByRole('textbox', { name: 'Connection key' }), 'the-old-secret');
    await userEvent.click(screen.getByRole('button', { name: 'Connect' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('This is not a connection key: a key starts with aak1_.');
    expect(screen.getByRole('textbox', { name: 'Connection key' })).toHaveValue('the-old-secret');
  });

  it('ticks the steps again when the owner comes back from the block editor', async () => {
    window.affiliateAgentAdmin = { canManage: true, canReview: true, adminUrl: '/wp-admin/', connection: connected };
    serve(() => undefined);
    render(<SettingsStage params={{}} query={new URLSearchParams()} />);
    expect(await screen.findByText('2 of 5 done')).toBeInTheDocument();
    site = { block: { done: true, url: '/wp-admin/post.php?post=7&action=edit' }, publish: { done: true, url: '/wp-admin/post.php?post=7&action=edit', viewUrl: 'https://shop.example/join/' }, playground: { done: true } };
    act(() => {
      window.dispatchEvent(new Event('focus'));
    });
    expect(await screen.findByText('5 of 5 done')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'View the page' })).toHaveAttribute('href', 'https://shop.example/join/');
    expect(screen.getByText('All done: your agent answers on a published page.')).toBeInTheDocument();
  });

  it('with the REST transport, account creation for applicants is off until the owner ticks it', async () => {
    window.affiliateAgentAdmin = { canManage: true, canReview: true, adminUrl: '/wp-admin/', connection: connected };
    serve((options) =>
      options.path === '/affiliate-agent/v1/admin/settings/delivery'
        ? { settings: { ...delivery, affiliatewp: { transport: 'rest', siteUrl: 'http://wp.internal:8080', publicKey: 'pk', token: '••••abcd', reconcileMinutes: 15, createAccounts: false } } }
        : undefined,
    );
    render(<SettingsStage params={{}} query={new URLSearchParams()} />);
    const box = await screen.findByRole('checkbox', { name: 'Create WordPress accounts for applicants' });
    expect(box).not.toBeChecked();
    await userEvent.click(box);
    await userEvent.click(screen.getByRole('button', { name: 'Save settings' }));
    const saved = mockedApiFetch.mock.calls.map(([options]) => options).find((options) => options.method === 'PATCH');
    expect(saved.data.affiliatewp).toMatchObject({ transport: 'rest', createAccounts: true });
  });

  it('with the REST transport, saves how often AffiliateWP is read back for approvals', async () => {
    window.affiliateAgentAdmin = { canManage: true, canReview: true, adminUrl: '/wp-admin/', connection: connected };
    serve((options) =>
      options.path === '/affiliate-agent/v1/admin/settings/delivery'
        ? { settings: { ...delivery, affiliatewp: { transport: 'rest', siteUrl: 'http://wp.internal:8080', publicKey: 'pk', token: '••••abcd', reconcileMinutes: 15 } } }
        : undefined,
    );
    render(<SettingsStage params={{}} query={new URLSearchParams()} />);
    const interval = await screen.findByRole('spinbutton', { name: 'Check AffiliateWP for approvals every (minutes)' });
    expect(interval).toHaveValue(15);
    await userEvent.clear(interval);
    await userEvent.type(interval, '60');
    await userEvent.click(screen.getByRole('button', { name: 'Save settings' }));
    const saved = mockedApiFetch.mock.calls.map(([options]) => options).find((options) => options.method === 'PATCH');
    expect(saved.data.affiliatewp).toMatchObject({ transport: 'rest', reconcileMinutes: 60 });
  });
});
