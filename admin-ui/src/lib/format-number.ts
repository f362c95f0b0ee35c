/**
 * Numbers in the language wp-admin is shown in (`<html lang="de-DE">` → 150.000), not the browser's,
 * so a lead's audience size reads the same as the rest of the screen.
 */
export function siteLocale(): string | undefined {
  const lang = typeof document !== 'undefined' ? document.documentElement.lang : '';
  return lang ? lang.replace('_', '-') : undefined;
}

export function formatNumber(value: number): string {
  try {
    return new Intl.NumberFormat(siteLocale()).format(value);
  } catch {
    return String(value);
  }
}
