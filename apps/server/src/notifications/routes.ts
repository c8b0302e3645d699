import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { NotFoundError } from '../http/errors';

const Notification = z.object({ id: z.uuid(), kind: z.string(), caseId: z.uuid().nullable(), createdAt: z.string(), readAt: z.string().nullable() });

/** The user's own notifications; they carry a kind and a case id, never personal data. */
export const notificationRoutes: FastifyPluginAsync = async (app) => {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { db } = app.deps.database;

  api.get('/notifications', {
    config: { permission: 'notifications.read' },
    schema: { tags: ['notifications'], response: { 200: z.object({ notifications: z.array(Notification) }) } },
  }, async (request) => {
    const rows = await db.selectFrom('notifications').select(['id', 'kind', 'caseId', 'createdAt', 'readAt'])
      .where('userId', '=', request.principal!.user.id).orderBy('createdAt', 'desc').limit(100).execute();
    return { notifications: rows.map((row) => ({ ...row, createdAt: row.createdAt.toISOString(), readAt: row.readAt?.toISOString() ?? null })) };
  });

  api.post('/notifications/:notificationId/read', {
    config: { permission: 'notifications.read' },
    schema: { tags: ['notifications'], params: z.object({ notificationId: z.uuid() }), response: { 204: z.null() } },
  }, async (request, reply) => {
    const result = await db.updateTable('notifications').set({ readAt: new Date() })
      .where('id', '=', request.params.notificationId).where('userId', '=', request.principal!.user.id).executeTakeFirst();
    if (result.numUpdatedRows === 0n) throw new NotFoundError();
    return reply.code(204).send(null);
  });
};
