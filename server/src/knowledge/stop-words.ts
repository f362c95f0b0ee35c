import type { SearchLanguage } from './stemming';

/**
 * Words that carry no topic, per language (accents removed, as compared). Dropped from both the index
 * and queries: they would match almost every chunk, cost the most to scan and add nothing to BM25's
 * ranking. They also tell the language of a text apart (text-language.ts).
 */
const words = (list: string) => new Set(list.split(/\s+/).filter(Boolean));

export const STOP_WORDS_BY_LANGUAGE: Readonly<Record<SearchLanguage, ReadonlySet<string>>> = {
  en: words(`a about above after again against all am an and any are aren as at be because been before being below
  between both but by can cannot could couldn did didn do does doesn doing don down during each few for from
  further had hadn has hasn have haven having he her here hers herself him himself his how i if in into is isn
  it its itself just let me more most mustn my myself no nor not of off on once only or other ought our ours
  ourselves out over same shan she should shouldn so some such than that the their theirs them themselves
  then there these they this those through to too under until up very was wasn we were weren what where
  which while who whom why will with won would wouldn you your yours yourself yourselves s t d ll m re ve y
  also get got please tell know want wondering hi hello hey thanks thank ok okay would like may might must
  much many anything something really often still ever even already able possible exactly actually currently usually
  basically anyway someone anyone everyone somebody anybody stuff thing things kind kinds sort`),
  de: words(`aber alle allem allen aller alles als also am an ander andere anderem anderen anderer anderes auch auf aus bei
  bin bis bist da damit dann das dass dein deine dem den der des dich die dies diese diesem diesen dieser dieses dir
  doch dort du durch ein eine einem einen einer eines er es etwas euch euer eure fur gegen gewesen hab habe haben hat
  hatte hier hin hinter ich ihm ihn ihnen ihr ihre im in ist ja jede jedem jeden jeder jedes jetzt kann kein keine
  konnen konnte man manche mein meine mich mir mit muss musste nach nicht nichts noch nun nur ob oder ohne sehr sein
  seine sich sie sind so solche soll sollte sondern um und uns unser unter viel vom von vor wann war waren warum was
  weil welche wenn wer werde werden wie wieder will wir wird wo wurde zu zum zur uber hallo bitte danke gibt`),
  es: words(`a al algo algunas algunos ante antes como con contra cual cuando de del desde donde durante e el ella ellas
  ellos en entre era eres es esa esas ese eso esos esta estas este esto estos estoy fue ha hay la las le les lo los
  me mi mis mucho muy mas ni no nos nosotros o os otra otro para pero poco por porque que quien se sea ser si sin
  sobre son soy su sus tambien te tengo ti tiene tienen todo todos tu tus un una uno unos usted ustedes vosotros y
  ya yo hola gracias puedo puede cuanto cuanta cuantos cuantas`),
  fr: words(`a ai au aux avec avez avons c ce ces cet cette d dans de des du elle elles en est et etre eu il ils j je l la
  le les leur leurs lui m ma mais me mes moi mon n ne nos notre nous on ont ou par pas peut peux pour qu que quel
  quelle quels qui s sa sans se ses si son sont sur ta te tes toi ton tu un une vos votre vous y est ete bonjour
  merci combien comment quand faut fait chaque`),
};

