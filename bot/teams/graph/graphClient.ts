// The bot's one Microsoft Graph client: plain fetch with an app-only token, obeying Graph's throttling
// (429, and 503/504 with Retry-After: https://learn.microsoft.com/graph/throttling) within a bound of
// tries and of total waiting, then a typed failure the caller turns into a later retry. 403 and 404 are
// failures of their own, which the features map to what the coordinator is told. Nothing else in the
// bot calls Graph.
import { GraphFailed, GraphForbidden, GraphNotFound, GraphThrottled } from './graphErrors';

/** An app-only token for the tenant (tokens.ts); tests give a fixed one. */
export type GraphTokens = (tenantId: string) => Promise<string>;

export interface GraphClientOptions {
  /** `https://graph.microsoft.com/v1.0`, or a local stub's address in tests. */
  baseUrl: string;
  tokens: GraphTokens;
  /** Tries of one request while Graph throttles it (default 4: the first and three more). */
  maxTries?: number;
  /** At most this long waited in all for one request's Retry-Afters (default 30 s); a longer wait is left to the outbox. */
  maxTotalWaitMs?: number;
  /** A Retry-After-less 429 or 503 waits this long before try n (default 1 s, 2 s, 4 s …). */
  backoffMs?: (tries: number) => number;
  /** Waiting, injected so tests never wait for real. */
  sleep?: (ms: number) => Promise<void>;
  /** One request may take this long (default 15 s). */
  requestTimeoutMs?: number;
  fetch?: typeof fetch;
}

export interface GraphRequest {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  /** Below the base URL, e.g. `/users/{id}/events`; ids are escaped by the caller (`graphPath`). */
  path: string;
  body?: unknown;
}

/** A path with each id escaped: `graphPath\`/users/${id}/events\``. */
export const graphPath = (parts: TemplateStringsArray, ...ids: string[]): string =>
  parts.reduce((path, part, index) => path + part + (index < ids.length ? encodeURIComponent(ids[index]!) : ''), '');

const RETRIED = new Set([429, 503, 504]);

export class GraphClient {
  private readonly maxTries: number;
  private readonly maxTotalWaitMs: number;
  private readonly backoffMs: (tries: number) => number;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly requestTimeoutMs: number;
  private readonly fetch: typeof fetch;

  constructor(private readonly options: GraphClientOptions) {
    this.maxTries = Math.max(1, options.maxTries ?? 4);
    this.maxTotalWaitMs = options.maxTotalWaitMs ?? 30_000;
    this.backoffMs = options.backoffMs ?? ((tries) => 1_000 * 2 ** (tries - 1));
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    this.requestTimeoutMs = options.requestTimeoutMs ?? 15_000;
    this.fetch = options.fetch ?? fetch;
  }

  /**
   * The response's JSON (undefined for 202 and 204). Throws GraphThrottled when Graph still throttles
   * after the bound (with how long it asked to wait), GraphForbidden (403), GraphNotFound (404) or
   * GraphFailed (anything else, with its status or error name: never a body).
   */
  async request<T>(tenantId: string, { method, path, body }: GraphRequest): Promise<T | undefined> {
    let waited = 0;
    for (let tries = 1; ; tries++) {
      const response = await this.send(tenantId, method, path, body);
      if (response.ok) {
        if (response.status === 202 || response.status === 204) return undefined;
        const text = await response.text();
        return text === '' ? undefined : (JSON.parse(text) as T);
      }
      const code = await errorCodeOf(response);
      if (response.status === 403) throw new GraphForbidden(code);
      if (response.status === 404) throw new GraphNotFound(code);
      if (!RETRIED.has(response.status)) throw new GraphFailed(`http${response.status}`, code);
      const asked = retryAfterMsOf(response.headers.get('retry-after'));
      const waitMs = asked ?? this.backoffMs(tries);
      if (tries >= this.maxTries || waited + waitMs > this.maxTotalWaitMs) throw new GraphThrottled(response.status, waitMs, code);
      waited += waitMs;
      await this.sleep(waitMs);
    }
  }

  private async send(tenantId: string, method: string, path: string, body: unknown): Promise<Response> {
    const token = await this.options.tokens(tenantId);
    try {
      return await this.fetch(`${this.options.baseUrl}${path}`, {
        method,
        headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        signal: AbortSignal.timeout(this.requestTimeoutMs),
      });
    } catch (error) {
      throw new GraphFailed(error instanceof Error ? error.name : 'fetch');
    }
  }
}

/** Retry-After in seconds (Graph's form) or an HTTP date, in milliseconds. */
function retryAfterMsOf(value: string | null): number | undefined {
  const trimmed = value?.trim();
  if (!trimmed) return undefined;
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Number(trimmed) * 1000;
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now());
}

/** Graph's `error.code` (e.g. `ErrorAccessDenied`), when the body has one: a code, never the message. */
async function errorCodeOf(response: Response): Promise<string | undefined> {
  try {
    const code = ((await response.json()) as { error?: { code?: unknown } }).error?.code;
    return typeof code === 'string' && /^[A-Za-z0-9_.]{1,80}$/.test(code) ? code : undefined;
  } catch {
    return undefined;
  }
}
