/**
 * Saves a file the app fetched (a CSV export) under `filename`: the browser's own download, through
 * a temporary object URL that is released once the click has been handled.
 */
export function downloadBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
