import { parseNumber, isVagueAmount } from '../../src/actions/field-parsers/number';
import { parseYesNo } from '../../src/actions/field-parsers/yes-no';
import { affirmedText } from '../../src/actions/field-parsers/negation';
import { matchEnumOption } from '../../src/actions/field-parsers/enum';
import { findName } from '../../src/actions/field-parsers/name';
import { looksLikeQuestion } from '../../src/actions/field-parsers/question';
import { detectCommand } from '../../src/runtime/offline/commands';
import { detectActionIntent } from '../../src/runtime/offline/intent';
import { affiliateApplicationTemplate } from '../../src/actions/templates/affiliate-application';
import { actionDefinitionSchema } from '../../src/contract/action-definition';

/** The German, Spanish and French language packs, read by the same parsers as English. */
const application = actionDefinitionSchema.parse(affiliateApplicationTemplate);
const optionsOf = (key: string) => application.fields.find((field) => field.key === key)!.options!;

describe('language packs: German, Spanish, French', () => {
  it('reads yes and no, and leaves "I do not know" unanswered', () => {
    expect(['ja', 'ja, einverstanden', 'sí, acepto', 'vale', "oui, d'accord", "j'accepte"].map(parseYesNo)).toEqual(Array(6).fill('yes'));
    expect(['nein', 'nicht einverstanden', 'no, no acepto', 'non merci', "je ne suis pas d'accord"].map(parseYesNo)).toEqual(Array(5).fill('no'));
    expect(['weiß nicht', 'no sé', 'je ne sais pas', 'vielleicht'].map(parseYesNo)).toEqual(Array(4).fill(null));
  });

  it('reads numbers with words, compounds and multipliers', () => {
    expect(parseNumber('40 Tsd')).toBe(40_000);
    expect(parseNumber('ungefähr vierzigtausend')).toBe(40_000);
    expect(parseNumber('etwa 40.000 Follower')).toBe(40_000);
    expect(parseNumber('2 Millionen')).toBe(2_000_000);
    expect(parseNumber('cuarenta mil')).toBe(40_000);
    expect(parseNumber('unos 40 mil seguidores')).toBe(40_000);
    expect(parseNumber('un millón')).toBe(1_000_000);
    expect(parseNumber('quarante mille abonnés')).toBe(40_000);
    expect(parseNumber('1,2 million')).toBe(1_200_000);
  });

  it('decides "mil" by its context: a thousand in Spanish or after 10 or more, a million in English slang', () => {
    expect(parseNumber('200 mil')).toBe(200_000);
    expect(parseNumber('5 mil seguidores')).toBe(5_000);
    expect(parseNumber('2 mil subs')).toBe(2_000_000);
  });

  it('never reads an article as a figure, and asks again for vague amounts', () => {
    expect(parseNumber("j'ai un blog avec 5000 abonnés")).toBe(5_000);
    expect(parseNumber('ein Blog')).toBeNull();
    for (const vague of ['ein paar tausend', 'unos cuantos miles', 'quelques milliers', 'viele']) {
      expect({ vague, number: parseNumber(vague), isVague: isVagueAmount(vague) }).toEqual({ vague, number: null, isVague: true });
    }
  });

  it('blanks what is negated up to the word that turns back', () => {
    expect(affirmedText('Ich bin nicht auf YouTube, aber ich habe einen Blog')).not.toContain('YouTube');
    expect(affirmedText('Ich bin nicht auf YouTube, aber ich habe einen Blog')).toContain('Blog');
    expect(affirmedText('No estoy en YouTube, tengo un blog')).not.toContain('YouTube');
    expect(affirmedText('no tengo 40 mil, más bien 4 mil')).toMatch(/^\s+, más bien 4 mil$/);
    expect(affirmedText("Je ne suis pas sur YouTube, j'ai un blog")).not.toContain('YouTube');
    // "chaîne" ends in "ne" without being the French negation.
    expect(affirmedText("j'ai une chaîne YouTube avec 60 000 abonnés")).toBe("j'ai une chaîne YouTube avec 60 000 abonnés");
  });

  it('understands commands with politeness around them', () => {
    expect(['abbrechen', 'bitte abbrechen', 'cancelar por favor', 'cancelar, olvídalo', 'laisse tomber'].map(detectCommand)).toEqual(Array(5).fill('cancel'));
    expect(['von vorne', 'empezar de nuevo', 'recommencer'].map(detectCommand)).toEqual(Array(3).fill('restart'));
    expect(['überspringen', 'nein danke', 'saltar', 'no tengo', "je n'en ai pas"].map(detectCommand)).toEqual(Array(5).fill('skip'));
  });

  it('starts an application for a request and answers a question', () => {
    for (const request of ['Ich möchte Affiliate werden', 'Kann ich euer Partner werden? Ich bin auf TikTok', 'Quiero ser afiliado', '¿Puedo ser socio? Estoy en TikTok', 'Je voudrais devenir affilié', 'Puis-je devenir partenaire ?']) {
      expect({ request, intent: detectActionIntent(request, [application])?.actionKey }).toEqual({ request, intent: 'affiliate-application' });
    }
    for (const question of ['Wie hoch ist die Provision?', '¿Cuánto pagan de comisión?', 'Combien de commission payez-vous ?']) {
      expect({ question, asks: looksLikeQuestion(question), intent: detectActionIntent(question, [application]) }).toEqual({ question, asks: true, intent: null });
    }
    expect(detectActionIntent('Ich will nicht mehr Partner werden', [application])).toBeNull();
  });

  it('names the platform and the traffic source in each language', () => {
    expect(matchEnumOption('mein YouTube-Kanal', optionsOf('platform'))?.value).toBe('youtube');
    expect(matchEnumOption('página web', optionsOf('platform'))?.value).toBe('blog');
    expect(matchEnumOption('mon site', optionsOf('platform'))?.value).toBe('blog');
    expect(matchEnumOption('bezahlte Anzeigen', optionsOf('traffic_source'))?.value).toBe('paid_ads');
    expect(matchEnumOption('códigos de descuento', optionsOf('traffic_source'))?.value).toBe('coupons');
    expect(matchEnumOption('référencement naturel', optionsOf('traffic_source'))?.value).toBe('seo');
  });

  it('finds a name given with the cue of each language', () => {
    expect(findName('Hallo, ich heiße Lena Fischer')).toBe('Lena Fischer');
    expect(findName('Hola, me llamo Lucía García y quiero ser afiliada')).toBe('Lucía García');
    expect(findName("Bonjour, je m'appelle Camille Martin")).toBe('Camille Martin');
    expect(findName('Ich bin auf TikTok')).toBeNull();
    // German "im" ("in the") is no "I'm" without its apostrophe, except where a sentence starts.
    expect(findName('vierzigtausend Besucher im Monat')).toBeNull();
    expect(findName('Werbung im Podcast')).toBeNull();
    expect(findName('im Ana Silva')).toBe('Ana Silva');
  });
});
