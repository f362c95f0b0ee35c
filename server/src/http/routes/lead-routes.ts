import type { Router } from 'express';
import { actorOf, CAPABILITIES } from '../admin-auth';
import type { RouteContext } from '../route-context';
import { leadsToCsv } from '../../leads/csv-export';
import { maskUrlCredentialsDeep } from '../../core/url-credentials';

export function registerLeadRoutes(router: Router, { container, adminAuth }: RouteContext): void {
  const review = adminAuth.require(CAPABILITIES.reviewLeads);
  const leads = container.leads;

  router.get('/v1/leads', review, (request, response) => {
    response.json(leads.list(request.query));
  });

  router.get('/v1/leads/export.csv', review, (request, response) => {
    const rows = leads.iterateForExport(request.query);
    // Field columns come from the actions' definitions so that the export has stable headers.
    const columns = new Map<string, string>();
    for (const agent of container.agents.list()) {
      for (const action of container.actions.listPublished(agent.id)) action.definition.fields.forEach((field) => columns.has(field.key) || columns.set(field.key, field.label));
    }
    response.setHeader('Content-Type', 'text/csv; charset=utf-8');
    response.setHeader('Content-Disposition', `attachment; filename="leads-${new Date().toISOString().slice(0, 10)}.csv"`);
    response.write('\uFEFF'); // BOM so spreadsheet apps read UTF-8 names correctly
    for (const line of leadsToCsv(rows, [...columns].map(([key, label]) => ({ key, label })), container.leadFields)) response.write(line);
    response.end();
  });

  router.get('/v1/leads/:leadId', review, (request, response) => {
    // Delivery events quote endpoint URLs; credentials in them are masked for reviewers (finding 5).
    response.json(maskUrlCredentialsDeep(leads.detail(String(request.params.leadId))));
  });
  router.patch('/v1/leads/:leadId', review, (request, response) => {
    response.json({ lead: leads.update(String(request.params.leadId), request.body, actorOf(request).userId) });
  });
  router.post('/v1/leads/:leadId/notes', review, (request, response) => {
    response.status(201).json({ note: leads.addNote(String(request.params.leadId), request.body, actorOf(request).userId) });
  });
  // Link a lead to an existing AffiliateWP affiliate by hand: look it up first, then link (issue 12).
  router.get('/v1/leads/:leadId/affiliate-candidate', review, async (request, response) => {
    response.json(await container.affiliateManualLink.candidate(String(request.params.leadId), request.query));
  });
  router.post('/v1/leads/:leadId/link-affiliate', review, async (request, response) => {
    response.json(await container.affiliateManualLink.link(String(request.params.leadId), request.body, actorOf(request).userId));
  });
  router.post('/v1/leads/:leadId/approve', review, (request, response) => {
    response.json({ lead: leads.approve(String(request.params.leadId), actorOf(request).userId) });
  });
  // Undo an auto-approval within its window (issue 16): the owner's call, so the manager capability.
  router.post('/v1/leads/:leadId/undo-auto-approval', adminAuth.require(CAPABILITIES.manageAgents), (request, response) => {
    response.json({ lead: leads.undoAutoApproval(String(request.params.leadId), actorOf(request).userId) });
  });
  router.post('/v1/leads/:leadId/reject', review, (request, response) => {
    response.json({ lead: leads.reject(String(request.params.leadId), actorOf(request).userId) });
  });
}
