import { BadRequestError } from './errors';
import { newBoundary, readMultipart, writeMultipart, type MultipartPart } from './multipart';

const bytes = (...values: number[]) => new Uint8Array(values);

describe('multipart', () => {
  it('reads back what it writes, binary bytes included', () => {
    const parts: MultipartPart[] = [
      { headers: { 'content-type': 'application/dicom', 'content-location': '/a' }, body: bytes(0, 13, 10, 45, 45, 255) },
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
    const body = Buffer.from('preamble\r\n--xyz  \r\nContent-Type: application/dicom\r\n\r\nDATA\r\n--xyz--\r\nepilogue');
    expect(readMultipart(body, 'xyz')).toEqual([{ headers: { 'content-type': 'application/dicom' }, body: Buffer.from('DATA') }]);
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
});
