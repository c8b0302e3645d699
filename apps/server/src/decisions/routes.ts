import { DecisionCreate, DecisionDecide, DecisionList, DecisionView, DelegationRule, DelegationRules } from '@utvag/domain';
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { accessOf } from '../access/request';
import { idempotencyKey } from '../http/idempotency';
import { decide, decisionLetter, getDelegationRules, initiateDecision, listDecisions, putDelegationRules } from './service';

const CaseParams = z.object({ caseId: z.uuid() });
const DecisionParams = z.object({ caseId: z.uuid(), decisionId: z.uuid() });
const OrganisationParams = z.object({ organisationId: z.uuid() });
const RuleList = z.object({ rules: z.array(DelegationRule) });

/** Decisions on assistance, the decision letter, and each organisation's delegation order. */
export const decisionRoutes: FastifyPluginAsync = async (app) => {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { keyring } = app.deps;

  api.get('/cases/:caseId/decisions', {
    config: { permission: 'decision.read' },
    schema: { tags: ['decisions'], params: CaseParams, response: { 200: DecisionList } },
  }, async (request) => listDecisions(accessOf(request), keyring, request.params.caseId));

  api.post('/cases/:caseId/decisions', {
    config: { permission: 'decision.initiate' },
    schema: { tags: ['decisions'], params: CaseParams, body: DecisionCreate, response: { 201: DecisionView } },
  }, async (request, reply) =>
    reply.code(201).send(await initiateDecision(accessOf(request), keyring, request.params.caseId, request.body, idempotencyKey(request))));

  api.post('/cases/:caseId/decisions/:decisionId/decide', {
    config: { permission: 'decision.decide' },
    schema: { tags: ['decisions'], params: DecisionParams, body: DecisionDecide, response: { 200: DecisionView } },
  }, async (request) => decide(accessOf(request), keyring, request.params.caseId, request.params.decisionId, request.body));

  api.get('/cases/:caseId/decisions/:decisionId/letter.pdf', {
    config: { permission: 'decision.read' },
    schema: { tags: ['decisions'], params: DecisionParams, produces: ['application/pdf'] },
  }, async (request, reply) => {
    const pdf = await decisionLetter(accessOf(request), keyring, request.params.caseId, request.params.decisionId);
    return reply
      .type('application/pdf')
      .header('content-disposition', `inline; filename="beslut-${request.params.decisionId}.pdf"`)
      .send(pdf);
  });

  api.get('/organisations/:organisationId/delegation-rules', {
    config: { permission: 'delegation.manage' },
    schema: { tags: ['decisions'], params: OrganisationParams, response: { 200: RuleList } },
  }, async (request) => getDelegationRules(accessOf(request), request.params.organisationId));

  api.put('/organisations/:organisationId/delegation-rules', {
    config: { permission: 'delegation.manage' },
    schema: { tags: ['decisions'], params: OrganisationParams, body: DelegationRules, response: { 200: RuleList } },
  }, async (request) => putDelegationRules(accessOf(request), request.params.organisationId, request.body.rules));
};
