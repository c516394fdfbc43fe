/** Counts for one operation (HealthImaging action name, or `Unmatched` for requests no route took). */
export interface OperationStats {
  requests: number;
  /** Responses by HTTP status, e.g. `{ "200": 40, "429": 3 }`. */
  byStatus: Record<string, number>;
  /** Requests that carried `Authorization: Bearer ...`. */
  withBearerToken: number;
  withoutBearerToken: number;
}

/** What the endpoint has served since it started or since the last reset. Preflights and `/__local/*` not counted. */
export interface EndpointStats {
  requests: number;
  byOperation: Record<string, OperationStats>;
  /** Responses by HTTP status over all operations. */
  byStatus: Record<string, number>;
  /** CORS preflights answered. */
  preflights: number;
  /** Failures forced by the `failNext` knob. */
  forcedFailures: number;
  /** 429 answers of the retrieve throttle (forced 429s are counted in `forcedFailures`). */
  throttled: number;
}

/** The operation name recorded for requests that matched no DICOMweb route. */
export const unmatchedOperation = 'Unmatched';

export class StatsRecorder {
  private stats = emptyStats();

  /** Records one answered DICOMweb request. */
  recordRequest(operation: string, status: number, hadBearerToken: boolean): void {
    const perOperation = (this.stats.byOperation[operation] ??= {
      requests: 0,
      byStatus: {},
      withBearerToken: 0,
      withoutBearerToken: 0,
    });
    perOperation.requests += 1;
    increment(perOperation.byStatus, String(status));
    if (hadBearerToken) perOperation.withBearerToken += 1;
    else perOperation.withoutBearerToken += 1;
    this.stats.requests += 1;
    increment(this.stats.byStatus, String(status));
  }

  recordPreflight(): void {
    this.stats.preflights += 1;
  }

  recordForcedFailure(): void {
    this.stats.forcedFailures += 1;
  }

  recordThrottled(): void {
    this.stats.throttled += 1;
  }

  /** A copy: later requests do not change it. */
  snapshot(): EndpointStats {
    return structuredClone(this.stats);
  }

  reset(): void {
    this.stats = emptyStats();
  }
}

function emptyStats(): EndpointStats {
  return { requests: 0, byOperation: {}, byStatus: {}, preflights: 0, forcedFailures: 0, throttled: 0 };
}

function increment(counts: Record<string, number>, key: string): void {
  counts[key] = (counts[key] ?? 0) + 1;
}
