import { checkAuthorizerEvent } from './AuthorizerEvent';

const valid = {
  datastoreId: '10ca1da7a5e0d1c0b0e00000000000a1',
  operation: 'GetDICOMInstanceFrames',
  bearerToken: 'a.b.c',
};

it('returns the three documented fields of a valid event, nothing else', () => {
  expect(checkAuthorizerEvent({ ...valid, extra: 'ignored' })).toEqual(valid);
});

it.each([
  ['not an object', 'a.b.c'],
  ['null', null],
  ['an empty datastoreId', { ...valid, datastoreId: '' }],
  ['an unknown operation', { ...valid, operation: 'DeleteDatastore' }],
  ['an operation in other case', { ...valid, operation: 'getdicominstanceframes' }],
  ['an empty token', { ...valid, bearerToken: '' }],
  ['a token array', { ...valid, bearerToken: ['a.b.c'] }],
])('rejects %s', (_name, event) => {
  expect(checkAuthorizerEvent(event)).toBeUndefined();
});
