import { OrganisationType } from '@utvag/domain';
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { NotFoundError } from '../http/errors';
import { listOrganisations, listStaff } from './store';

const Organisation = z.object({
  id: z.uuid(),
  name: z.string(),
  type: OrganisationType,
  municipalityCode: z.string().nullable(),
  countyCode: z.string().nullable(),
});
const StaffMember = z.object({ id: z.uuid(), name: z.string(), title: z.string().nullable(), roles: z.array(z.string()), organisationId: z.uuid() });

/** The directory of organisations and their staff: no participant data, so no audit event. */
export const organisationRoutes: FastifyPluginAsync = async (app) => {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { db } = app.deps.database;

  api.get('/organisations', {
    config: { permission: 'directory.read' },
    schema: { tags: ['directory'], response: { 200: z.object({ organisations: z.array(Organisation) }) } },
  }, async () => ({ organisations: (await listOrganisations(db)) as z.infer<typeof Organisation>[] }));

  api.get('/organisations/:organisationId/staff', {
    config: { permission: 'directory.read' },
    schema: { tags: ['directory'], params: z.object({ organisationId: z.uuid() }), response: { 200: z.object({ staff: z.array(StaffMember) }) } },
  }, async (request) => {
    const exists = await db.selectFrom('organisations').select('id').where('id', '=', request.params.organisationId).executeTakeFirst();
    if (!exists) throw new NotFoundError();
    return { staff: await listStaff(db, request.params.organisationId) };
  });
};
