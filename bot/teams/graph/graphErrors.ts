// What a Graph request's failure means, as types the features decide on: refused for good (403: no
// permission, or an Exchange application access policy that leaves the mailbox out; 404), throttled past
// the client's bound (try later), or anything else. Each carries a status and Graph's error code only.

export abstract class GraphError extends Error {
  /** `http403`, `http429`, `AbortError` …: what the outbox records as `lastError`. */
  abstract readonly status: string;
  constructor(readonly code: string | undefined) {
    super(code ?? 'graph');
  }
}

export class GraphForbidden extends GraphError {
  override name = 'GraphForbidden';
  readonly status = 'http403';
}

export class GraphNotFound extends GraphError {
  override name = 'GraphNotFound';
  readonly status = 'http404';
}

/** Graph still answered 429 (or 503/504) after the client's tries or total wait: `retryAfterMs` is its last ask. */
export class GraphThrottled extends GraphError {
  override name = 'GraphThrottled';
  readonly status: string;
  constructor(
    httpStatus: number,
    readonly retryAfterMs: number,
    code?: string,
  ) {
    super(code);
    this.status = `http${httpStatus}`;
  }
}

export class GraphFailed extends GraphError {
  override name = 'GraphFailed';
  constructor(
    readonly status: string,
    code?: string,
  ) {
    super(code);
  }
}
