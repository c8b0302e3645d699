import { JournalCorrection, JournalEntryCreate, JournalEntrySign, JournalEntryUpdate, JournalEntryView, JournalList } from '@utvag/domain';
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { accessOf } from '../access/request';
import { idempotencyKey } from '../http/idempotency';
import { correctEntry, createEntry, listJournal, signEntry, updateEntry } from './service';

const CaseParams = z.object({ caseId: z.uuid() });
const EntryParams = z.object({ caseId: z.uuid(), entryId: z.uuid() });

export const journalRoutes: FastifyPluginAsync = async (app) => {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { keyring } = app.deps;

  api.get('/cases/:caseId/journal', {
    config: { permission: 'journal.read' },
    schema: { tags: ['journal'], params: CaseParams, response: { 200: JournalList } },
  }, async (request) => listJournal(accessOf(request), keyring, request.params.caseId));

  api.post('/cases/:caseId/journal', {
    config: { permission: 'journal.write' },
    schema: { tags: ['journal'], params: CaseParams, body: JournalEntryCreate, response: { 201: JournalEntryView } },
  }, async (request, reply) =>
    reply.code(201).send(await createEntry(accessOf(request), keyring, request.params.caseId, request.body, idempotencyKey(request))));

  api.patch('/cases/:caseId/journal/:entryId', {
    config: { permission: 'journal.write' },
    schema: { tags: ['journal'], params: EntryParams, body: JournalEntryUpdate, response: { 200: JournalEntryView } },
  }, async (request) => updateEntry(accessOf(request), keyring, request.params.caseId, request.params.entryId, request.body));

  api.post('/cases/:caseId/journal/:entryId/sign', {
    config: { permission: 'journal.write' },
    schema: { tags: ['journal'], params: EntryParams, body: JournalEntrySign, response: { 200: JournalEntryView } },
  }, async (request) => signEntry(accessOf(request), keyring, request.params.caseId, request.params.entryId, request.body.version));

  api.post('/cases/:caseId/journal/:entryId/corrections', {
    config: { permission: 'journal.write' },
    schema: { tags: ['journal'], params: EntryParams, body: JournalCorrection, response: { 201: JournalEntryView } },
  }, async (request, reply) =>
    reply.code(201).send(await correctEntry(accessOf(request), keyring, request.params.caseId, request.params.entryId, request.body, idempotencyKey(request))));
};
