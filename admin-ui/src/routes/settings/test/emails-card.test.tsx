import { render, screen, waitFor, within } from '@testing-library/react';
import userEventLibrary from '@testing-library/user-event';
import apiFetch from '@wordpress/api-fetch';
import { DEFAULT_WELCOME_TEMPLATE } from '../../../../../server/src/contract/email-defaults';
import { EmailsCard } from '../emails-card';

jest.mock('@wordpress/api-fetch');
const mockedApiFetch = apiFetch as unknown as jest.Mock;
const userEvent = userEventLibrary.setup({ delay: null });

const settings: { emails: Record<string, unknown> } & Record<string, unknown> = {
  wordpress: { siteUrl: 'https://shop.example' },
  affiliatewp: { transport: 'bridge', siteUrl: null, publicKey: null, token: null },
  notifications: { recipients: [] },
  webhooks: { signingSecret: null, timeoutMs: 10000 },
  network: { allowHosts: [] },
  emails: { welcome: null, rejection: null, rejectionEnabled: true },
};

let patches: Array<Record<string, unknown>>;
beforeEach(() => {
  patches = [];
  mockedApiFetch.mockReset();
  window.affiliateAgentAdmin = { restPath: '/affiliate-agent/v1/admin', canManage: true, canReview: true, capabilities: ['aa_manage_agents', 'aa_review_leads'] };
  mockedApiFetch.mockImplementation(async (options: { path: string; method?: string; data?: Record<string, unknown> }) => {
    if (options.method === 'PATCH') {
      patches.push(options.data!);
      return { settings: { ...settings, emails: { ...settings.emails, ...(options.data!.emails as object) } } };
    }
    return { settings };
  });
});

describe('the applicant emails in Settings', () => {
  it('shows the built-in texts with a preview, edits them with merge tags, and can switch the rejection email off', async () => {
    render(<EmailsCard />);
    const previews = await screen.findAllByRole('region', { name: 'Preview' });
    expect(within(previews[0]).getByText('Welcome to our affiliate program, Maria Lopez')).toBeInTheDocument();
    expect(previews[0]).toHaveTextContent('https://shop.example/?ref=42');
    expect(within(previews[1]).getByText('About your affiliate application, Maria Lopez')).toBeInTheDocument();

    const subjects = screen.getAllByRole('textbox', { name: 'Subject' });
    await userEvent.clear(subjects[1]);
    await userEvent.type(subjects[1], 'Your application, ');
    await userEvent.click(screen.getAllByRole('button', { name: '{{name}}' })[1]);
    expect(within(screen.getAllByRole('region', { name: 'Preview' })[1]).getByText('Your application, Maria Lopez')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Save emails' }));
    await waitFor(() => expect(patches).toHaveLength(1));
    expect(patches[0]).toMatchObject({ emails: { welcome: null, rejection: { subject: 'Your application, {{name}}' }, rejectionEnabled: true } });

    await userEvent.click(screen.getByRole('checkbox', { name: 'Tell applicants when their application is rejected' }));
    expect(screen.getAllByRole('region', { name: 'Preview' })).toHaveLength(1);
    await userEvent.click(screen.getByRole('button', { name: 'Save emails' }));
    await waitFor(() => expect(patches).toHaveLength(2));
    expect(patches[1]).toMatchObject({ emails: { rejectionEnabled: false } });
  });

  it('saves an untouched or restored built-in text as "use the default" (null), so the service can send it in the agent\'s language', async () => {
    // A text stored by an earlier version that is word for word the English default heals on the next save.
    settings.emails = { welcome: { ...DEFAULT_WELCOME_TEMPLATE }, rejection: null, rejectionEnabled: true };
    try {
      render(<EmailsCard />);
      await screen.findAllByRole('region', { name: 'Preview' });
      const subjects = screen.getAllByRole('textbox', { name: 'Subject' });
      await userEvent.type(subjects[0], '!');
      await userEvent.type(subjects[0], '{Backspace}');
      expect(subjects[0]).toHaveValue(DEFAULT_WELCOME_TEMPLATE.subject);
      await userEvent.click(screen.getByRole('button', { name: 'Save emails' }));
      await waitFor(() => expect(patches).toHaveLength(1));
      expect(patches[0]).toEqual({ emails: { welcome: null, rejection: null, rejectionEnabled: true } });

      await userEvent.type(subjects[0], '!');
      await userEvent.click(screen.getByRole('button', { name: 'Save emails' }));
      await waitFor(() => expect(patches).toHaveLength(2));
      expect(patches[1]).toEqual({ emails: { welcome: { subject: `${DEFAULT_WELCOME_TEMPLATE.subject}!`, body: DEFAULT_WELCOME_TEMPLATE.body }, rejection: null, rejectionEnabled: true } });
    } finally {
      settings.emails = { welcome: null, rejection: null, rejectionEnabled: true };
    }
  });
});
