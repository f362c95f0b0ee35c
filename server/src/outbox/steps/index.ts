import type { JobStepType } from '../outbox-types';
import { affiliateWpApplicationStep } from './affiliatewp-application';
import { affiliateWpReferralUrlStep } from './affiliatewp-referral-url';
import { affiliateWpSetStatusStep } from './affiliatewp-set-status';
import { emailStep } from './email';
import { notifyManagerStep } from './notify-manager';
import { replyStep } from './reply';
import type { ApprovalPlanContext, PlannedStep, StepHandler } from './step-handler';
import { webhookStep } from './webhook';
import { welcomeEmailStep } from './welcome-email';
import { rejectionEmailStep } from './rejection-email';

/**
 * Every step type the outbox knows, listed here on purpose (no discovery): the scheduler plans,
 * the worker executes and the playground previews through this one table, so they cannot drift.
 */
export const STEP_HANDLERS: readonly StepHandler[] = [
  affiliateWpApplicationStep,
  webhookStep,
  emailStep,
  notifyManagerStep,
  replyStep,
  affiliateWpSetStatusStep,
  affiliateWpReferralUrlStep,
  welcomeEmailStep,
  rejectionEmailStep,
] as StepHandler[];

/** Builds the lookup table; two handlers for one type are a programming error, refused at startup. */
export function stepRegistry(handlers: readonly StepHandler[]): ReadonlyMap<string, StepHandler> {
  const byType = new Map<string, StepHandler>();
  for (const handler of handlers) {
    if (byType.has(handler.type)) throw new Error(`Step type '${handler.type}' is registered twice; each type has one handler in server/src/outbox/steps/.`);
    byType.set(handler.type, handler);
  }
  return byType;
}

const REGISTRY = stepRegistry(STEP_HANDLERS);

/** The handler of a step type, or null for a type this version does not know (e.g. a job stored by a newer one). */
export function stepHandlerOf<Type extends JobStepType>(type: Type | string): StepHandler<Type> | null {
  return (REGISTRY.get(type) as StepHandler<Type> | undefined) ?? null;
}

/** A decision's group: each step type's part in it, in the registry's order (set status → referral → welcome / rejection). */
export function approvalPlan(context: ApprovalPlanContext): PlannedStep[] {
  return STEP_HANDLERS.map((handler) => handler.planApproval?.(context) ?? null).filter((step): step is PlannedStep => step !== null);
}

export type { ApprovalPlanContext, ExecutionContext, PlannedStep, PreviewContext, StepHandler } from './step-handler';
