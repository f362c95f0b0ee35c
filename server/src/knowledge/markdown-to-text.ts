/**
 * Markdown keeps its ATX headings (the chunker reads them) and loses the syntax that would only
 * add noise to the index: link targets, images, emphasis markers, HTML comments, front matter.
 */
export function markdownToText(markdown: string): string {
  let text = markdown.replace(/\r\n?/g, '\n');
  text = text.replace(/^---\n[\s\S]*?\n---\n/, '');
  text = text.replace(/<!--[\s\S]*?-->/g, '');
  // Setext headings ("Title\n=====") become ATX headings.
  text = text.replace(/^([^\n#>\-*].*)\n=+[ \t]*$/gm, '# $1').replace(/^([^\n#>\-*].*)\n-+[ \t]*$/gm, '## $1');
  text = text.replace(/^```.*$/gm, '');
  text = text.replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1');
  text = text.replace(/\[([^\]]+)\]\([^)]*\)/g, '$1');
  text = text.replace(/^[ \t]{0,3}>[ \t]?/gm, '');
  text = text.replace(/(\*\*|__)(.+?)\1/g, '$2').replace(/(^|[\s(])[*_]([^*_\n]+)[*_](?=[\s).,;:!?]|$)/g, '$1$2');
  text = text.replace(/`([^`]+)`/g, '$1');
  text = text.replace(/^(#{1,6})[ \t]+(.*?)[ \t]*#*[ \t]*$/gm, '$1 $2');
  return text.replace(/\n{3,}/g, '\n\n').trim();
}
