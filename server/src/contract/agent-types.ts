import { z } from 'zod';

const originSchema = z.string().regex(/^https?:\/\/[^/\s]+$/, { message: 'expected an origin such as https://shop.example (no path)' });

export const appearanceSchema = z
  .object({
    title: z.string().trim().max(60).default('Affiliate program assistant'),
    primaryColor: z.string().regex(/^#[0-9a-fA-F]{6}$/, { message: 'expected a hex colour such as #2271b1' }).default('#2271b1'),
    position: z.enum(['bottom-right', 'bottom-left'], { error: () => 'expected one of bottom-right, bottom-left' }).default('bottom-right'),
    avatarUrl: z.url({ message: 'expected an https:// image URL' }).optional(),
  })
  .default({ title: 'Affiliate program assistant', primaryColor: '#2271b1', position: 'bottom-right' });

/** Everything an owner can set on an agent; the admin API validates input with it. */
/** The fallback message an agent has until its owner writes one; generic, so strict mode does not repeat it. */
export const DEFAULT_FALLBACK_MESSAGE = "I'm not sure about that one. You can reach the affiliate team through the contact page, or I can help you apply.";

export const agentInputSchema = z.object({
  name: z.string({ error: 'expected a name' }).trim().min(1, { message: 'an agent needs a name' }).max(80, { message: 'at most 80 characters' }),
  instructions: z.string().trim().max(8000, { message: 'at most 8000 characters' }).default(''),
  language: z.string().regex(/^[a-z]{2,3}(-[A-Za-z]{2,4})?$/, { message: 'expected a language tag such as en or pt-BR' }).default('en'),
  greeting: z.string().trim().min(1).max(500, { message: 'at most 500 characters' }).default('Hi! I can answer questions about our affiliate program or help you apply.'),
  fallbackMessage: z
    .string()
    .trim()
    .min(1)
    .max(500)
    .default(DEFAULT_FALLBACK_MESSAGE),
  strictDocs: z.boolean().default(false),
  contactUrl: z.url({ message: 'expected a URL such as https://shop.example/contact' }).optional(),
  appearance: appearanceSchema,
  enabled: z.boolean().default(true),
  allowedOrigins: z.array(originSchema).max(20).default([]),
  knowledgeSetIds: z.array(z.string().min(1).max(64)).max(20).default([]),
  /** AI responses per calendar month; when reached the agent continues on the offline engine. */
  monthlyCap: z.number().int().min(1).max(10_000_000).nullable().default(null),
});

export const agentPatchSchema = agentInputSchema.partial().strict();

export type AgentInput = z.infer<typeof agentInputSchema>;
export type AgentSettings = AgentInput;

export interface Agent extends AgentSettings {
  id: string;
  createdAt: string;
  updatedAt: string;
}
