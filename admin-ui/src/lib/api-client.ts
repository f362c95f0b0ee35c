import apiFetch from '@wordpress/api-fetch';
import { __ } from '@wordpress/i18n';
import { adminConfig } from './admin-config';
import { type FieldIssue, normalizeIssues } from './field-issues';

/**
 * Every service call goes through the plugin's signed proxy: `<restPath>/<service path without /v1/>`.
 * The proxy turns the service's `{ error: { code, message, details } }` into a WP_Error, so this
 * accepts both shapes and always throws an ApiError the screens can show.
 */
export class ApiError extends Error {
  readonly code: string;
  readonly status: number;
  readonly issues: FieldIssue[];

  constructor(message: string, options: { code: string; status: number; issues?: FieldIssue[] }) {
    super(message);
    this.name = new.target.name;
    this.code = options.code;
    this.status = options.status;
    this.issues = options.issues ?? [];
  }
}

interface WpErrorShape {
  code?: string;
  message?: string;
  data?: { status?: number; details?: unknown } | null;
  error?: { code?: string; message?: string; details?: unknown };
}

function issuesFromDetails(details: unknown): FieldIssue[] {
  if (Array.isArray(details)) return normalizeIssues(details);
  if (details && typeof details === 'object' && Array.isArray((details as { issues?: unknown }).issues)) {
    return normalizeIssues((details as { issues: unknown[] }).issues);
  }
  return [];
}

export function toApiError(thrown: unknown): ApiError {
  if (thrown instanceof ApiError) return thrown;
  const shape = (thrown ?? {}) as WpErrorShape;
  if (shape.error && typeof shape.error === 'object') {
    return new ApiError(shape.error.message ?? __('The request failed.', 'affiliate-agent'), {
      code: shape.error.code ?? 'unknown_error',
      status: 0,
      issues: issuesFromDetails(shape.error.details),
    });
  }
  if (typeof shape.code === 'string' || typeof shape.message === 'string') {
    return new ApiError(shape.message ?? __('The request failed.', 'affiliate-agent'), {
      code: shape.code ?? 'unknown_error',
      status: shape.data?.status ?? 0,
      issues: issuesFromDetails(shape.data?.details),
    });
  }
  if (thrown instanceof Error) return new ApiError(thrown.message, { code: 'network_error', status: 0 });
  return new ApiError(__('The request failed.', 'affiliate-agent'), { code: 'unknown_error', status: 0 });
}

export type QueryValue = string | number | boolean | null | undefined;

export function withQuery(path: string, query: Record<string, QueryValue> = {}): string {
  const parts = Object.entries(query)
    .filter(([, value]) => value !== undefined && value !== null && value !== '')
    .map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(String(value))}`);
  return parts.length ? `${path}${path.includes('?') ? '&' : '?'}${parts.join('&')}` : path;
}

/** Path on the WordPress REST API for a service admin path such as `leads?route=priority`. */
export function adminPath(servicePath: string): string {
  return `${adminConfig().restPath}/${servicePath.replace(/^\/+/, '').replace(/^v1\//, '')}`;
}

interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  data?: unknown;
  query?: Record<string, QueryValue>;
}

export async function serviceRequest<T>(servicePath: string, options: RequestOptions = {}): Promise<T> {
  try {
    return (await apiFetch({
      path: withQuery(adminPath(servicePath), options.query),
      method: options.method ?? 'GET',
      ...(options.data === undefined ? {} : { data: options.data }),
    })) as T;
  } catch (thrown) {
    throw toApiError(thrown);
  }
}

/** A plugin route outside the proxy (admin token, connection test). */
export async function pluginRequest<T>(path: string, options: RequestOptions = {}): Promise<T> {
  try {
    return (await apiFetch({
      path: withQuery(path, options.query),
      method: options.method ?? 'GET',
      ...(options.data === undefined ? {} : { data: options.data }),
    })) as T;
  } catch (thrown) {
    throw toApiError(thrown);
  }
}

/** Raw response for downloads (CSV export); apiFetch still adds the REST nonce. */
export async function serviceDownload(servicePath: string, query: Record<string, QueryValue> = {}): Promise<Blob> {
  try {
    const response = (await apiFetch({ path: withQuery(adminPath(servicePath), query), parse: false })) as Response;
    return await response.blob();
  } catch (thrown) {
    if (thrown && typeof (thrown as Response).json === 'function') {
      try {
        throw toApiError(await (thrown as Response).json());
      } catch (parsed) {
        throw toApiError(parsed);
      }
    }
    throw toApiError(thrown);
  }
}
