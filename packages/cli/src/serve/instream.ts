import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import type { GateResult } from '@saring/core';
import { BodyTooLargeError } from './body.js';

/** Longest command line accepted (`zINSTREAM\0` is 10 bytes). */
const MAX_COMMAND_BYTES = 32;
/** Bytes read at a time from one chunk, so a client's huge chunk is never held whole. */
const PIECE_BYTES = 64 * 1024;
/** An idle connection is closed after this long. */
const IDLE_TIMEOUT_MS = 30_000;

export interface InstreamOptions {
  host: string;
  port: number;
  maxBodyBytes: number;
  /** Takes a scanning slot; false when the service is saturated. */
  acquire(): boolean;
  release(): void;
  gate(stream: AsyncIterable<Uint8Array>): Promise<GateResult>;
  onVerdict(result: GateResult, bytes: number, seconds: number): void;
  /** Each INSTREAM session's outcome as an HTTP-like status (200 verdict, 413 too large, 503 busy), for metrics. */
  onSession(status: 200 | 413 | 503): void;
  log(line: string): void;
}

export interface InstreamServer {
  readonly port: number;
  close(): Promise<void>;
}

/**
 * A clamd-compatible INSTREAM listener, since many upload tools already speak it (clamd(8)):
 * `zINSTREAM\0` (or `nINSTREAM\n`), then chunks of `<4-byte big-endian length><data>`, ended by
 * a zero length. The reply is `stream: OK` or `stream: <reason> FOUND`; a blocked upload is
 * always FOUND (fail closed), never ERROR, so a client that treats ERROR as "allow" stays safe.
 * The protocol has no authentication: listen on loopback only.
 */
export async function startInstreamServer(options: InstreamOptions): Promise<InstreamServer> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
    socket.setTimeout(IDLE_TIMEOUT_MS, () => socket.destroy());
    socket.on('error', () => {});
    void session(socket, options).catch(() => socket.destroy());
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      }),
  };
}

async function session(socket: Socket, options: InstreamOptions): Promise<void> {
  const reader = new SocketReader(socket);
  const command = await reader.command();
  if (!command) return void socket.destroy();
  const reply = (text: string): void => {
    socket.end(`${text}${command.delimiter}`);
  };
  switch (command.name) {
    case 'PING':
      return reply('PONG');
    case 'VERSION':
      return reply('Saring gate (clamd INSTREAM compatible)');
    case 'INSTREAM':
      break;
    default:
      return reply('UNKNOWN COMMAND');
  }
  if (!options.acquire()) {
    options.onSession(503);
    return reply('INSTREAM busy, retry later. ERROR');
  }
  const tooLarge = (): void => {
    options.onSession(413);
    reply('INSTREAM size limit exceeded. ERROR');
  };
  const started = performance.now();
  const state = { bytes: 0, ended: false, tooLarge: false };
  try {
    const result = await options.gate(frames(reader, options.maxBodyBytes, state));
    if (state.tooLarge) return tooLarge();
    // stopAtFirst may have stopped early: read the rest so the client sees the reply, not a reset.
    while (!state.ended) for await (const _ of frames(reader, options.maxBodyBytes, state)) void _;
    if (state.tooLarge) return tooLarge();
    options.onSession(200);
    options.onVerdict(result, state.bytes, (performance.now() - started) / 1000);
    const first = result.reasons[0];
    reply(result.decision === 'allow' ? 'stream: OK' : `stream: ${first ? first.code : 'blocked'} FOUND`);
    options.log(`${new Date().toISOString()} INSTREAM ${result.decision} ${state.bytes}B ${Math.round(performance.now() - started)}ms`);
  } catch (error) {
    if (error instanceof BodyTooLargeError || state.tooLarge) tooLarge();
    else socket.destroy();
  } finally {
    options.release();
  }
}

/** The chunks of one INSTREAM upload, until the zero-length terminator. */
async function* frames(reader: SocketReader, maxBytes: number, state: { bytes: number; ended: boolean; tooLarge: boolean }): AsyncGenerator<Uint8Array> {
  while (!state.ended) {
    const header = await reader.read(4);
    if (!header) throw new Error('The client closed the connection before the end of the stream.');
    let length = header.readUInt32BE(0);
    if (length === 0) {
      state.ended = true;
      return;
    }
    state.bytes += length;
    if (state.bytes > maxBytes) {
      state.tooLarge = true;
      throw new BodyTooLargeError(maxBytes);
    }
    while (length > 0) {
      const piece = await reader.read(Math.min(length, PIECE_BYTES));
      if (!piece) throw new Error('The client closed the connection in the middle of a chunk.');
      length -= piece.byteLength;
      yield piece;
    }
  }
}

/** Exact-length reads from a socket without consuming it through an iterator (which would destroy it). */
class SocketReader {
  constructor(private readonly socket: Socket) {}

  /** The next `n` bytes, or null when the connection ended first. */
  async read(n: number): Promise<Buffer | null> {
    while (true) {
      const chunk = this.socket.read(n) as Buffer | null;
      if (chunk !== null) return chunk;
      if (this.socket.readableEnded || this.socket.destroyed) return null;
      await new Promise<void>((resolve) => {
        const done = (): void => {
          this.socket.off('readable', done);
          this.socket.off('end', done);
          this.socket.off('close', done);
          resolve();
        };
        this.socket.on('readable', done);
        this.socket.on('end', done);
        this.socket.on('close', done);
      });
    }
  }

  /** `z<NAME>\0` or `n<NAME>\n`; a bare name ended by a newline is accepted too. */
  async command(): Promise<{ name: string; delimiter: string } | undefined> {
    const first = await this.read(1);
    if (!first) return undefined;
    const prefix = first.toString('latin1');
    const delimiter = prefix === 'z' ? '\0' : '\n';
    let name = prefix === 'z' || prefix === 'n' ? '' : prefix;
    while (name.length <= MAX_COMMAND_BYTES) {
      const byte = await this.read(1);
      if (!byte) return undefined;
      const char = byte.toString('latin1');
      if (char === delimiter || (delimiter === '\n' && char === '\0')) return { name: name.trim(), delimiter };
      name += char;
    }
    return undefined;
  }
}
