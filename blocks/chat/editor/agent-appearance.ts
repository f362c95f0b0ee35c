import { __ } from '@wordpress/i18n';

/** The display fields of an agent, as the plugin's `block-agents` route and render.php (Chat_Agents) pick them. */
export interface AgentDisplay {
  id: string;
  name: string;
  enabled?: boolean;
  greeting?: string;
  appearance?: { title?: string; primaryColor?: string; position?: string; avatarUrl?: string };
}

export interface BlockOverrides {
  position?: string;
  title?: string;
  greeting?: string;
  /** The block's own accent (from its colour settings), already a CSS value. */
  accent?: string;
}

export interface ResolvedAppearance {
  title: string;
  greeting: string;
  position: 'bottom-right' | 'bottom-left';
  accent: string;
  avatarUrl: string;
}

/**
 * render.php's rule, for the editor preview: a block's own setting wins, an empty one falls back
 * to the agent's Appearance, then to the defaults. Keep the two in step (render-php.test.ts and
 * agent-appearance.test.ts check the same cases).
 */
export function resolveAppearance(block: BlockOverrides, agent: AgentDisplay | null | undefined): ResolvedAppearance {
  const appearance = agent?.appearance ?? {};
  const position = block.position || appearance.position;
  const colour = appearance.primaryColor && /^#[0-9a-fA-F]{6}$/.test(appearance.primaryColor) ? appearance.primaryColor : '';
  const avatar = appearance.avatarUrl && /^https?:\/\/[^\s"'<>]+$/i.test(appearance.avatarUrl) ? appearance.avatarUrl : '';
  return {
    title: block.title || appearance.title || __('Affiliate program assistant', 'affiliate-agent'),
    greeting: block.greeting || agent?.greeting || __('Hi! How can I help you today?', 'affiliate-agent'),
    position: position === 'bottom-left' ? 'bottom-left' : 'bottom-right',
    accent: block.accent || colour,
    avatarUrl: avatar,
  };
}
