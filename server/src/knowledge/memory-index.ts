import { BM25_B, BM25_COLUMN_WEIGHTS, BM25_K1, bm25Idf } from './bm25';

/**
 * An in-memory inverted index over the chunks' search text, ranked with the same BM25 as FTS5.
 *
 * Why it exists: FTS5's bm25() is called once per matching row, so a question whose words are common
 * (in a quarter of 100k chunks) costs 15–25 ms of CPU however few hits are wanted. Here a posting is
 * two numbers in typed arrays and scoring one is a multiply-add, so the same question takes well
 * under a millisecond, and ranking can afford every chosen word instead of guessing which to drop.
 * SQLite stays the source of truth: index-sync.ts loads this from knowledge_fts and follows changes.
 *
 * Layout: chunks live in "slots" (parallel typed arrays); a deleted chunk's slot is marked dead and
 * skipped, and dead entries are compacted away once they are a quarter of a posting list, or once
 * dead slots outnumber live ones. Each slot keeps its token sequence (term ids, a marker between
 * columns), which phrase scoring and exact document frequencies on removal need.
 */
export interface IndexedChunk {
  rowid: number;
  setId: string;
  /** Search text (search-text.ts) of the title, the heading path and the body, as stored in knowledge_fts. */
  columns: readonly [string, string, string];
}

export interface RankQuery {
  /** Normalised terms, scored each on its own (OR). */
  terms: string[];
  /** Adjacent term pairs that score again as a phrase when they appear side by side. */
  phrases: string[][];
  /** A word still being typed: every indexed term starting with it counts as one term. */
  prefix: string | null;
  setIds: string[];
  limit: number;
}

export interface RankedChunk {
  rowid: number;
  /** BM25, higher is better (FTS5's bm25() with the sign flipped). */
  score: number;
}

/** Column weights doubled, so 2.5 fits an integer posting weight. */
const DOUBLED_COLUMN_WEIGHTS = BM25_COLUMN_WEIGHTS.map((weight) => weight * 2);
const COLUMN_END = -1;
/** A prefix as short as three letters can match hundreds of terms; FTS5 would read them all, we read the first 64. */
const MAX_PREFIX_TERMS = 64;
/** Phrases re-rank this many of the best word matches (at least 4× the hits asked for). */
const PHRASE_RERANK_POOL = 50;
const MIN_DEAD_TO_COMPACT = 64;
const MIN_DEAD_SLOTS_TO_COMPACT = 1024;

interface Postings {
  slots: Int32Array;
  /** Column-weighted term frequency ×2 (title 5, heading 4, body 2 per occurrence). */
  weights: Uint16Array;
  length: number;
  /** Entries whose slot is alive: the term's document frequency. */
  live: number;
  dead: number;
}

type TypedArray = Int32Array | Uint16Array | Uint32Array | Float64Array;

function grown<T extends TypedArray>(array: T, needed: number): T {
  if (needed <= array.length) return array;
  const Constructor = array.constructor as new (length: number) => T;
  const next = new Constructor(Math.max(needed, array.length * 2, 16));
  (next as TypedArray).set(array as ArrayLike<number>);
  return next;
}

/** The `count` slots with the highest scores, best first (ties keep their order). */
function topSlots(candidates: Int32Array, candidateCount: number, scores: Float64Array, count: number): number[] {
  const best: number[] = [];
  for (let index = 0; index < candidateCount; index++) {
    const slot = candidates[index];
    const score = scores[slot];
    if (best.length === count && score <= scores[best[count - 1]]) continue;
    let position = best.length;
    best.push(slot);
    while (position > 0 && scores[best[position - 1]] < score) {
      best[position] = best[position - 1];
      position--;
    }
    best[position] = slot;
    if (best.length > count) best.pop();
  }
  return best;
}

/** The first position at or after `from` whose slot is ≥ `target` (slots ascend): doubling steps, then halving. */
function gallop(slots: Int32Array, length: number, from: number, target: number): number {
  let low = from;
  let high = from;
  let step = 1;
  while (high < length && slots[high] < target) {
    low = high + 1;
    high = low + step;
    step *= 2;
  }
  if (high > length) high = length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (slots[middle] < target) low = middle + 1;
    else high = middle;
  }
  return low;
}

export class MemoryIndex {
  private readonly termIds = new Map<string, number>();
  private readonly termNames: string[] = [];
  private postings: Postings[] = [];
  private sortedTerms: string[] | null = null;
  private termStamps = new Uint32Array(0);
  private stamp = 0;

  private readonly slotByRowid = new Map<number, number>();
  private readonly setIndexes = new Map<string, number>();
  private slotCount = 0;
  private slotRowid = new Float64Array(0);
  /** The chunk's set index + 1, and 0 once the chunk is deleted: one read answers "alive and wanted?". */
  private slotSet = new Uint32Array(0);
  /** Tokens over all columns (chunks are at most ~1,200 characters, far below the cap). */
  private slotLength = new Uint16Array(0);
  private slotTokenStart = new Uint32Array(0);
  private slotTokenEnd = new Uint32Array(0);
  private tokens = new Int32Array(0);
  private tokenCount = 0;

  private liveTokens = 0;
  private visited = 0;

  /** Per-slot scratch space for one query, all zero between queries. */
  private scores = new Float64Array(0);
  private prefixWeights = new Float64Array(0);
  private touched = new Int32Array(0);
  private prefixTouched = new Int32Array(0);

  get chunkCount(): number {
    return this.slotByRowid.size;
  }

  /** Postings entries scored in full passes, plus chunks looked up by galloping search, since creation: the work queries cost. */
  get postingsVisited(): number {
    return this.visited;
  }

  /** Chunks holding the term (0 when unknown). */
  documentFrequency(term: string): number {
    const id = this.termIds.get(term);
    return id === undefined ? 0 : this.postings[id].live;
  }

  /** The distinct terms of a chunk (empty when it is not indexed): what relevance checks a question against. */
  termsOf(rowid: number): Set<string> {
    const terms = new Set<string>();
    const slot = this.slotByRowid.get(rowid);
    if (slot === undefined) return terms;
    for (let index = this.slotTokenStart[slot]; index < this.slotTokenEnd[slot]; index++) {
      if (this.tokens[index] !== COLUMN_END) terms.add(this.termNames[this.tokens[index]]);
    }
    return terms;
  }

  /** Adds a chunk, replacing any earlier version with the same rowid. */
  add(chunk: IndexedChunk): void {
    this.remove(chunk.rowid);
    const slot = this.slotCount++;
    this.ensureSlotCapacity(this.slotCount);
    const start = this.tokenCount;
    const weights = new Map<number, number>();
    let length = 0;
    chunk.columns.forEach((text, column) => {
      for (const word of text.split(' ')) {
        if (word === '') continue;
        const term = this.termIdOf(word);
        this.pushToken(term);
        weights.set(term, (weights.get(term) ?? 0) + DOUBLED_COLUMN_WEIGHTS[column]);
        length++;
      }
      this.pushToken(COLUMN_END);
    });
    for (const [term, weight] of weights) this.appendPosting(this.postings[term], slot, Math.min(weight, 0xffff));
    this.slotRowid[slot] = chunk.rowid;
    this.slotSet[slot] = this.setIndexOf(chunk.setId) + 1;
    this.slotLength[slot] = Math.min(length, 0xffff);
    this.slotTokenStart[slot] = start;
    this.slotTokenEnd[slot] = this.tokenCount;
    this.slotByRowid.set(chunk.rowid, slot);
    this.liveTokens += length;
  }

  /** Removes a chunk; false when it was not indexed. */
  remove(rowid: number): boolean {
    const slot = this.slotByRowid.get(rowid);
    if (slot === undefined) return false;
    this.slotByRowid.delete(rowid);
    this.slotSet[slot] = 0;
    this.liveTokens -= this.slotLength[slot];
    const stamp = this.nextStamp();
    for (let index = this.slotTokenStart[slot]; index < this.slotTokenEnd[slot]; index++) {
      const term = this.tokens[index];
      if (term === COLUMN_END || this.termStamps[term] === stamp) continue;
      this.termStamps[term] = stamp;
      const postings = this.postings[term];
      postings.live--;
      postings.dead++;
      if (postings.dead >= MIN_DEAD_TO_COMPACT && postings.dead * 4 > postings.length) this.compactPostings(postings);
    }
    const deadSlots = this.slotCount - this.slotByRowid.size;
    if (deadSlots >= MIN_DEAD_SLOTS_TO_COMPACT && deadSlots > this.slotByRowid.size) this.compactSlots();
    return true;
  }

  /** The best chunks of the given sets for a query, best first. */
  rank(query: RankQuery): RankedChunk[] {
    const total = this.slotByRowid.size;
    if (total === 0 || query.limit <= 0) return [];
    // Indexed by slotSet: entry 0 (deleted chunks) stays 0.
    const allowed = new Uint8Array(this.setIndexes.size + 1);
    let anySet = false;
    for (const setId of query.setIds) {
      const index = this.setIndexes.get(setId);
      if (index === undefined) continue;
      allowed[index + 1] = 1;
      anySet = true;
    }
    if (!anySet) return [];

    const scoring = { allowed, averageLength: this.liveTokens / total, touchedCount: 0 };
    const rerank = query.phrases.length > 0;
    const poolSize = rerank ? Math.max(query.limit * 4, PHRASE_RERANK_POOL) : query.limit;
    if (query.prefix) scoring.touchedCount = this.scorePrefix(query.prefix, total, scoring);

    // MaxScore: terms rarest first. Once the chunks found so far fill the pool with scores that the
    // remaining (commoner) terms together could not reach, no chunk outside them can make the pool,
    // so those terms only add to the chunks already found, found by galloping search instead of a
    // full pass over postings that can cover half the site. The top results stay exact.
    const terms = [...new Set(query.terms)]
      .map((term) => this.postings[this.termIds.get(term) ?? -1])
      .filter((postings): postings is Postings => postings !== undefined && postings.live > 0)
      .map((postings) => ({ postings, idf: bm25Idf(postings.live, total) }))
      .sort((a, b) => b.idf - a.idf);
    // A term adds less than idf·(k1 + 1) to any chunk: f·(k1 + 1) / (f + k1·(…)) < k1 + 1.
    const totalBound = terms.reduce((sum, term) => sum + term.idf * (BM25_K1 + 1), 0);
    let remainingBound = totalBound;
    let found: Int32Array | null = null;
    for (const { postings, idf } of terms) {
      // No chunk scores more than the bounds of the terms done so far: only then can the pool's floor
      // beat the remaining bound, and only then is it worth finding that floor.
      const worthChecking = !found && scoring.touchedCount >= poolSize && totalBound - remainingBound > remainingBound;
      if (worthChecking && remainingBound < this.poolFloor(scoring.touchedCount, poolSize)) {
        found = this.touched.slice(0, scoring.touchedCount).sort();
      }
      if (found) this.addToFound(postings, idf, found, scoring.averageLength);
      else scoring.touchedCount = this.scoreTerm(postings.slots, postings.weights, postings.length, idf, scoring);
      remainingBound -= idf * (BM25_K1 + 1);
    }

    const best = topSlots(this.touched, scoring.touchedCount, this.scores, poolSize);
    const ranked = best.map((slot) => ({ slot, score: this.scores[slot] }));
    for (let index = 0; index < scoring.touchedCount; index++) this.scores[this.touched[index]] = 0;
    if (rerank) {
      for (const entry of ranked) entry.score += this.phraseScore(entry.slot, query.phrases, total, scoring.averageLength);
      ranked.sort((a, b) => b.score - a.score);
    }
    return ranked.slice(0, query.limit).map(({ slot, score }) => ({ rowid: this.slotRowid[slot], score }));
  }

  /** Typed-array bytes held (the Maps of terms and rowids come on top: roughly 100 bytes per entry). */
  memoryBytes(): number {
    let bytes = this.tokens.byteLength + this.termStamps.byteLength + this.scores.byteLength * 2 + this.touched.byteLength * 2;
    bytes += this.slotRowid.byteLength + this.slotSet.byteLength + this.slotLength.byteLength;
    bytes += this.slotTokenStart.byteLength + this.slotTokenEnd.byteLength;
    for (const postings of this.postings) bytes += postings.slots.byteLength + postings.weights.byteLength;
    return bytes;
  }

  get termCount(): number {
    return this.termIds.size;
  }

  /** The lowest score in the current pool of best chunks. */
  private poolFloor(touchedCount: number, poolSize: number): number {
    const pool = topSlots(this.touched, touchedCount, this.scores, poolSize);
    return this.scores[pool[pool.length - 1]];
  }

  /** Adds a term's score to the chunks already found (ascending slots), skipping along its sorted postings. */
  private addToFound(postings: Postings, idf: number, found: Int32Array, averageLength: number): void {
    const { slots, weights, length } = postings;
    const { scores, slotLength } = this;
    const constant = BM25_K1 * (1 - BM25_B);
    const perToken = (BM25_K1 * BM25_B) / averageLength;
    let position = 0;
    this.visited += found.length;
    for (let index = 0; index < found.length && position < length; index++) {
      const slot = found[index];
      position = gallop(slots, length, position, slot);
      if (position < length && slots[position] === slot) {
        const frequency = weights[position] * 0.5;
        scores[slot] += (idf * frequency * (BM25_K1 + 1)) / (frequency + constant + perToken * slotLength[slot]);
      }
    }
  }

  private scoreTerm(
    slots: Int32Array,
    weights: Uint16Array | Float64Array,
    length: number,
    idf: number,
    scoring: { allowed: Uint8Array; averageLength: number; touchedCount: number },
  ): number {
    const { slotSet, slotLength, scores, touched } = this;
    const { allowed } = scoring;
    // k1·(1 − b + b·|D|/avgdl) = constant + perToken·|D|
    const constant = BM25_K1 * (1 - BM25_B);
    const perToken = (BM25_K1 * BM25_B) / scoring.averageLength;
    let touchedCount = scoring.touchedCount;
    this.visited += length;
    for (let index = 0; index < length; index++) {
      const slot = slots[index];
      if (allowed[slotSet[slot]] === 0) continue;
      const frequency = weights[index] * 0.5;
      if (scores[slot] === 0) touched[touchedCount++] = slot;
      scores[slot] += (idf * frequency * (BM25_K1 + 1)) / (frequency + constant + perToken * slotLength[slot]);
    }
    return touchedCount;
  }

  /** FTS5 reads `"payo"*` as one term: frequencies summed over every matching word, IDF from the chunks holding any. */
  private scorePrefix(prefix: string, total: number, scoring: { allowed: Uint8Array; averageLength: number; touchedCount: number }): number {
    const { slotSet, prefixWeights, prefixTouched } = this;
    let count = 0;
    for (const term of this.termsStartingWith(prefix)) {
      const postings = this.postings[this.termIds.get(term)!];
      for (let index = 0; index < postings.length; index++) {
        const slot = postings.slots[index];
        if (slotSet[slot] === 0) continue;
        if (prefixWeights[slot] === 0) prefixTouched[count++] = slot;
        prefixWeights[slot] += postings.weights[index];
      }
    }
    if (count === 0) return scoring.touchedCount;
    const frequencies = new Float64Array(count);
    for (let index = 0; index < count; index++) {
      frequencies[index] = prefixWeights[prefixTouched[index]];
      prefixWeights[prefixTouched[index]] = 0;
    }
    return this.scoreTerm(prefixTouched.slice(0, count), frequencies, count, bm25Idf(count, total), scoring);
  }

  private termsStartingWith(prefix: string): string[] {
    if (!this.sortedTerms) this.sortedTerms = [...this.termIds.keys()].sort();
    const terms = this.sortedTerms;
    let low = 0;
    let high = terms.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (terms[middle] < prefix) low = middle + 1;
      else high = middle;
    }
    const matches: string[] = [];
    for (let index = low; index < terms.length && matches.length < MAX_PREFIX_TERMS && terms[index].startsWith(prefix); index++) matches.push(terms[index]);
    return matches;
  }

  /**
   * Phrase score of one chunk: each pair found side by side in one column counts like a term. FTS5
   * takes a phrase's IDF from the chunks holding the phrase; the rarer word's IDF is a lower bound.
   */
  private phraseScore(slot: number, phrases: string[][], total: number, averageLength: number): number {
    let score = 0;
    for (const [first, second] of phrases) {
      const a = this.termIds.get(first);
      const b = this.termIds.get(second);
      if (a === undefined || b === undefined) continue;
      let column = 0;
      let frequency = 0;
      for (let index = this.slotTokenStart[slot]; index + 1 < this.slotTokenEnd[slot]; index++) {
        const token = this.tokens[index];
        if (token === COLUMN_END) column++;
        else if (token === a && this.tokens[index + 1] === b) frequency += BM25_COLUMN_WEIGHTS[column];
      }
      if (frequency === 0) continue;
      const idf = bm25Idf(Math.min(this.postings[a].live, this.postings[b].live), total);
      score += (idf * frequency * (BM25_K1 + 1)) / (frequency + BM25_K1 * (1 - BM25_B + (BM25_B * this.slotLength[slot]) / averageLength));
    }
    return score;
  }

  private termIdOf(word: string): number {
    let id = this.termIds.get(word);
    if (id === undefined) {
      id = this.postings.length;
      this.termIds.set(word, id);
      this.termNames.push(word);
      this.postings.push({ slots: new Int32Array(4), weights: new Uint16Array(4), length: 0, live: 0, dead: 0 });
      this.termStamps = grown(this.termStamps, id + 1);
      this.sortedTerms = null;
    }
    return id;
  }

  private setIndexOf(setId: string): number {
    let index = this.setIndexes.get(setId);
    if (index === undefined) {
      index = this.setIndexes.size;
      this.setIndexes.set(setId, index);
    }
    return index;
  }

  private pushToken(token: number): void {
    this.tokens = grown(this.tokens, this.tokenCount + 1);
    this.tokens[this.tokenCount++] = token;
  }

  private appendPosting(postings: Postings, slot: number, weight: number): void {
    postings.slots = grown(postings.slots, postings.length + 1);
    postings.weights = grown(postings.weights, postings.length + 1);
    postings.slots[postings.length] = slot;
    postings.weights[postings.length] = weight;
    postings.length++;
    postings.live++;
  }

  private ensureSlotCapacity(count: number): void {
    this.slotRowid = grown(this.slotRowid, count);
    this.slotSet = grown(this.slotSet, count);
    this.slotLength = grown(this.slotLength, count);
    this.slotTokenStart = grown(this.slotTokenStart, count);
    this.slotTokenEnd = grown(this.slotTokenEnd, count);
    if (this.scores.length < count) {
      const capacity = this.slotRowid.length;
      this.scores = new Float64Array(capacity);
      this.prefixWeights = new Float64Array(capacity);
      this.touched = new Int32Array(capacity);
      this.prefixTouched = new Int32Array(capacity);
    }
  }

  private nextStamp(): number {
    if (this.stamp === 0xffffffff) {
      this.termStamps.fill(0);
      this.stamp = 0;
    }
    return ++this.stamp;
  }

  private compactPostings(postings: Postings): void {
    let kept = 0;
    for (let index = 0; index < postings.length; index++) {
      if (this.slotSet[postings.slots[index]] === 0) continue;
      postings.slots[kept] = postings.slots[index];
      postings.weights[kept] = postings.weights[index];
      kept++;
    }
    postings.length = kept;
    postings.dead = 0;
  }

  /** Renumbers the live slots densely and drops the dead ones' tokens (after heavy churn). */
  private compactSlots(): void {
    const renumbered = new Int32Array(this.slotCount).fill(-1);
    const tokens = new Int32Array(this.tokenCount);
    let tokenCount = 0;
    let slotCount = 0;
    for (let slot = 0; slot < this.slotCount; slot++) {
      if (this.slotSet[slot] === 0) continue;
      const start = this.slotTokenStart[slot];
      const end = this.slotTokenEnd[slot];
      tokens.set(this.tokens.subarray(start, end), tokenCount);
      this.slotRowid[slotCount] = this.slotRowid[slot];
      this.slotSet[slotCount] = this.slotSet[slot];
      this.slotLength[slotCount] = this.slotLength[slot];
      this.slotTokenStart[slotCount] = tokenCount;
      this.slotTokenEnd[slotCount] = tokenCount + (end - start);
      tokenCount += end - start;
      renumbered[slot] = slotCount++;
    }
    this.slotSet.fill(0, slotCount);
    for (const postings of this.postings) {
      let kept = 0;
      for (let index = 0; index < postings.length; index++) {
        const slot = renumbered[postings.slots[index]];
        if (slot < 0) continue;
        postings.slots[kept] = slot;
        postings.weights[kept] = postings.weights[index];
        kept++;
      }
      postings.length = kept;
      postings.dead = 0;
    }
    this.tokens = tokens;
    this.tokenCount = tokenCount;
    this.slotCount = slotCount;
    this.slotByRowid.clear();
    for (let slot = 0; slot < slotCount; slot++) this.slotByRowid.set(this.slotRowid[slot], slot);
  }
}
