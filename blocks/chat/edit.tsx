/** @jsxImportSource ./editor */
import { InspectorControls, useBlockProps } from '@wordpress/block-editor';
import type { BlockEditProps } from '@wordpress/blocks';
import { PanelBody, Placeholder, SelectControl, TextareaControl, TextControl } from '@wordpress/components';
import { useState } from '@wordpress/element';
import { __ } from '@wordpress/i18n';
import { resolveAppearance, type AgentDisplay } from './editor/agent-appearance';
import { AgentPicker } from './editor/agent-picker';
import { ChatPreview } from './editor/chat-preview';
import './editor.scss';

export type ChatAttributes = {
  agentId: string;
  displayMode: 'inline' | 'floating';
  /** Empty: the agent's Appearance decides. */
  position: '' | 'bottom-right' | 'bottom-left';
  title: string;
  greeting: string;
  placeholder: string;
  backgroundColor?: string;
  textColor?: string;
  style?: { color?: { background?: string; text?: string } };
};

/** Same rule as render.php: the chosen colours become the accent, not the wrapper's paint. */
export function accentStyle(attributes: ChatAttributes): Record<string, string> {
  const colour = (preset?: string, custom?: string) =>
    preset ? `var(--wp--preset--color--${preset.replace(/([a-z])([A-Z0-9])/g, '$1-$2').toLowerCase()})` : custom ?? '';
  const accent = colour(attributes.backgroundColor, attributes.style?.color?.background);
  const accentText = colour(attributes.textColor, attributes.style?.color?.text);
  return { ...(accent ? { '--aa-accent': accent } : {}), ...(accentText ? { '--aa-accent-text': accentText } : {}) };
}

export default function Edit({ attributes, setAttributes }: BlockEditProps<ChatAttributes>) {
  const { agentId, displayMode, position, title, greeting, placeholder } = attributes;
  const [agents, setAgents] = useState<AgentDisplay[]>([]);
  const blockAccent = accentStyle(attributes);
  // The same rule and the same agent fields as render.php, so the preview is what visitors get.
  const shown = resolveAppearance({ position, title, greeting, accent: blockAccent['--aa-accent'] }, agents.find((agent) => agent.id === agentId));
  const blockProps = useBlockProps({
    className: `is-${displayMode} is-position-${shown.position} is-editor-preview`,
    style: { ...blockAccent, ...(shown.accent ? { '--aa-accent': shown.accent } : {}) },
  });

  const settings = (
    <InspectorControls>
      <PanelBody title={__('Agent', 'affiliate-agent')}>
        <AgentPicker value={agentId} onChange={(next: string) => setAttributes({ agentId: next })} onAgents={setAgents} />
      </PanelBody>
      <PanelBody title={__('Display', 'affiliate-agent')}>
        <SelectControl
          __nextHasNoMarginBottom
          __next40pxDefaultSize
          label={__('Display as', 'affiliate-agent')}
          value={displayMode}
          options={[
            { value: 'floating', label: __('Floating bubble', 'affiliate-agent') },
            { value: 'inline', label: __('Inline panel', 'affiliate-agent') },
          ]}
          onChange={(next: string) => setAttributes({ displayMode: next as ChatAttributes['displayMode'] })}
        />
        {displayMode === 'floating' && (
          <SelectControl
            __nextHasNoMarginBottom
            __next40pxDefaultSize
            label={__('Position', 'affiliate-agent')}
            value={position}
            options={[
              { value: '', label: __('As set on the agent', 'affiliate-agent') },
              { value: 'bottom-right', label: __('Bottom right', 'affiliate-agent') },
              { value: 'bottom-left', label: __('Bottom left', 'affiliate-agent') },
            ]}
            onChange={(next: string) => setAttributes({ position: next as ChatAttributes['position'] })}
          />
        )}
      </PanelBody>
      <PanelBody title={__('Texts', 'affiliate-agent')} initialOpen={false}>
        <TextControl
          __nextHasNoMarginBottom
          __next40pxDefaultSize
          label={__('Title', 'affiliate-agent')}
          help={__('Leave empty to use the agent’s own title.', 'affiliate-agent')}
          value={title}
          onChange={(next: string) => setAttributes({ title: next })}
        />
        <TextareaControl
          __nextHasNoMarginBottom
          label={__('Greeting', 'affiliate-agent')}
          help={__('Leave empty to use the agent’s own greeting.', 'affiliate-agent')}
          value={greeting}
          onChange={(next: string) => setAttributes({ greeting: next })}
        />
        <TextControl
          __nextHasNoMarginBottom
          __next40pxDefaultSize
          label={__('Placeholder', 'affiliate-agent')}
          value={placeholder}
          onChange={(next: string) => setAttributes({ placeholder: next })}
        />
      </PanelBody>
    </InspectorControls>
  );

  if (!agentId) {
    return (
      <div {...blockProps}>
        {settings}
        <Placeholder icon="format-chat" label={__('Affiliate Agent Chat', 'affiliate-agent')} instructions={__('Choose the agent visitors will chat with.', 'affiliate-agent')}>
          <AgentPicker value={agentId} onChange={(next: string) => setAttributes({ agentId: next })} onAgents={setAgents} />
        </Placeholder>
      </div>
    );
  }

  return (
    <div {...blockProps}>
      {settings}
      <ChatPreview
        mode={displayMode}
        position={shown.position}
        title={shown.title}
        greeting={shown.greeting}
        avatarUrl={shown.avatarUrl}
        placeholder={placeholder || __('Type your message…', 'affiliate-agent')}
      />
    </div>
  );
}
