import { newId } from '../../src/core/ids';

describe('newId', () => {
  test('ids stay unique and well-formed across many refills of the random pool', () => {
    // 10 bytes an id from a 4 KB pool: 20,000 ids refill it about 50 times.
    const ids = Array.from({ length: 20_000 }, () => newId('msg'));
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^msg_[A-Za-z0-9]{14}$/);
  });
});
