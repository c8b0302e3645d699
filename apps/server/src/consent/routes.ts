import { ConsentCreate, ConsentView } from '@utvag/domain';
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { accessOf } from '../access/request';
import { idempotencyKey } from '../http/idempotency';
import { listConsents, recordConsent, withdrawConsent } from './service';

export const consentRoutes: FastifyPluginAsync = async (app) => {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get('/cases/:caseId/consents', {
    config: { permission: 'case.read' },
    schema: { tags: ['consent'], params: z.object({ caseId: z.uuid() }), response: { 200: z.object({ consents: z.array(ConsentView) }) } },
  }, async (request) => ({ consents: await listConsents(accessOf(request), request.params.caseId) }));

  api.post('/cases/:caseId/consents', {
    config: { permission: 'consent.record' },
    schema: { tags: ['consent'], params: z.object({ caseId: z.uuid() }), body: ConsentCreate, response: { 201: ConsentView } },
  }, async (request, reply) =>
    reply.code(201).send(await recordConsent(accessOf(request), request.params.caseId, request.body, idempotencyKey(request))));

  api.post('/cases/:caseId/consents/:consentId/withdraw', {
    config: { permission: 'consent.record' },
    schema: {
      tags: ['consent'],
      params: z.object({ caseId: z.uuid(), consentId: z.uuid() }),
      body: z.strictObject({ version: z.int().min(1) }),
      response: { 200: ConsentView },
    },
  }, async (request) => withdrawConsent(accessOf(request), request.params.caseId, request.params.consentId, request.body.version));
};
