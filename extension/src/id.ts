import packageJson from '../package.json';

/** The OHIF extension id. OHIF's plugin loader requires it to equal the package name. */
export const id: string = packageJson.name;

/** Name of our data source module entry; its namespace is `<id>.dataSourcesModule.<name>`. */
export const dataSourceName = 'healthimaging';

export const dataSourceNamespace = `${id}.dataSourcesModule.${dataSourceName}`;
