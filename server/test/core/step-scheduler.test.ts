import { ACTION_TEMPLATES } from '../../src/actions/templates';
import { createRecordingStepScheduler } from '../../src/leads/lead-step-scheduler';
import type { Lead } from '../../src/contract/lead-types';

describe('the recording step scheduler', () => {
  it('records the steps an action would run and approvals, in order', () => {
    const recorded: Array<[string, string, unknown]> = [];
    const scheduler = createRecordingStepScheduler((leadId, type, data) => recorded.push([leadId, type, data]));
    const lead = { id: 'lead_1' } as Lead;
    scheduler.scheduleSteps(lead, ACTION_TEMPLATES['affiliate-application'], 'lead-created');
    scheduler.scheduleApproval(lead, 'approved', 3);
    expect(recorded).toEqual([
      ['lead_1', 'steps-scheduled', { trigger: 'lead-created', steps: [{ id: 'affiliatewp', type: 'affiliatewp_application' }, { id: 'notify', type: 'notify_manager' }, { id: 'acknowledge', type: 'email' }] }],
      ['lead_1', 'approval-scheduled', { decision: 'approved', actorUserId: 3 }],
    ]);
  });
});
