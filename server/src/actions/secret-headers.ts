import type { ActionDefinition } from '../contract/action-definition';
import { ValidationError } from '../core/errors';
import { maskUrlCredentials, URL_CREDENTIALS_MASK } from '../core/url-credentials';

/**
 * Webhook header values are usually credentials (a CRM's Authorization header), and so is the
 * user-info of a webhook URL (`https://user:pass@crm.example/hook`). The admin API shows both
 * masked, and a masked value sent back on save means "keep what is stored".
 */
export const MASK = '••••';

function masked(value: string): string {
  if (value === '') return '';
  return value.length > 12 ? `${MASK}${value.slice(-4)}` : MASK;
}

export function maskDefinition(definition: ActionDefinition): ActionDefinition {
  return {
    ...definition,
    steps: definition.steps.map((step) =>
      step.type === 'webhook'
        ? { ...step, config: { ...step.config, url: maskUrlCredentials(step.config.url), headers: step.config.headers.map((header) => ({ ...header, value: masked(header.value) })) } }
        : step,
    ),
  };
}

/** Puts the stored URL back where the caller returned one with masked credentials; refuses a mask with nothing behind it. */
export function unmaskUrl(stepId: string, url: string, stored: ActionDefinition[], path: string): string {
  if (!url.includes(`${URL_CREDENTIALS_MASK}@`) && !url.includes(`${encodeURIComponent(URL_CREDENTIALS_MASK)}@`)) return url;
  for (const definition of stored) {
    for (const step of definition.steps) {
      if (step.type !== 'webhook' || step.id !== stepId) continue;
      const shown = maskUrlCredentials(step.config.url);
      if (shown === url || new URL(shown).href === safeHref(url)) return step.config.url;
    }
  }
  throw new ValidationError(`The URL of step '${stepId}' holds masked credentials that match nothing stored; enter the URL with its credentials again.`, [
    { path, message: 'enter the URL with its credentials again' },
  ]);
}

function safeHref(url: string): string | null {
  try {
    return new URL(url).href;
  } catch {
    return null;
  }
}

type Header = { name: string; value: string };

function storedHeaderValues(stored: ActionDefinition[]): Map<string, string> {
  const known = new Map<string, string>();
  // Newest version first: the first value seen for a step's header is the current one.
  for (const definition of stored) {
    for (const step of definition.steps) {
      if (step.type !== 'webhook') continue;
      for (const header of step.config.headers) {
        const key = `${step.id}\n${header.name.toLowerCase()}`;
        if (!known.has(key)) known.set(key, header.value);
      }
    }
  }
  return known;
}

/** Puts the stored values back where the caller returned a mask; refuses a mask with nothing behind it. */
export function unmaskHeaders(stepId: string, headers: Header[], stored: ActionDefinition[], path: string): Header[] {
  const known = storedHeaderValues(stored);
  return headers.map((header, index) => {
    if (!header.value.startsWith(MASK)) return header;
    const value = known.get(`${stepId}\n${header.name.toLowerCase()}`);
    if (value === undefined || masked(value) !== header.value) {
      throw new ValidationError(`The header ${header.name} of step '${stepId}' holds a masked value that matches nothing stored; enter the value again.`, [
        { path: `${path}[${index}].value`, message: 'enter the header value again' },
      ]);
    }
    return { ...header, value };
  });
}

export function unmaskDefinition(incoming: ActionDefinition, stored: ActionDefinition[]): ActionDefinition {
  return {
    ...incoming,
    steps: incoming.steps.map((step, stepIndex) =>
      step.type === 'webhook'
        ? {
            ...step,
            config: {
              ...step.config,
              url: unmaskUrl(step.id, step.config.url, stored, `steps[${stepIndex}].config.url`),
              headers: unmaskHeaders(step.id, step.config.headers, stored, `steps[${stepIndex}].config.headers`),
            },
          }
        : step,
    ),
  };
}
