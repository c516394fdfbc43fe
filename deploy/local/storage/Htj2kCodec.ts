import { Htj2kCodecError } from './errors';

/** Geometry of one frame as the HTJ2K codec sees it. */
export interface Htj2kFrameInfo {
  width: number;
  height: number;
  /** Bits per sample in the codestream; the decoder returns 1 byte per sample up to 8, else 2. */
  bitsPerSample: number;
  componentCount: number;
  isSigned: boolean;
}

interface WasmEncoder {
  getDecodedBuffer(frameInfo: Htj2kFrameInfo & { isUsingColorTransform: boolean }): Uint8Array;
  getEncodedBuffer(): Uint8Array;
  setProgressionOrder(order: number): void;
  setTLMMarker(enabled: boolean): void;
  encode(): void;
  delete(): void;
}

interface WasmDecoder {
  getEncodedBuffer(length: number): Uint8Array;
  getDecodedBuffer(): Uint8Array;
  getFrameInfo(): Htj2kFrameInfo;
  getIsHeaderValid(): boolean;
  getLastErrorMessage(): string;
  decode(): void;
  delete(): void;
}

interface OpenJphModule {
  HTJ2KEncoder: new () => WasmEncoder;
  HTJ2KDecoder: new () => WasmDecoder;
}

/** OpenJPH's progression order numbering (LRCP=0, RLCP=1, RPCL=2, PCRL=3, CPRL=4). */
const RPCL = 2;

let modulePromise: Promise<OpenJphModule> | undefined;

/** What the codec printed during the current call: it reports failures as text, not as exceptions. */
let codecMessages: string[] = [];

/** Loads the wasm codec once per process; the Emscripten build finds its .wasm next to its .js in Node. */
function loadModule(): Promise<OpenJphModule> {
  if (!modulePromise) {
    // The package ships no type declarations, and its CommonJS factory is what Node resolves.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const factory = require('@cornerstonejs/codec-openjph') as (settings: {
      print: (line: string) => void;
      printErr: (line: string) => void;
    }) => Promise<OpenJphModule>;
    const capture = (line: string) => void codecMessages.push(line);
    modulePromise = factory({ print: capture, printErr: capture });
  }
  return modulePromise;
}

/**
 * Lossless HTJ2K (transfer syntax 1.2.840.10008.1.2.4.202) encoder and decoder: reversible wavelet, RPCL
 * progression and TLM markers, the codestream shape HealthImaging stores.
 */
export class Htj2kCodec {
  private constructor(private readonly wasm: OpenJphModule) {}

  static async load(): Promise<Htj2kCodec> {
    return new Htj2kCodec(await loadModule());
  }

  /** Encodes one frame of little-endian samples (interleaved when componentCount > 1). */
  encode(pixels: Uint8Array, frameInfo: Htj2kFrameInfo): Uint8Array {
    const encoder = new this.wasm.HTJ2KEncoder();
    try {
      const input = encoder.getDecodedBuffer({ ...frameInfo, isUsingColorTransform: false });
      if (input.length !== pixels.length) {
        throw new Htj2kCodecError(
          `frame has ${pixels.length} bytes but ${frameInfo.width}x${frameInfo.height}x${frameInfo.componentCount} ` +
            `samples of ${frameInfo.bitsPerSample} bits need ${input.length}`,
        );
      }
      input.set(pixels);
      encoder.setProgressionOrder(RPCL);
      encoder.setTLMMarker(true);
      encoder.encode();
      // slice() copies out of wasm memory, which the next call may reuse.
      return encoder.getEncodedBuffer().slice();
    } catch (error) {
      throw asCodecError('encode', error);
    } finally {
      encoder.delete();
    }
  }

  /** Decodes one codestream to little-endian samples and the geometry the codestream declares. */
  decode(codestream: Uint8Array): { pixels: Uint8Array; frameInfo: Htj2kFrameInfo } {
    const decoder = new this.wasm.HTJ2KDecoder();
    codecMessages = [];
    try {
      decoder.getEncodedBuffer(codestream.length).set(codestream);
      decoder.decode();
      if (!decoder.getIsHeaderValid() || decoder.getLastErrorMessage()) {
        throw new Htj2kCodecError(`HTJ2K decode failed: ${codecMessages.join('; ') || decoder.getLastErrorMessage()}`);
      }
      const { width, height, bitsPerSample, componentCount, isSigned } = decoder.getFrameInfo();
      return {
        pixels: decoder.getDecodedBuffer().slice(),
        frameInfo: { width, height, bitsPerSample, componentCount, isSigned },
      };
    } catch (error) {
      throw asCodecError('decode', error);
    } finally {
      decoder.delete();
    }
  }
}

function asCodecError(operation: string, error: unknown): Htj2kCodecError {
  if (error instanceof Htj2kCodecError) return error;
  // Emscripten throws bare numbers (pointers to C++ exceptions) when the codec itself fails.
  const detail = error instanceof Error ? error.message : `codec exception ${String(error)}`;
  return new Htj2kCodecError(`HTJ2K ${operation} failed: ${detail}`);
}
