import { IncomingScreeningReferral, ScreeningCreate, ScreeningList, ScreeningStatistics, ScreeningView } from '@utvag/domain';
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { accessOf } from '../access/request';
import { idempotencyKey } from '../http/idempotency';
import { listIncomingReferrals, listScreenings, recordScreening, screeningStatistics } from './service';

/** Screening by asking: the routine questions, the referral or report they lead to, and their counts. */
export const screeningRoutes: FastifyPluginAsync = async (app) => {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { keyring } = app.deps;

  api.get('/screenings', {
    config: { permission: 'screening.read' },
    schema: { tags: ['screening'], response: { 200: ScreeningList } },
  }, async (request) => listScreenings(accessOf(request), keyring));

  api.post('/screenings', {
    config: { permission: 'screening.record' },
    schema: { tags: ['screening'], body: ScreeningCreate, response: { 201: ScreeningView } },
  }, async (request, reply) => reply.code(201).send(await recordScreening(accessOf(request), keyring, request.body, idempotencyKey(request))));

  api.get('/screenings/statistics', {
    config: { permission: 'screening.read' },
    schema: { tags: ['screening'], response: { 200: ScreeningStatistics } },
  }, async (request) => screeningStatistics(accessOf(request)));

  api.get('/screenings/referrals/incoming', {
    config: { permission: 'screening.receive' },
    schema: { tags: ['screening'], response: { 200: z.object({ referrals: z.array(IncomingScreeningReferral) }) } },
  }, async (request) => listIncomingReferrals(accessOf(request)));
};
