import { acceptNamesHtj2k, anySyntaxFramesAccept, htj2kFramesAccept } from './transferSyntax';

describe('transfer syntax helpers', () => {
  it('has the HealthImaging Accept headers', () => {
    expect(htj2kFramesAccept).toBe('multipart/related; type=image/jphc; transfer-syntax=1.2.840.10008.1.2.4.202');
    expect(anySyntaxFramesAccept).toBe('multipart/related; type=application/octet-stream; transfer-syntax=*');
  });

  it('recognises an Accept header naming HTJ2K', () => {
    expect(acceptNamesHtj2k(htj2kFramesAccept)).toBe(true);
    expect(acceptNamesHtj2k(`${anySyntaxFramesAccept}, ${htj2kFramesAccept}`)).toBe(true);
    expect(acceptNamesHtj2k(anySyntaxFramesAccept)).toBe(false);
    expect(acceptNamesHtj2k(null)).toBe(false);
  });
});
