import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase, type Database } from '../../src/db/database';
import { createKnowledgeRepository, SEARCH_TEXT_VERSION_SETTING } from '../../src/knowledge/knowledge-repository';
import { SEARCH_TEXT_VERSION, searchLanguageOf, searchText, searchTokens, stem } from '../../src/knowledge/search-text';
import { createWritingKnowledge } from './fixture-corpus';

/**
 * The one normalisation of indexed text and questions: Snowball stemming per language, program
 * vocabulary folded onto one term, and stored text rebuilt when the normalisation changes.
 */
describe('search text', () => {
  it('stems with Snowball, so inflections of a word meet', () => {
    expect(['payments', 'payment'].map(stem)).toEqual(['payment', 'payment'].map(stem));
    expect(['commissions', 'commission'].map(stem)).toEqual([stem('commission'), stem('commission')]);
    expect(['applying', 'applies', 'applied', 'apply'].map(stem)).toEqual(Array(4).fill(stem('apply')));
    expect(stem('status')).toBe('status');
  });

  it('folds program vocabulary, so "when do you pay" meets "payouts are sent monthly"', () => {
    const question = new Set(searchTokens('When do you pay affiliates?'));
    const document = searchTokens('Payouts are sent monthly.');
    expect(document.filter((term) => question.has(term))).toEqual([stem('payout'), stem('schedule')]);
    expect(new Set(searchTokens('What percentage do I get?'))).toEqual(new Set(searchTokens('What rate do I get?')));
    expect(searchTokens('the attribution window')).toEqual(searchTokens('the cookie'.repeat(1)).concat(searchTokens('cookie')));
  });

  it('reads program phrases as one word, and leaves other words alone', () => {
    expect(searchTokens('Is pay per click allowed?')).toEqual(searchTokens('Is PPC allowed?'));
    expect(searchTokens('if the customer sends the order back')).toContain(stem('refund'));
    expect(searchTokens('Do you sell tents?')).toEqual([stem('sale'), stem('tent')]);
  });

  it('tells German, Spanish and French text apart by their stop words and stems each in its language', () => {
    expect(searchLanguageOf('Wie hoch ist die Provision für Partner?')).toBe('de');
    expect(searchLanguageOf('¿Cuánto se paga por las comisiones de los afiliados?')).toBe('es');
    expect(searchLanguageOf('Les commissions sont payées chaque mois.')).toBe('fr');
    expect(searchLanguageOf('PayPal?')).toBe('en');
    expect(searchTokens('Wie hoch ist die Provision?')).toEqual(['hoch', 'provision']);
    expect(searchTokens('Die Provisionen werden monatlich ausgezahlt.')).toContain('provision');
    expect(searchTokens('¿Cuándo pagan las comisiones?')).toContain(searchTokens('Las comisión de los afiliados es alta')[0]);
    // Accents are read by the stemmer first, then removed: "payées" and "payée" meet.
    expect(searchTokens('Les paiements sont envoyés.')).toEqual(searchTokens('Le paiement est envoyé.'));
  });

  describe('stored search text', () => {
    let directory: string;
    let db: Database;
    beforeEach(() => {
      directory = fs.mkdtempSync(path.join(os.tmpdir(), 'aa-search-text-'));
      db = openDatabase(path.join(directory, 'knowledge.sqlite'));
    });
    afterEach(() => {
      db.close();
      fs.rmSync(directory, { recursive: true, force: true });
    });

    it('is rebuilt once from the chunks when it was made by another version of the normalisation', async () => {
      const knowledge = createWritingKnowledge(db, directory);
      const setId = knowledge.createSet({ name: 'Program' }).id;
      knowledge.addFaq(setId, { kind: 'faq', question: 'When are payouts sent?', answer: 'We pay every month by PayPal.' });
      await knowledge.close();
      // As an older build would have left it: its own stems, its own version mark.
      db.prepare("UPDATE knowledge_fts SET title = 'old', headings = '', body = 'old stem'").run();
      db.prepare('UPDATE settings SET value = ? WHERE key = ?').run(JSON.stringify('hand-stemmer'), SEARCH_TEXT_VERSION_SETTING);

      const repository = createKnowledgeRepository(db);
      expect(repository.ensureSearchTextVersion()).toBe(1);
      const row = db.prepare('SELECT title, body FROM knowledge_fts').get() as { title: string; body: string };
      expect(row).toEqual({ title: searchText('When are payouts sent?'), body: searchText('We pay every month by PayPal.') });
      expect(JSON.parse((db.prepare('SELECT value FROM settings WHERE key = ?').get(SEARCH_TEXT_VERSION_SETTING) as { value: string }).value)).toBe(SEARCH_TEXT_VERSION);
      expect(repository.ensureSearchTextVersion()).toBeNull();
    });

    it('finds a German answer for a German question in other inflections, through FTS5', async () => {
      const knowledge = createWritingKnowledge(db, directory);
      const setId = knowledge.createSet({ name: 'Programm' }).id;
      knowledge.addFaq(setId, { kind: 'faq', question: 'Wie hoch sind die Provisionen?', answer: 'Die Provision beträgt 8 % auf jeden Verkauf.' });
      knowledge.addFaq(setId, { kind: 'faq', question: 'Wann wird ausgezahlt?', answer: 'Die Auszahlungen erfolgen monatlich per PayPal.' });
      // Two chunks make every word rare, so relevance is not the point here (minRelevance 0): the stems are.
      const hits = await knowledge.retrieve({ knowledgeSetIds: [setId], query: 'Welche Provision bekomme ich?', limit: 1, minRelevance: 0 });
      expect(hits.map((hit) => hit.title)).toEqual(['Wie hoch sind die Provisionen?']);
      await knowledge.close();
    });
  });
});
