/** @jest-environment jsdom */
import { RequestPoolManager } from '@cornerstonejs/core/requestPoolManager';
import type { RequestPool } from './applyRequestLimits';
import type { BasicModeInstance, ModeLifecycleArgs } from './createModeInstance';
import { id, routeName } from './id';
import mode from './index';
import { modeFactory } from './modeFactory';
import { defaultRequestLimits } from './RequestLimits';

/** The shape OHIF's basic mode has (modes/basic/src/index.tsx): a route with a layout, and lifecycle hooks. */
function basicModeInstance(calls: string[]): BasicModeInstance {
  return {
    id: '@ohif/mode-basic',
    routeName: 'basic',
    hide: true,
    routes: [{ path: 'basic', layoutInstance: { id: 'layout' } }],
    nonModeModalities: ['SR'],
    onModeEnter(this: unknown) {
      calls.push(`enter:${(this as { id: string }).id}`);
    },
    onModeExit() {
      calls.push('exit');
    },
  };
}

function lifecycleArgs(pool: RequestPoolManager): ModeLifecycleArgs {
  return { servicesManager: { services: { studyPrefetcherService: { imageLoadPoolManager: pool } } } };
}

describe('the HealthImaging mode', () => {
  it('declares itself with the package name as id', () => {
    expect(mode.id).toBe('ohif-mode-aws-healthimaging');
    expect(mode.modeFactory).toBe(modeFactory);
  });

  it("is OHIF's basic viewer under its own route", async () => {
    const calls: string[] = [];
    const loaded: string[][] = [];
    const instance = await modeFactory({
      loadModules: async names => {
        loaded.push(names);
        return [{ modeInstance: basicModeInstance(calls) }];
      },
    });
    expect(loaded).toEqual([['@ohif/mode-basic']]);
    expect(instance.id).toBe(id);
    expect(instance.routeName).toBe(routeName);
    expect(instance.hide).toBe(false);
    expect(instance.routes).toEqual([{ path: 'healthimaging', layoutInstance: { id: 'layout' } }]);
    expect(instance.nonModeModalities).toEqual(['SR']);
  });

  it('sets the request limits on enter and restores the previous ones on exit', async () => {
    const calls: string[] = [];
    const pool = new RequestPoolManager('ohif');
    const limits: RequestPool = pool; // the mode's view of the pool: request types as strings
    limits.setMaxSimultaneousRequests('interaction', 100);
    limits.setMaxSimultaneousRequests('thumbnail', 5);
    limits.setMaxSimultaneousRequests('prefetch', 25);
    const instance = await modeFactory({
      modeConfiguration: { requestLimits: { interaction: 8 } },
      loadModules: async () => [{ modeInstance: basicModeInstance(calls) }],
    });

    instance.onModeEnter.call(instance, lifecycleArgs(pool));
    expect(calls).toEqual([`enter:${id}`]);
    expect(limits.getMaxSimultaneousRequests('interaction')).toBe(8);
    expect(limits.getMaxSimultaneousRequests('thumbnail')).toBe(defaultRequestLimits.thumbnail);
    expect(limits.getMaxSimultaneousRequests('prefetch')).toBe(defaultRequestLimits.prefetch);

    instance.onModeExit.call(instance, lifecycleArgs(pool));
    expect(calls).toEqual([`enter:${id}`, 'exit']);
    expect(limits.getMaxSimultaneousRequests('interaction')).toBe(100);
    expect(limits.getMaxSimultaneousRequests('thumbnail')).toBe(5);
    expect(limits.getMaxSimultaneousRequests('prefetch')).toBe(25);
  });

  it('entering twice without leaving still restores the values found first', async () => {
    const pool = new RequestPoolManager('twice');
    const limits: RequestPool = pool; // the mode's view of the pool: request types as strings
    limits.setMaxSimultaneousRequests('interaction', 100);
    const instance = await modeFactory({ loadModules: async () => [{ modeInstance: basicModeInstance([]) }] });
    instance.onModeEnter.call(instance, lifecycleArgs(pool));
    instance.onModeEnter.call(instance, lifecycleArgs(pool));
    instance.onModeExit.call(instance, lifecycleArgs(pool));
    expect(limits.getMaxSimultaneousRequests('interaction')).toBe(100);
  });

  it("says what is missing when cornerstone's pool cannot be found", async () => {
    const instance = await modeFactory({ loadModules: async () => [{ modeInstance: basicModeInstance([]) }] });
    expect(() => instance.onModeEnter.call(instance, { servicesManager: { services: {} } })).toThrow(
      /imageLoadPoolManager was not found; the mode needs OHIF's cornerstone extension/,
    );
  });

  it('rejects an unknown configuration key by name', async () => {
    await expect(modeFactory({ modeConfiguration: { requestLimit: {} }, loadModules: async () => [] })).rejects.toThrow(
      'modesConfiguration["ohif-mode-aws-healthimaging"].requestLimit is not a known key; the known keys are requestLimits',
    );
  });

  it('says so when OHIF does not provide the basic mode', async () => {
    await expect(modeFactory({ loadModules: async () => [] })).rejects.toThrow(
      'ohif-mode-aws-healthimaging: OHIF did not provide @ohif/mode-basic',
    );
  });
});
