import packageJson from '../package.json';

/** The OHIF mode id. OHIF's plugin loader requires it to equal the package name. */
export const id: string = packageJson.name;

/** The URL segment of the viewer route: `/healthimaging?StudyInstanceUIDs=...`. */
export const routeName = 'healthimaging';
