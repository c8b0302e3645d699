import { CaseCreate, CaseSummary, CaseUpdate, CaseView } from '@utvag/domain';
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { accessOf } from '../access/request';
import { idempotencyKey } from '../http/idempotency';
import { createCase, getCase, listCases, updateCase } from './service';

const CaseParams = z.object({ caseId: z.uuid() });

export const caseRoutes: FastifyPluginAsync = async (app) => {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { keyring } = app.deps;

  api.get('/cases', {
    config: { permission: 'case.list' },
    schema: {
      tags: ['cases'],
      querystring: z.strictObject({ limit: z.coerce.number().int().min(1).max(200).default(50), offset: z.coerce.number().int().min(0).max(1_000_000).default(0) }),
      response: { 200: z.object({ cases: z.array(CaseSummary), nextOffset: z.int().nullable() }) },
    },
  }, async (request) => listCases(accessOf(request), request.query.limit, request.query.offset));

  api.post('/cases', {
    config: { permission: 'case.create' },
    schema: { tags: ['cases'], body: CaseCreate, response: { 201: CaseView } },
  }, async (request, reply) => {
    const created = await createCase(accessOf(request), keyring, request.body, idempotencyKey(request));
    return reply.code(201).header('location', `/api/v1/cases/${created.id}`).send(created);
  });

  api.get('/cases/:caseId', {
    config: { permission: 'case.read' },
    schema: { tags: ['cases'], params: CaseParams, response: { 200: CaseView } },
  }, async (request, reply) => {
    const view = await getCase(accessOf(request), keyring, request.params.caseId);
    return reply.header('etag', `"${view.version}"`).send(view);
  });

  api.patch('/cases/:caseId', {
    config: { permission: 'case.edit' },
    schema: { tags: ['cases'], params: CaseParams, body: CaseUpdate, response: { 200: CaseView } },
  }, async (request) => updateCase(accessOf(request), keyring, request.params.caseId, request.body));
};
