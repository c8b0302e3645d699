import { CaseCourseView, CaseTransitionRequest } from '@utvag/domain';
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { accessOf } from '../access/request';
import { readCourse, transitionCase } from './service';

const CaseParams = z.object({ caseId: z.uuid() });

/** 409 `stale_version` carries `currentVersion`; 422 carries the name of the broken rule as `code` and `rule`. */
const RefusedTransition = z.object({
  error: z.object({ code: z.string(), message: z.string(), details: z.record(z.string(), z.union([z.string(), z.number()])).optional() }),
});

export const caseCourseRoutes: FastifyPluginAsync = async (app) => {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { keyring } = app.deps;

  api.get('/cases/:caseId/course', {
    config: { permission: 'case.read' },
    schema: { tags: ['case course'], params: CaseParams, response: { 200: CaseCourseView } },
  }, async (request) => readCourse(accessOf(request), keyring, request.params.caseId));

  api.post('/cases/:caseId/transitions', {
    config: { permission: 'case.transition' },
    schema: { tags: ['case course'], params: CaseParams, body: CaseTransitionRequest, response: { 200: CaseCourseView, 409: RefusedTransition, 422: RefusedTransition } },
  }, async (request) => transitionCase(accessOf(request), keyring, request.params.caseId, request.body));
};
