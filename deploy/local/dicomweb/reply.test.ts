import { jsonArrayReply } from './reply';

async function collect(chunks: AsyncIterable<Uint8Array>): Promise<Buffer[]> {
  const collected: Buffer[] = [];
  for await (const chunk of chunks) collected.push(Buffer.from(chunk));
  return collected;
}

describe('jsonArrayReply', () => {
  it('streams the same JSON as JSON.stringify, in chunks of about 64 KiB', async () => {
    const items = Array.from({ length: 5000 }, (_, index) => ({
      '00080018': { vr: 'UI', Value: [`1.2.3.${index}`] },
      text: 'é'.repeat(20),
    }));
    const reply = jsonArrayReply(200, items, 'application/dicom+json');
    expect([reply.status, reply.headers]).toEqual([200, { 'Content-Type': 'application/dicom+json' }]);
    const chunks = await collect(reply.chunks);
    expect(chunks.length).toBeGreaterThan(3);
    expect(Math.max(...chunks.map(chunk => chunk.length))).toBeLessThan(2 * 64 * 1024 + 1000);
    expect(Buffer.concat(chunks).toString('utf8')).toBe(JSON.stringify(items));
  });

  it('streams an empty list as []', async () => {
    expect(Buffer.concat(await collect(jsonArrayReply(200, [], 'application/json').chunks)).toString()).toBe('[]');
  });
});
