import fs from 'node:fs';
import path from 'node:path';

/**
 * Static check of the plugin's REST routes (security review, "Done when"): every
 * `register_rest_route` call under plugin/ gives each endpoint a `permission_callback`, and that
 * callback really checks something: a capability (`current_user_can`) or a signature, never
 * `__return_true` or a function that returns true unconditionally. Public routes are allowed only
 * from the list below, each with the reason it must be public.
 */
const PUBLIC_ROUTES: Record<string, string> = {
  // Anonymous visitors open the chat, and a cached page cannot carry a per-user nonce. It reads no
  // data: it mints a one-hour visitor token for one agent and this site's origin, rate-limited per IP
  // (class-session-controller.php), and the service enforces the agent's monthly cap.
  '/session': 'class-session-controller.php',
};

/** What a permission check must call to count as one (capabilities, or the bridge's signature check). */
const CHECKS = /current_user_can\s*\(|->verify\s*\(|Signature_Verifier|hash_equals\s*\(/;

const root = path.resolve(__dirname, '../..');

function phpFiles(directory: string): string[] {
  return fs.readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(directory, entry.name);
    if (entry.isDirectory()) return entry.name === 'vendor' || entry.name === 'node_modules' ? [] : phpFiles(full);
    return entry.name.endsWith('.php') ? [full] : [];
  });
}

/** The PHP source with comments (and, unless kept, string contents) blanked, same length, so brackets can be matched. */
function codeOnly(source: string, keepStrings = false): string {
  let out = '';
  for (let index = 0; index < source.length; ) {
    const char = source[index];
    const next = source[index + 1];
    if ((char === '/' && next === '/') || char === '#') {
      const end = source.indexOf('\n', index);
      const stop = end === -1 ? source.length : end;
      out += ' '.repeat(stop - index);
      index = stop;
    } else if (char === '/' && next === '*') {
      const end = source.indexOf('*/', index + 2);
      const stop = end === -1 ? source.length : end + 2;
      out += source.slice(index, stop).replace(/[^\n]/g, ' ');
      index = stop;
    } else if (char === "'" || char === '"') {
      let stop = index + 1;
      while (stop < source.length && source[stop] !== char) stop += source[stop] === '\\' ? 2 : 1;
      out += keepStrings ? source.slice(index, stop + 1) : char + ' '.repeat(Math.max(0, stop - index - 1)) + char;
      index = stop + 1;
    } else {
      out += char;
      index++;
    }
  }
  return out;
}

/** Index of the bracket closing the one at `open`, in code with strings blanked. */
function closing(code: string, open: number): number {
  const pairs: Record<string, string> = { '(': ')', '[': ']', '{': '}' };
  const stack: string[] = [];
  for (let index = open; index < code.length; index++) {
    const char = code[index];
    if (pairs[char]) stack.push(pairs[char]);
    else if (char === stack[stack.length - 1]) {
      stack.pop();
      if (stack.length === 0) return index;
    }
  }
  throw new Error(`unbalanced bracket at ${open}`);
}

/** Splits the text between brackets at its top-level commas. */
function topLevelParts(code: string, start: number, end: number): Array<[number, number]> {
  const parts: Array<[number, number]> = [];
  let depth = 0;
  let from = start;
  for (let index = start; index < end; index++) {
    const char = code[index];
    if ('([{'.includes(char)) depth++;
    else if (')]}'.includes(char)) depth--;
    else if (char === ',' && depth === 0) {
      parts.push([from, index]);
      from = index + 1;
    }
  }
  if (code.slice(from, end).trim()) parts.push([from, end]);
  return parts;
}

/** The bracket span of an `array( … )` or `[ … ]` literal starting at `at` (after whitespace). */
function arrayLiteral(code: string, at: number): [number, number] | null {
  const match = /^\s*(array\s*\(|\[)/.exec(code.slice(at));
  if (!match) return null;
  const open = at + match[0].length - 1;
  return [open, closing(code, open)];
}

interface RouteFinding {
  file: string;
  route: string;
  problem: string;
}

/** Checks one PHP file; returns every endpoint whose permission callback is missing or checks nothing. */
function checkPhpSource(file: string, original: string): { routes: string[]; findings: RouteFinding[] } {
  const code = codeOnly(original);
  const source = codeOnly(original, true);
  const routes: string[] = [];
  const findings: RouteFinding[] = [];
  const call = /(?<!function\s)\bregister_rest_route\s*\(/g;
  for (let match = call.exec(code); match; match = call.exec(code)) {
    const open = match.index + match[0].length - 1;
    const close = closing(code, open);
    const args = topLevelParts(code, open + 1, close);
    const routeText = args[1] ? source.slice(args[1][0], args[1][1]).trim() : '';
    const route = /^['"](.*)['"]$/.exec(routeText)?.[1] ?? routeText;
    routes.push(route);
    const options = args[2] ? arrayLiteral(code, args[2][0]) : null;
    if (!options) {
      findings.push({ file, route, problem: 'the endpoint options are not an array literal, so they cannot be checked' });
      continue;
    }
    // Either one endpoint (it has keys) or a list of endpoint arrays.
    const items = topLevelParts(code, options[0] + 1, options[1]);
    const isList = items.every(([from]) => arrayLiteral(code, from) !== null);
    const endpoints = isList ? items.map(([from]) => arrayLiteral(code, from)!) : [options];
    for (const endpoint of endpoints) {
      const entries = topLevelParts(code, endpoint[0] + 1, endpoint[1]);
      const permission = entries.find(([from, to]) => /^\s*'permission_callback'\s*=>/.test(source.slice(from, to)));
      if (!permission) {
        findings.push({ file, route, problem: 'no permission_callback (WordPress would treat it as public)' });
        continue;
      }
      const raw = source.slice(permission[0], permission[1]);
      const prefix = /^\s*'permission_callback'\s*=>\s*/.exec(raw)![0];
      const value = raw.slice(prefix.length).trim();
      const problem = permissionProblem(value, permission[0] + prefix.length, source, code);
      if (problem && PUBLIC_ROUTES[route] === path.basename(file) && /__return_true/.test(value)) continue;
      if (problem) findings.push({ file, route, problem });
    }
  }
  return { routes, findings };
}

/** Why a permission_callback value checks nothing, or null when it does. */
function permissionProblem(value: string, valueStart: number, source: string, code: string): string | null {
  if (/^['"]__return_true['"]$/.test(value)) return "'__return_true' lets anyone in";
  const variable = /^\$(\w+)$/.exec(value);
  if (variable) {
    const assignment = new RegExp(`\\$${variable[1]}\\s*=\\s*`).exec(code);
    if (!assignment) return `$${variable[1]} is not assigned in this file`;
    const body = functionBody(source, code, assignment.index + assignment[0].length);
    return body === null ? `$${variable[1]} is not a function` : bodyProblem(body);
  }
  const method = /^array\s*\(\s*\$this\s*,\s*'(\w+)'\s*\)$/.exec(value);
  if (method) {
    const declaration = new RegExp(`function\\s+${method[1]}\\s*\\(`).exec(code);
    if (!declaration) return `method ${method[1]} is not defined in this class`;
    return bodyProblem(functionBody(source, code, declaration.index) ?? '');
  }
  const body = /^(static\s+)?function\b/.test(value) ? functionBody(source, code, valueStart) : null;
  if (body !== null) return bodyProblem(body);
  return `unrecognised permission_callback ${value.slice(0, 60)}`;
}

/** The `{ … }` body of the function whose declaration starts at `from`. */
function functionBody(source: string, code: string, from: number): string | null {
  const head = /^\s*(static\s+)?function\b[^{]*\{/.exec(code.slice(from)) ?? /^function\s+\w+\s*\([^)]*\)[^{]*\{/.exec(code.slice(from));
  if (!head) return null;
  const open = from + head[0].length - 1;
  return source.slice(open, closing(code, open) + 1);
}

function bodyProblem(body: string): string | null {
  if (/^\{\s*return\s+true\s*;\s*\}$/.test(body)) return 'the callback returns true unconditionally';
  return CHECKS.test(body) ? null : 'the callback checks no capability and no signature';
}

describe('security: every plugin REST route checks permission', () => {
  const files = phpFiles(path.join(root, 'plugin')).filter((file) => !file.includes(`${path.sep}tests${path.sep}`));

  it('finds the plugin’s routes and a real permission check on every endpoint', () => {
    const results = files.map((file) => checkPhpSource(path.relative(root, file), fs.readFileSync(file, 'utf8')));
    const routes = results.flatMap((result) => result.routes);
    // The check must be looking at the real routes, not at nothing.
    expect(routes).toEqual(expect.arrayContaining(['/session', '/admin-token', '/block-agents', '/connection', '/setup']));
    expect(routes.length).toBeGreaterThanOrEqual(8);
    expect(results.flatMap((result) => result.findings)).toEqual([]);
  });

  it('allows __return_true only on the listed public routes, each in its own file', () => {
    for (const [route, file] of Object.entries(PUBLIC_ROUTES)) {
      const source = fs.readFileSync(files.find((candidate) => path.basename(candidate) === file)!, 'utf8');
      expect(checkPhpSource(file, source).routes).toContain(route);
    }
  });

  it('catches the mistakes it is there for', () => {
    const sample = (options: string, extra = '') => `<?php class X { function register_routes() { ${extra} register_rest_route( 'ns', '/data', ${options} ); } function open_door() { return true; } }`;
    const problems = (options: string, extra = '') => checkPhpSource('x.php', sample(options, extra)).findings.map((finding) => finding.problem);
    expect(problems(`array( 'methods' => 'GET', 'callback' => 'x' )`)).toEqual([expect.stringContaining('no permission_callback')]);
    expect(problems(`array( 'methods' => 'GET', 'permission_callback' => '__return_true' )`)).toEqual([expect.stringContaining('__return_true')]);
    expect(problems(`array( 'methods' => 'GET', 'permission_callback' => array( $this, 'open_door' ) )`)).toEqual([expect.stringContaining('unconditionally')]);
    expect(problems(`array( array( 'methods' => 'GET', 'permission_callback' => $can ), array( 'methods' => 'POST' ) )`, `$can = static function () { return current_user_can( 'edit_posts' ); };`)).toEqual([
      expect.stringContaining('no permission_callback'),
    ]);
    expect(problems(`array( 'methods' => 'GET', 'permission_callback' => static function () { return is_user_logged_in(); } )`)).toEqual([expect.stringContaining('checks no capability')]);
    // A comment or a string that merely mentions the call is not a route.
    expect(checkPhpSource('x.php', `<?php // register_rest_route( 'ns', '/x', array() );\n$a = 'register_rest_route(';`).routes).toEqual([]);
    expect(problems(`array( 'methods' => 'GET', 'permission_callback' => static function () { return current_user_can( 'manage_options' ); } )`)).toEqual([]);
  });
});
