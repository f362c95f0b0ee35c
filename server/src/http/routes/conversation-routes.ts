import type { Request, Response, Router } from 'express';
import { z } from 'zod';
import { readDeliverySettings } from '../../connectors/delivery-settings';
import { CAPABILITIES } from '../admin-auth';
import { AuthenticationError, ForbiddenError } from '../../core/errors';
import type { RouteContext } from '../route-context';
import { parseOrThrow } from '../../core/zod-issues';
import { verifyVisitorToken, wordpressUserOf, type VisitorToken } from '../../security/tokens';
import { allowedOriginsFor, answerPreflight, applyChatCors } from '../chat-cors';
import { publicConversation } from '../../conversations/conversation-service';
import { clientKeyOf } from '../../security/client-key';
import type { Conversation } from '../../conversations/conversation-types';
import { conversationSourceSchema } from '../../runtime/turn-state';
import { createEventStream, wantsEventStream } from '../event-stream';

/**
 * The visitor chat API (docs/protocol.md, section 4) and the admins' transcript route. These routes
 * are public in the sense that no WordPress user signs them: a visitor token, the agent's allowed
 * origins, rate limits and a message length limit are what bound them.
 */
// Unknown keys are ignored rather than refused: an older or newer widget must still be able to chat.
export const startBodySchema = z.object({ page: conversationSourceSchema.optional() }).default({});

const messageBodySchemas = new Map<number, ReturnType<typeof buildMessageBodySchema>>();

function buildMessageBodySchema(maxLength: number) {
  return z.object({
    content: z
      .string({ error: 'expected content, the visitor message as text' })
      .trim()
      .min(1, { message: 'a message cannot be empty' })
      .max(maxLength, { message: `a message is at most ${maxLength} characters` }),
    clientMessageId: z.string().trim().min(1).max(100).optional(),
  });
}

/**
 * One schema per length limit, built once: building a zod schema, and its first parse (zod
 * compiles a parser per schema), cost more than the rest of a turn's checks together.
 */
export function messageBodySchema(maxLength: number) {
  let schema = messageBodySchemas.get(maxLength);
  if (!schema) {
    schema = buildMessageBodySchema(maxLength);
    messageBodySchemas.set(maxLength, schema);
  }
  return schema;
}

function bearerToken(request: Request): string {
  const header = request.headers.authorization;
  if (typeof header !== 'string' || !header.startsWith('Bearer ')) {
    throw new AuthenticationError('The chat API needs Authorization: Bearer <visitor token>; the widget gets one from WordPress.', 'token_missing');
  }
  return header.slice('Bearer '.length).trim();
}

/** Verifies the visitor token and that the browser's Origin is the one the token was minted for. */
export function visitorOf(request: Request, secret: string): VisitorToken {
  const token = verifyVisitorToken(secret, bearerToken(request));
  const origin = request.headers.origin;
  if (typeof origin === 'string' && origin !== '' && origin.toLowerCase() !== token.origin.toLowerCase()) {
    throw new ForbiddenError(`This visitor token is for ${token.origin}, not ${origin}.`, 'origin_mismatch');
  }
  return token;
}

/** Answers a message as SSE or, for clients that cannot read SSE, as one JSON document. */
export async function respondWithTurn(
  request: Request,
  response: Response,
  run: (emit: Parameters<RouteContext['container']['conversations']['sendMessage']>[0]['emit']) => ReturnType<RouteContext['container']['conversations']['sendMessage']>,
  heartbeatMs: number,
): Promise<void> {
  if (!wantsEventStream(request)) {
    const result = await run(() => undefined);
    response.json({ events: result.events, reply: result.reply, messageId: result.messageId });
    return;
  }
  const stream = createEventStream(response, heartbeatMs);
  try {
    await run((event) => stream.send(event));
  } finally {
    stream.end();
  }
}

export function registerConversationRoutes(router: Router, { container, adminAuth }: RouteContext): void {
  const { conversations, chat } = container;
  const originsOfAgent = (agentId: string) => allowedOriginsFor(container.agents.get(agentId).allowedOrigins, container.config.allowedOrigins, readDeliverySettings(container.settings).wordpress.siteUrl);
  const visitorConversation = (request: Request): Conversation => {
    const conversation = conversations.get(String(request.params.conversationId));
    if (conversation.mode !== 'visitor') throw new ForbiddenError('This conversation belongs to the playground.', 'conversation_forbidden');
    return conversation;
  };

  router.options('/v1/agents/:agentId/conversations', (request, response) => {
    answerPreflight(request, response, originsOfAgent(String(request.params.agentId)));
  });
  router.post('/v1/agents/:agentId/conversations', (request, response) => {
    const agentId = String(request.params.agentId);
    applyChatCors(request, response, originsOfAgent(agentId));
    const visitor = visitorOf(request, container.secret);
    if (visitor.agent !== agentId) throw new ForbiddenError('This visitor token is for another agent.', 'token_agent_mismatch');
    chat.rateLimiter.hit(`start-ip:${request.ip}`, chat.limits.conversationsPerIpPerMinute, 'new conversations from this address');
    const body = parseOrThrow(startBodySchema, request.body ?? {}, 'conversation');
    // The client's keyed address (never the IP itself) counts the mail this visitor sets off (mail caps).
    const source = { ...(body.page ?? {}), clientKey: clientKeyOf(container.secret, request.ip) ?? undefined };
    const started = conversations.start({ agentId, mode: 'visitor', visitorId: visitor.visitor, source });
    response.status(201).json({ conversation: publicConversation(started.conversation), messages: started.messages });
  });

  for (const path of ['/v1/conversations/:conversationId', '/v1/conversations/:conversationId/messages']) {
    router.options(path, (request, response) => {
      answerPreflight(request, response, originsOfAgent(visitorConversation(request).agentId));
    });
  }

  router.get('/v1/conversations/:conversationId', (request, response) => {
    const conversation = visitorConversation(request);
    applyChatCors(request, response, originsOfAgent(conversation.agentId));
    conversations.assertVisitorOwns(conversation, visitorOf(request, container.secret));
    response.json(conversations.transcript(conversation.id));
  });

  router.post('/v1/conversations/:conversationId/messages', async (request, response) => {
    const conversation = visitorConversation(request);
    applyChatCors(request, response, originsOfAgent(conversation.agentId));
    const visitor = visitorOf(request, container.secret);
    conversations.assertVisitorOwns(conversation, visitor);
    chat.rateLimiter.hit(`visitor:${visitor.agent}:${visitor.visitor}`, chat.limits.messagesPerVisitorPerMinute, 'messages from this visitor');
    chat.rateLimiter.hit(`ip:${request.ip}`, chat.limits.messagesPerIpPerMinute, 'messages from this address');
    const body = parseOrThrow(messageBodySchema(chat.limits.maxMessageLength), request.body ?? {}, 'message');
    await respondWithTurn(
      request,
      response,
      (emit) => conversations.sendMessage({ conversationId: conversation.id, content: body.content, clientMessageId: body.clientMessageId, wordpressUser: wordpressUserOf(visitor), emit }),
      chat.heartbeatMs,
    );
  });

  // For the lead page and webhooks: any conversation's transcript, for lead reviewers.
  router.get('/v1/conversations/:conversationId/transcript', adminAuth.require(CAPABILITIES.reviewLeads), (request, response) => {
    response.json(conversations.transcript(String(request.params.conversationId)));
  });
}
