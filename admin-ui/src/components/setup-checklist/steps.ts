import { __ } from '@wordpress/i18n';
import type { Agent, KnowledgeSetSummary } from '../../routes/agents/types';
import type { SetupStep, SiteSetupProgress } from './types';

/**
 * The five steps from a service's agents and knowledge sets and the site's progress. The agent the
 * steps point to is the first enabled one (the seeded example on a fresh install).
 */
export function setupSteps(agents: Agent[], sets: KnowledgeSetSummary[], site: SiteSetupProgress): SetupStep[] {
  const agent = agents.find((candidate) => candidate.enabled) ?? agents[0];
  const setsWithDocs = new Set(sets.filter((set) => set.sourceCount > 0).map((set) => set.id));
  const hasDocs = agents.some((candidate) => candidate.knowledgeSetIds.some((id) => setsWithDocs.has(id)));
  return [
    {
      id: 'agent',
      title: __('Set up your agent', 'affiliate-agent'),
      description: __('Name, greeting, language and the actions it runs, such as the affiliate application.', 'affiliate-agent'),
      isDone: agents.length > 0,
      link: agent ? { href: `#/agents/${agent.id}`, label: __('Edit the agent', 'affiliate-agent') } : { href: '#/agents/new', label: __('Create an agent', 'affiliate-agent') },
    },
    {
      id: 'docs',
      title: __('Add your program docs', 'affiliate-agent'),
      description: __('Commission rates, payout terms, rules: the agent answers only from these. Add FAQs, upload files or sync site pages, then choose the knowledge set in the agent.', 'affiliate-agent'),
      isDone: hasDocs,
      link: { href: '#/knowledge', label: __('Open Knowledge', 'affiliate-agent') },
    },
    {
      id: 'block',
      title: __('Place the chat block on a page', 'affiliate-agent'),
      description: __('In the block editor, add the “Affiliate Agent Chat” block and pick the agent.', 'affiliate-agent'),
      isDone: site.block.done,
      link: { href: site.block.url, label: site.block.done ? __('Edit the page', 'affiliate-agent') : __('Add a new page', 'affiliate-agent') },
    },
    {
      id: 'playground',
      title: __('Try it in the playground', 'affiliate-agent'),
      description: __('Ask a question and apply as a visitor would; nothing is sent while you test.', 'affiliate-agent'),
      isDone: site.playground.done,
      link: { href: agent ? `#/playground/${agent.id}` : '#/playground', label: __('Open the playground', 'affiliate-agent') },
    },
    {
      id: 'publish',
      title: __('Publish the page', 'affiliate-agent'),
      description: __('Visitors see the chat once the page holding the block is published.', 'affiliate-agent'),
      isDone: site.publish.done,
      link: site.publish.viewUrl ? { href: site.publish.viewUrl, label: __('View the page', 'affiliate-agent') } : { href: site.publish.url, label: __('Open the page to publish it', 'affiliate-agent') },
    },
  ];
}
