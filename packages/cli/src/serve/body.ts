import type { IncomingMessage } from 'node:http';

/** The body was larger than the limit (HTTP 413, clamd "size limit exceeded"). */
export class BodyTooLargeError extends Error {
  constructor(limit: number) {
    super(`The upload is larger than the ${limit}-byte limit.`);
    this.name = 'BodyTooLargeError';
  }
}

/** A request body read as a stream, with a byte limit, that the caller can stop without killing the socket. */
export interface RequestBody {
  chunks: AsyncIterable<Uint8Array>;
  /** Bytes received so far. */
  readonly bytes: number;
  readonly tooLarge: boolean;
  readonly ended: boolean;
}

/**
 * Streams `req` chunk by chunk. Unlike the request's own iterator, stopping early (the gate's
 * `stopAtFirst`, a timeout) does not destroy the socket, so the verdict can still be sent.
 */
export function requestBody(req: IncomingMessage, maxBytes: number): RequestBody {
  const state = { bytes: 0, tooLarge: false, ended: false };
  req.once('end', () => (state.ended = true));
  async function* chunks(): AsyncGenerator<Uint8Array> {
    while (true) {
      const chunk = req.read() as Buffer | null;
      if (chunk !== null) {
        state.bytes += chunk.byteLength;
        if (state.bytes > maxBytes) {
          state.tooLarge = true;
          throw new BodyTooLargeError(maxBytes);
        }
        yield chunk;
        continue;
      }
      if (req.readableEnded) return;
      if (req.destroyed) throw Object.assign(new Error('The client closed the connection before the upload ended.'), { code: 'ECONNRESET' });
      await new Promise<void>((resolve, reject) => {
        const done = (error?: Error): void => {
          req.off('readable', onReadable);
          req.off('end', onReadable);
          req.off('error', onError);
          req.off('close', onReadable);
          if (error) reject(error);
          else resolve();
        };
        const onReadable = (): void => done();
        const onError = (): void => done(Object.assign(new Error('The upload was interrupted.'), { code: 'ECONNRESET' }));
        req.on('readable', onReadable);
        req.on('end', onReadable);
        req.on('error', onError);
        req.on('close', onReadable);
      });
    }
  }
  return {
    chunks: chunks(),
    get bytes() {
      return state.bytes;
    },
    get tooLarge() {
      return state.tooLarge;
    },
    get ended() {
      return state.ended || req.readableEnded;
    },
  };
}

/**
 * Reads and discards what is left of a body after the verdict was sent (stopAtFirst), so the
 * client sees its response rather than a reset. Still bounded: over the limit or the grace
 * period, the socket is closed.
 */
export function drain(req: IncomingMessage, body: RequestBody, maxBytes: number, graceMs: number): void {
  if (body.ended || req.destroyed) return;
  let bytes = body.bytes;
  const timer = setTimeout(() => req.destroy(), graceMs);
  timer.unref();
  req.on('data', (chunk: Buffer) => {
    bytes += chunk.byteLength;
    if (bytes > maxBytes) req.destroy();
  });
  req.once('close', () => clearTimeout(timer));
  req.once('end', () => clearTimeout(timer));
  req.resume();
}
