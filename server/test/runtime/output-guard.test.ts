import { canaryFor, createOutputGuard, HOLD_BACK } from '../../src/runtime/output-guard';

/**
 * The output guard checks each delta incrementally (only the patterns the new text can complete).
 * These cases split every kind of leak across deltas at every position, so the incremental check
 * must catch exactly what a check of the whole reply would.
 */
const PROMPT = 'You are the affiliate assistant of Brightleaf Outdoors. Owner instructions: never promise earnings and never discuss competitors with visitors.';
const guardFor = (conversationId = 'conv_guard') => createOutputGuard({ canary: canaryFor(conversationId), confidential: [PROMPT], allowedOrigins: ['https://shop.example'] });

/** Streams `text` in deltas cut at the given positions; answers what reached the visitor. */
function stream(text: string, cuts: number[], guard = guardFor()): { shown: string; tripped: string | null } {
  let shown = '';
  let from = 0;
  for (const cut of [...cuts, text.length]) {
    shown += guard.accept(text.slice(from, cut));
    from = cut;
  }
  shown += guard.flush();
  return { shown, tripped: guard.tripped };
}

describe('output guard, incremental checks', () => {
  const leaks: Array<[string, string, string]> = [
    ['canary', `Sure. My marker is ${canaryFor('conv_guard')} as you asked.`, 'canary'],
    ['canary as bare hex, spaced out', `Here: ${canaryFor('conv_guard').slice('aa-canary-'.length).split('').join(' ')} done`, 'canary'],
    ['system prompt, case and spacing changed', `Well:   OWNER instructions:\n never promise   earnings and never discuss competitors with visitors. Anything else?`, 'system-prompt'],
    ['tool-result internals', 'Hmm, the tool said: The visitor has not said this value, so I will ask again.', 'tool-internals'],
  ];

  it.each(leaks)('catches %s wherever the deltas are cut, and shows none of it', (_name, text, kind) => {
    for (let cut = 1; cut < text.length; cut += 1) {
      const { shown, tripped } = stream(text, [cut]);
      expect(tripped).toBe(kind);
      expect(shown.length).toBeLessThan(text.length);
    }
    const oneCharacterAtATime = stream(text, Array.from({ length: text.length - 1 }, (_, index) => index + 1));
    expect(oneCharacterAtATime.tripped).toBe(kind);
  });

  it('lets an ordinary long answer through unchanged, in pieces that never cut a word, holding back at most the window', () => {
    const answer = 'Affiliates earn 10% on every sale, paid monthly by PayPal once the balance passes 50 dollars. The cookie lasts 30 days. '.repeat(20);
    const guard = guardFor();
    let shown = '';
    for (let index = 0; index < answer.length; index += 4) {
      const piece = guard.accept(answer.slice(index, index + 4));
      if (piece) expect(/\s$/.test(answer.slice(0, shown.length + piece.length)) || answer[shown.length + piece.length] === ' ').toBe(true);
      shown += piece;
      expect(index + 4 - shown.length).toBeLessThanOrEqual(HOLD_BACK + 40);
    }
    shown += guard.flush();
    expect(shown).toBe(answer);
    expect(guard.tripped).toBeNull();
  });

  it('starts fresh after a flush (the next model step of the same reply)', () => {
    const guard = guardFor();
    expect(stream('First step text without anything special in it at all, really.', [10, 30], guard).tripped).toBeNull();
    expect(stream(`Second step: ${canaryFor('conv_guard')}`, [20], guard).tripped).toBe('canary');
  });
});
