import { applyRequestLimits } from './applyRequestLimits';
import { findRequestPool } from './findRequestPool';
import { id, routeName } from './id';
import type { RequestLimits } from './RequestLimits';

/** The parts of OHIF's basic mode instance this mode changes; everything else is used as it is. */
export interface BasicModeInstance {
  routes: Array<Record<string, unknown>>;
  onModeEnter?: (this: unknown, args: ModeLifecycleArgs) => void;
  onModeExit?: (this: unknown, args: ModeLifecycleArgs) => void;
  [key: string]: unknown;
}

/** What the mode hands OHIF: the basic mode's instance with our id, route and lifecycle hooks. */
export interface HealthImagingModeInstance extends BasicModeInstance {
  onModeEnter: (this: unknown, args: ModeLifecycleArgs) => void;
  onModeExit: (this: unknown, args: ModeLifecycleArgs) => void;
}

export interface ModeLifecycleArgs {
  servicesManager: { services: Record<string, unknown> };
  [key: string]: unknown;
}

/**
 * OHIF's basic viewer under our own route, with cornerstone's request concurrency set to `limits` while the
 * mode is active and the previous values put back when it is left (the pool is global: other modes keep theirs).
 */
export function createModeInstance(
  basic: BasicModeInstance,
  limits: RequestLimits,
  host: object = globalThis,
): HealthImagingModeInstance {
  let restoreLimits: (() => void) | undefined;
  return {
    ...basic,
    id,
    routeName,
    displayName: 'AWS HealthImaging',
    hide: false,
    routes: basic.routes.map(route => ({ ...route, path: routeName })),
    onModeEnter(this: unknown, args: ModeLifecycleArgs) {
      basic.onModeEnter?.call(this, args);
      restoreLimits?.();
      restoreLimits = applyRequestLimits(findRequestPool(args.servicesManager, host), limits);
    },
    onModeExit(this: unknown, args: ModeLifecycleArgs) {
      restoreLimits?.();
      restoreLimits = undefined;
      basic.onModeExit?.call(this, args);
    },
  };
}
