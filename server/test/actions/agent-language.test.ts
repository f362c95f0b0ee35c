import { packsForLanguage, withAgentLanguage } from '../../src/actions/field-parsers/language-packs';
import { parseYesNo } from '../../src/actions/field-parsers/yes-no';
import { parseNumber } from '../../src/actions/field-parsers/number';
import { affirmedText } from '../../src/actions/field-parsers/negation';
import { matchEnumOption } from '../../src/actions/field-parsers/enum';
import { detectCommand } from '../../src/runtime/offline/commands';
import { affiliateApplicationTemplate } from '../../src/actions/templates/affiliate-application';
import { actionDefinitionSchema } from '../../src/contract/action-definition';

/** The rule: the agent's own pack first, English always (it lives in the parsers), every other pack off. */
const application = actionDefinitionSchema.parse(affiliateApplicationTemplate);
const platforms = application.fields.find((field) => field.key === 'platform')!.options!;

describe("the agent's language picks the language pack", () => {
  it('maps a language tag to its pack, by the language and not the region', () => {
    expect(packsForLanguage('de').map((pack) => pack.code)).toEqual(['de']);
    expect(packsForLanguage('de-AT').map((pack) => pack.code)).toEqual(['de']);
    expect(packsForLanguage('fr-CA').map((pack) => pack.code)).toEqual(['fr']);
    expect(packsForLanguage('en')).toEqual([]);
    expect(packsForLanguage('pt-BR')).toEqual([]);
  });

  it("reads yes and no in the agent's language and in English, in no other", () => {
    // English keeps its few universal words ("ja", "oui", "si" read as yes everywhere); the packs' own phrases are the agent's.
    expect(withAgentLanguage('de', () => ['einverstanden', 'yes', 'nicht einverstanden', 'no'].map(parseYesNo))).toEqual(['yes', 'yes', 'no', 'no']);
    expect(withAgentLanguage('en', () => ['einverstanden', "d'accord", 'vale', 'yes'].map(parseYesNo))).toEqual([null, null, null, 'yes']);
    expect(withAgentLanguage('fr', () => ['einverstanden', "d'accord"].map(parseYesNo))).toEqual([null, 'yes']);
  });

  it('understands English commands on every agent, and a command of another pack on none', () => {
    expect(withAgentLanguage('de', () => ['cancel', 'abbrechen', 'start over'].map(detectCommand))).toEqual(['cancel', 'cancel', 'restart']);
    expect(withAgentLanguage('es', () => ['never mind', 'cancelar', 'abbrechen'].map(detectCommand))).toEqual(['cancel', 'cancel', null]);
    expect(withAgentLanguage('en', () => ['abbrechen', 'annuler'].map(detectCommand))).toEqual([null, null]);
  });

  it("reads number words and negations of the agent's language only", () => {
    expect(withAgentLanguage('de', () => parseNumber('vierzigtausend'))).toBe(40_000);
    expect(withAgentLanguage('en', () => parseNumber('vierzigtausend'))).toBeNull();
    expect(withAgentLanguage('de', () => affirmedText('nicht YouTube'))).not.toContain('YouTube');
    expect(withAgentLanguage('fr', () => affirmedText('nicht YouTube'))).toContain('YouTube');
  });

  it('does not read an English word as a word of a pack that is off ("canal" is Spanish for channel)', () => {
    expect(withAgentLanguage('es', () => matchEnumOption('canal', platforms)?.value)).toBe('youtube');
    expect(withAgentLanguage('en', () => matchEnumOption('canal', platforms)?.value)).toBeUndefined();
  });

  it('reads German compounds only on a German agent', () => {
    expect(withAgentLanguage('de', () => matchEnumOption('mein Reiseblog', platforms, { fuzzy: false })?.value)).toBe('blog');
    expect(withAgentLanguage('en', () => matchEnumOption('mein Reiseblog', platforms, { fuzzy: false }))).toBeNull();
    // An English synonym never ends a compound: "program" holds Instagram's "gram".
    expect(withAgentLanguage('de', () => matchEnumOption('the affiliate program', platforms, { fuzzy: false }))).toBeNull();
  });

  it('keeps the language across awaits, so a turn on the model path reads with the same pack', async () => {
    const answer = await withAgentLanguage('de', async () => {
      await new Promise((resolve) => setTimeout(resolve, 5));
      return parseYesNo('einverstanden');
    });
    expect(answer).toBe('yes');
    await Promise.all([
      withAgentLanguage('en', async () => {
        await new Promise((resolve) => setTimeout(resolve, 5));
        expect(parseYesNo('einverstanden')).toBeNull();
      }),
      withAgentLanguage('de', async () => {
        await new Promise((resolve) => setTimeout(resolve, 1));
        expect(parseYesNo('einverstanden')).toBe('yes');
      }),
    ]);
  });
});
