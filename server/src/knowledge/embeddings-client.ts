import OpenAI from 'openai';

/**
 * Optional embeddings from an OpenAI-compatible endpoint. Off unless AA_EMBEDDINGS_MODEL is set;
 * the endpoint and key are the service's OpenAI settings (AA_OPENAI_BASE_URL, AA_OPENAI_API_KEY).
 * Vectors are normalised to unit length here, so similarity later is a plain dot product.
 */
export interface EmbeddingsSettings {
  model: string;
  dimensions: number | null;
  baseUrl?: string;
  apiKey?: string;
  timeoutMs: number;
}

export interface EmbeddingsClient {
  model: string;
  /** Part of the cache key of stored vectors: the configured dimensions, or 0 for the model's default. */
  dimensionsKey: number;
  embed(texts: string[]): Promise<Float32Array[]>;
}

export function embeddingsSettingsFromEnvironment(
  environment: NodeJS.ProcessEnv,
  openai: { apiKey?: string; baseUrl?: string; timeoutMs: number },
): EmbeddingsSettings | null {
  const model = environment.AA_EMBEDDINGS_MODEL?.trim();
  if (!model) return null;
  const dimensionsText = environment.AA_EMBEDDINGS_DIMENSIONS?.trim();
  const dimensions = dimensionsText ? Number(dimensionsText) : null;
  if (dimensions !== null && (!Number.isInteger(dimensions) || dimensions < 1 || dimensions > 8192)) {
    throw new Error(`AA_EMBEDDINGS_DIMENSIONS: expected a whole number between 1 and 8192, got '${dimensionsText}'.`);
  }
  return { model, dimensions, baseUrl: openai.baseUrl, apiKey: openai.apiKey, timeoutMs: openai.timeoutMs };
}

function normalise(values: number[]): Float32Array {
  const vector = Float32Array.from(values);
  let length = 0;
  for (const value of vector) length += value * value;
  length = Math.sqrt(length) || 1;
  for (let index = 0; index < vector.length; index++) vector[index] /= length;
  return vector;
}

export function createEmbeddingsClient(settings: EmbeddingsSettings): EmbeddingsClient {
  // Local endpoints (Ollama, vLLM) need no key, but the SDK insists on one.
  const client = new OpenAI({ apiKey: settings.apiKey ?? 'not-needed', baseURL: settings.baseUrl, timeout: settings.timeoutMs, maxRetries: 1 });
  return {
    model: settings.model,
    dimensionsKey: settings.dimensions ?? 0,
    async embed(texts) {
      const response = await client.embeddings.create({
        model: settings.model,
        input: texts,
        ...(settings.dimensions ? { dimensions: settings.dimensions } : {}),
        encoding_format: 'float',
      });
      const vectors = [...response.data].sort((a, b) => a.index - b.index).map((item) => normalise(item.embedding));
      if (vectors.length !== texts.length) throw new Error(`The embeddings endpoint returned ${vectors.length} vectors for ${texts.length} texts.`);
      return vectors;
    },
  };
}
