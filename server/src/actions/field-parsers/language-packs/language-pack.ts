/**
 * What the offline engine needs to know of a language besides English (English stays in the parser
 * files, where it grew up): yes and no, negation, numbers, commands, application intent, question
 * openers. One data file per language (de.ts, es.ts, fr.ts); index.ts lists them.
 *
 * Phrases are written as a person types them; they are compared after normaliseText (lower case,
 * accents and apostrophes removed), so "d'accord" and "daccord", "über" and "uber" are one entry.
 */
export interface LanguagePack {
  code: 'de' | 'es' | 'fr';
  /** Replies meaning yes / no, matched as the whole reply or its opening words. "No" phrases are checked first. */
  yes: string[];
  no: string[];
  /** Regular-expression sources (case-insensitive, unicode) of words that open a negated span: "nicht", "ne … pas". */
  negationCues: string[];
  /** Words that end a negated span and turn back to the affirmative: "aber", "sino", "mais". */
  negationScopeEnds: string[];
  /** Number words: units and tens add up, scales multiply ("vierzig tausend", "cuarenta mil"). */
  numberWords: Record<string, number>;
  scales: Record<string, number>;
  /** Multiplier words or abbreviations after digits ("40 Tsd", "40 mil", "2 M"). */
  multipliers: Record<string, number>;
  /** Amounts with no figure ("ein paar tausend", "muchos"): asked again, never guessed. */
  vagueAmounts: string[];
  commands: { cancel: string[]; restart: string[]; skip: string[]; edit: string[] };
  /** Words of wanting to join, mapped to the intent detector's canonical words (join, apply, affiliate, partner, become, promote). */
  intentWords: Record<string, string>;
  /** Words with no intent of their own (pronouns, "möchte", "quiero"), ignored by the intent detector. */
  intentStopWords: string[];
  /** Questions that ask to do the act itself ("kann ich", "¿cómo puedo", "puis-je"): they start an application. */
  asksToAct: string[];
  /** Words that refuse or ask about an application already made ("ich will nicht", "ya me postulé"): no new application. */
  notARequest: string[];
  /** Names given with a cue ("ich heiße Lena", "me llamo Lucía"): strong cues, then cues also used to describe oneself. */
  nameCues: { strong: string[]; weak: string[] };
  /** Words that say what a number counts ("Abonnenten", "seguidores", "abonnés"). */
  audienceWords: string[];
  /** Openings of a question ("wie", "cuánto", "est-ce que"). */
  questionStarts: string[];
  /**
   * Words for the template's options, by option value ("youtube", "seo", "paid_ads"): what a person
   * calls a platform or a traffic source in this language. Options with other values are matched by
   * their own labels and synonyms only.
   */
  optionWords: Record<string, string[]>;
  /**
   * Whether the language writes a kind of thing as one compound word ending in its name: German
   * "Reiseblog" (travel blog), "Kochkanal" (cooking channel). Option words are then also read as the
   * tail of a longer word.
   */
  compoundWords?: boolean;
  /** Politeness around a command ("bitte", "por favor"), ignored when reading one. */
  fillers: string[];
}
