import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { AppError, ValidationError } from '../core/errors';
import { createHtmlExtractor, type HtmlExtractor } from './html-to-text-off-thread';
import { markdownToText } from './markdown-to-text';
import { workerScript } from './worker-script';

/** Largest accepted upload after base64 decoding. The upload route's body limit is sized from it. */
export const MAX_UPLOAD_BYTES = 5 * 1024 * 1024;

export type FileFormat = 'text' | 'markdown' | 'html' | 'pdf';

const FORMATS_BY_EXTENSION: Record<string, FileFormat> = {
  '.txt': 'text', '.text': 'text', '.md': 'markdown', '.markdown': 'markdown', '.html': 'html', '.htm': 'html', '.pdf': 'pdf',
};
const FORMATS_BY_TYPE: Record<string, FileFormat> = {
  'text/plain': 'text', 'text/markdown': 'markdown', 'text/x-markdown': 'markdown', 'text/html': 'html', 'application/xhtml+xml': 'html', 'application/pdf': 'pdf',
};
export const ACCEPTED_FILES = 'text (.txt), Markdown (.md), HTML (.html) or PDF (.pdf)';

export interface ExtractedFile {
  format: FileFormat;
  title: string;
  /** Plain text with Markdown headings, ready for the chunker. */
  text: string;
}

/**
 * Decides the format from the content type, falling back to the extension when the browser sent a
 * generic type (application/octet-stream is what many send for .md). Both must agree when both are specific.
 */
export function detectFormat(filename: string, contentType: string): FileFormat {
  const byExtension = FORMATS_BY_EXTENSION[path.extname(filename).toLowerCase()];
  const type = contentType.split(';')[0].trim().toLowerCase();
  const byType = FORMATS_BY_TYPE[type];
  // text/plain is what many browsers send for .md; a specific type wins, text/plain defers to the extension.
  const format = byType && byType !== 'text' ? byType : byExtension ?? byType;
  const mismatched = byType !== undefined && byExtension !== undefined && (byType === 'pdf') !== (byExtension === 'pdf');
  if (!format || mismatched) {
    throw new AppError(`Files of type '${contentType}' named '${filename}' cannot be indexed; upload ${ACCEPTED_FILES}.`, {
      status: 415,
      code: 'unsupported_file_type',
      details: { filename, contentType, accepted: Object.keys(FORMATS_BY_EXTENSION) },
    });
  }
  return format;
}

export function decodeUpload(contentBase64: string): Buffer {
  const cleaned = contentBase64.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/_-]*={0,2}$/.test(cleaned)) {
    throw new ValidationError('contentBase64 is not valid base64.', [{ path: 'contentBase64', message: 'expected base64 text' }]);
  }
  const bytes = Buffer.from(cleaned, 'base64');
  if (bytes.length > MAX_UPLOAD_BYTES) {
    throw new AppError(`The file is ${(bytes.length / 1024 / 1024).toFixed(1)} MB; at most ${MAX_UPLOAD_BYTES / 1024 / 1024} MB is accepted. Split it or upload the text only.`, {
      status: 413,
      code: 'file_too_large',
      details: { bytes: bytes.length, maxBytes: MAX_UPLOAD_BYTES },
    });
  }
  if (bytes.length === 0) throw new ValidationError('The uploaded file is empty.', [{ path: 'contentBase64', message: 'expected a non-empty file' }]);
  return bytes;
}

function decodeText(bytes: Buffer): string {
  const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes).replace(/^\uFEFF/, '');
  if (text.includes('\u0000')) {
    throw new AppError('The file looks binary, not text; upload ' + ACCEPTED_FILES + '.', { status: 415, code: 'unsupported_file_type' });
  }
  return text;
}

const PDF_TIMEOUT_MS = 60_000;

function pdfPages(bytes: Buffer): Promise<string[]> {
  const { file, execArgv } = workerScript('pdf-worker');
  return new Promise((resolve, reject) => {
    const worker = new Worker(file, { workerData: new Uint8Array(bytes), execArgv, stdout: true, stderr: true });
    const timer = setTimeout(() => {
      void worker.terminate();
      reject(new Error(`no answer after ${PDF_TIMEOUT_MS / 1000} s`));
    }, PDF_TIMEOUT_MS);
    worker.once('message', (message: { pages?: string[]; error?: string }) => {
      clearTimeout(timer);
      void worker.terminate();
      if (message.pages) resolve(message.pages);
      else reject(new Error(message.error ?? 'unknown error'));
    });
    worker.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
  });
}

async function pdfToText(bytes: Buffer): Promise<string> {
  try {
    const pages = await pdfPages(bytes);
    return pages.map((page) => page.trim()).filter(Boolean).join('\n\n');
  } catch (error) {
    throw new AppError(`The PDF could not be read (${error instanceof Error ? error.message : String(error)}). If it is scanned, export it as text first.`, {
      status: 422,
      code: 'file_unreadable',
    });
  }
}

function fileTitle(filename: string): string {
  return path.basename(filename, path.extname(filename)).replace(/[-_]+/g, ' ').trim() || filename;
}

export async function extractFile(filename: string, contentType: string, bytes: Buffer, html: HtmlExtractor = createHtmlExtractor()): Promise<ExtractedFile> {
  const format = detectFormat(filename, contentType);
  let text: string;
  let title = fileTitle(filename);
  if (format === 'pdf') {
    text = await pdfToText(bytes);
  } else if (format === 'html') {
    const page = await html.extract(decodeText(bytes), `'${filename}'`);
    title = page.title ?? title;
    text = page.text;
  } else if (format === 'markdown') {
    text = markdownToText(decodeText(bytes));
    const heading = /^#\s+(.+)$/m.exec(text);
    if (heading) title = heading[1].trim();
  } else {
    text = decodeText(bytes).replace(/\r\n?/g, '\n').trim();
  }
  if (!text.trim()) {
    throw new AppError(`'${filename}' contains no text to index.`, { status: 422, code: 'file_empty' });
  }
  return { format, title, text };
}
