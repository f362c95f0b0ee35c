import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ConfigurationError, loadConfig } from '../../src/config/config';
import { resolveSharedSecret } from '../../src/config/shared-secret';

describe('configuration from the environment', () => {
  it('uses the embedded defaults when nothing is set', () => {
    const config = loadConfig({});
    expect(config.port).toBe(8787);
    expect(config.openai.apiKey).toBeUndefined();
    expect(config.allowedOrigins).toEqual([]);
    expect(config.logLevel).toBe('info');
  });

  it('names the variable and what it accepts when a value is wrong', () => {
    expect(() => loadConfig({ AA_PORT: 'eighty' })).toThrow(/AA_PORT: expected a port number between 0 and 65535/);
    expect(() => loadConfig({ AA_LOG_LEVEL: 'loud' })).toThrow(/AA_LOG_LEVEL: expected one of debug, info, warn, error, silent/);
    expect(() => loadConfig({ AA_SHARED_SECRET: 'short' })).toThrow(/AA_SHARED_SECRET: expected at least 32 characters/);
    expect(() => loadConfig({ AA_ALLOWED_ORIGINS: 'https://shop.example/path' })).toThrow(/AA_ALLOWED_ORIGINS: each origin must be scheme:\/\/host/);
  });

  it('lists every wrong variable at once', () => {
    try {
      loadConfig({ AA_PORT: '-1', AA_OPENAI_BASE_URL: 'not a url' });
      throw new Error('expected a ConfigurationError');
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigurationError);
      expect((error as ConfigurationError).problems.map((problem) => problem.split(':')[0]).sort()).toEqual(['AA_OPENAI_BASE_URL', 'AA_PORT']);
    }
  });

  it('parses allowed origins as a comma-separated list', () => {
    expect(loadConfig({ AA_ALLOWED_ORIGINS: 'https://a.example, http://localhost:8080' }).allowedOrigins).toEqual(['https://a.example', 'http://localhost:8080']);
  });
});

describe('the shared secret', () => {
  it('is generated once, persisted with private permissions, and reused on the next start', () => {
    const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'aa-secret-'));
    const first = resolveSharedSecret(directory);
    expect(first.generated).toBe(true);
    expect(first.secret.length).toBeGreaterThanOrEqual(32);
    expect(fs.statSync(path.join(directory, 'shared-secret')).mode & 0o777).toBe(0o600);
    const second = resolveSharedSecret(directory);
    expect(second).toEqual({ secret: first.secret, generated: false });
    fs.rmSync(directory, { recursive: true, force: true });
  });

  it('prefers a configured secret and writes nothing', () => {
    const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'aa-secret-'));
    expect(resolveSharedSecret(directory, 'x'.repeat(40))).toEqual({ secret: 'x'.repeat(40), generated: false });
    expect(fs.existsSync(path.join(directory, 'shared-secret'))).toBe(false);
    fs.rmSync(directory, { recursive: true, force: true });
  });
});
