import { CostCancel, CostCreate, CostList, CostView } from '@utvag/domain';
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { accessOf } from '../access/request';
import { idempotencyKey } from '../http/idempotency';
import { addCost, cancelCost, listCosts } from './service';

const CaseParams = z.object({ caseId: z.uuid() });
const CostParams = z.object({ caseId: z.uuid(), costId: z.uuid() });

/** Costs on plan actions: read like the plan (per life area), added and cancelled by those who edit it. */
export const costRoutes: FastifyPluginAsync = async (app) => {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { keyring } = app.deps;

  api.get('/cases/:caseId/costs', {
    config: { permission: 'plan.read' },
    schema: { tags: ['costs'], params: CaseParams, response: { 200: CostList } },
  }, async (request) => listCosts(accessOf(request), keyring, request.params.caseId));

  api.post('/cases/:caseId/costs', {
    config: { permission: 'plan.edit' },
    schema: { tags: ['costs'], params: CaseParams, body: CostCreate, response: { 201: CostView } },
  }, async (request, reply) =>
    reply.code(201).send(await addCost(accessOf(request), keyring, request.params.caseId, request.body, idempotencyKey(request))));

  api.post('/cases/:caseId/costs/:costId/cancel', {
    config: { permission: 'plan.edit' },
    schema: { tags: ['costs'], params: CostParams, body: CostCancel, response: { 200: CostView } },
  }, async (request) => cancelCost(accessOf(request), keyring, request.params.caseId, request.params.costId, request.body.reason));
};
