import type { LanguagePack } from './language-pack';

export const french: LanguagePack = {
  code: 'fr',
  yes: ['oui', 'ouais', 'ouaip', 'bien sûr', 'bien sur', 'dacc', "d'accord", 'je suis daccord', "je suis d'accord", "j'accepte", 'accepté', 'ok', "c'est bon", 'cest bon', 'exact', 'exactement', 'parfait', 'correct', 'oui merci', 'oui svp', "oui s'il vous plaît", 'volontiers', 'allez-y', 'envoyez', 'envoyer', 'tout à fait', 'carrément', 'ça marche', 'ca marche'],
  no: ['non', 'nan', 'non merci', 'pas daccord', "pas d'accord", "je ne suis pas d'accord", "je refuse", "je n'accepte pas", 'hors de question', 'jamais', 'surtout pas', 'pas du tout', 'faux', "c'est faux", 'incorrect'],
  negationCues: ["\\bne\\b", "\\bn['’]", '\\bpas\\b', '\\bjamais\\b', '\\bplus de\\b', '\\bau lieu de\\b', '\\bplut[oô]t que\\b', '\\bsans\\b'],
  negationScopeEnds: ['mais', 'seulement', 'juste', 'plutôt', 'plutot', 'en fait', 'maintenant', "j'ai", 'jai', 'je suis', "j'utilise"],
  numberWords: {
    zéro: 0, zero: 0, un: 1, une: 1, deux: 2, trois: 3, quatre: 4, cinq: 5, six: 6, sept: 7, huit: 8, neuf: 9, dix: 10,
    onze: 11, douze: 12, quinze: 15, vingt: 20, trente: 30, quarante: 40, cinquante: 50, soixante: 60, cent: 100, cents: 100,
  },
  scales: { mille: 1_000, mil: 1_000, million: 1_000_000, millions: 1_000_000 },
  multipliers: { mille: 1_000, million: 1_000_000, millions: 1_000_000 },
  vagueAmounts: ['quelques', 'plusieurs', 'beaucoup', 'pas mal', 'des milliers', 'des centaines', 'un tas', 'pas beaucoup', 'énormément'],
  commands: {
    cancel: ['annuler', 'annule', 'arrête', 'arrete', 'arrêter', 'stop', 'laisse tomber', 'laissez tomber', 'oublie', 'oubliez', 'je ne veux plus', 'pas intéressé', "j'ai changé d'avis"],
    restart: ['recommencer', 'on recommence', 'depuis le début', 'reprendre à zéro', 'tout recommencer'],
    skip: ['passer', 'suivant', 'je nen ai pas', "je n'en ai pas", 'aucun', 'aucune', 'rien', 'je préfère ne pas dire', 'sauter'],
    edit: ['modifier', 'changer', 'corriger', 'retour', 'revenir'],
  },
  intentWords: {
    affilié: 'affiliate', affilie: 'affiliate', affiliée: 'affiliate', affiliee: 'affiliate', affiliés: 'affiliate', affilies: 'affiliate', affiliation: 'affiliate',
    inscrire: 'join', inscription: 'join', rejoindre: 'join', postuler: 'apply', candidature: 'apply', candidater: 'apply', partenaire: 'partner',
    partenariat: 'partner', collaborer: 'partner', collaboration: 'partner', devenir: 'become', promouvoir: 'promote', programme: 'affiliate',
  },
  intentStopWords: ['je', 'j', 'veux', 'voudrais', 'souhaite', 'aimerais', 'me', 'm', 'vous', 'votre', 'vos', 'avec', 'chez', 'le', 'la', 'les', 'l', 'de', 'du', 'des', 'un', 'une', 'bonjour', 'salut', 'comment', 'pour', 'et', 'a', 'au'],
  questionStarts: ['quel', 'quelle', 'quels', 'quelles', 'comment', 'quand', 'où', 'ou est', 'pourquoi', 'combien', 'qui', 'est-ce que', 'est ce que', 'puis-je', 'puis je', 'y a-t-il', 'y a t il', 'peut-on', 'peut on', 'faut-il', 'payez-vous', 'proposez-vous', 'avez-vous'],
  optionWords: {
    youtube: ['chaîne', 'chaine', 'ma chaîne', 'chaîne youtube'],
    blog: ['site web', 'site internet', 'mon site', 'mon blog'],
    newsletter: ["lettre d'information", 'infolettre', 'liste de diffusion', 'liste mail'],
    podcast: ['mon podcast'],
    other: ['autre', 'autre chose', 'ailleurs'],
    organic_social: ['réseaux sociaux', 'reseaux sociaux', 'publications', 'contenu organique', 'mes abonnés', 'vidéos', 'bouche à oreille'],
    seo: ['référencement', 'referencement', 'référencement naturel', 'moteurs de recherche', 'moteur de recherche', 'articles de blog'],
    paid_ads: ['publicité', 'publicites', 'publicités', 'pubs', 'publicité payante', 'annonces', 'annonces payantes'],
    email: ['courriel', 'e-mail', 'emailing', 'mails'],
    coupons: ['codes promo', 'bons de réduction', 'coupons de réduction', 'bons plans', 'réductions'],
  },
  fillers: ["s'il vous plaît", "s'il te plaît", 'svp', 'merci', 'ok', 'bon', 'euh'],
};
