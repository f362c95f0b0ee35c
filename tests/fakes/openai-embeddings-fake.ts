import http from 'node:http';
import { closeServer, listen, readBody, sendJson } from './http-helpers';

/**
 * A local OpenAI-compatible embeddings endpoint (`POST /v1/embeddings`) for tests: the real `openai`
 * SDK talks to it over HTTP. Vectors are a hashed bag of "concepts": words in one synonym group
 * share a dimension, so "earnings" lands near "commission" although the words differ, which is
 * exactly what a lexical index cannot do. It records every input and can be told to fail.
 */
const SYNONYMS: string[][] = [
  ['commission', 'commissions', 'earn', 'earnings', 'income', 'money', 'rate', 'percentage', 'cut'],
  ['payout', 'payouts', 'paid', 'pay', 'payment', 'payday', 'salary', 'cash'],
  ['cookie', 'cookies', 'tracking', 'attribution', 'window', 'duration'],
  ['prohibited', 'forbidden', 'banned', 'allowed', 'not', 'spam'],
];

const IGNORED = new Set(['the', 'and', 'you', 'your', 'for', 'are', 'with', 'our', 'what', 'get', 'how', 'can', 'does', 'any', 'from', 'that', 'this']);

function conceptOf(word: string): string {
  const group = SYNONYMS.find((words) => words.includes(word));
  return group ? group[0] : word;
}

function hash(text: string): number {
  let value = 2166136261;
  for (let index = 0; index < text.length; index++) value = Math.imul(value ^ text.charCodeAt(index), 16777619);
  return value >>> 0;
}

export function fakeEmbedding(text: string, dimensions: number): number[] {
  const vector = new Array<number>(dimensions).fill(0);
  for (const word of text.toLowerCase().match(/[a-z0-9]+/g) ?? []) {
    if (word.length < 3 || IGNORED.has(word)) continue;
    vector[hash(conceptOf(word)) % dimensions] += 1;
  }
  vector[dimensions - 1] += 0.01; // never the zero vector
  return vector;
}

export interface EmbeddingsFake {
  baseUrl: string;
  /** Every input string received, in order. */
  inputs: string[];
  requests: Array<{ model: string; dimensions?: number; authorization?: string }>;
  /** While true, every request answers 500. */
  setFailing(failing: boolean): void;
  close(): Promise<void>;
}

export async function startEmbeddingsFake(options: { defaultDimensions?: number } = {}): Promise<EmbeddingsFake> {
  const inputs: string[] = [];
  const requests: EmbeddingsFake['requests'] = [];
  let failing = false;
  const server = http.createServer(async (request, response) => {
    const text = await readBody(request);
    if (request.method !== 'POST' || request.url !== '/v1/embeddings') {
      sendJson(response, 404, { error: { message: `No route ${request.method} ${request.url}`, type: 'invalid_request_error' } });
      return;
    }
    if (failing) {
      sendJson(response, 500, { error: { message: 'The embeddings fake was told to fail.', type: 'server_error' } });
      return;
    }
    const body = JSON.parse(text) as { model: string; input: string | string[]; dimensions?: number };
    const list = Array.isArray(body.input) ? body.input : [body.input];
    requests.push({ model: body.model, dimensions: body.dimensions, authorization: request.headers.authorization });
    inputs.push(...list);
    const dimensions = body.dimensions ?? options.defaultDimensions ?? 64;
    sendJson(response, 200, {
      object: 'list',
      model: body.model,
      data: list.map((input, index) => ({ object: 'embedding', index, embedding: fakeEmbedding(input, dimensions) })),
      usage: { prompt_tokens: list.length, total_tokens: list.length },
    });
  });
  const url = await listen(server);
  return {
    baseUrl: `${url}/v1`,
    inputs,
    requests,
    setFailing: (value) => {
      failing = value;
    },
    close: () => closeServer(server),
  };
}
