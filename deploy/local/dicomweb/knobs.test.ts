import { EndpointOptionsError } from './errors';
import { EndpointKnobs, defaultKnobs, parseKnobs } from './knobs';

describe('parseKnobs', () => {
  it('accepts each knob', () => {
    expect(
      parseKnobs({
        addedLatencyMs: 25,
        throttle: { ratePerSecond: 5, burst: 10 },
        failNext: {
          count: 3,
          status: 403,
          message: 'Invalid or Expired Token',
          operations: ['GetDICOMInstanceFrames'],
        },
      }),
    ).toEqual({
      addedLatencyMs: 25,
      throttle: { ratePerSecond: 5, burst: 10 },
      failNext: { count: 3, status: 403, message: 'Invalid or Expired Token', operations: ['GetDICOMInstanceFrames'] },
    });
    expect(parseKnobs({ throttle: false, failNext: null })).toEqual({ throttle: false, failNext: null });
    expect(parseKnobs({ expireTokensIssuedBefore: 1_800_000_000 })).toEqual({
      expireTokensIssuedBefore: 1_800_000_000,
    });
    expect(parseKnobs({ expireTokensIssuedBefore: null })).toEqual({ expireTokensIssuedBefore: null });
    expect(parseKnobs({ skipAuthorization: true })).toEqual({ skipAuthorization: true });
  });

  it.each([
    [null, 'knobs must be an object'],
    [{ latency: 5 }, 'unknown knob "latency"'],
    [{ addedLatencyMs: -1 }, 'addedLatencyMs must be a whole number'],
    [{ throttle: { ratePerSecond: 5 } }, 'throttle.burst must be a whole number'],
    [{ failNext: { count: 0, status: 403, message: 'x' } }, 'failNext.count must be a whole number'],
    [{ failNext: { count: 1, status: 200, message: 'x' } }, 'failNext.status must be an HTTP error status'],
    [{ failNext: { count: 1, status: 403 } }, 'failNext.message must be a non-empty string'],
    [{ failNext: { count: 1, status: 403, message: 'x', operations: ['GetStudy'] } }, 'failNext.operations must be'],
    [{ failNext: { count: 1, status: 403, message: 'x', when: 'now' } }, 'failNext has unknown keys: when'],
    [{ expireTokensIssuedBefore: 'now' }, 'expireTokensIssuedBefore must be epoch seconds'],
    [{ skipAuthorization: 'yes' }, 'skipAuthorization must be true or false'],
  ])('refuses %j naming the problem', (value, message) => {
    expect(() => parseKnobs(value)).toThrow(EndpointOptionsError);
    expect(() => parseKnobs(value)).toThrow(message);
  });
});

describe('EndpointKnobs', () => {
  it('forces exactly `count` failures on matching operations, then none', () => {
    const knobs = new EndpointKnobs(defaultKnobs);
    knobs.apply(
      parseKnobs({
        failNext: {
          count: 2,
          status: 403,
          message: 'Invalid or Expired Token',
          operations: ['GetDICOMInstanceFrames'],
        },
      }),
    );
    expect(knobs.takeForcedFailure('SearchDICOMStudies')).toBeUndefined();
    expect(knobs.takeForcedFailure('GetDICOMInstanceFrames')).toMatchObject({
      status: 403,
      message: 'Invalid or Expired Token',
    });
    expect(knobs.current().failNext?.count).toBe(1);
    expect(knobs.takeForcedFailure('GetDICOMInstanceFrames')).toMatchObject({ status: 403 });
    expect(knobs.takeForcedFailure('GetDICOMInstanceFrames')).toBeUndefined();
    expect(knobs.current().failNext).toBeNull();
  });

  it('gives a forced 429 a Retry-After header', () => {
    const knobs = new EndpointKnobs(defaultKnobs);
    knobs.apply({ failNext: { count: 1, status: 429, message: 'Too many requests' } });
    expect(knobs.takeForcedFailure('StoreDICOM')?.headers).toEqual({ 'Retry-After': '1' });
  });

  it('keeps the knobs not given, and does not share state with the caller', () => {
    const knobs = new EndpointKnobs(defaultKnobs);
    const failNext = { count: 1, status: 503, message: 'Service Unavailable' };
    knobs.apply({ failNext });
    knobs.apply({ addedLatencyMs: 10 });
    knobs.takeForcedFailure('GetDICOMInstance');
    expect(failNext.count).toBe(1);
    expect(defaultKnobs.failNext).toBeNull();
    expect(knobs.current()).toEqual({
      addedLatencyMs: 10,
      throttle: { ratePerSecond: 50, burst: 100 },
      failNext: null,
      expireTokensIssuedBefore: null,
      skipAuthorization: false,
    });
  });
});
