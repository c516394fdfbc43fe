// Code that runs in the page, kept as JavaScript text: tsx compiles functions with helpers (`__name`) that do not
// exist in the browser, so a TypeScript function cannot be handed to playwright as it is.

/** What the load probe found, read back by `probeResultScript`. Times are ms since the document's navigation. */
export interface ProbeResult {
  firstLoadedMs: number | null;
  /** When the last of `frames` distinct frames had loaded; null if not all did. */
  allLoadedMs: number | null;
  loaded: number;
  /** Frames that failed and never loaded afterwards. */
  failed: number;
  /** The loaded frames' cornerstone image ids, in load order. */
  imageIds: string[];
  failures: string[];
  /**
   * From the page's Resource Timing entries of the series' frame requests: the most requests issued and not yet
   * answered at one moment (what the request pool lets out; the browser may still queue them for a connection),
   * and the median time from issue to the last byte.
   */
  peakFramesInFlight: number;
  medianFrameRequestMs: number | null;
}

/**
 * Init script for every document: records cornerstone's IMAGE_LOADED and IMAGE_LOAD_FAILED for frames of one
 * series (a frame is `<series>/instances/<sop>/frames/<n>` in the wadors image id; thumbnails load the same ids
 * and count once). It hooks the assignment of `window.cornerstone` (OHIF exposes cornerstone core there once
 * its cornerstone extension starts), so no event can fire before the listeners are on.
 */
export function loadProbeScript(seriesInstanceUid: string): string {
  return `(() => {
  const marker = '/series/' + ${JSON.stringify(seriesInstanceUid)} + '/instances/';
  const probe = { marker, loadedAt: {}, imageIds: [], failedAt: {}, failures: [], lastEventAt: 0 };
  window.__benchProbe = probe;
  // The default buffer (250 entries) fills before a large series has loaded.
  performance.setResourceTimingBufferSize(10000);
  const frameOf = imageId => {
    const at = typeof imageId === 'string' ? imageId.indexOf(marker) : -1;
    return at < 0 ? undefined : imageId.slice(at + marker.length).split('?')[0];
  };
  const attach = cornerstone => {
    cornerstone.eventTarget.addEventListener(cornerstone.EVENTS.IMAGE_LOADED, event => {
      const imageId = event.detail && event.detail.image && event.detail.image.imageId;
      const frame = frameOf(imageId);
      if (frame === undefined) return;
      probe.lastEventAt = performance.now();
      if (!(frame in probe.loadedAt)) {
        probe.loadedAt[frame] = probe.lastEventAt;
        probe.imageIds.push(imageId);
      }
    });
    cornerstone.eventTarget.addEventListener(cornerstone.EVENTS.IMAGE_LOAD_FAILED, event => {
      const frame = frameOf(event.detail && event.detail.imageId);
      if (frame === undefined) return;
      probe.lastEventAt = performance.now();
      probe.failedAt[frame] = probe.lastEventAt;
      const error = event.detail.error;
      if (probe.failures.length < 5) probe.failures.push(String((error && (error.status || error.message)) || error));
    });
  };
  let cornerstone;
  Object.defineProperty(window, 'cornerstone', {
    configurable: true,
    enumerable: true,
    get: () => cornerstone,
    set: value => {
      cornerstone = value;
      if (value && value.eventTarget && value.EVENTS) attach(value);
    },
  });
})();`;
}

/**
 * True once every frame loaded, or once every frame either loaded or failed and nothing happened for `quietMs`
 * (stock OHIF does not retry a frame the throttle refused; ours retries below the image loader, so it never
 * reports a failure it will recover from).
 */
export function loadSettledScript(frames: number, quietMs: number): string {
  return `(() => {
  const probe = window.__benchProbe;
  if (!probe) return false;
  const loaded = Object.keys(probe.loadedAt).length;
  if (loaded >= ${frames}) return true;
  const failed = Object.keys(probe.failedAt).filter(frame => !(frame in probe.loadedAt)).length;
  return loaded + failed >= ${frames} && performance.now() - probe.lastEventAt > ${quietMs};
})()`;
}

/**
 * What the load probe recorded, as `readProbeResult` takes it: the frame load times, and the page's Resource
 * Timing entries of the series' requests (which of them are frame requests is the route table's call, in Node).
 */
export function probeRecordScript(frames: number): string {
  return `(() => {
  const probe = window.__benchProbe;
  const times = Object.values(probe.loadedAt).sort((a, b) => a - b);
  const requests = performance
    .getEntriesByType('resource')
    .filter(entry => entry.name.includes(probe.marker))
    .map(entry => ({ url: entry.name, startTime: entry.startTime, responseEnd: entry.responseEnd }));
  return {
    requests,
    firstLoadedMs: times.length > 0 ? times[0] : null,
    allLoadedMs: times.length >= ${frames} ? times[${frames} - 1] : null,
    loaded: times.length,
    failed: Object.keys(probe.failedAt).filter(frame => !(frame in probe.loadedAt)).length,
    imageIds: probe.imageIds,
    failures: probe.failures,
  };
})()`;
}

/** What `probeRecordScript` gives back. */
export interface ProbeRecord extends Omit<ProbeResult, 'peakFramesInFlight' | 'medianFrameRequestMs'> {
  requests: Array<{ url: string; startTime: number; responseEnd: number }>;
}

/** What one burst of image loads came to (`imageBurstScript`). */
export interface BurstResult {
  loaded: number;
  failed: number;
  /** From the burst's start until its last image loaded or failed. */
  settledMs: number;
  failures: string[];
}

/**
 * Drops `imageIds` from cornerstone's cache (those it holds) and loads them all at once with
 * `imageLoader.loadAndCacheImage` (bypassing the request pool, so every request is in flight together, as after a
 * network stall), waiting for each to load or fail. The removal and the loads happen in one task, before the stack
 * prefetcher reacts to the removal: it then finds these loads in the cache and sends nothing of its own.
 */
export function imageBurstScript(imageIds: string[]): string {
  return `(async () => {
  const cornerstone = window.cornerstone;
  const imageIds = ${JSON.stringify(imageIds)};
  // The cache may already have evicted some (it throws for an image it does not hold); those load anew all the same.
  for (const imageId of imageIds) {
    if (cornerstone.cache.getImageLoadObject(imageId)) cornerstone.cache.removeImageLoadObject(imageId, { force: true });
  }
  const started = performance.now();
  const outcomes = await Promise.all(
    imageIds.map(imageId =>
      cornerstone.imageLoader.loadAndCacheImage(imageId, { priority: 0, requestType: 'interaction' }).then(
        () => ({ ok: true, at: performance.now() - started }),
        error => ({ ok: false, at: performance.now() - started, error: String((error && (error.status || error.message)) || error) }),
      ),
    ),
  );
  return {
    loaded: outcomes.filter(outcome => outcome.ok).length,
    failed: outcomes.filter(outcome => !outcome.ok).length,
    settledMs: Math.max(...outcomes.map(outcome => outcome.at)),
    failures: outcomes.filter(outcome => !outcome.ok).slice(0, 5).map(outcome => outcome.error),
  };
})()`;
}
