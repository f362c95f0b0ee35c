/** @jsxImportSource ../editor */
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import apiFetch from '@wordpress/api-fetch';
import { AgentPicker, AGENTS_PATH } from '../editor/agent-picker';

jest.mock('@wordpress/api-fetch', () => ({ __esModule: true, default: jest.fn() }));
// uuid 11 ships ES modules only; the components import it for ids, any unique string will do here.
jest.mock('uuid', () => ({ v4: () => `id-${Math.random().toString(36).slice(2)}` }));
// @wordpress/theme is ES modules only too; the picker uses none of its theming.
jest.mock('@wordpress/theme', () => ({ __esModule: true, ThemeProvider: ({ children }: { children?: unknown }) => children ?? null }));

const mockedApiFetch = apiFetch as unknown as jest.Mock;

beforeEach(() => mockedApiFetch.mockReset());

describe('the agent picker in the block editor', () => {
  test('lists the agents from the plugin proxy and reports the chosen one', async () => {
    mockedApiFetch.mockResolvedValue({
      agents: [
        { id: 'agt_one', name: 'Affiliate help', enabled: true },
        { id: 'agt_two', name: 'Partner desk', enabled: false },
      ],
    });
    const onChange = jest.fn();
    render(<AgentPicker value="" onChange={onChange} />);

    const select = await screen.findByRole('combobox', { name: 'Agent' });
    expect(mockedApiFetch).toHaveBeenCalledWith({ path: AGENTS_PATH });
    expect(screen.getByRole('option', { name: 'Partner desk (disabled)' })).toBeInTheDocument();
    await userEvent.selectOptions(select, 'agt_one');
    expect(onChange).toHaveBeenCalledWith('agt_one');
  });

  test('when the service is not connected it explains why and still lets the editor type an agent id', async () => {
    mockedApiFetch.mockRejectedValue({ code: 'affiliate_agent_not_connected', message: 'The service is not connected.' });
    const onChange = jest.fn();
    render(<AgentPicker value="" onChange={onChange} />);

    expect(await screen.findByText(/Could not load the agents: The service is not connected\./)).toBeInTheDocument();
    await userEvent.type(screen.getByRole('textbox', { name: 'Agent ID' }), 'a');
    expect(onChange).toHaveBeenLastCalledWith('a');

    mockedApiFetch.mockResolvedValue({ agents: [{ id: 'agt_one', name: 'Affiliate help' }] });
    await userEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByRole('combobox', { name: 'Agent' })).toBeInTheDocument();
  });

  test('says so when there are no agents yet', async () => {
    mockedApiFetch.mockResolvedValue({ agents: [] });
    render(<AgentPicker value="" onChange={jest.fn()} />);
    // The notice is also announced through the a11y live region, hence more than one match.
    expect((await screen.findAllByText(/No agents yet/))[0]).toBeInTheDocument();
  });
});
