import { OutreachEncounterCreate, OutreachEncounterList, OutreachEncounterUpdate, OutreachEncounterView, OutreachStatistics, StatisticsAudience } from '@utvag/domain';
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { accessOf } from '../access/request';
import { idempotencyKey } from '../http/idempotency';
import { correctEncounter, listEncounters, outreachStatistics, recordEncounter } from './service';

const EncounterParams = z.object({ encounterId: z.uuid() });
const StatisticsQuery = z.object({ audience: StatisticsAudience.default('organisation') });

/** The outreach log: anonymous encounters of the organisation's outreach work, and their counts. */
export const outreachRoutes: FastifyPluginAsync = async (app) => {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { keyring } = app.deps;

  api.get('/outreach/encounters', {
    config: { permission: 'outreach.read' },
    schema: { tags: ['outreach'], response: { 200: OutreachEncounterList } },
  }, async (request) => listEncounters(accessOf(request), keyring));

  api.post('/outreach/encounters', {
    config: { permission: 'outreach.record' },
    schema: { tags: ['outreach'], body: OutreachEncounterCreate, response: { 201: OutreachEncounterView } },
  }, async (request, reply) => reply.code(201).send(await recordEncounter(accessOf(request), keyring, request.body, idempotencyKey(request))));

  api.patch('/outreach/encounters/:encounterId', {
    config: { permission: 'outreach.record' },
    schema: { tags: ['outreach'], params: EncounterParams, body: OutreachEncounterUpdate, response: { 200: OutreachEncounterView } },
  }, async (request) => correctEncounter(accessOf(request), keyring, request.params.encounterId, request.body));

  api.get('/outreach/statistics', {
    config: { permission: 'outreach.read' },
    schema: { tags: ['outreach'], querystring: StatisticsQuery, response: { 200: OutreachStatistics } },
  }, async (request) => outreachStatistics(accessOf(request), request.query.audience));
};
