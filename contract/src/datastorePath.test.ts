import { datastorePath, parseDatastorePath } from './datastorePath';

const id = '0123456789abcdef0123456789abcdef';

describe('parseDatastorePath', () => {
  it('splits a HealthImaging path', () => {
    expect(parseDatastorePath(`/datastore/${id}/studies/1.2/series/`)).toEqual({
      basePath: '',
      datastoreId: id,
      resourcePath: 'studies/1.2/series',
    });
    expect(parseDatastorePath(datastorePath(id))).toEqual({ basePath: '', datastoreId: id, resourcePath: '' });
  });

  it('keeps what comes before /datastore/, as behind a viewer CDN path', () => {
    expect(parseDatastorePath(`/dicomweb/datastore/${id}/studies`)).toEqual({
      basePath: '/dicomweb',
      datastoreId: id,
      resourcePath: 'studies',
    });
  });

  it('finds nothing in a path without /datastore/<id>', () => {
    expect(parseDatastorePath('/studies/1.2')).toBeUndefined();
    expect(parseDatastorePath('/datastore')).toBeUndefined();
  });
});
