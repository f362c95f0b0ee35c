import type { LanguagePack } from './language-pack';

export const german: LanguagePack = {
  code: 'de',
  yes: ['ja', 'jawohl', 'jep', 'jo', 'klar', 'sicher', 'genau', 'richtig', 'stimmt', 'passt', 'einverstanden', 'ich bin einverstanden', 'ich stimme zu', 'stimme zu', 'in ordnung', 'okay', 'gerne', 'ja gerne', 'ja bitte', 'natürlich', 'auf jeden fall', 'absenden', 'abschicken', 'ja absenden', 'los', 'mach das'],
  no: ['nein', 'nee', 'nö', 'ne', 'nicht einverstanden', 'ich bin nicht einverstanden', 'ich stimme nicht zu', 'lieber nicht', 'auf keinen fall', 'nein danke', 'niemals', 'falsch', 'das stimmt nicht'],
  negationCues: ['\\bnicht\\b', '\\bkein(?:e|en|em|er|es)?\\b', '\\bnie(?:mals)?\\b', '\\bnicht mehr\\b', '\\b(?:an)?statt\\b'],
  negationScopeEnds: ['aber', 'sondern', 'nur', 'eher', 'eigentlich', 'jetzt', 'ich habe', 'ich betreibe', 'ich bin'],
  numberWords: {
    null: 0, ein: 1, eins: 1, eine: 1, einen: 1, zwei: 2, drei: 3, vier: 4, fünf: 5, sechs: 6, sieben: 7, acht: 8, neun: 9, zehn: 10,
    elf: 11, zwölf: 12, zwanzig: 20, dreißig: 30, dreissig: 30, vierzig: 40, fünfzig: 50, sechzig: 60, siebzig: 70, achtzig: 80, neunzig: 90,
  },
  scales: { hundert: 100, tausend: 1_000, million: 1_000_000, millionen: 1_000_000 },
  multipliers: { tsd: 1_000, tausend: 1_000, mio: 1_000_000, million: 1_000_000, millionen: 1_000_000 },
  vagueAmounts: ['ein paar', 'einige', 'viele', 'mehrere', 'tausende', 'hunderte', 'eine menge', 'ziemlich viele', 'nicht viele', 'etliche'],
  commands: {
    cancel: ['abbrechen', 'stopp', 'stop', 'aufhören', 'vergiss es', 'egal', 'lass es', 'ich will nicht mehr', 'kein interesse', 'doch nicht'],
    restart: ['von vorne', 'nochmal von vorne', 'neu anfangen', 'neu starten', 'von vorn anfangen'],
    skip: ['überspringen', 'weiter', 'keine', 'keins', 'habe ich nicht', 'hab ich nicht', 'habe keine', 'keine angabe', 'nächste frage'],
    edit: ['ändern', 'etwas ändern', 'korrigieren', 'zurück', 'bearbeiten'],
  },
  intentWords: {
    bewerben: 'apply', bewerbung: 'apply', bewerbe: 'apply', anmelden: 'join', anmeldung: 'join', registrieren: 'join', mitmachen: 'join',
    teilnehmen: 'join', beitreten: 'join', werden: 'become', partnerprogramm: 'affiliate', partnerin: 'partner', zusammenarbeiten: 'partner',
    zusammenarbeit: 'partner', kooperation: 'partner', werben: 'promote', bewerbungsformular: 'apply',
  },
  intentStopWords: ['ich', 'möchte', 'mochte', 'will', 'würde', 'wurde', 'gerne', 'gern', 'mich', 'bei', 'euch', 'ihnen', 'ihr', 'ihrem', 'eurem', 'als', 'und', 'der', 'die', 'das', 'dem', 'den', 'ein', 'eine', 'einen', 'hallo', 'bitte', 'mit', 'zu', 'für', 'fur', 'wie', 'kann'],
  questionStarts: ['wie', 'was', 'wann', 'wo', 'warum', 'wieso', 'weshalb', 'welche', 'welcher', 'welches', 'wer', 'wieviel', 'wie viel', 'gibt es', 'kann ich', 'darf ich', 'muss ich', 'bekomme ich', 'ist es', 'sind', 'habt ihr', 'haben sie', 'zahlt ihr'],
  optionWords: {
    youtube: ['kanal', 'youtube-kanal', 'mein kanal'],
    blog: ['webseite', 'internetseite', 'homepage', 'meine seite', 'mein blog'],
    newsletter: ['e-mail-liste', 'mailingliste', 'rundbrief'],
    podcast: ['mein podcast'],
    other: ['etwas anderes', 'woanders', 'sonstiges'],
    organic_social: ['soziale medien', 'social media', 'beiträge', 'meine follower', 'organisch', 'organische inhalte', 'mundpropaganda'],
    seo: ['suchmaschinen', 'suchmaschine', 'google-suche', 'suchmaschinenoptimierung', 'artikel', 'testberichte'],
    paid_ads: ['bezahlte werbung', 'werbung', 'anzeigen', 'werbeanzeigen', 'bezahlte anzeigen'],
    email: ['e-mail', 'e-mails', 'e-mail-marketing'],
    coupons: ['gutscheine', 'gutscheincodes', 'rabattcodes', 'rabatte', 'angebote', 'deals'],
  },
  fillers: ['bitte', 'danke', 'ok', 'okay', 'ach', 'ähm', 'also', 'doch'],
};
