import { IncomingTransferView, TransferAccept, TransferDecline, TransferRequest, TransferView, TransferWithdraw } from '@utvag/domain';
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { accessOf } from '../access/request';
import { idempotencyKey } from '../http/idempotency';
import { accept, decline, listCaseTransfers, listIncoming, requestTransfer, withdraw } from './service';

const CaseParams = z.object({ caseId: z.uuid() });
const TransferParams = z.object({ transferId: z.uuid() });

export const transferRoutes: FastifyPluginAsync = async (app) => {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { keyring } = app.deps;

  api.get('/cases/:caseId/transfers', {
    config: { permission: 'case.read' },
    schema: { tags: ['transfers'], params: CaseParams, response: { 200: z.object({ transfers: z.array(TransferView) }) } },
  }, async (request) => ({ transfers: await listCaseTransfers(accessOf(request), request.params.caseId) }));

  api.post('/cases/:caseId/transfers', {
    config: { permission: 'transfer.request' },
    schema: { tags: ['transfers'], params: CaseParams, body: TransferRequest, response: { 201: TransferView } },
  }, async (request, reply) =>
    reply.code(201).send(await requestTransfer(accessOf(request), keyring, request.params.caseId, request.body, idempotencyKey(request))));

  api.get('/transfers/incoming', {
    config: { permission: 'transfer.decide' },
    schema: { tags: ['transfers'], response: { 200: z.object({ transfers: z.array(IncomingTransferView) }) } },
  }, async (request) => ({ transfers: await listIncoming(accessOf(request), keyring) }));

  api.post('/transfers/:transferId/accept', {
    config: { permission: 'transfer.decide' },
    schema: { tags: ['transfers'], params: TransferParams, body: TransferAccept, response: { 200: TransferView } },
  }, async (request) => accept(accessOf(request), request.params.transferId, request.body));

  api.post('/transfers/:transferId/decline', {
    config: { permission: 'transfer.decide' },
    schema: { tags: ['transfers'], params: TransferParams, body: TransferDecline, response: { 200: TransferView } },
  }, async (request) => decline(accessOf(request), keyring, request.params.transferId, request.body));

  api.post('/transfers/:transferId/withdraw', {
    config: { permission: 'transfer.request' },
    schema: { tags: ['transfers'], params: TransferParams, body: TransferWithdraw, response: { 200: TransferView } },
  }, async (request) => withdraw(accessOf(request), request.params.transferId, request.body));
};
