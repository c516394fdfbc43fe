import { corsResponseHeaders, preflightResponse } from './cors';

const viewer = 'http://127.0.0.1:3000';

describe('cors', () => {
  it('allows an exactly matching origin on actual responses and exposes the headers clients read', () => {
    expect(corsResponseHeaders(viewer, [viewer])).toEqual({
      'Access-Control-Allow-Origin': viewer,
      Vary: 'Origin',
      'Access-Control-Expose-Headers': 'Content-Type, Content-Length, Retry-After, Content-Location',
    });
  });

  it('gives other origins, near misses included, only Vary', () => {
    for (const origin of [undefined, 'http://127.0.0.1:3001', 'http://localhost:3000', `${viewer}/`, 'null']) {
      expect(corsResponseHeaders(origin, [viewer])).toEqual({ Vary: 'Origin' });
    }
  });

  it('answers an allowed preflight with 204, methods, headers and max-age', () => {
    expect(preflightResponse(viewer, ['http://other.test', viewer])).toEqual({
      status: 204,
      headers: {
        'Access-Control-Allow-Origin': viewer,
        'Access-Control-Allow-Methods': 'GET, POST, OPTIONS',
        'Access-Control-Allow-Headers': 'Authorization, Accept, Content-Type',
        'Access-Control-Max-Age': '600',
        Vary: 'Origin',
      },
    });
  });

  it('answers a preflight from another origin with 403 and no allowance', () => {
    expect(preflightResponse('http://evil.test', [viewer])).toEqual({ status: 403, headers: { Vary: 'Origin' } });
  });
});
