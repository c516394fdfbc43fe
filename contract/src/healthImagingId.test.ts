import { isHealthImagingId } from './healthImagingId';

describe('isHealthImagingId', () => {
  it.each(['0123456789abcdef0123456789abcdef', 'zyxwvutsrqponmlkjihgfedcba012345'])('accepts %s', id => {
    expect(isHealthImagingId(id)).toBe(true);
  });

  it.each([
    ['upper case', '0123456789ABCDEF0123456789ABCDEF'],
    ['31 characters', '0123456789abcdef0123456789abcde'],
    ['33 characters', '0123456789abcdef0123456789abcdef0'],
    ['a dash', '0123456789abcdef-123456789abcdef'],
    ['a trailing newline', '0123456789abcdef0123456789abcdef\n'],
    ['not a string', 12345],
  ])('refuses %s', (_case, value) => {
    expect(isHealthImagingId(value)).toBe(false);
  });
});
