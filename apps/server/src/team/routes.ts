import { TeamMemberAdd, TeamMemberView } from '@utvag/domain';
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { accessOf } from '../access/request';
import { idempotencyKey } from '../http/idempotency';
import { addTeamMember, listTeam, removeTeamMember } from './service';

export const teamRoutes: FastifyPluginAsync = async (app) => {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get('/cases/:caseId/team', {
    config: { permission: 'case.read' },
    schema: { tags: ['team'], params: z.object({ caseId: z.uuid() }), response: { 200: z.object({ members: z.array(TeamMemberView) }) } },
  }, async (request) => ({ members: await listTeam(accessOf(request), request.params.caseId) }));

  api.post('/cases/:caseId/team', {
    config: { permission: 'team.manage' },
    schema: { tags: ['team'], params: z.object({ caseId: z.uuid() }), body: TeamMemberAdd, response: { 201: TeamMemberView } },
  }, async (request, reply) =>
    reply.code(201).send(await addTeamMember(accessOf(request), request.params.caseId, request.body, idempotencyKey(request))));

  api.delete('/cases/:caseId/team/:memberId', {
    config: { permission: 'team.manage' },
    schema: { tags: ['team'], params: z.object({ caseId: z.uuid(), memberId: z.uuid() }), response: { 204: z.null() } },
  }, async (request, reply) => {
    await removeTeamMember(accessOf(request), request.params.caseId, request.params.memberId);
    return reply.code(204).send(null);
  });
};
