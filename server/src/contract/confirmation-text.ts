/**
 * With a confirmation card on screen, the text's own copy of the summary (a list, then "reply yes
 * to confirm", written for clients without cards) would say everything twice: keep the lead-in.
 * Shared by the widget and the admin playground, so both show the confirmation once.
 */
export function confirmationLeadIn(text: string): string {
  return text
    .split(/\n\s*[-*•] /)[0]
    .replace(/\s*\(?reply\s+"?yes"?\s+to\s+confirm[^\n]*$/i, '')
    .trim();
}
