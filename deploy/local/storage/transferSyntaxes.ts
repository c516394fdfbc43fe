/** Transfer syntax UIDs the storage treats specially. */
export const TransferSyntax = {
  implicitLittleEndian: '1.2.840.10008.1.2',
  explicitLittleEndian: '1.2.840.10008.1.2.1',
  deflatedExplicitLittleEndian: '1.2.840.10008.1.2.1.99',
  explicitBigEndian: '1.2.840.10008.1.2.2',
  /** HTJ2K lossless with RPCL progression: what HealthImaging stores and what the store transcodes to. */
  htj2kLosslessRpcl: '1.2.840.10008.1.2.4.202',
} as const;

/** Native (uncompressed) syntaxes: their pixel data is raw samples and is transcoded to HTJ2K at import. */
const NATIVE_SYNTAXES = new Set<string>([
  TransferSyntax.implicitLittleEndian,
  TransferSyntax.explicitLittleEndian,
  TransferSyntax.deflatedExplicitLittleEndian,
  TransferSyntax.explicitBigEndian,
]);

export function isNativeSyntax(transferSyntaxUid: string): boolean {
  return NATIVE_SYNTAXES.has(transferSyntaxUid);
}
