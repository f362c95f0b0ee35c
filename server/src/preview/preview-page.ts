import type { Agent } from '../agents/agent-types';

/**
 * The preview page: a plain HTML page holding the same markup render.php prints for the chat
 * block, the same launcher and stylesheet, and the same lazily loaded widget. What works here
 * works on a WordPress page, minus WordPress.
 */
export interface PreviewPageOptions {
  agent: Agent;
  mode: 'inline' | 'floating';
  position: 'bottom-right' | 'bottom-left';
  direction: 'ltr' | 'rtl';
  /** Cache-busting version of the bundles (their build time). */
  assetVersion: string;
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (character) => HTML_ESCAPES[character]);
}

const SEND_ICON =
  '<svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false"><path fill="currentColor" d="M3.4 20.4 21 12 3.4 3.6 3.4 10l12.6 2-12.6 2z"/></svg>';
const CHAT_ICON =
  '<svg viewBox="0 0 24 24" width="28" height="28" aria-hidden="true" focusable="false"><path fill="currentColor" d="M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H9l-5 4v-4a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2zm3 6.5a1.5 1.5 0 1 0 0-.01zm5 0a1.5 1.5 0 1 0 0-.01zm5 0a1.5 1.5 0 1 0 0-.01z"/></svg>';

/** The block's instance id; one block per preview page, so a fixed one is enough. */
const INSTANCE_ID = 'aa-chat-preview';

/** JSON safe inside a script element, as the plugin's Chat_Config prints it. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** The launcher's configuration, printed by the page itself as the plugin does (never read from markup). */
function launcherConfig({ agent, mode, position, assetVersion }: PreviewPageOptions): string {
  const title = agent.appearance.title || agent.name;
  const config = {
    widgetUrl: `/widget/widget.js?ver=${assetVersion}`,
    sessionUrl: `/preview/${encodeURIComponent(agent.id)}/session`,
    instances: { [INSTANCE_ID]: { agentId: agent.id, mode, position, greeting: '', strings: { title, placeholder: 'Type your message…' } } },
  };
  return `<script>var affiliateAgentChatConfig=${scriptJson(config)};</script>`;
}

function chatBlock({ agent, mode, position }: PreviewPageOptions): string {
  const title = agent.appearance.title || agent.name;
  const placeholder = 'Type your message…';
  const attributes: Record<string, string> = {
    class: `wp-block-affiliate-agent-chat is-${mode} is-position-${position}`,
    style: `--aa-accent:${agent.appearance.primaryColor}`,
    'data-aa-instance': INSTANCE_ID,
  };
  const wrapper = Object.entries(attributes)
    .map(([name, value]) => `${name}="${escapeHtml(value)}"`)
    .join(' ');
  if (mode === 'floating') {
    return `<div ${wrapper}>
  <button type="button" class="wp-block-affiliate-agent-chat__bubble" data-aa-open aria-haspopup="dialog" aria-expanded="false" aria-label="Open chat">${CHAT_ICON}</button>
</div>`;
  }
  return `<div ${wrapper}>
  <div class="wp-block-affiliate-agent-chat__panel" role="region" aria-label="${escapeHtml(title)}">
    <div class="wp-block-affiliate-agent-chat__header">
      <span class="wp-block-affiliate-agent-chat__avatar" aria-hidden="true">${escapeHtml(title.charAt(0).toUpperCase())}</span>
      <h2 class="wp-block-affiliate-agent-chat__title">${escapeHtml(title)}</h2>
    </div>
    <div class="wp-block-affiliate-agent-chat__log">
      <div class="wp-block-affiliate-agent-chat__message is-assistant"><div class="wp-block-affiliate-agent-chat__text">${escapeHtml(agent.greeting)}</div></div>
    </div>
    <form class="wp-block-affiliate-agent-chat__composer">
      <textarea class="wp-block-affiliate-agent-chat__input" rows="1" data-aa-open aria-label="${placeholder}" placeholder="${placeholder}"></textarea>
      <button type="submit" class="wp-block-affiliate-agent-chat__send" data-aa-open aria-label="Send">${SEND_ICON}</button>
    </form>
  </div>
</div>`;
}

const PAGE_STYLE = `
*{box-sizing:border-box}
body{margin:0;font:16px/1.55 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1e1e1e;background:#f6f7f9}
.preview-bar{display:flex;flex-wrap:wrap;gap:8px 16px;align-items:center;justify-content:space-between;padding:12px 24px;background:#fff;border-bottom:1px solid #e3e5e8;font-size:14px}
.preview-bar strong{font-weight:600}
.preview-bar nav{display:flex;gap:6px}
.preview-bar a{padding:4px 12px;border:1px solid #d0d4da;border-radius:999px;color:#1e1e1e;text-decoration:none}
.preview-bar a[aria-current=page]{background:#1e1e1e;border-color:#1e1e1e;color:#fff}
main{max-width:760px;margin:0 auto;padding:32px 20px 120px}
h1{margin:0 0 8px;font-size:1.8em;line-height:1.2}
.lead{margin:0 0 24px;color:#50575e}
.note{margin-top:24px;font-size:14px;color:#50575e}
code{padding:1px 5px;border-radius:4px;background:#eceef1;font-size:.9em}
`;

export function renderPreviewPage(options: PreviewPageOptions): string {
  const { agent, mode, direction } = options;
  const link = (label: string, target: 'inline' | 'floating') =>
    `<a href="?mode=${target}${direction === 'rtl' ? '&amp;dir=rtl' : ''}"${mode === target ? ' aria-current="page"' : ''}>${label}</a>`;
  return `<!doctype html>
<html lang="${escapeHtml(agent.language)}" dir="${direction}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<link rel="icon" href="data:,">
<title>${escapeHtml(agent.name)} — Affiliate Agent preview</title>
<style>${PAGE_STYLE}</style>
<link rel="stylesheet" href="/widget/style-index.css?ver=${options.assetVersion}">
${launcherConfig(options)}
<script src="/widget/launcher.js?ver=${options.assetVersion}" defer></script>
</head>
<body>
<header class="preview-bar"><span><strong>Affiliate Agent</strong> · preview</span><nav aria-label="Display mode">${link('Inline panel', 'inline')}${link('Floating bubble', 'floating')}</nav></header>
<main>
<h1>${escapeHtml(agent.name)}</h1>
<p class="lead">This page runs the real chat widget against this service${agent.enabled ? '' : ' (the agent is disabled, so it will refuse to chat)'}. Conversations and leads you complete here are stored like any visitor's.</p>
${chatBlock(options)}
<p class="note">On a WordPress site, add the <code>Affiliate Agent Chat</code> block to a page and pick this agent (<code>${escapeHtml(agent.id)}</code>).</p>
</main>
</body>
</html>`;
}

export function renderAgentList(agents: Agent[]): string {
  const items = agents.map((agent) => `<li><a href="/preview/${encodeURIComponent(agent.id)}">${escapeHtml(agent.name)}</a> <code>${escapeHtml(agent.id)}</code></li>`).join('');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex"><link rel="icon" href="data:,"><title>Affiliate Agent preview</title><style>${PAGE_STYLE}</style></head>
<body><main><h1>Preview an agent</h1>${items ? `<ul>${items}</ul>` : '<p class="lead">No agents yet. Create one in WordPress → Affiliate Agent, or restart the service on an empty data directory to get the example agent.</p>'}</main></body></html>`;
}
