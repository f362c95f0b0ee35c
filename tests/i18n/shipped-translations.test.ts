/**
 * The translations the plugin ships (languages/affiliate-agent-<locale>.po and what
 * scripts/build-translations.mjs compiles from them): they parse, follow the current POT, leave
 * no visitor-facing string empty or fuzzy, and keep every placeholder of the English string.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(__dirname, '../..');
const LOCALES = ['de_DE', 'es_ES', 'fr_FR'];

interface Entry {
  msgctxt?: string;
  msgid: string;
  msgid_plural?: string;
  msgstr: string[];
  comments?: { reference?: string; flag?: string };
}
interface Catalogue {
  headers: Record<string, string>;
  translations: Record<string, Record<string, Entry>>;
}

/** gettext-parser is an ES module jest cannot require; a child node parses and prints JSON. */
function parse(kind: 'po' | 'mo', file: string): Catalogue {
  const script = `import gp from 'gettext-parser'; import { readFileSync } from 'node:fs'; process.stdout.write(JSON.stringify(gp.${kind}.parse(readFileSync(process.argv[1]))));`;
  return JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', script, file], { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })) as Catalogue;
}

const entriesOf = (catalogue: Catalogue) => Object.values(catalogue.translations).flatMap((entries) => Object.values(entries).filter((entry) => entry.msgid !== ''));

/** %s, %d, %1$s … as a sorted list; %% is a literal percent sign, not a placeholder. */
const placeholdersOf = (text: string) => (text.replace(/%%/g, '').match(/%(\d+\$)?[sdfu]/g) ?? []).sort();

/** Strings a visitor reads: the chat block's front end and widget, block.json, the privacy tools. */
const VISITOR_REFERENCE = /^(blocks\/chat\/(render\.php|widget\/|launcher\.|block\.json)|plugin\/includes\/Privacy\/)/;

describe('shipped translations', () => {
  const pot = parse('po', join(root, 'languages/affiliate-agent.pot'));
  const potKeys = entriesOf(pot).map((entry) => `${entry.msgctxt ?? ''}|${entry.msgid}`).sort();
  const visitorStrings = entriesOf(pot).filter((entry) => (entry.comments?.reference ?? '').split(/\s+/).some((reference) => VISITOR_REFERENCE.test(reference)));

  it('are merged with the current POT and compiled (build:translations --check passes)', () => {
    const result = spawnSync(process.execPath, ['scripts/build-translations.mjs', '--check'], { cwd: root, encoding: 'utf8' });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(visitorStrings.length).toBeGreaterThan(30);
  });

  describe.each(LOCALES)('%s', (locale) => {
    const po = parse('po', join(root, `languages/affiliate-agent-${locale}.po`));
    const entries = entriesOf(po);

    it('parses with a language and plural forms, and holds exactly the POT strings', () => {
      expect(po.headers.Language).toBe(locale);
      expect(po.headers['Plural-Forms']).toMatch(/^nplurals=2; plural=\(n (!= 1|> 1)\);$/);
      expect(entries.map((entry) => `${entry.msgctxt ?? ''}|${entry.msgid}`).sort()).toEqual(potKeys);
    });

    it('translates every visitor-facing string, none fuzzy or empty', () => {
      const byKey = new Map(entries.map((entry) => [`${entry.msgctxt ?? ''}|${entry.msgid}`, entry]));
      const unfinished = visitorStrings
        .map((template) => byKey.get(`${template.msgctxt ?? ''}|${template.msgid}`)!)
        .filter((entry) => /fuzzy/.test(entry.comments?.flag ?? '') || entry.msgstr.length === 0 || entry.msgstr.some((text) => text.trim() === ''))
        .map((entry) => entry.msgid);
      expect(unfinished).toEqual([]);
    });

    it('keeps the placeholders of the English string in every translation', () => {
      const mismatches: string[] = [];
      for (const entry of entries) {
        entry.msgstr.forEach((text, form) => {
          if (text === '') return;
          const english = form > 0 && entry.msgid_plural !== undefined ? entry.msgid_plural : entry.msgid;
          if (placeholdersOf(text).join() !== placeholdersOf(english).join()) mismatches.push(`${entry.msgid} [${form}] → ${text}`);
        });
      }
      expect(mismatches).toEqual([]);
    });

    it('compiles into a .mo WordPress reads, and into JSON named after each built script', () => {
      const mo = parse('mo', join(root, `languages/affiliate-agent-${locale}.mo`));
      const translated = entries.filter((entry) => entry.msgstr.every((text) => text !== ''));
      expect(entriesOf(mo)).toHaveLength(translated.length);
      expect(mo.translations['']['Open chat'].msgstr[0]).toBe(po.translations['']['Open chat'].msgstr[0]);
      expect(mo.translations['']['Open chat'].msgstr[0]).not.toBe('Open chat');

      const editorJson = join(root, `languages/affiliate-agent-${locale}-${createHash('md5').update('build/blocks/chat/index.js').digest('hex')}.json`);
      expect(existsSync(editorJson)).toBe(true);
      const jed = JSON.parse(readFileSync(editorJson, 'utf8')) as { source: string; locale_data: { messages: Record<string, unknown> } };
      expect(jed.source).toBe('build/blocks/chat/index.js');
      expect(jed.locale_data.messages['Choose an agent…']).toEqual(po.translations['']['Choose an agent…'].msgstr);
    });

    const msgfmt = spawnSync('msgfmt', ['--version']).status === 0;
    (msgfmt ? it : it.skip)('passes msgfmt --check (format strings, plural forms, header)', () => {
      const result = spawnSync('msgfmt', ['--check', '-o', '/dev/null', join(root, `languages/affiliate-agent-${locale}.po`)], { encoding: 'utf8' });
      expect(result.stderr).toBe('');
      expect(result.status).toBe(0);
    });
  });
});
