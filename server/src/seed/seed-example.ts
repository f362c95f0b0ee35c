import type { Container } from '../container';

/**
 * On an empty database, create one example agent with the two built-in actions published,
 * so that a first `npm start` shows something real.
 */
export function seedExampleIfEmpty(container: Pick<Container, 'agents' | 'actions' | 'repositories'>): { agentId: string } | null {
  if (container.repositories.agents.count() > 0) return null;
  const agent = container.agents.create({
    name: 'Affiliate program assistant',
    instructions:
      'You help visitors understand our affiliate program and apply to it. Be concise and friendly. Answer program questions from the provided documents only.',
    greeting: 'Hi! I can answer questions about our affiliate program, or help you apply in a minute. What would you like to do?',
  });
  container.actions.create(agent.id, { template: 'affiliate-application', publish: true });
  container.actions.create(agent.id, { template: 'payout-preference', publish: true });
  return { agentId: agent.id };
}
