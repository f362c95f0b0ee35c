#!/usr/bin/env node
/**
 * Writes languages/affiliate-agent.pot from the translatable strings in plugin/, blocks/ and
 * admin-ui/ (PHP, JS, TS, TSX, block.json).
 *
 * Why not `wp i18n make-pot`: WP-CLI is not available offline here. This reads the same calls
 * (__, _e, _x, _ex, _n, _nx, _n_noop, _nx_noop, esc_html__, esc_html_e, esc_html_x, esc_attr__,
 * esc_attr_e, esc_attr_x) with string-literal arguments and the `affiliate-agent` text domain,
 * and keeps `translators:` comments, as make-pot does. The output is deterministic (no creation
 * date), so rebuilding without string changes leaves the file untouched.
 *
 * JS strings also get a reference to the built script that ships them (build/admin-ui/index.js,
 * build/blocks/chat/index.js …): `wp i18n make-json` names each JSON translation file after the
 * md5 of a referenced .js path, and WordPress looks translations up by the md5 of the enqueued
 * script's path, so this is what makes wp_set_script_translations() find them.
 *
 * Usage: node scripts/make-pot.mjs [--check]   (--check fails when the committed POT is stale)
 */
import { readFileSync, readdirSync, statSync, writeFileSync, existsSync, mkdirSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const DOMAIN = 'affiliate-agent';
const SOURCES = ['plugin', 'blocks', 'admin-ui/src'];
const SKIP_DIRS = new Set(['node_modules', 'build', 'tests', 'test', 'vendor', '__snapshots__']);
const EXTENSIONS = /\.(php|js|jsx|ts|tsx|mjs)$/;

// function name → which arguments hold single, plural, context and domain (0-based).
const FUNCTIONS = {
  __: { single: 0, domain: 1 },
  _e: { single: 0, domain: 1 },
  esc_html__: { single: 0, domain: 1 },
  esc_html_e: { single: 0, domain: 1 },
  esc_attr__: { single: 0, domain: 1 },
  esc_attr_e: { single: 0, domain: 1 },
  _x: { single: 0, context: 1, domain: 2 },
  _ex: { single: 0, context: 1, domain: 2 },
  esc_html_x: { single: 0, context: 1, domain: 2 },
  esc_attr_x: { single: 0, context: 1, domain: 2 },
  _n: { single: 0, plural: 1, domain: 3 },
  _n_noop: { single: 0, plural: 1, domain: 2 },
  _nx: { single: 0, plural: 1, context: 3, domain: 4 },
  _nx_noop: { single: 0, plural: 1, context: 2, domain: 3 },
};
const CALL = new RegExp(`(?<![\\w$>:.])(${Object.keys(FUNCTIONS).join('|')})\\s*\\(`, 'g');

function walk(directory, files = []) {
  if (!existsSync(directory)) return files;
  for (const name of readdirSync(directory).sort()) {
    const path = join(directory, name);
    if (statSync(path).isDirectory()) {
      if (!SKIP_DIRS.has(name)) walk(path, files);
    } else if (EXTENSIONS.test(name) && !/\.(test|spec)\.[jt]sx?$/.test(name)) {
      files.push(path);
    }
  }
  return files;
}

/** Reads one quoted literal at `index`; returns its value and the index after it, or null. */
function readString(source, index, isPhp) {
  const quote = source[index];
  if (quote !== "'" && quote !== '"' && !(quote === '`' && !isPhp)) return null;
  let value = '';
  let i = index + 1;
  while (i < source.length && source[i] !== quote) {
    let char = source[i];
    if (quote === '`' && char === '$' && source[i + 1] === '{') return null; // template with expressions
    if (char === '\\') {
      const next = source[i + 1];
      i += 2;
      if (isPhp && quote === "'") {
        value += next === "'" || next === '\\' ? next : '\\' + next;
        continue;
      }
      const escapes = { n: '\n', t: '\t', r: '\r', '\\': '\\', "'": "'", '"': '"', '`': '`', $: '$', 0: '\0' };
      if (next === 'u' && !isPhp) {
        const hex = source.slice(i, i + 4);
        value += String.fromCharCode(parseInt(hex, 16));
        i += 4;
        continue;
      }
      value += next in escapes ? escapes[next] : (isPhp ? '\\' : '') + next;
      continue;
    }
    value += char;
    i++;
  }
  return i < source.length ? { value, end: i + 1 } : null;
}

function skipSpaceAndComments(source, index) {
  for (;;) {
    while (/\s/.test(source[index] ?? '')) index++;
    if (source.startsWith('//', index)) index = source.indexOf('\n', index) === -1 ? source.length : source.indexOf('\n', index);
    else if (source.startsWith('/*', index)) index = source.indexOf('*/', index) + 2;
    else return index;
  }
}

/** Parses the call's arguments: string literals (joined by . or +) or null for anything else. */
function readArguments(source, index, isPhp) {
  const args = [];
  let depth = 0;
  let current;
  let literal = true;
  index = skipSpaceAndComments(source, index);
  while (index < source.length) {
    const char = source[index];
    if (depth === 0 && (char === ',' || char === ')')) {
      args.push(literal && current !== undefined ? current : null);
      if (char === ')') return args;
      current = undefined;
      literal = true;
      index = skipSpaceAndComments(source, index + 1);
      continue;
    }
    const string = readString(source, index, isPhp);
    if (string) {
      current = (current ?? '') + string.value;
      index = skipSpaceAndComments(source, string.end);
      if (source[index] === (isPhp ? '.' : '+') && depth === 0) index = skipSpaceAndComments(source, index + 1);
      continue;
    }
    if ('([{'.includes(char)) depth++;
    else if (')]}'.includes(char)) depth--;
    if (!/\s/.test(char)) literal = false;
    index++;
  }
  return args;
}

function translatorComment(source, callIndex) {
  const before = source.slice(Math.max(0, callIndex - 600), callIndex);
  const comments = [...before.matchAll(/\/\*\s*(translators:[\s\S]*?)\*\/|\/\/\s*(translators:[^\n]*)/gi)];
  const match = comments[comments.length - 1];
  if (!match) return null;
  // Only a comment between the previous statement and this call, with no other call between, belongs to it.
  const tail = before.slice(match.index + match[0].length);
  if (/[;{}]/.test(tail) || new RegExp(CALL.source).test(tail)) return null;
  return (match[1] ?? match[2]).replace(/\s*\n\s*\*?\s*/g, ' ').trim();
}

/** The built script a JS/TS source file is bundled into, relative to the plugin folder. */
function builtScriptOf(reference) {
  if (reference.startsWith('admin-ui/src/')) return 'build/admin-ui/index.js';
  if (reference.startsWith('blocks/chat/widget/')) return 'build/blocks/chat/widget.js';
  if (reference.startsWith('blocks/chat/launcher.')) return 'build/blocks/chat/launcher.js';
  if (reference.startsWith('blocks/chat/')) return 'build/blocks/chat/index.js';
  return null;
}

function extract() {
  const entries = new Map();
  const add = (entry, reference, comment) => {
    const key = `${entry.context ?? ''}\u0004${entry.single}`;
    const existing = entries.get(key) ?? { ...entry, references: [], comments: new Set() };
    if (!existing.references.includes(reference)) existing.references.push(reference);
    if (comment) existing.comments.add(comment);
    if (entry.plural && !existing.plural) existing.plural = entry.plural;
    entries.set(key, existing);
  };
  for (const base of SOURCES) {
    for (const file of walk(join(root, base))) {
      const source = readFileSync(file, 'utf8');
      const isPhp = file.endsWith('.php');
      const reference = relative(root, file);
      for (const match of source.matchAll(CALL)) {
        const spec = FUNCTIONS[match[1]];
        const args = readArguments(source, match.index + match[0].length, isPhp);
        if (args[spec.domain] !== DOMAIN || typeof args[spec.single] !== 'string' || args[spec.single] === '') continue;
        const line = source.slice(0, match.index).split('\n').length;
        const built = isPhp ? null : builtScriptOf(reference);
        if (built) add({ single: args[spec.single], plural: spec.plural !== undefined ? args[spec.plural] : undefined, context: spec.context !== undefined ? args[spec.context] : undefined }, built, null);
        add(
          { single: args[spec.single], plural: spec.plural !== undefined ? args[spec.plural] : undefined, context: spec.context !== undefined ? args[spec.context] : undefined },
          `${reference}:${line}`,
          translatorComment(source, match.index),
        );
      }
    }
  }
  // block.json: title, description and keywords are translatable with block-specific contexts.
  for (const blockJson of ['blocks/chat/block.json']) {
    const path = join(root, blockJson);
    if (!existsSync(path)) continue;
    const block = JSON.parse(readFileSync(path, 'utf8'));
    if (block.textdomain !== DOMAIN) continue;
    if (block.title) add({ single: block.title, context: 'block title' }, blockJson, null);
    if (block.description) add({ single: block.description, context: 'block description' }, blockJson, null);
    for (const keyword of block.keywords ?? []) add({ single: keyword, context: 'block keyword' }, blockJson, null);
  }
  // Source references first (what translators read), built scripts after (what make-json reads).
  for (const entry of entries.values()) entry.references.sort((a, b) => Number(a.startsWith('build/')) - Number(b.startsWith('build/')));
  return [...entries.values()].sort((a, b) => a.references[0].localeCompare(b.references[0], 'en', { numeric: true }));
}

function quote(text) {
  const escaped = text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\t/g, '\\t').replace(/\r/g, '\\r');
  if (!escaped.includes('\n') || escaped.indexOf('\n') === escaped.length - 1) return `"${escaped.replace(/\n/g, '\\n')}"`;
  return '""\n' + escaped.split(/(?<=\n)/).map((part) => `"${part.replace(/\n/g, '\\n')}"`).join('\n');
}

function render(entries) {
  const version = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version;
  const lines = [
    '# Copyright (C) Affiliate Agent contributors',
    '# This file is distributed under the GPL-2.0-or-later.',
    'msgid ""',
    'msgstr ""',
    `"Project-Id-Version: Affiliate Agent ${version}\\n"`,
    '"Report-Msgid-Bugs-To: https://github.com/affiliate-agent/affiliate-agent/issues\\n"',
    '"MIME-Version: 1.0\\n"',
    '"Content-Type: text/plain; charset=UTF-8\\n"',
    '"Content-Transfer-Encoding: 8bit\\n"',
    '"PO-Revision-Date: YEAR-MO-DA HO:MI+ZONE\\n"',
    '"Last-Translator: FULL NAME <EMAIL@ADDRESS>\\n"',
    '"Language-Team: LANGUAGE <LL@li.org>\\n"',
    '"X-Generator: scripts/make-pot.mjs\\n"',
    `"X-Domain: ${DOMAIN}\\n"`,
    '',
  ];
  for (const entry of entries) {
    for (const comment of entry.comments) lines.push(`#. ${comment}`);
    // References wrap like gettext's; many occurrences of one string share one entry.
    lines.push(`#: ${entry.references.join(' ')}`);
    if (/%(\d+\$)?[sdfu]/.test(entry.single)) lines.push('#, php-format');
    if (entry.context !== undefined) lines.push(`msgctxt ${quote(entry.context)}`);
    lines.push(`msgid ${quote(entry.single)}`);
    if (entry.plural) {
      lines.push(`msgid_plural ${quote(entry.plural)}`, 'msgstr[0] ""', 'msgstr[1] ""');
    } else {
      lines.push('msgstr ""');
    }
    lines.push('');
  }
  return lines.join('\n');
}

const entries = extract();
const pot = render(entries);
const target = join(root, 'languages', `${DOMAIN}.pot`);
if (process.argv.includes('--check')) {
  const current = existsSync(target) ? readFileSync(target, 'utf8') : '';
  if (current !== pot) {
    console.error(`languages/${DOMAIN}.pot is out of date; run: node scripts/make-pot.mjs`);
    process.exit(1);
  }
  console.log(`languages/${DOMAIN}.pot is up to date (${entries.length} strings).`);
} else {
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, pot);
  console.log(`Wrote languages/${DOMAIN}.pot: ${entries.length} strings.`);
}
