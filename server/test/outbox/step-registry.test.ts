import { STEP_TYPES } from '../../src/contract/action-definition';
import { STEP_HANDLERS, stepHandlerOf, stepRegistry } from '../../src/outbox/steps';
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

  it('answers null for a type this version does not know', () => {
    expect(stepHandlerOf('fax')).toBeNull();
  });
});
