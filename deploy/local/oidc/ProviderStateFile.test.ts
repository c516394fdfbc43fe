import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { OidcDataFolderError } from './errors';
import { ProviderStateFile } from './ProviderStateFile';

describe('ProviderStateFile', () => {
  let dir: string;
  let path: string;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'oidc-state-'));
    path = join(dir, 'provider-state.json');
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('stores, finds, consumes and destroys per model, and a reopened file has them all', async () => {
    const state = await ProviderStateFile.open(path);
    const tokens = state.adapterFactory('RefreshToken');
    const sessions = state.adapterFactory('Session');
    await tokens.upsert('t1', { grantId: 'g1', accountId: 'reader' }, 60);
    await sessions.upsert('s1', { uid: 'u1', accountId: 'reader' });
    await tokens.consume('t1');

    expect(await tokens.find('t1')).toMatchObject({ grantId: 'g1', consumed: expect.any(Number) });
    expect(await sessions.find('t1')).toBeUndefined();
    expect(await sessions.findByUid('u1')).toEqual({ uid: 'u1', accountId: 'reader' });

    const reopened = await ProviderStateFile.open(path);
    expect(await reopened.adapterFactory('RefreshToken').find('t1')).toMatchObject({
      grantId: 'g1',
      consumed: expect.any(Number),
    });
    expect(await reopened.adapterFactory('Session').findByUid('u1')).toBeDefined();

    await sessions.destroy('s1');
    expect(await (await ProviderStateFile.open(path)).adapterFactory('Session').find('s1')).toBeUndefined();
  });

  it('hands out copies, so a change is stored only through upsert or consume', async () => {
    const state = await ProviderStateFile.open(path);
    const grants = state.adapterFactory('Grant');
    await grants.upsert('g1', { scope: 'openid' });
    const found = await grants.find('g1');
    found!.scope = 'changed';
    expect(await grants.find('g1')).toEqual({ scope: 'openid' });
  });

  it('revokes every token of a grant in the model asked, and nothing else', async () => {
    const state = await ProviderStateFile.open(path);
    const refresh = state.adapterFactory('RefreshToken');
    const codes = state.adapterFactory('AuthorizationCode');
    await refresh.upsert('a', { grantId: 'g1' }, 60);
    await refresh.upsert('b', { grantId: 'g1' }, 60);
    await refresh.upsert('c', { grantId: 'g2' }, 60);
    await codes.upsert('d', { grantId: 'g1' }, 60);

    await refresh.revokeByGrantId('g1');

    expect(await refresh.find('a')).toBeUndefined();
    expect(await refresh.find('b')).toBeUndefined();
    expect(await refresh.find('c')).toBeDefined();
    expect(await codes.find('d')).toBeDefined();
  });

  it('forgets expired entries, after the grace period', async () => {
    const state = await ProviderStateFile.open(path, { graceSeconds: 0 });
    const interactions = state.adapterFactory('Interaction');
    await interactions.upsert('gone', { uid: 'x' }, -1);
    await interactions.upsert('kept', { uid: 'y' }, 60);
    expect(await interactions.find('gone')).toBeUndefined();
    expect(await interactions.findByUid('x')).toBeUndefined();
    const onDisk = JSON.parse(await readFile(path, 'utf8')) as { entries: Record<string, unknown> };
    expect(Object.keys(onDisk.entries)).toEqual(['Interaction:kept']);
  });

  it('writes every change of a burst, and flush waits for the last', async () => {
    const state = await ProviderStateFile.open(path);
    const tokens = state.adapterFactory('AccessToken');
    await Promise.all(Array.from({ length: 20 }, (_, index) => tokens.upsert(`t${index}`, { index }, 60)));
    await tokens.destroy('t0');
    await state.flush();
    const onDisk = JSON.parse(await readFile(path, 'utf8')) as { entries: Record<string, unknown> };
    expect(Object.keys(onDisk.entries)).toHaveLength(19);
  });

  it('refuses a damaged file with a message that says what to do', async () => {
    await writeFile(path, '{"version": 7}');
    await expect(ProviderStateFile.open(path)).rejects.toThrow(OidcDataFolderError);
    await writeFile(path, 'not json');
    await expect(ProviderStateFile.open(path)).rejects.toThrow(/remove the file/);
  });
});
