import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * `npm run lint:deps` (part of `npm run lint`) runs dependency-cruiser with the project's
 * .dependency-cruiser.cjs. These tests run that same command on a temporary copy of server/src with
 * deliberate violations added, and show that each one makes it fail with the rule that names it.
 */
const root = path.resolve(__dirname, '../../..');
const depcruiseBin = path.join(root, 'node_modules/dependency-cruiser/bin/dependency-cruise.mjs');

interface Violation {
  rule: string;
  /** The import `[from, to]`, or for a circle every member in order, back to the first. */
  path: string[];
}

/** Reads depcruise's `err` report: "  error <rule>: a → b", a circle continuing on indented lines. */
function parseReport(report: string): Violation[] {
  const violations: Violation[] = [];
  for (const line of report.split('\n')) {
    const head = /^ {2}error ([\w-]+): (.*)$/.exec(line);
    const continued = /^ {6}(\S.*)$/.exec(line);
    const members = (text: string) => text.split('→').map((part) => part.trim()).filter(Boolean);
    if (head) violations.push({ rule: head[1], path: members(head[2]) });
    else if (continued && violations.length > 0) violations[violations.length - 1].path.push(...members(continued[1]));
  }
  return violations;
}

function lintDepsArguments(): string[] {
  const scripts = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')).scripts as Record<string, string>;
  expect(scripts.lint).toContain('npm run lint:deps');
  const [command, ...args] = scripts['lint:deps'].split(/\s+/);
  expect(command).toBe('depcruise');
  return args;
}

/**
 * Runs depcruise the way `npm run lint:deps` does, with its default `err` report: that report is
 * what sets the exit code, and each of its lines names the rule, the importing file and the import.
 */
function cruise(cwd: string, args: string[]): { code: number | null; report: string; violations: Violation[] } {
  const result = spawnSync(process.execPath, [depcruiseBin, ...args], { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const report = `${result.stdout}${result.stderr}`;
  return { code: result.status, report, violations: parseReport(report) };
}

function write(base: string, file: string, text: string): void {
  fs.mkdirSync(path.dirname(path.join(base, file)), { recursive: true });
  fs.writeFileSync(path.join(base, file), text);
}

describe('dependency rules (npm run lint:deps)', () => {
  let copy: string;

  beforeAll(() => {
    copy = fs.mkdtempSync(path.join(os.tmpdir(), 'aa-depcruise-'));
    fs.cpSync(path.join(root, 'server/src'), path.join(copy, 'server/src'), { recursive: true });
    fs.copyFileSync(path.join(root, '.dependency-cruiser.cjs'), path.join(copy, '.dependency-cruiser.cjs'));
    fs.copyFileSync(path.join(root, 'tsconfig.json'), path.join(copy, 'tsconfig.json'));
  });

  afterAll(() => fs.rmSync(copy, { recursive: true, force: true }));

  it('passes on the repository as it is: no circle, no two-way folder pair, no import up the layers', () => {
    const { code, report, violations } = cruise(root, lintDepsArguments());
    expect(violations).toEqual([]);
    expect(report).toMatch(/no dependency violations found/);
    expect(code).toBe(0);
  }, 60000);

  it('fails on a deliberate cycle and on a domain importing http/', () => {
    write(copy, 'server/src/knowledge/cycle-a.ts', "import { b } from './cycle-b';\nexport const a = () => b;\n");
    write(copy, 'server/src/knowledge/cycle-b.ts', "import { a } from './cycle-a';\nexport const b = () => a;\n");
    write(copy, 'server/src/leads/lead-origin.ts', "import { ownOrigin } from '../http/own-origin';\nexport const origin = ownOrigin;\n");

    const { code, violations } = cruise(copy, ['server/src', '--config', '.dependency-cruiser.cjs']);

    expect(code).not.toBe(0);
    const circles = violations.filter((violation) => violation.rule === 'no-circular').map((violation) => [...violation.path].sort());
    expect(circles).toContainEqual(['server/src/knowledge/cycle-a.ts', 'server/src/knowledge/cycle-a.ts', 'server/src/knowledge/cycle-b.ts'].sort());
    expect(violations).toContainEqual({ rule: 'domains-never-import-http', path: ['server/src/leads/lead-origin.ts', 'server/src/http/own-origin.ts'] });
    fs.rmSync(path.join(copy, 'server/src/knowledge/cycle-a.ts'));
    fs.rmSync(path.join(copy, 'server/src/knowledge/cycle-b.ts'));
    fs.rmSync(path.join(copy, 'server/src/leads/lead-origin.ts'));
  }, 60000);

  it('fails on two folders importing each other, core importing a server folder, an import up the layers and a folder outside the layers', () => {
    // settings and agents share a rank: only the folder rule can see this pair, as no single file is in a circle.
    write(copy, 'server/src/settings/agent-names.ts', "import type { Agent } from '../agents/agent-types';\nexport type AgentName = Agent['name'];\n");
    write(copy, 'server/src/agents/agent-settings.ts', "import type { SettingsRepository } from '../settings/settings-repository';\nexport type AgentSettings = SettingsRepository;\n");
    write(copy, 'server/src/core/database-clock.ts', "import type { Database } from '../db/database';\nexport type ClockedDatabase = Database;\n");
    write(copy, 'server/src/actions/turn-peek.ts', "import type { ChatModel } from '../runtime/chat-model';\nexport type Peek = ChatModel;\n");
    write(copy, 'server/src/newfolder/helper.ts', "import { newId } from '../core/ids';\nexport const helperId = () => newId('hlp');\n");

    const { code, violations } = cruise(copy, ['server/src', '--config', '.dependency-cruiser.cjs']);

    expect(code).not.toBe(0);
    const byRule = (name: string) => violations.filter((violation) => violation.rule === name).map((violation) => violation.path.join(' -> '));
    expect(byRule('no-two-way-server-folders')).toEqual(
      expect.arrayContaining(['server/src/settings -> server/src/agents -> server/src/settings', 'server/src/agents -> server/src/settings -> server/src/agents']),
    );
    expect(byRule('core-imports-no-server-folder')).toEqual(['server/src/core/database-clock.ts -> server/src/db/database.ts']);
    expect(byRule('layer-domains-actions-imports-down-only')).toEqual(['server/src/actions/turn-peek.ts -> server/src/runtime/chat-model.ts']);
    expect(byRule('server-file-outside-the-layers')).toEqual(['server/src/newfolder/helper.ts -> server/src/core/ids.ts']);
  }, 60000);
});
