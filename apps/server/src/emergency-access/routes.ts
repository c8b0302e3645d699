import { EmergencyAccessRequest } from '@utvag/domain';
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { accessOf } from '../access/request';
import { requestEmergencyAccess } from './service';

export const emergencyAccessRoutes: FastifyPluginAsync = async (app) => {
  const api = app.withTypeProvider<ZodTypeProvider>();
  api.post('/cases/:caseId/emergency-access', {
    config: { permission: 'emergency_access.request' },
    schema: {
      tags: ['cases'],
      params: z.object({ caseId: z.uuid() }),
      body: EmergencyAccessRequest,
      response: { 201: z.object({ expiresAt: z.string() }) },
    },
  }, async (request, reply) =>
    reply.code(201).send(await requestEmergencyAccess(accessOf(request), app.deps.keyring, request.params.caseId, request.body.reason)));
};
