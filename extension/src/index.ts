import { getDataSourcesModule } from './getDataSourcesModule';
import { id } from './id';
import { preRegistration } from './preRegistration';

/** AWS HealthImaging for OHIF: a DICOMweb data source with an OpenID Connect session. */
const extension = {
  id,
  preRegistration,
  getDataSourcesModule,
};

export default extension;
