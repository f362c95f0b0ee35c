import type { Request, Router } from 'express';
import { CAPABILITIES, actorOf } from '../admin-auth';
import { ForbiddenError } from '../../core/errors';
import type { RouteContext } from '../route-context';
import { parseOrThrow } from '../../core/zod-issues';
import { allowedOriginsFor, answerPreflight, applyChatCors } from '../chat-cors';
import { publicConversation } from '../../conversations/conversation-service';
import { messageBodySchema, respondWithTurn, startBodySchema } from './conversation-routes';

/**
 * The admins' playground: the agent's draft actions in dry run, with trace events. Signed admin
 * requests (through the plugin's proxy) or an admin token (for the browser's stream).
 */
export function registerPlaygroundRoutes(router: Router, { container, adminAuth }: RouteContext): void {
  const { conversations, chat } = container;
  const manage = adminAuth.require(CAPABILITIES.manageAgents, { allowAdminToken: true });
  const originsOfAgent = (agentId: string) => allowedOriginsFor(container.agents.get(agentId).allowedOrigins, container.config.allowedOrigins);
  const playgroundConversation = (request: Request) => {
    const conversation = conversations.get(String(request.params.conversationId));
    if (conversation.mode !== 'playground') throw new ForbiddenError('This is a visitor conversation, not a playground one.', 'conversation_forbidden');
    return conversation;
  };

  router.options('/v1/playground/agents/:agentId/conversations', (request, response) => {
    answerPreflight(request, response, originsOfAgent(String(request.params.agentId)));
  });
  router.post('/v1/playground/agents/:agentId/conversations', manage, (request, response) => {
    const agentId = String(request.params.agentId);
    applyChatCors(request, response, originsOfAgent(agentId));
    const body = parseOrThrow(startBodySchema, request.body ?? {}, 'conversation');
    const started = conversations.start({ agentId, mode: 'playground', adminUser: actorOf(request).userId, source: body.page ?? {} });
    response.status(201).json({ conversation: publicConversation(started.conversation), messages: started.messages });
  });

  router.options('/v1/playground/conversations/:conversationId/messages', (request, response) => {
    answerPreflight(request, response, originsOfAgent(playgroundConversation(request).agentId));
  });
  router.post('/v1/playground/conversations/:conversationId/messages', manage, async (request, response) => {
    const conversation = playgroundConversation(request);
    applyChatCors(request, response, originsOfAgent(conversation.agentId));
    const body = parseOrThrow(messageBodySchema(chat.limits.maxMessageLength), request.body ?? {}, 'message');
    await respondWithTurn(
      request,
      response,
      (emit) => conversations.sendMessage({ conversationId: conversation.id, content: body.content, clientMessageId: body.clientMessageId, emit }),
      chat.heartbeatMs,
    );
  });

  router.get('/v1/playground/conversations/:conversationId', manage, (request, response) => {
    response.json(conversations.transcript(playgroundConversation(request).id));
  });
}
