import { watchImageLoadPool, type ImageLoadPool } from './watchImageLoadPool';

function pool(): ImageLoadPool & { queued: unknown[][] } {
  const queued: unknown[][] = [];
  return {
    queued,
    addRequest(...args: unknown[]) {
      queued.push(args);
    },
  };
}

describe('watchImageLoadPool', () => {
  it('reports the URL and priority of each image request and queues it unchanged', () => {
    const target = pool();
    const seen: string[] = [];
    watchImageLoadPool(target, (url, priority) => seen.push(`${priority} ${url}`));
    const requestFn = () => undefined;
    target.addRequest(
      requestFn,
      'interaction',
      { imageId: 'wadors:https://h/datastore/d/studies/1/series/2/instances/3/frames/1' },
      -5,
    );
    target.addRequest(requestFn, 'prefetch', { imageId: 'streaming-wadors:http://127.0.0.1:5002/x/frames/2' });
    target.addRequest(requestFn, 'compute', { imageId: 'wadors:https://h/y/frames/3' });
    target.addRequest(requestFn, 'thumbnail', { imageId: 'dicomfile:0' });
    target.addRequest(requestFn, 'prefetch', undefined);
    expect(seen).toEqual([
      'interaction https://h/datastore/d/studies/1/series/2/instances/3/frames/1',
      'prefetch http://127.0.0.1:5002/x/frames/2',
      'prefetch https://h/y/frames/3',
    ]);
    expect(target.queued).toHaveLength(5);
    expect(target.queued[0]).toEqual([
      requestFn,
      'interaction',
      { imageId: 'wadors:https://h/datastore/d/studies/1/series/2/instances/3/frames/1' },
      -5,
    ]);
  });

  it('stops watching when told, unless something wrapped the pool since', () => {
    const target = pool();
    const original = target.addRequest;
    const stop = watchImageLoadPool(target, () => undefined);
    stop();
    expect(target.addRequest).toBe(original);
    const stopAgain = watchImageLoadPool(target, () => undefined);
    const wrappedLater = target.addRequest;
    target.addRequest = (...args) => wrappedLater.apply(target, args);
    const outer = target.addRequest;
    stopAgain();
    expect(target.addRequest).toBe(outer);
  });
});
