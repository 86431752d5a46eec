// Docker multiplexes stdout and stderr of a non-tty container on one stream: each frame is an 8-byte
// header (stream type, 3 zero bytes, big-endian payload length) followed by the payload.

export const STDOUT = 1;
export const STDERR = 2;

export class FrameParser {
  private pending: Buffer = Buffer.alloc(0);

  /** Feeds bytes; calls `emit` for every complete frame (stdin frames, type 0, count as stdout). */
  push(chunk: Buffer, emit: (stream: number, payload: Buffer) => void): void {
    this.pending = this.pending.length === 0 ? chunk : Buffer.concat([this.pending, chunk]);
    while (this.pending.length >= 8) {
      const size = this.pending.readUInt32BE(4);
      if (this.pending.length < 8 + size) break;
      const type = this.pending[0] === STDERR ? STDERR : STDOUT;
      emit(type, this.pending.subarray(8, 8 + size));
      this.pending = this.pending.subarray(8 + size);
    }
  }
}
