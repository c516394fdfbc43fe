import { withImageSetId } from './imageSetUrl';

const imageSetId = 'fedcba9876543210fedcba9876543210';

describe('withImageSetId', () => {
  it('adds the image set to a URL without a query', () => {
    expect(withImageSetId('https://h/datastore/d/studies/1/series', imageSetId)).toBe(
      `https://h/datastore/d/studies/1/series?imageSetId=${imageSetId}`,
    );
  });

  it('keeps the query a request already has', () => {
    expect(withImageSetId('https://h/datastore/d/studies?limit=25&offset=0', imageSetId)).toBe(
      `https://h/datastore/d/studies?limit=25&offset=0&imageSetId=${imageSetId}`,
    );
  });

  it('leaves the URL alone without an image set', () => {
    expect(withImageSetId('https://h/datastore/d/studies?limit=25', undefined)).toBe(
      'https://h/datastore/d/studies?limit=25',
    );
  });
});
