/**
 * Imports oidc-provider (ESM-only, hence a dynamic import) without its one start-up warning that does not apply
 * here: "Unsupported runtime" on Node 20, where this version works (checked by this folder's tests). Every other
 * warning passes through.
 */
export async function importOidcProvider(): Promise<typeof import('oidc-provider')> {
  const warn = console.warn;
  console.warn = (...args: unknown[]) => {
    if (typeof args[0] === 'string' && args[0].includes('oidc-provider WARNING: Unsupported runtime')) return;
    warn.apply(console, args);
  };
  try {
    return await import('oidc-provider');
  } finally {
    console.warn = warn;
  }
}
