/**
 * How a consent field's exact text is shown in the chat, right after its question. The lead stores
 * that same text as what the visitor agreed to (lead-service consent records), so what was read and
 * what was recorded can never differ (issue 14: the chat asked one sentence and stored another).
 */
export function consentAgreement(consentText: string): string {
  return `Answering yes means you agree to this: “${consentText}”`;
}
