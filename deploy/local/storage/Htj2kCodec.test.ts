import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Htj2kCodecError } from './errors';
import { Htj2kCodec } from './Htj2kCodec';
import { parsePart10 } from './Part10Reader';
import { daikonTestDataDir } from './sampleData';

function pixelsOf(relativePath: string): { pixels: Uint8Array; signed: boolean; frames: number } {
  const parsed = parsePart10(readFileSync(join(daikonTestDataDir(), relativePath)), relativePath);
  const value = parsed.dict['7FE00010']?.Value?.[0] as ArrayBuffer;
  return {
    pixels: new Uint8Array(value),
    signed: parsed.dict['00280103']?.Value?.[0] === 1,
    frames: Number(parsed.dict['00280008']?.Value?.[0] ?? 1),
  };
}

/** Finds a marker (0xFF, code) in the main header, before the first tile-part (SOT, 0xFF90). */
function headerMarkerOffset(codestream: Uint8Array, code: number): number {
  for (let index = 0; index + 1 < codestream.length; index++) {
    if (codestream[index] !== 0xff) continue;
    if (codestream[index + 1] === code) return index;
    if (codestream[index + 1] === 0x90) return -1;
  }
  return -1;
}

describe('Htj2kCodec', () => {
  let codec: Htj2kCodec;
  beforeAll(async () => {
    codec = await Htj2kCodec.load();
  });

  it('round-trips every slice of the real MR series losslessly (16-bit signed)', () => {
    for (let slice = 1; slice <= 20; slice++) {
      const { pixels, signed } = pixelsOf(`volume/brain_${String(slice).padStart(3, '0')}.dcm`);
      const frameInfo = { width: 256, height: 256, bitsPerSample: 16, componentCount: 1, isSigned: signed };
      const codestream = codec.encode(pixels, frameInfo);
      expect(codestream.length).toBeLessThan(pixels.length);
      const decoded = codec.decode(codestream);
      expect(decoded.frameInfo).toEqual(frameInfo);
      expect(Buffer.from(decoded.pixels).equals(Buffer.from(pixels))).toBe(true);
    }
  });

  it('round-trips the frames of an 8-bit multi-frame MR losslessly', () => {
    const { pixels, frames } = pixelsOf('explicit_little.dcm');
    expect(frames).toBe(16);
    const frameBytes = 256 * 256;
    for (let frame = 0; frame < frames; frame++) {
      const samples = pixels.subarray(frame * frameBytes, (frame + 1) * frameBytes);
      const codestream = codec.encode(samples, {
        width: 256,
        height: 256,
        bitsPerSample: 8,
        componentCount: 1,
        isSigned: false,
      });
      expect(Buffer.from(codec.decode(codestream).pixels).equals(Buffer.from(samples))).toBe(true);
    }
  });

  it('round-trips interleaved RGB losslessly', () => {
    const rgb = Uint8Array.from({ length: 64 * 48 * 3 }, (_, index) => (index * 37) % 256);
    const codestream = codec.encode(rgb, {
      width: 64,
      height: 48,
      bitsPerSample: 8,
      componentCount: 3,
      isSigned: false,
    });
    expect(Buffer.from(codec.decode(codestream).pixels).equals(Buffer.from(rgb))).toBe(true);
  });

  it('writes the codestream shape of 1.2.840.10008.1.2.4.202: RPCL progression, reversible, TLM markers', () => {
    const { pixels } = pixelsOf('volume/brain_010.dcm');
    const codestream = codec.encode(pixels, {
      width: 256,
      height: 256,
      bitsPerSample: 16,
      componentCount: 1,
      isSigned: true,
    });
    expect([codestream[0], codestream[1]]).toEqual([0xff, 0x4f]);
    const cod = headerMarkerOffset(codestream, 0x52);
    expect(cod).toBeGreaterThan(0);
    // COD: marker(2) length(2) Scod(1) then SGcod starts with the progression order (2 = RPCL).
    expect(codestream[cod + 5]).toBe(2);
    // SPcod transformation (last byte of COD before precincts): 1 = reversible 5/3 wavelet, i.e. lossless.
    expect(codestream[cod + 13]).toBe(1);
    expect(headerMarkerOffset(codestream, 0x55)).toBeGreaterThan(0);
  });

  it('rejects a buffer whose size does not match the frame geometry', () => {
    expect(() =>
      codec.encode(new Uint8Array(10), {
        width: 256,
        height: 256,
        bitsPerSample: 16,
        componentCount: 1,
        isSigned: false,
      }),
    ).toThrow(Htj2kCodecError);
  });

  it('fails with a typed error on bytes that are not a codestream', () => {
    expect(() => codec.decode(new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8]))).toThrow(Htj2kCodecError);
  });
});
