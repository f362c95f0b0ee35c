import { sentencesOf } from '../core/sentences';

/**
 * Cuts a document (plain text with Markdown `#` headings) into chunks that respect its structure:
 * a chunk never spans two sections, paragraphs stay whole where they fit, and a long section is
 * split between paragraphs (or sentences) with the previous chunk's last sentence repeated at the
 * start of the next, so an answer that straddles the cut is still found in one piece.
 * Every chunk keeps the path of headings above it. Sentences are Unicode's (core/sentences.ts), so a
 * cut or a repeated sentence never splits a figure such as "27.5%" or "$49.99".
 */

export interface ChunkDraft {
  position: number;
  headingPath: string[];
  text: string;
}

export interface ChunkOptions {
  /** Aim for chunks about this long (characters); a paragraph never grows a chunk past `maxChars`. */
  targetChars?: number;
  maxChars?: number;
  /** Longest sentence repeated from the previous chunk. */
  overlapChars?: number;
}

const DEFAULTS = { targetChars: 700, maxChars: 1200, overlapChars: 220 };

interface Section {
  headingPath: string[];
  paragraphs: string[];
}

function sectionsOf(text: string, title: string): Section[] {
  const sections: Section[] = [];
  const stack: Array<{ level: number; text: string }> = [];
  let current: Section = { headingPath: [], paragraphs: [] };
  let paragraph: string[] = [];
  const flushParagraph = () => {
    const joined = paragraph.join(' ').replace(/\s+/g, ' ').trim();
    if (joined) current.paragraphs.push(joined);
    paragraph = [];
  };
  for (const line of text.replace(/\r\n?/g, '\n').split('\n')) {
    const heading = /^(#{1,6})\s+(.+?)\s*$/.exec(line);
    if (heading) {
      flushParagraph();
      if (current.paragraphs.length > 0) sections.push(current);
      const level = heading[1].length;
      while (stack.length > 0 && stack[stack.length - 1].level >= level) stack.pop();
      stack.push({ level, text: heading[2] });
      // A document's own title as its top heading would only repeat the source title on every chunk.
      const path = stack.map((entry) => entry.text);
      if (path.length > 0 && path[0].toLowerCase() === title.toLowerCase()) path.shift();
      current = { headingPath: path, paragraphs: [] };
    } else if (line.trim() === '') {
      flushParagraph();
    } else if (/^\s*([-*+]|\d+[.)])\s+/.test(line)) {
      // List items are paragraphs of their own, so a list can be cut between items.
      flushParagraph();
      paragraph.push(line.trim());
      flushParagraph();
    } else {
      paragraph.push(line.trim());
    }
  }
  flushParagraph();
  if (current.paragraphs.length > 0) sections.push(current);
  return sections;
}

/** Splits one over-long paragraph into pieces no longer than maxChars, between sentences where possible. */
function splitParagraph(paragraph: string, maxChars: number): string[] {
  if (paragraph.length <= maxChars) return [paragraph];
  const pieces: string[] = [];
  let piece = '';
  for (const sentence of sentencesOf(paragraph)) {
    for (let offset = 0; offset < sentence.length; offset += maxChars) {
      const part = sentence.slice(offset, offset + maxChars);
      if (piece && piece.length + 1 + part.length > maxChars) {
        pieces.push(piece);
        piece = '';
      }
      piece = piece ? `${piece} ${part}` : part;
    }
  }
  if (piece) pieces.push(piece);
  return pieces;
}

function overlapFrom(text: string, overlapChars: number): string {
  const sentences = sentencesOf(text);
  const last = sentences[sentences.length - 1] ?? '';
  return last.length <= overlapChars && last.length < text.length ? last : '';
}

export function chunkDocument(text: string, title: string, options: ChunkOptions = {}): ChunkDraft[] {
  const { targetChars, maxChars, overlapChars } = { ...DEFAULTS, ...options };
  const chunks: ChunkDraft[] = [];
  for (const section of sectionsOf(text, title)) {
    const pieces = section.paragraphs.flatMap((paragraph) => splitParagraph(paragraph, maxChars));
    let body = '';
    let fresh = false;
    const emit = () => {
      if (fresh) chunks.push({ position: chunks.length, headingPath: section.headingPath, text: body });
      fresh = false;
    };
    for (const piece of pieces) {
      if (body && fresh && (body.length >= targetChars || body.length + 2 + piece.length > maxChars)) {
        const overlap = overlapFrom(body, overlapChars);
        emit();
        body = overlap && overlap.length + 2 + piece.length <= maxChars ? overlap : '';
      }
      body = body ? `${body}\n\n${piece}` : piece;
      fresh = true;
    }
    emit();
  }
  return chunks;
}
