import type { ChatCompletionFunctionTool } from 'openai/resources/chat/completions';
import type { ActionDefinition, ActionField } from '../contract/action-definition';

/**
 * A published action as an OpenAI-style function tool. The JSON schema tells the model what each
 * field accepts; the runtime still validates every argument with validateActionValues, because
 * models do not always honour schemas.
 */
export type ActionTool = ChatCompletionFunctionTool;

type JsonSchema = Record<string, unknown>;

/** Function names allow [a-zA-Z0-9_-]; underscores read best to models, so the slug's - become _. */
export function toolNameForAction(actionKey: string): string {
  return actionKey.replace(/-/g, '_');
}

/** The action key a tool name stands for, among the given keys; null for an unknown tool. */
export function actionKeyForToolName(toolName: string, actionKeys: string[]): string | null {
  return actionKeys.find((key) => toolNameForAction(key) === toolName || key === toolName) ?? null;
}

function fieldDescription(field: ActionField): string {
  const parts = [`${field.label}. Ask: "${field.question}"`];
  if (field.helpText) parts.push(field.helpText);
  if (field.type === 'consent') {
    parts.push(`true only when the visitor explicitly agreed to: "${field.consentText ?? field.label}". Never assume it.`);
  }
  if (field.type === 'enum' && field.options) {
    parts.push(`One of: ${field.options.map((option) => `${option.value} = ${option.label}`).join('; ')}.`);
  }
  if (field.type === 'url') parts.push('A full link, or an @handle when the visitor only gives a handle.');
  if (field.type === 'number') parts.push('A plain number: 12k → 12000, 1.2M → 1200000.');
  if (!field.required) parts.push('Optional: leave it out when the visitor skips it.');
  return parts.join(' ');
}

function fieldSchema(field: ActionField): JsonSchema {
  const { minLength, maxLength, pattern, min, max } = field.validation;
  const description = fieldDescription(field);
  const stringLimits = {
    ...(minLength !== undefined ? { minLength } : {}),
    ...(maxLength !== undefined ? { maxLength } : {}),
  };
  switch (field.type) {
    case 'text':
      return { type: 'string', description, ...stringLimits, ...(pattern !== undefined ? { pattern } : {}) };
    case 'email':
      return { type: 'string', format: 'email', description, ...stringLimits };
    case 'url':
      return { type: 'string', description, ...stringLimits };
    case 'phone':
      return { type: 'string', description: `${description} Include the country code when given.` };
    case 'number':
      return { type: 'number', description, ...(min !== undefined ? { minimum: min } : {}), ...(max !== undefined ? { maximum: max } : {}) };
    case 'enum':
      return { type: 'string', enum: (field.options ?? []).map((option) => option.value), description };
    case 'boolean':
    case 'consent':
      return { type: 'boolean', description };
  }
}

function toolDescription(definition: ActionDefinition): string {
  const parts = [definition.description];
  if (definition.examplePhrases.length > 0) parts.push(`Visitors ask for it like: ${definition.examplePhrases.map((phrase) => `"${phrase}"`).join(', ')}.`);
  parts.push('Call it only with values the visitor gave you; ask for anything missing one question at a time.');
  return parts.join(' ');
}

export function actionToTool(definition: ActionDefinition): ActionTool {
  const properties: Record<string, JsonSchema> = {};
  for (const field of definition.fields) properties[field.key] = fieldSchema(field);
  return {
    type: 'function',
    function: {
      name: toolNameForAction(definition.key),
      description: toolDescription(definition),
      parameters: {
        type: 'object',
        properties,
        required: definition.fields.filter((field) => field.required).map((field) => field.key),
        additionalProperties: false,
      },
    },
  };
}
