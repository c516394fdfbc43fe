import { id } from './id';
import { modeFactory } from './modeFactory';

/** OHIF's basic viewer on AWS HealthImaging, with request concurrency sized for HealthImaging's throttle. */
const mode = {
  id,
  modeFactory,
  extensionDependencies: {
    '@ohif/extension-default': '^3.13.0',
    '@ohif/extension-cornerstone': '^3.13.0',
  },
};

export default mode;
