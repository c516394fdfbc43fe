import { BadRequestError } from './errors';
import {
  maxPartHeaderBytes,
  newBoundary,
  readMultipart,
  streamMultipart,
  writeMultipart,
  type MultipartPart,
} from './multipart';
import { PartTooLargeError, TooManyPartsError } from './errors';

const bytes = (...values: number[]) => new Uint8Array(values);

describe('multipart', () => {
  it('reads back what it writes, binary bytes included', () => {
    const parts: MultipartPart[] = [
      {
        headers: { 'content-type': 'application/dicom', 'content-location': '/a' },
        body: bytes(0, 13, 10, 45, 45, 255),
      },
      { headers: { 'content-type': 'application/octet-stream' }, body: bytes() },
      { headers: {}, body: Buffer.from('\r\n\r\nlooks like headers') },
    ];
    const boundary = newBoundary();
    const read = readMultipart(writeMultipart(parts, boundary), boundary);
    expect(read).toHaveLength(3);
    read.forEach((part, index) => {
      expect(part.headers).toEqual(parts[index]?.headers);
      expect(Buffer.from(part.body).equals(Buffer.from(parts[index]!.body))).toBe(true);
    });
  });

  it('makes a fresh boundary each time', () => {
    expect(newBoundary()).not.toBe(newBoundary());
  });

  it('ignores a preamble, transport padding and an epilogue, and lower-cases header names', () => {
    const body = Buffer.from(
      'preamble\r\n--xyz  \r\nContent-Type: application/dicom\r\n\r\nDATA\r\n--xyz--\r\nepilogue',
    );
    expect(readMultipart(body, 'xyz')).toEqual([
      { headers: { 'content-type': 'application/dicom' }, body: Buffer.from('DATA') },
    ]);
  });

  it('refuses malformed bodies with a 400 naming the problem', () => {
    const attempts: Array<[string, string, string]> = [
      ['no boundary at all', 'b', 'holds no multipart boundary line'],
      ['--b\r\nContent-Type: x\r\n\r\nDATA', 'b', 'ends without its closing boundary'],
      ['--bXX\r\n\r\nDATA\r\n--b--', 'b', 'does not start with a boundary line'],
      ['--b\r\nContent-Type: x\r\nDATA\r\n--b--', 'b', 'no empty line after its headers'],
      ['--b--', '', 'boundary must be 1 to 70 characters'],
    ];
    for (const [text, boundary, message] of attempts) {
      expect(() => readMultipart(Buffer.from(text), boundary)).toThrow(BadRequestError);
      expect(() => readMultipart(Buffer.from(text), boundary)).toThrow(message);
    }
  });

  it('reads a body with no parts', () => {
    expect(readMultipart(Buffer.from('--b--\r\n'), 'b')).toEqual([]);
  });

  it('streams the same bytes as it writes, part by part', async () => {
    const parts: MultipartPart[] = [1, 2, 3].map(n => ({
      headers: { 'Content-Type': 'image/jphc' },
      body: Buffer.alloc(n * 10, n),
    }));
    async function* source() {
      yield* parts;
    }
    const chunks: Uint8Array[] = [];
    for await (const chunk of streamMultipart(source(), 'b')) chunks.push(chunk);
    expect(chunks.length).toBe(3 * 3 + 1);
    expect(Buffer.concat(chunks).equals(writeMultipart(parts, 'b'))).toBe(true);
  });

  it('refuses more parts, a larger part or larger part headers than the limits', () => {
    const body = writeMultipart(
      [Buffer.alloc(10), Buffer.alloc(20)].map(bytes => ({ headers: {}, body: bytes })),
      'b',
    );
    expect(readMultipart(body, 'b', { maxParts: 2, maxPartBytes: 20 })).toHaveLength(2);
    expect(() => readMultipart(body, 'b', { maxParts: 1 })).toThrow(TooManyPartsError);
    expect(() => readMultipart(body, 'b', { maxPartBytes: 19 })).toThrow(new PartTooLargeError(2, 19));
    const longHeaders = writeMultipart(
      [{ headers: { 'X-Padding': 'a'.repeat(maxPartHeaderBytes) }, body: Buffer.alloc(1) }],
      'b',
    );
    expect(() => readMultipart(longHeaders, 'b')).toThrow(
      `Part 1 of the multipart body has headers over ${maxPartHeaderBytes} bytes`,
    );
  });
});
