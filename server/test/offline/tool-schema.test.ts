import { actionKeyForToolName, actionToTool, toolNameForAction } from '../../src/actions/tool-schema';
import { ACTION_TEMPLATES } from '../../src/actions/templates';

describe('an action as a model tool', () => {
  const tool = actionToTool(ACTION_TEMPLATES['affiliate-application']);

  test('is a function named after the action key with underscores', () => {
    expect(tool.type).toBe('function');
    expect(tool.function.name).toBe('affiliate_application');
    expect(toolNameForAction('payout-preference')).toBe('payout_preference');
    expect(actionKeyForToolName('payout_preference', ['affiliate-application', 'payout-preference'])).toBe('payout-preference');
    expect(actionKeyForToolName('aply', ['affiliate-application'])).toBeNull();
  });

  test('is described by the action description and its example phrases', () => {
    expect(tool.function.description).toContain('join, apply to or sign up');
    expect(tool.function.description).toContain('"I want to become an affiliate"');
  });

  test('has a JSON schema with each field type, the enum values and the required fields', () => {
    const parameters = tool.function.parameters as { properties: Record<string, Record<string, unknown>>; required: string[]; additionalProperties: boolean };
    expect(parameters.required).toEqual(['name', 'email', 'platform', 'audience_size', 'traffic_source', 'consent']);
    expect(parameters.additionalProperties).toBe(false);
    expect(parameters.properties.name).toMatchObject({ type: 'string', minLength: 2, maxLength: 100 });
    expect(parameters.properties.email).toMatchObject({ type: 'string', format: 'email' });
    expect(parameters.properties.platform).toMatchObject({ type: 'string', enum: ['youtube', 'instagram', 'tiktok', 'blog', 'newsletter', 'podcast', 'facebook', 'x', 'twitch', 'linkedin', 'pinterest', 'other'] });
    expect(parameters.properties.audience_size).toMatchObject({ type: 'number', minimum: 0, maximum: 1_000_000_000 });
    expect(parameters.properties.website).toMatchObject({ type: 'string' });
    expect(parameters.properties.consent).toMatchObject({ type: 'boolean' });
    expect(String(parameters.properties.consent.description)).toContain('explicitly agreed');
    expect(String(parameters.properties.website.description)).toContain('Optional');
  });

  test('survives a JSON round trip, as it is sent over HTTP', () => {
    expect(JSON.parse(JSON.stringify(tool))).toEqual(tool);
  });
});
