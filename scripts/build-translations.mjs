#!/usr/bin/env node
/**
 * Keeps the shipped translations (languages/affiliate-agent-<locale>.po) in step with the POT and
 * compiles them into what WordPress loads:
 * - the .po is merged with languages/affiliate-agent.pot: new strings arrive untranslated,
 *   removed ones leave, references and translator comments follow the POT (as msgmerge would);
 * - affiliate-agent-<locale>.mo for PHP (__(), _n() in the plugin and render.php);
 * - affiliate-agent-<locale>-<md5>.json for each built script, named after the md5 of its path
 *   relative to the plugin folder (build/admin-ui/index.js …), which is how WordPress's
 *   load_script_textdomain() finds the file wp_set_script_translations() points at. The format is
 *   the Jed 1.x JSON that `wp i18n make-json` writes.
 *
 * Fuzzy and empty translations are left out of the .mo and .json (WordPress then shows English).
 * Why not `wp i18n make-json`: WP-CLI is not available offline here; gettext-parser is.
 *
 * Usage: node scripts/build-translations.mjs [--check]   (--check fails when a .po is not merged
 * with the current POT or a compiled file is stale, and writes nothing)
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import gettextParser from 'gettext-parser';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const DOMAIN = 'affiliate-agent';
const languages = join(root, 'languages');
const check = process.argv.includes('--check');
const stale = [];

/** Writes a file unless its content is already that (so rebuilding leaves git clean); --check only records it. */
function write(path, content) {
  const current = existsSync(path) ? readFileSync(path) : null;
  if (current && Buffer.compare(current, Buffer.from(content)) === 0) return;
  if (check) stale.push(path.slice(root.length + 1));
  else writeFileSync(path, content);
}

const isTranslated = (entry) => !/\bfuzzy\b/.test(entry.comments?.flag ?? '') && entry.msgstr.length > 0 && entry.msgstr.every((text) => text !== '');

/** The POT's entries with the .po's translations (and translator comments); the header is the .po's. */
function merge(pot, po) {
  const merged = { charset: 'utf-8', headers: po.headers, translations: { '': { '': po.translations['']?.[''] ?? { msgid: '', msgstr: [''] } } } };
  for (const [context, entries] of Object.entries(pot.translations)) {
    for (const [msgid, template] of Object.entries(entries)) {
      if (msgid === '') continue;
      const old = po.translations[context]?.[msgid];
      const plural = template.msgid_plural !== undefined;
      // A plural entry has one msgstr per plural form; a translation whose shape changed starts over.
      const forms = plural ? Number(/nplurals\s*=\s*(\d+)/.exec(po.headers['Plural-Forms'] ?? '')?.[1] ?? 2) : 1;
      const kept = old && (old.msgid_plural !== undefined) === plural && old.msgstr.length === forms ? old.msgstr : Array(forms).fill('');
      const comments = { ...template.comments };
      if (old?.comments?.translator) comments.translator = old.comments.translator;
      if (old?.comments?.flag?.includes('fuzzy') && kept === old.msgstr) comments.flag = [template.comments?.flag, 'fuzzy'].filter(Boolean).join(', ');
      (merged.translations[context] ??= {})[msgid] = { ...template, msgstr: kept, comments };
    }
  }
  return merged;
}

function jedJson(po, locale, source, entries) {
  const messages = { '': { domain: 'messages', lang: locale, 'plural-forms': po.headers['Plural-Forms'] } };
  for (const { context, msgid, msgstr } of entries) messages[context ? `${context}\u0004${msgid}` : msgid] = msgstr;
  return JSON.stringify({ 'translation-revision-date': po.headers['PO-Revision-Date'], generator: 'scripts/build-translations.mjs', source, domain: 'messages', locale_data: { messages } });
}

const pot = gettextParser.po.parse(readFileSync(join(languages, `${DOMAIN}.pot`)));
const poFiles = readdirSync(languages).filter((name) => new RegExp(`^${DOMAIN}-[a-z]{2,3}(_[A-Z]{2,4})?\\.po$`).test(name)).sort();
for (const name of poFiles) {
  const locale = name.slice(DOMAIN.length + 1, -3);
  const po = gettextParser.po.parse(readFileSync(join(languages, name)));
  if (!po.headers['Plural-Forms']) throw new Error(`languages/${name} has no Plural-Forms header; add one such as "nplurals=2; plural=(n != 1);".`);
  const merged = merge(pot, po);
  write(join(languages, name), gettextParser.po.compile(merged, { foldLength: 0, sort: false }).toString('utf8') + '\n');

  // Compiled files carry only finished translations.
  const finished = { charset: 'utf-8', headers: merged.headers, translations: {} };
  const byScript = new Map();
  let translated = 0;
  let total = 0;
  for (const [context, entries] of Object.entries(merged.translations)) {
    for (const [msgid, entry] of Object.entries(entries)) {
      if (msgid === '') {
        (finished.translations[context] ??= {})[msgid] = entry;
        continue;
      }
      total++;
      if (!isTranslated(entry)) continue;
      translated++;
      (finished.translations[context] ??= {})[msgid] = { msgctxt: entry.msgctxt, msgid, msgid_plural: entry.msgid_plural, msgstr: entry.msgstr };
      for (const reference of (entry.comments?.reference ?? '').split(/\s+/)) {
        if (!reference.startsWith('build/') || !reference.endsWith('.js')) continue;
        if (!byScript.has(reference)) byScript.set(reference, []);
        byScript.get(reference).push({ context, msgid, msgstr: entry.msgstr });
      }
    }
  }
  write(join(languages, `${DOMAIN}-${locale}.mo`), gettextParser.mo.compile(finished));

  const wanted = new Set();
  for (const [script, entries] of [...byScript].sort(([a], [b]) => a.localeCompare(b))) {
    const file = `${DOMAIN}-${locale}-${createHash('md5').update(script).digest('hex')}.json`;
    wanted.add(file);
    write(join(languages, file), jedJson(merged, locale, script, entries) + '\n');
  }
  // A script whose strings all went away leaves no stale JSON behind.
  for (const file of readdirSync(languages)) {
    if (file.startsWith(`${DOMAIN}-${locale}-`) && file.endsWith('.json') && !wanted.has(file)) {
      if (check) stale.push(`languages/${file}`);
      else unlinkSync(join(languages, file));
    }
  }
  console.log(`${locale}: ${translated} of ${total} strings translated; ${wanted.size} script translation file(s).`);
}

if (check && stale.length > 0) {
  console.error(`Translations are out of date (${stale.join(', ')}); run: node scripts/build-translations.mjs`);
  process.exit(1);
}
