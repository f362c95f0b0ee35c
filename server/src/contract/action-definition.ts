import { z } from 'zod';
import { isTrustInput, TRUST_INPUT_OPERATORS, TRUST_INPUTS } from './trust-checks';

/**
 * The custom action definition: one schema shared by the admin API, the runtime and the admin UI.
 * Messages say what is accepted, because they are shown next to the builder's inputs.
 */
export const FIELD_TYPES = ['text', 'email', 'url', 'number', 'phone', 'enum', 'boolean', 'consent'] as const;
export const ROUTES = ['priority', 'standard', 'review', 'reject'] as const;
export const RULE_OPERATORS = [
  'equals',
  'not_equals',
  'in',
  'not_in',
  'contains',
  'gt',
  'gte',
  'lt',
  'lte',
  'between',
  'is_true',
  'is_false',
  'is_set',
  'is_not_set',
  'matches',
] as const;
export const STEP_TYPES = ['affiliatewp_application', 'webhook', 'email', 'notify_manager', 'reply'] as const;

export type FieldType = (typeof FIELD_TYPES)[number];
export type Route = (typeof ROUTES)[number];
export type RuleOperator = (typeof RULE_OPERATORS)[number];
export type StepType = (typeof STEP_TYPES)[number];

const oneOf = <T extends readonly [string, ...string[]]>(values: T) =>
  z.enum(values, { error: () => `expected one of ${values.join(', ')}` });

const keySchema = z
  .string({ error: 'expected a key such as audience_size' })
  .regex(/^[a-z][a-z0-9_]{0,39}$/, { message: 'expected lower-case letters, digits and _ starting with a letter, at most 40 characters' });

const slugSchema = z
  .string({ error: 'expected a slug such as affiliate-application' })
  .regex(/^[a-z][a-z0-9-]{0,62}$/, { message: 'expected lower-case letters, digits and - starting with a letter, at most 63 characters' });

const tagSchema = z
  .string()
  .trim()
  .min(1, { message: 'a tag cannot be empty' })
  .max(40, { message: 'a tag is at most 40 characters' });

const text = (max: number, what = 'text') =>
  z.string({ error: `expected ${what}` }).trim().max(max, { message: `at most ${max} characters` });

export const enumOptionSchema = z.object({
  value: keySchema,
  label: text(80).min(1, { message: 'an option needs a label' }),
  /** Other words visitors use for this option ("yt" for YouTube); the offline engine matches them. */
  synonyms: z.array(text(60)).max(20).default([]),
});

export const fieldValidationSchema = z
  .object({
    minLength: z.number().int().min(0).optional(),
    maxLength: z.number().int().min(1).max(5000).optional(),
    pattern: z.string().max(200).optional(),
    patternMessage: text(200).optional(),
    min: z.number().optional(),
    max: z.number().optional(),
  })
  .default({});

export const fieldSchema = z
  .object({
    key: keySchema,
    label: text(80, 'a label').min(1, { message: 'a field needs a label' }),
    type: oneOf(FIELD_TYPES),
    required: z.boolean().default(true),
    question: text(300, 'the question to ask').min(1, { message: 'a field needs the question the agent asks' }),
    helpText: text(300).optional(),
    validation: fieldValidationSchema,
    options: z.array(enumOptionSchema).max(50).optional(),
    /** For consent fields: the exact text the visitor agrees to; stored with the lead. */
    consentText: text(1000).optional(),
  })
  .superRefine((field, context) => {
    if (field.type === 'enum' && (!field.options || field.options.length < 2)) {
      context.addIssue({ code: 'custom', path: ['options'], message: 'an enum field needs at least 2 options' });
    }
    if (field.type === 'consent' && !field.consentText) {
      context.addIssue({ code: 'custom', path: ['consentText'], message: 'a consent field needs the text the visitor agrees to' });
    }
    if (field.validation.pattern !== undefined) {
      try {
        new RegExp(field.validation.pattern);
      } catch {
        context.addIssue({ code: 'custom', path: ['validation', 'pattern'], message: 'expected a valid regular expression' });
      }
    }
    const { min, max, minLength, maxLength } = field.validation;
    if (min !== undefined && max !== undefined && min > max) {
      context.addIssue({ code: 'custom', path: ['validation', 'min'], message: 'min must not be greater than max' });
    }
    if (minLength !== undefined && maxLength !== undefined && minLength > maxLength) {
      context.addIssue({ code: 'custom', path: ['validation', 'minLength'], message: 'minLength must not be greater than maxLength' });
    }
  });

const ruleValueSchema = z.union([z.string().max(200), z.number(), z.boolean(), z.array(z.union([z.string().max(200), z.number()])).max(50)]);

/** A rule reads a field's answer or one of the applicant trust checks (contract/trust-checks.ts). */
const ruleFieldSchema = z.union([keySchema, z.enum(TRUST_INPUTS as [string, ...string[]])], {
  error: () => `expected a field key such as audience_size or one of ${TRUST_INPUTS.join(', ')}`,
});

export const qualificationRuleSchema = z.object({
  /** Shown in the score explanation ("Audience over 10k"). */
  label: text(120).optional(),
  field: ruleFieldSchema,
  operator: oneOf(RULE_OPERATORS),
  value: ruleValueSchema.optional(),
  points: z.number({ error: 'expected a whole number of points' }).int({ message: 'expected a whole number of points' }).min(-1000).max(1000),
  tags: z.array(tagSchema).max(10).default([]),
  /** When the rule matches, the lead goes to this route whatever its score (e.g. review for a disposable email). */
  route: oneOf(ROUTES).optional(),
});

export const thresholdSchema = z.object({
  minScore: z.number({ error: 'expected a score' }).int({ message: 'expected a whole number' }),
  route: oneOf(ROUTES),
  tags: z.array(tagSchema).max(10).default([]),
});

export const qualificationSchema = z
  .object({
    rules: z.array(qualificationRuleSchema).max(100).default([]),
    thresholds: z.array(thresholdSchema).max(10).default([]),
    /** Route when the score is below every threshold. */
    defaultRoute: oneOf(ROUTES).default('standard'),
  })
  .superRefine((qualification, context) => {
    const seen = new Set<number>();
    qualification.thresholds.forEach((threshold, index) => {
      if (seen.has(threshold.minScore)) {
        context.addIssue({ code: 'custom', path: ['thresholds', index, 'minScore'], message: `another threshold already starts at ${threshold.minScore}; each must be different` });
      }
      seen.add(threshold.minScore);
    });
  });

export const stepConditionSchema = z
  .object({
    routes: z.array(oneOf(ROUTES)).max(4).optional(),
    minScore: z.number().int().optional(),
    maxScore: z.number().int().optional(),
    tagsAny: z.array(tagSchema).max(10).optional(),
  })
  .optional();

const headerSchema = z.object({
  name: z.string().regex(/^[A-Za-z0-9-]{1,64}$/, { message: 'expected an HTTP header name such as Authorization' }),
  value: z.string().max(2000),
});

const stepBase = {
  id: keySchema,
  label: text(120).optional(),
  when: stepConditionSchema,
  /** Step ids that must have succeeded first; a failure elsewhere does not block this step. */
  dependsOn: z.array(keySchema).max(10).default([]),
};

const httpUrl = z
  .string({ error: 'expected an https:// URL' })
  .url({ message: 'expected a full URL such as https://hooks.example.com/lead' })
  .refine((value) => /^https?:\/\//.test(value), { message: 'expected an http:// or https:// URL' });

export const stepSchema = z.discriminatedUnion(
  'type',
  [
    z.object({
      ...stepBase,
      type: z.literal('affiliatewp_application'),
      /** Visitor-facing actions may only create pending applications; approval is a manager's act. */
      config: z.object({ notes: text(1000).optional() }).default({}),
    }),
    z.object({
      ...stepBase,
      type: z.literal('webhook'),
      config: z.object({
        url: httpUrl,
        headers: z.array(headerSchema).max(20).default([]),
        includeTranscript: z.boolean().default(true),
      }),
    }),
    z.object({
      ...stepBase,
      type: z.literal('email'),
      config: z.object({
        to: z.union([z.literal('applicant'), z.string().email({ message: 'expected "applicant" or an email address' })]),
        subject: text(200).min(1, { message: 'an email needs a subject' }),
        body: text(10000).min(1, { message: 'an email needs a body' }),
      }),
    }),
    z.object({
      ...stepBase,
      type: z.literal('notify_manager'),
      config: z.object({ recipients: z.array(z.string().email()).max(10).default([]) }).default({ recipients: [] }),
    }),
    z.object({
      ...stepBase,
      type: z.literal('reply'),
      config: z.object({ message: text(2000).min(1, { message: 'a reply needs a message' }) }),
    }),
  ],
  { error: () => `expected a step type: one of ${STEP_TYPES.join(', ')}` },
);

export const actionDefinitionSchema = z
  .object({
    key: slugSchema,
    name: text(80, 'a name').min(1, { message: 'an action needs a name' }),
    /** When to use: becomes the tool description for the model and the offline engine's intent text. */
    description: text(1000, 'a description').min(10, { message: 'describe when to use this action in at least 10 characters' }),
    examplePhrases: z.array(text(200)).max(30).default([]),
    fields: z.array(fieldSchema).min(1, { message: 'an action needs at least one field' }).max(30),
    confirmation: z
      .object({ required: z.boolean().default(true), intro: text(300).optional() })
      .default({ required: true }),
    qualification: qualificationSchema.default({ rules: [], thresholds: [], defaultRoute: 'standard' }),
    steps: z.array(stepSchema).max(20).default([]),
    /**
     * The action changes something of an existing affiliate (payout method, payment email). It then
     * runs only for a verified owner of the affiliate's email; from anyone else it becomes a request
     * the manager reviews, and its steps that mail the typed address or call AffiliateWP are held.
     */
    touchesExistingAffiliate: z.boolean().default(false),
    /**
     * Email verification in the chat (issue 12): once the action's first email field is answered, the
     * service mails a 6-digit code there and the visitor types it in the chat (or is a logged-in
     * WordPress user with that account email). The lead records the proof; without one it stays
     * unverified and the steps acting on the typed address wait for the manager (docs/verification.md).
     */
    verifyEmail: z.boolean().default(false),
    /** What the visitor sees once the action completes; merge tags such as {{name}} allowed. */
    completionMessage: text(2000).default('Thanks! We have received your details.'),
  })
  .superRefine((definition, context) => {
    const fieldKeys = new Set<string>();
    definition.fields.forEach((field, index) => {
      if (fieldKeys.has(field.key)) {
        context.addIssue({ code: 'custom', path: ['fields', index, 'key'], message: `the key '${field.key}' is used by another field` });
      }
      fieldKeys.add(field.key);
    });
    definition.qualification.rules.forEach((rule, index) => {
      if (isTrustInput(rule.field)) {
        if (!(TRUST_INPUT_OPERATORS as readonly string[]).includes(rule.operator)) {
          context.addIssue({ code: 'custom', path: ['qualification', 'rules', index, 'operator'], message: `a trust check is yes or no; expected one of ${TRUST_INPUT_OPERATORS.join(', ')}` });
        }
        return;
      }
      if (!fieldKeys.has(rule.field)) {
        context.addIssue({
          code: 'custom',
          path: ['qualification', 'rules', index, 'field'],
          message: `no field has the key '${rule.field}'; expected one of ${[...fieldKeys, ...TRUST_INPUTS].join(', ')}`,
        });
      }
      const needsValue = !['is_true', 'is_false', 'is_set', 'is_not_set'].includes(rule.operator);
      if (needsValue && rule.value === undefined) {
        context.addIssue({ code: 'custom', path: ['qualification', 'rules', index, 'value'], message: `the operator '${rule.operator}' needs a value` });
      }
      if (rule.operator === 'between' && !(Array.isArray(rule.value) && rule.value.length === 2 && rule.value.every((item) => typeof item === 'number'))) {
        context.addIssue({ code: 'custom', path: ['qualification', 'rules', index, 'value'], message: "'between' needs two numbers, e.g. [1000, 10000]" });
      }
    });
    const stepIds = new Set<string>();
    definition.steps.forEach((step, index) => {
      if (stepIds.has(step.id)) {
        context.addIssue({ code: 'custom', path: ['steps', index, 'id'], message: `the step id '${step.id}' is used by another step` });
      }
      step.dependsOn.forEach((dependency, dependencyIndex) => {
        if (!stepIds.has(dependency)) {
          context.addIssue({
            code: 'custom',
            path: ['steps', index, 'dependsOn', dependencyIndex],
            message: `'${dependency}' must be the id of an earlier step`,
          });
        }
      });
      stepIds.add(step.id);
    });
  });

export type ActionDefinition = z.infer<typeof actionDefinitionSchema>;
export type ActionDefinitionInput = z.input<typeof actionDefinitionSchema>;
export type ActionField = z.infer<typeof fieldSchema>;
export type QualificationRule = z.infer<typeof qualificationRuleSchema>;
export type Threshold = z.infer<typeof thresholdSchema>;
export type ActionStep = z.infer<typeof stepSchema>;
export type StepCondition = z.infer<typeof stepConditionSchema>;
