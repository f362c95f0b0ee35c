import { STEP_TYPES } from '../../src/contract/action-definition';
import { approvalPlan, STEP_HANDLERS, stepHandlerOf, stepRegistry } from '../../src/outbox/steps';
import { deliverySettingsSchema } from '../../src/connectors/delivery-settings';
import { buildNewLead } from '../../src/leads/lead-service';
import { ACTION_TEMPLATES } from '../../src/actions/templates';
import { replyStep } from '../../src/outbox/steps/reply';

/** Every step type has exactly one handler in server/src/outbox/steps/, and action steps can be previewed. */
describe('step registry', () => {
  it('refuses a step type registered twice, naming it', () => {
    expect(() => stepRegistry([replyStep, replyStep] as never)).toThrow("Step type 'reply' is registered twice");
  });

  it('has one handler per listed type, found by its type', () => {
    const types = STEP_HANDLERS.map((handler) => handler.type);
    expect(new Set(types).size).toBe(types.length);
    for (const type of types) expect(stepHandlerOf(type)?.type).toBe(type);
    expect(types.sort()).toEqual(
      ['affiliatewp_application', 'affiliatewp_referral_url', 'affiliatewp_set_status', 'email', 'notify_manager', 'reply', 'webhook', 'welcome_email', 'rejection_email'].sort(),
    );
  });

  it('gives every action step type a "would send" preview, and none to the approval flow steps', () => {
    for (const type of STEP_TYPES) expect(typeof stepHandlerOf(type)?.preview).toBe('function');
    for (const type of ['affiliatewp_set_status', 'affiliatewp_referral_url', 'welcome_email']) expect(stepHandlerOf(type)?.preview).toBeUndefined();
  });

  it('plans each decision from the step types themselves, in the registry order', () => {
    const definition = ACTION_TEMPLATES['affiliate-application']!;
    const lead = buildNewLead({ agentId: 'agent_1', actionId: null, actionKey: definition.key, actionVersion: 1, definition, values: { name: 'Bo', email: 'bo@example.com' } }, '2026-01-05T09:00:00.000Z');
    const settings = deliverySettingsSchema.parse({ affiliatewp: { transport: 'bridge' } });
    const plan = (decision: 'approved' | 'rejected' | 'undone', sent?: string) =>
      approvalPlan({ decision, lead, settings, succeededBefore: (type) => (type === sent ? { finishedAt: '2026-01-04T10:00:00.000Z', updatedAt: '2026-01-04T10:00:00.000Z' } : undefined) });
    expect(plan('approved').map((step) => [step.id, step.dependsOn, step.skipReason])).toEqual([
      ['affiliatewp_status', [], undefined],
      ['referral_url', ['affiliatewp_status'], undefined],
      ['welcome_email', ['referral_url'], undefined],
    ]);
    expect(plan('approved', 'welcome_email')[2]?.skipReason).toBe('Skipped: the welcome email was sent already (2026-01-04T10:00:00.000Z).');
    expect(plan('rejected').map((step) => [step.id, (step.step.config as { status?: string }).status])).toEqual([
      ['affiliatewp_status', 'rejected'],
      ['rejection_email', undefined],
    ]);
    expect(plan('undone').map((step) => [step.id, (step.step.config as { status: string }).status])).toEqual([['affiliatewp_status', 'inactive']]);
  });

  it('answers null for a type this version does not know', () => {
    expect(stepHandlerOf('fax')).toBeNull();
  });
});
