import { AccessLogEntry } from '@utvag/domain';
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { accessOf } from '../access/request';
import { accessLogOf } from './service';

export const accessLogRoutes: FastifyPluginAsync = async (app) => {
  const api = app.withTypeProvider<ZodTypeProvider>();
  api.get('/cases/:caseId/access-log', {
    config: { permission: 'access_log.read' },
    schema: { tags: ['cases'], params: z.object({ caseId: z.uuid() }), response: { 200: z.object({ entries: z.array(AccessLogEntry) }) } },
  }, async (request) => ({ entries: await accessLogOf(accessOf(request), request.params.caseId) }));
};
