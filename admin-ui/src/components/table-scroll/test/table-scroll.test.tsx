import { fireEvent, render, screen } from '@testing-library/react';
import { TableScroll } from '../component';

/** jsdom lays nothing out, so the scroll area's sizes are set by hand: `content` px of table in `box` px. */
function sized(content: number, box: number): () => void {
  const scrollWidth = jest.spyOn(HTMLElement.prototype, 'scrollWidth', 'get').mockReturnValue(content);
  const clientWidth = jest.spyOn(HTMLElement.prototype, 'clientWidth', 'get').mockReturnValue(box);
  return () => {
    scrollWidth.mockRestore();
    clientWidth.mockRestore();
  };
}

const table = (
  <table>
    <tbody>
      <tr>
        <td>https://hooks.example/catch/8f3c2a1e9b7d4c6fa0e5d2b8c1f7a9e3</td>
      </tr>
    </tbody>
  </table>
);

test('a table that fits its card: a named region, no hint, not a tab stop', () => {
  const restore = sized(600, 600);
  try {
    render(<TableScroll label="Next steps (delivery ledger)">{table}</TableScroll>);
    const region = screen.getByRole('region', { name: 'Next steps (delivery ledger)' });
    expect(region).not.toHaveAttribute('tabindex');
    expect(screen.queryByText('Scroll sideways to see every column.')).not.toBeInTheDocument();
    expect(region.parentElement).not.toHaveClass('is-scrollable');
  } finally {
    restore();
  }
});

test('a table wider than its card says so, shades the right edge until scrolled to the end, and takes keyboard focus', () => {
  const restore = sized(1100, 340);
  try {
    render(<TableScroll label="Next steps (delivery ledger)">{table}</TableScroll>);
    const region = screen.getByRole('region', { name: 'Next steps (delivery ledger)' });
    expect(screen.getByText('Scroll sideways to see every column.')).toBeInTheDocument();
    expect(region).toHaveAttribute('tabindex', '0');
    expect(region.parentElement).toHaveClass('is-scrollable', 'has-more');
    region.scrollLeft = 760;
    fireEvent.scroll(region);
    expect(region.parentElement).toHaveClass('is-scrollable');
    expect(region.parentElement).not.toHaveClass('has-more');
  } finally {
    restore();
  }
});
