import { DirectoryEntryCreate, DirectoryEntryList, DirectoryEntryPublication, DirectoryEntryUpdate, DirectoryEntryView } from '@utvag/domain';
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { accessOf } from '../access/request';
import { idempotencyKey } from '../http/idempotency';
import { changeDirectoryEntry, createDirectoryEntry, listDirectoryEntries, publishDirectoryEntry, removeDirectoryEntry } from './service';

const EntryParams = z.object({ entryId: z.uuid() });
const tags = ['directory-entries'];

/** Staff maintain their own organisation's entries in the public service directory. */
export const directoryEntryRoutes: FastifyPluginAsync = async (app) => {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get('/directory-entries', {
    config: { permission: 'directory_entry.read' },
    schema: { tags, summary: 'The signed-in organisation\'s directory entries, published or not', response: { 200: DirectoryEntryList } },
  }, async (request) => listDirectoryEntries(accessOf(request)));

  api.post('/directory-entries', {
    config: { permission: 'directory_entry.maintain' },
    schema: { tags, summary: 'Create an entry (takes an Idempotency-Key)', body: DirectoryEntryCreate, response: { 201: DirectoryEntryView } },
  }, async (request, reply) => reply.code(201).send(await createDirectoryEntry(accessOf(request), request.body, idempotencyKey(request))));

  api.put('/directory-entries/:entryId', {
    config: { permission: 'directory_entry.maintain' },
    schema: { tags, summary: 'Replace an entry at the version read (409 when stale)', params: EntryParams, body: DirectoryEntryUpdate, response: { 200: DirectoryEntryView } },
  }, async (request) => changeDirectoryEntry(accessOf(request), request.params.entryId, request.body));

  api.post('/directory-entries/:entryId/publication', {
    config: { permission: 'directory_entry.maintain' },
    schema: { tags, summary: 'Publish or unpublish an entry at the version read', params: EntryParams, body: DirectoryEntryPublication, response: { 200: DirectoryEntryView } },
  }, async (request) => publishDirectoryEntry(accessOf(request), request.params.entryId, request.body.version, request.body.published));

  api.delete('/directory-entries/:entryId', {
    config: { permission: 'directory_entry.maintain' },
    schema: { tags, summary: 'Delete an entry for good', params: EntryParams, response: { 204: z.null() } },
  }, async (request, reply) => {
    await removeDirectoryEntry(accessOf(request), request.params.entryId);
    return reply.code(204).send(null);
  });
};
