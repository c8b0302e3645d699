import { ManagerOverview, WorkList } from '@utvag/domain';
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { accessOf } from '../access/request';
import { managerOverview, workList } from './service';

export const workListRoutes: FastifyPluginAsync = async (app) => {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get('/work-list', {
    config: { permission: 'work_list.read' },
    schema: { tags: ['work-lists'], response: { 200: WorkList } },
  }, async (request) => workList(accessOf(request)));

  api.get('/manager/overview', {
    config: { permission: 'manager_overview.read' },
    schema: { tags: ['work-lists'], response: { 200: ManagerOverview } },
  }, async (request) => managerOverview(accessOf(request)));
};
