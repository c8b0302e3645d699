import { PendingPlanChanges, PlanAgree, PlanComparison, PlanOutcomeDismissal, PlanUpdate, PlanVersionSummary, PlanVersionView } from '@utvag/domain';
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { accessOf } from '../access/request';
import { idempotencyKey } from '../http/idempotency';
import { planPdf, planPrintLanguages } from './plan-pdf';
import {
  agreePlan, comparePlanVersions, dismissMeetingOutcome, getCurrentPlan, getPendingPlanChanges, getPlanVersion, listPlanVersions, startDraft, updateDraft,
} from './service';

const CaseParams = z.object({ caseId: z.uuid() });
const VersionParams = z.object({ caseId: z.uuid(), number: z.coerce.number().int().min(1).max(100_000) });
const versionNumber = z.coerce.number().int().min(1).max(100_000);

/** The individual plan (SIP): its versions, filtered by consent per life area for every reader. */
export const planRoutes: FastifyPluginAsync = async (app) => {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { keyring } = app.deps;

  api.get('/cases/:caseId/plan', {
    config: { permission: 'plan.read' },
    schema: {
      tags: ['plans'],
      params: CaseParams,
      response: { 200: z.object({ plan: PlanVersionView.nullable(), canEdit: z.boolean(), canAgree: z.boolean() }) },
    },
  }, async (request) => getCurrentPlan(accessOf(request), keyring, request.params.caseId));

  api.get('/cases/:caseId/plan/versions', {
    config: { permission: 'plan.read' },
    schema: { tags: ['plans'], params: CaseParams, response: { 200: z.object({ versions: z.array(PlanVersionSummary) }) } },
  }, async (request) => ({ versions: await listPlanVersions(accessOf(request), request.params.caseId) }));

  api.get('/cases/:caseId/plan/versions/:number', {
    config: { permission: 'plan.read' },
    schema: { tags: ['plans'], params: VersionParams, response: { 200: PlanVersionView } },
  }, async (request) => getPlanVersion(accessOf(request), keyring, request.params.caseId, request.params.number));

  api.get('/cases/:caseId/plan/versions/:number/plan.pdf', {
    config: { permission: 'plan.read' },
    schema: { tags: ['plans'], params: VersionParams, querystring: z.strictObject({ lang: z.enum(planPrintLanguages).default('sv') }), produces: ['application/pdf'] },
  }, async (request, reply) => {
    const pdf = await planPdf(accessOf(request), keyring, request.params.caseId, request.params.number, request.query.lang);
    return reply.type('application/pdf').header('content-disposition', `inline; filename="plan-${request.params.number}.pdf"`).send(pdf);
  });

  api.get('/cases/:caseId/plan/compare', {
    config: { permission: 'plan.read' },
    schema: { tags: ['plans'], params: CaseParams, querystring: z.strictObject({ from: versionNumber, to: versionNumber }), response: { 200: PlanComparison } },
  }, async (request) => comparePlanVersions(accessOf(request), keyring, request.params.caseId, request.query.from, request.query.to));

  api.post('/cases/:caseId/plan/versions', {
    config: { permission: 'plan.edit' },
    schema: { tags: ['plans'], params: CaseParams, body: z.strictObject({}).optional(), response: { 201: PlanVersionView } },
  }, async (request, reply) =>
    reply.code(201).send(await startDraft(accessOf(request), keyring, request.params.caseId, idempotencyKey(request))));

  api.put('/cases/:caseId/plan/versions/:number', {
    config: { permission: 'plan.edit' },
    schema: { tags: ['plans'], params: VersionParams, body: PlanUpdate, response: { 200: PlanVersionView } },
  }, async (request) => updateDraft(accessOf(request), keyring, request.params.caseId, request.params.number, request.body));

  api.get('/cases/:caseId/plan/pending-changes', {
    config: { permission: 'plan.read' },
    schema: {
      tags: ['plans'],
      description: 'Outcomes of held SIP meetings marked as plan changes that no plan version has taken up and nobody has dismissed.',
      params: CaseParams,
      response: { 200: PendingPlanChanges },
    },
  }, async (request) => getPendingPlanChanges(accessOf(request), keyring, request.params.caseId));

  api.post('/cases/:caseId/plan/versions/:number/dismissals', {
    config: { permission: 'plan.edit' },
    schema: {
      tags: ['plans'],
      description: 'Sets a pending meeting outcome aside without changing the plan, at the draft\'s version. Takes an Idempotency-Key.',
      params: VersionParams,
      body: PlanOutcomeDismissal,
      response: { 200: PlanVersionView },
    },
  }, async (request) =>
    dismissMeetingOutcome(accessOf(request), keyring, request.params.caseId, request.params.number, request.body, idempotencyKey(request)));

  api.post('/cases/:caseId/plan/versions/:number/agree', {
    config: { permission: 'plan.agree' },
    schema: { tags: ['plans'], params: VersionParams, body: PlanAgree, response: { 200: PlanVersionView } },
  }, async (request) => agreePlan(accessOf(request), keyring, request.params.caseId, request.params.number, request.body));
};
