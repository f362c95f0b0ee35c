import { Fragment } from '@wordpress/element';
import type { ReactNode } from 'react';
import type { Citation } from '../../../../server/src/contract/chat-events';
import { safeHttpUrl } from '../../../../server/src/contract/safe-url';

/**
 * The agent's text as React nodes, never as HTML, with the widget's rules (blocks/chat/widget/rich-text.ts):
 * [label](https://…) links, bare https links, **bold**, and [S1] markers linking to the cited source.
 * Only absolute http(s) URLs become links (the shared safeHttpUrl): a citation without a page (an FAQ
 * entry) or with a script URL stays text.
 */
const INLINE = /\[([^\]\n]{1,200})\]\((https?:\/\/[^\s)]+)\)|\*\*([^*\n]{1,500})\*\*|(https?:\/\/[^\s<>()]+[^\s<>().,;:!?'"])|\[(S\d{1,3})\]/g;

const external = { target: '_blank', rel: 'noopener noreferrer nofollow' };

function inline(line: string, citations: Citation[], keyPrefix: string) {
  const nodes: ReactNode[] = [];
  let last = 0;
  for (const match of line.matchAll(INLINE)) {
    const index = match.index ?? 0;
    if (index > last) nodes.push(line.slice(last, index));
    last = index + match[0].length;
    const [whole, label, url, bold, bare, marker] = match;
    const key = `${keyPrefix}-${index}`;
    if (label && url) {
      const href = safeHttpUrl(url);
      nodes.push(href ? <a key={key} href={href} {...external}>{label}</a> : whole);
    } else if (bold) {
      nodes.push(<strong key={key}>{bold}</strong>);
    } else if (bare) {
      const href = safeHttpUrl(bare);
      nodes.push(href ? <a key={key} href={href} {...external}>{bare}</a> : bare);
    } else if (marker) {
      const cited = citations.find((citation) => citation.id === marker);
      const href = cited ? safeHttpUrl(cited.url) : null;
      nodes.push(
        href ? (
          <a key={key} className="aa-citation-marker" href={href} title={cited!.title} {...external}>
            {marker}
          </a>
        ) : (
          <span key={key} title={cited?.title}>{whole}</span>
        ),
      );
    }
  }
  if (last < line.length) nodes.push(line.slice(last));
  return nodes;
}

export function AnswerText({ text, citations = [] }: { text: string; citations?: Citation[] }) {
  const lines = text.split('\n');
  return (
    <>
      {lines.map((line, index) => (
        <Fragment key={index}>
          {index > 0 ? <br /> : null}
          {inline(line, citations, String(index))}
        </Fragment>
      ))}
    </>
  );
}
