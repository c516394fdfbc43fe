import type { UserGroup } from '../oidc';
import type { RunningLocalStack } from './startLocalStack';

/** What `npm start -- --json` prints on its one stdout line once everything listens. */
export interface LocalStackSummary extends Pick<
  RunningLocalStack,
  'viewerUrl' | 'issuer' | 'dicomwebUrl' | 'datastoreUrl' | 'datastoreId' | 'dataDir'
> {
  ready: true;
  importJobs?: RunningLocalStack['importJobs'];
  users: Array<{ username: string; password: string; groups: UserGroup[] }>;
}

export function localStackSummary(stack: RunningLocalStack): LocalStackSummary {
  return {
    ready: true,
    viewerUrl: stack.viewerUrl,
    issuer: stack.issuer,
    dicomwebUrl: stack.dicomwebUrl,
    datastoreUrl: stack.datastoreUrl,
    datastoreId: stack.datastoreId,
    dataDir: stack.dataDir,
    importJobs: stack.importJobs,
    users: stack.users.map(({ username, password, groups }) => ({ username, password, groups })),
  };
}

/** The summary for a person at a terminal. */
export function formatLocalStackSummary(summary: LocalStackSummary): string {
  const width = Math.max(...summary.users.map(user => user.username.length));
  return [
    'The local stack is ready.',
    `  viewer       ${summary.viewerUrl}`,
    `  issuer       ${summary.issuer}`,
    `  DICOMweb     ${summary.datastoreUrl}`,
    `  data folder  ${summary.dataDir}`,
    ...(summary.importJobs === undefined
      ? []
      : [
          `  import jobs  S3 ${summary.importJobs.s3Endpoint} (bucket ${summary.importJobs.bucket}), control plane ${summary.importJobs.controlPlaneEndpoint}`,
          `               role ${summary.importJobs.roleArn}`,
        ]),
    '  sign in as',
    ...summary.users.map(
      user => `    ${user.username.padEnd(width)}  password ${user.password}  (${user.groups.join(', ')})`,
    ),
    'Ctrl-C stops everything; studies, keys and sessions stay in the data folder.',
  ].join('\n');
}
