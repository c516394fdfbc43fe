import type { IncomingMessage } from 'node:http';
import { BadRequestError, EndpointOptionsError, MethodNotAllowedError, NotFoundError } from './errors';
import type { Knobs } from './knobs';
import { readBody } from './readBody';
import { jsonReply, type Reply } from './reply';
import type { EndpointStats } from './stats';
import type { EventLoopDelay } from './eventLoopDelay';

/** The path prefix of the test-control routes (served only with `testControl: true`). */
export const testControlPrefix = '/__local/';

export interface TestControlTarget {
  stats(): EndpointStats;
  resetStats(): void;
  /** @throws EndpointOptionsError for knobs that do not check out. */
  setKnobs(knobs: unknown): void;
  knobs(): Knobs;
  eventLoopDelay(): EventLoopDelay;
  resetEventLoopDelay(): void;
}

/** Largest knobs body accepted. */
const maxKnobsBytes = 64 * 1024;

/**
 * `GET /__local/stats`, `POST /__local/stats/reset` (answers the emptied stats), `POST /__local/knobs` with a
 * JSON object of knobs (answers the knobs now in force), `GET /__local/event-loop-delay` and
 * `POST /__local/event-loop-delay/reset` (the process's event-loop delay since the last reset). No token: these
 * exist for local tests and benchmarks.
 */
export async function serveTestControl(
  request: IncomingMessage,
  pathname: string,
  target: TestControlTarget,
): Promise<Reply> {
  const method = request.method ?? 'GET';
  const expect = (allowed: string) => {
    if (method !== allowed) throw new MethodNotAllowedError(method, [allowed]);
  };
  switch (pathname) {
    case '/__local/stats':
      expect('GET');
      return jsonReply(200, target.stats());
    case '/__local/stats/reset':
      expect('POST');
      target.resetStats();
      return jsonReply(200, target.stats());
    case '/__local/event-loop-delay':
      expect('GET');
      return jsonReply(200, target.eventLoopDelay());
    case '/__local/event-loop-delay/reset':
      expect('POST');
      target.resetEventLoopDelay();
      return jsonReply(200, target.eventLoopDelay());
    case '/__local/knobs': {
      expect('POST');
      const text = (await readBody(request, maxKnobsBytes)).toString('utf8');
      let knobs: unknown;
      try {
        knobs = JSON.parse(text);
      } catch {
        throw new BadRequestError('The knobs body must be a JSON object, e.g. {"addedLatencyMs": 50}');
      }
      try {
        target.setKnobs(knobs);
      } catch (error) {
        if (error instanceof EndpointOptionsError) throw new BadRequestError(error.message);
        throw error;
      }
      return jsonReply(200, target.knobs());
    }
    default:
      throw new NotFoundError(
        'Test-control routes: GET /__local/stats, POST /__local/stats/reset, POST /__local/knobs, ' +
          'GET /__local/event-loop-delay, POST /__local/event-loop-delay/reset',
      );
  }
}
