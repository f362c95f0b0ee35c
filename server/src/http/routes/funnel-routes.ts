import type { Router } from 'express';
import { CAPABILITIES } from '../admin-auth';
import { funnelToCsv } from '../../funnel/funnel-csv';
import type { RouteContext } from '../route-context';

/** The recruitment funnel (issue 16): for owners and affiliate managers alike (either capability). */
export function registerFunnelRoutes(router: Router, { container, adminAuth }: RouteContext): void {
  const ownerOrManager = adminAuth.requireAny([CAPABILITIES.manageAgents, CAPABILITIES.reviewLeads]);

  router.get('/v1/funnel', ownerOrManager, (request, response) => {
    const report = container.funnel.report(request.query);
    container.agents.get(report.agentId); // an unknown agent is a 404, not an empty funnel
    response.json({ funnel: report });
  });

  router.get('/v1/funnel/export.csv', ownerOrManager, (request, response) => {
    const report = container.funnel.report(request.query);
    container.agents.get(report.agentId);
    response.setHeader('Content-Type', 'text/csv; charset=utf-8');
    response.setHeader('Content-Disposition', `attachment; filename="funnel-${report.from}-${report.to}.csv"`);
    response.write('\uFEFF'); // BOM so spreadsheet apps read UTF-8 page names correctly
    for (const line of funnelToCsv(report)) response.write(line);
    response.end();
  });
}
