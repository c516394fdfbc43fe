import { acceptNamesHtj2k, anySyntaxFramesAccept, htj2kFramesAccept, isFramesUrl } from './transferSyntax';

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

  it('recognises frames URLs', () => {
    expect(isFramesUrl('https://h/datastore/d/studies/1/series/2/instances/3/frames/1,2')).toBe(true);
    expect(isFramesUrl('https://h/datastore/d/studies/1/series/2/instances/3/frames/1?imageSetId=x')).toBe(true);
    expect(isFramesUrl('https://h/datastore/d/studies/1/series/2/instances/3')).toBe(false);
    expect(isFramesUrl('https://h/datastore/d/studies/1/series/2/metadata')).toBe(false);
  });
});
