import {
  ChildHandlerGrant, ChildHandlerList, ConversationAssign, ConversationEscalate, ConversationList, ConversationVersion, ConversationView, EscalationResult, InboxFilter,
  InboxStatistics, MailboxReceiving, MailboxReceivingUpdate, ReplyCreate, ReplyTemplate, ReplyTemplateInput, ReplyTemplateList, ReplyTemplateUpdate,
} from '@utvag/domain';
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { accessOf } from '../access/request';
import { idempotencyKey } from '../http/idempotency';
import {
  assignConversation, closeConversation, createTemplate, deleteTemplate, escalateConversation, getConversation, grantChildHandler, inboxStatistics,
  getReceiving, listChildHandlers, listConversations, setReceiving, listTemplates, replyToConversation, requestSharing, revokeChildHandler, updateTemplate,
} from './service';

const ConversationParams = z.object({ conversationId: z.uuid() });
const TemplateParams = z.object({ templateId: z.uuid() });
const UserParams = z.object({ userId: z.uuid() });
const tags = ['mailbox'];

/** The support-line inbox: anonymous mailbox conversations of the staff member's organisation. */
export const inboxRoutes: FastifyPluginAsync = async (app) => {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { keyring } = app.deps;

  api.get('/mailbox/conversations', {
    config: { permission: 'mailbox.inbox' },
    schema: { tags, querystring: z.strictObject({ filter: InboxFilter.default('open') }), response: { 200: ConversationList } },
  }, async (request) => listConversations(accessOf(request), request.query.filter));

  api.get('/mailbox/conversations/:conversationId', {
    config: { permission: 'mailbox.inbox' },
    schema: { tags, params: ConversationParams, response: { 200: ConversationView } },
  }, async (request) => getConversation(accessOf(request), keyring, request.params.conversationId));

  api.post('/mailbox/conversations/:conversationId/assign', {
    config: { permission: 'mailbox.inbox' },
    schema: { tags, params: ConversationParams, body: ConversationAssign, response: { 200: ConversationView } },
  }, async (request) => assignConversation(accessOf(request), keyring, request.params.conversationId, request.body));

  api.post('/mailbox/conversations/:conversationId/replies', {
    config: { permission: 'mailbox.inbox' },
    schema: { tags, params: ConversationParams, body: ReplyCreate, response: { 201: ConversationView } },
  }, async (request, reply) =>
    reply.code(201).send(await replyToConversation(accessOf(request), keyring, request.params.conversationId, request.body, idempotencyKey(request))));

  api.post('/mailbox/conversations/:conversationId/close', {
    config: { permission: 'mailbox.inbox' },
    schema: { tags, params: ConversationParams, body: ConversationVersion, response: { 200: ConversationView } },
  }, async (request) => closeConversation(accessOf(request), keyring, request.params.conversationId, request.body.version));

  api.post('/mailbox/conversations/:conversationId/share-request', {
    config: { permission: 'mailbox.inbox' },
    schema: { tags, params: ConversationParams, body: ConversationVersion, response: { 200: ConversationView } },
  }, async (request) => requestSharing(accessOf(request), keyring, request.params.conversationId, request.body.version));

  api.post('/mailbox/conversations/:conversationId/escalate', {
    config: { permission: 'mailbox.escalate' },
    schema: { tags, params: ConversationParams, body: ConversationEscalate, response: { 201: EscalationResult } },
  }, async (request, reply) =>
    reply.code(201).send(await escalateConversation(accessOf(request), keyring, request.params.conversationId, request.body, idempotencyKey(request))));

  api.get('/mailbox/statistics', {
    config: { permission: 'mailbox.inbox' },
    schema: { tags, response: { 200: InboxStatistics } },
  }, async (request) => inboxStatistics(accessOf(request)));

  api.get('/mailbox/templates', {
    config: { permission: 'mailbox.templates' },
    schema: { tags, response: { 200: ReplyTemplateList } },
  }, async (request) => listTemplates(accessOf(request)));

  api.post('/mailbox/templates', {
    config: { permission: 'mailbox.templates' },
    schema: { tags, body: ReplyTemplateInput, response: { 201: ReplyTemplate } },
  }, async (request, reply) => reply.code(201).send(await createTemplate(accessOf(request), request.body, idempotencyKey(request))));

  api.patch('/mailbox/templates/:templateId', {
    config: { permission: 'mailbox.templates' },
    schema: { tags, params: TemplateParams, body: ReplyTemplateUpdate, response: { 200: ReplyTemplate } },
  }, async (request) => updateTemplate(accessOf(request), request.params.templateId, request.body));

  api.delete('/mailbox/templates/:templateId', {
    config: { permission: 'mailbox.templates' },
    schema: { tags, params: TemplateParams },
  }, async (request, reply) => {
    await deleteTemplate(accessOf(request), request.params.templateId);
    return reply.code(204).send();
  });

  api.get('/mailbox/child-handlers', {
    config: { permission: 'mailbox.child_handlers' },
    schema: { tags, response: { 200: ChildHandlerList } },
  }, async (request) => listChildHandlers(accessOf(request)));

  api.post('/mailbox/child-handlers', {
    config: { permission: 'mailbox.child_handlers' },
    schema: { tags, body: ChildHandlerGrant },
  }, async (request, reply) => {
    await grantChildHandler(accessOf(request), request.body.userId);
    return reply.code(204).send();
  });

  api.delete('/mailbox/child-handlers/:userId', {
    config: { permission: 'mailbox.child_handlers' },
    schema: { tags, params: UserParams },
  }, async (request, reply) => {
    await revokeChildHandler(accessOf(request), request.params.userId);
    return reply.code(204).send();
  });

  api.get('/mailbox/receiving', {
    config: { permission: 'mailbox.settings' },
    schema: { tags, response: { 200: MailboxReceiving } },
  }, async (request) => getReceiving(accessOf(request)));

  api.put('/mailbox/receiving', {
    config: { permission: 'mailbox.settings' },
    schema: { tags, body: MailboxReceivingUpdate, response: { 200: MailboxReceiving } },
  }, async (request) => setReceiving(accessOf(request), request.body));
};
