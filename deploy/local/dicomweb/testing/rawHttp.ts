import { connect, type Socket } from 'node:net';

/** What a server sent on a raw connection until it closed it. */
export interface RawExchange {
  text: string;
  /** Milliseconds from connecting until the server closed the connection. */
  closedAfterMs: number;
}

/**
 * Opens a TCP connection to `url`'s host and port, lets `write` send whatever it likes (malformed, oversized or slow
 * HTTP that `fetch` would refuse to send), and resolves with everything the server sent once the connection closed.
 */
export function rawExchange(url: string, write: (socket: Socket) => void): Promise<RawExchange> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const socket = connect(Number(port), hostname, () => write(socket));
    let text = '';
    socket.setEncoding('latin1').on('data', chunk => (text += chunk));
    socket.on('error', reject);
    socket.on('close', () => resolve({ text, closedAfterMs: performance.now() - started }));
  });
}

/** Writes `text` one character every `intervalMs` until it is all sent or the socket closes (a slowloris client). */
export function trickle(socket: Socket, text: string, intervalMs: number): void {
  let index = 0;
  const timer = setInterval(() => {
    if (socket.destroyed || index >= text.length) {
      clearInterval(timer);
      return;
    }
    socket.write(text[index++] as string);
  }, intervalMs);
  socket.on('close', () => clearInterval(timer));
}
