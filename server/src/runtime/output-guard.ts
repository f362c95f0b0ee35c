import crypto from 'node:crypto';

/**
 * The output guard on the model path (security review, finding 11). Model text is untrusted: a
 * prompt injection in a visitor message or in a retrieved post can make it echo its instructions,
 * quote the runtime's tool results, claim an action is done, or link anywhere. So, on every reply:
 * - the system prompt carries a canary (per conversation, keyed by a per-process secret); a reply
 *   containing it, or 48 consecutive characters of the confidential prompt parts (persona, rules,
 *   owner instructions), or the runtime's tool-result phrasing, is replaced by SAFE_ANSWER;
 * - text streams with a hold-back of HOLD_BACK characters, so a leak is caught before it is sent;
 * - links (markdown or bare, as the widget renders them) stay links only for allowed origins;
 *   others become plain text (scheme dropped, so nothing renders them clickable);
 * - a "done / submitted / all set" claim in a turn that completed no action gets CORRECTION.
 * Retrieved documentation is not confidential (answers quote it), so it is not guarded as prompt.
 */
export const SAFE_ANSWER = "Sorry, I can't share that. I can answer questions about the affiliate program or help you apply.";
export const CORRECTION = 'To be clear: nothing has been submitted yet. Tell me when you want to go ahead and I will collect what is needed.';
const WINDOW = 48;
export const HOLD_BACK = 96;

const PROCESS_KEY = crypto.randomBytes(32);

/** A per-conversation marker for the system prompt; never stored, never logged. */
export function canaryFor(conversationId: string): string {
  return `aa-canary-${crypto.createHmac('sha256', PROCESS_KEY).update(conversationId).digest('hex').slice(0, 20)}`;
}

/** The runtime's own tool-result wording (execute-tool-call.ts, parse-tool-call.ts, field-values.ts). */
const TOOL_INTERNALS = [
  'the visitor has not said this value',
  'never guess, ask the visitor',
  'not submitted yet. saved so far',
  'ask the visitor for one thing at a time',
  'ignored unknown keys',
  'do not call tools that are not listed',
  'send one json object with the field keys',
  'still missing: `',
  'values the visitor has given so far',
  'when you call the tool, include these values',
];

const CLAIM = /\b(all set|all done|you'?re done|(?:i'?ve|i have|has been|have been|was|were|is now|successfully) (?:submitted|sent|registered|signed (?:you )?up|completed|created|applied)|application (?:is )?(?:complete|submitted|received))\b/i;

function normalize(text: string): string {
  return text.toLowerCase().replace(/\s+/g, ' ');
}

export type LeakKind = 'canary' | 'system-prompt' | 'tool-internals';

export interface OutputGuard {
  /** Takes a model delta; returns the text that may be shown now ('' while holding back or once tripped). */
  accept(delta: string): string;
  /** End of a model step: the rest of the held text, checked, or '' once tripped. */
  flush(): string;
  readonly tripped: LeakKind | null;
  /** Links turned into plain text so far. */
  readonly linksRemoved: number;
}

export function createOutputGuard(options: { canary: string; confidential: string[]; allowedOrigins: string[] }): OutputGuard {
  const shingles = new Set<string>();
  for (const text of options.confidential) {
    const normalized = normalize(text);
    for (let index = 0; index + WINDOW <= normalized.length; index++) shingles.add(normalized.slice(index, index + WINDOW));
  }
  const canaryCore = options.canary.slice('aa-canary-'.length).toLowerCase();
  const allowed = new Set(options.allowedOrigins.map((origin) => origin.toLowerCase()));
  const longestPhrase = Math.max(...TOOL_INTERNALS.map((phrase) => phrase.length));
  let buffer = '';
  let released = 0;
  let tripped: LeakKind | null = null;
  let linksRemoved = 0;
  // The buffer as check() sees it, kept up to date delta by delta: re-normalising and re-scanning
  // the whole reply on every delta made the guard quadratic on the relay path (82 ms of main-thread
  // CPU for a 2,000-character reply; tests/bench/output-guard-bench.ts).
  let normalized = '';
  let hexOnly = '';
  let checkedWindows = 0;

  /** Looks only at what the new text can complete: each pattern ending in it. */
  function check(delta: string): void {
    const before = normalized.length;
    let added = normalize(delta);
    if (added.startsWith(' ') && normalized.endsWith(' ')) added = added.slice(1);
    normalized += added;
    const hexBefore = hexOnly.length;
    hexOnly += added.replace(/[^a-f0-9]/g, '');
    if (normalized.indexOf(canaryCore, Math.max(0, before - canaryCore.length)) !== -1 || hexOnly.indexOf(canaryCore, Math.max(0, hexBefore - canaryCore.length)) !== -1) {
      tripped = 'canary';
      return;
    }
    const tail = normalized.slice(Math.max(0, before - longestPhrase));
    if (TOOL_INTERNALS.some((phrase) => tail.includes(phrase))) {
      tripped = 'tool-internals';
      return;
    }
    for (; checkedWindows + WINDOW <= normalized.length; checkedWindows++) {
      if (shingles.has(normalized.slice(checkedWindows, checkedWindows + WINDOW))) {
        tripped = 'system-prompt';
        return;
      }
    }
  }

  function release(until: number): string {
    if (until <= released) return '';
    const { text, removed } = neutralizeLinks(buffer.slice(released, until), allowed);
    linksRemoved += removed;
    released = until;
    return text;
  }

  return {
    accept(delta) {
      if (tripped) return '';
      buffer += delta;
      check(delta);
      if (tripped) return '';
      // Never cut inside a word or a URL: release up to the last whitespace before the hold-back.
      const limit = buffer.length - HOLD_BACK;
      if (limit <= released) return '';
      const cut = Math.max(buffer.lastIndexOf(' ', limit), buffer.lastIndexOf('\n', limit));
      return cut > released ? release(cut) : '';
    },
    flush() {
      // Every delta was checked as it came; what is left only needs releasing.
      if (tripped) return '';
      const rest = release(buffer.length);
      buffer = '';
      released = 0;
      normalized = '';
      hexOnly = '';
      checkedWindows = 0;
      return rest;
    },
    get tripped() {
      return tripped;
    },
    get linksRemoved() {
      return linksRemoved;
    },
  };
}

/** The widget's link forms (blocks/chat/widget/rich-text.ts): [label](http…) and bare http(s) URLs. */
const LINKS = /\[([^\]\n]{1,200})\]\((https?:\/\/[^\s)]+)\)|(https?:\/\/[^\s<>()]+)/gi;

function originOf(url: string): string | null {
  try {
    return new URL(url).origin.toLowerCase();
  } catch {
    return null;
  }
}

/** Keeps links to allowed origins; others become plain text without a scheme, so nothing links them. */
export function neutralizeLinks(text: string, allowedOrigins: Set<string>): { text: string; removed: number } {
  let removed = 0;
  const out = text.replace(LINKS, (whole, label: string | undefined, target: string | undefined, bare: string | undefined) => {
    const url = target ?? bare!;
    const origin = originOf(url);
    if (origin && allowedOrigins.has(origin)) return whole;
    removed++;
    const shown = url.replace(/^https?:\/\//i, '');
    return label ? `${label} (${shown})` : shown;
  });
  return { text: out, removed };
}

export function claimsCompletion(text: string): boolean {
  return CLAIM.test(text);
}
