/** What a handler answers; the endpoint adds CORS headers and writes it. */
export interface Reply {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

/** A JSON reply (`{"message": ...}` bodies, DICOM JSON). */
export function jsonReply(status: number, value: unknown, contentType = 'application/json', headers: Record<string, string> = {}): Reply {
  return { status, headers: { 'Content-Type': contentType, ...headers }, body: Buffer.from(JSON.stringify(value)) };
}

/** HealthImaging's error body: `{"message": "..."}`. */
export function messageReply(status: number, message: string, headers: Record<string, string> = {}): Reply {
  return jsonReply(status, { message }, 'application/json', headers);
}
