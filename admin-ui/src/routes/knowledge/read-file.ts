/** Reads a chosen file as base64 for the JSON upload (the proxy forwards JSON, not multipart). */
export function readAsBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error ?? new Error('The file could not be read.'));
    reader.readAsDataURL(file);
  });
}

export function contentTypeOf(file: File): string {
  if (file.type) return file.type;
  if (/\.md$|\.markdown$/i.test(file.name)) return 'text/markdown';
  if (/\.html?$/i.test(file.name)) return 'text/html';
  if (/\.pdf$/i.test(file.name)) return 'application/pdf';
  return 'text/plain';
}
