import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { accessOf } from '../access/request';
import { NotFoundError } from '../http/errors';

const Notification = z.object({ id: z.uuid(), kind: z.string(), caseId: z.uuid().nullable(), createdAt: z.string(), readAt: z.string().nullable() });

/**
 * The user's own notifications; they carry a kind and a case id, never personal data. They are read and
 * marked through the request's access context, like case data, so a remembered session is checked in the
 * same transaction (see `checksSessionInTransaction`).
 */
export const notificationRoutes: FastifyPluginAsync = async (app) => {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get('/notifications', {
    config: { permission: 'notifications.read' },
    schema: { tags: ['notifications'], response: { 200: z.object({ notifications: z.array(Notification) }) } },
  }, async (request) => {
    const access = accessOf(request);
    const rows = await access.run((scope) => scope.trx.selectFrom('notifications').select(['id', 'kind', 'caseId', 'createdAt', 'readAt'])
      .where('userId', '=', access.actor.userId).orderBy('createdAt', 'desc').limit(100).execute());
    return { notifications: rows.map((row) => ({ ...row, createdAt: row.createdAt.toISOString(), readAt: row.readAt?.toISOString() ?? null })) };
  });

  api.post('/notifications/:notificationId/read', {
    config: { permission: 'notifications.read' },
    schema: { tags: ['notifications'], params: z.object({ notificationId: z.uuid() }), response: { 204: z.null() } },
  }, async (request, reply) => {
    const access = accessOf(request);
    const result = await access.run((scope) => scope.trx.updateTable('notifications').set({ readAt: new Date() })
      .where('id', '=', request.params.notificationId).where('userId', '=', access.actor.userId).executeTakeFirst());
    if (result.numUpdatedRows === 0n) throw new NotFoundError();
    return reply.code(204).send(null);
  });
};
