import { render, screen } from '@testing-library/react';
import { TableHead } from '..';

describe('TableHead', () => {
  it('titles every column, and the actions column for screen readers only', () => {
    render(
      <table>
        <TableHead columns={['Source', 'Status']} actionsColumn />
      </table>,
    );
    const headers = screen.getAllByRole('columnheader');
    expect(headers.map((header) => header.textContent)).toEqual(['Source', 'Status', 'Actions']);
    expect(headers.every((header) => header.getAttribute('scope') === 'col')).toBe(true);
    expect(screen.getByText('Actions').className).toBe('screen-reader-text');
  });

  it('adds no actions column unless asked', () => {
    render(
      <table>
        <TableHead columns={['Version', 'Saved']} />
      </table>,
    );
    expect(screen.getAllByRole('columnheader')).toHaveLength(2);
  });
});
