import { LocalStackStopError, StartedParts } from './StartedParts';

describe('StartedParts', () => {
  it('closes the last started first, each once, and tries every part when one fails', async () => {
    const closed: string[] = [];
    const parts = new StartedParts();
    parts.add('provider', async () => void closed.push('provider'));
    parts.add('endpoint', async () => {
      closed.push('endpoint');
      throw new Error('socket hang');
    });
    parts.add('viewer', async () => void closed.push('viewer'));

    const closing = parts.closeAll();
    await expect(closing).rejects.toThrow(LocalStackStopError);
    await expect(closing).rejects.toThrow('The local stack did not stop cleanly: endpoint: socket hang');
    expect(closed).toEqual(['viewer', 'endpoint', 'provider']);

    await parts.closeAll();
    expect(closed).toHaveLength(3);
  });
});
