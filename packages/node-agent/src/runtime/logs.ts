// docker logs as kubelet serves them: stdout and stderr merged in order, docker's RFC3339Nano timestamps
// kept when asked for, tail/since/limitBytes applied, and with follow the stream ends with the container.

import { PassThrough, type Readable } from "node:stream";
import type Dockerode from "dockerode";
import { FrameParser } from "./frame-demux.js";
import type { LogOptions } from "./runtime-types.js";

/** Docker's `since`: Unix seconds, fractions allowed. */
function since(opts: LogOptions, now: () => Date): number | undefined {
  if (opts.sinceTime !== undefined) {
    const t = new Date(opts.sinceTime).getTime();
    if (!Number.isNaN(t)) return t / 1000;
  }
  if (opts.sinceSeconds !== undefined) return now().getTime() / 1000 - opts.sinceSeconds;
  return undefined;
}

/** Copies `push`ed bytes into `out` until `limit` bytes went through, then ends it. */
function limiter(out: PassThrough, limit: number | undefined, stop: () => void): (chunk: Buffer) => void {
  let left = limit ?? Number.POSITIVE_INFINITY;
  return (chunk) => {
    if (left <= 0) return;
    const part = chunk.length > left ? chunk.subarray(0, left) : chunk;
    left -= part.length;
    out.write(part);
    if (left <= 0) {
      out.end();
      stop();
    }
  };
}

export async function containerLogs(
  docker: Dockerode,
  id: string,
  opts: LogOptions,
  now: () => Date,
): Promise<Readable> {
  const container = docker.getContainer(id);
  const info = await container.inspect();
  const tty = info.Config.Tty === true;
  const query: Dockerode.ContainerLogsOptions = {
    stdout: true,
    stderr: true,
    timestamps: opts.timestamps === true,
  };
  if (opts.tailLines !== undefined) query.tail = opts.tailLines;
  const sinceSeconds = since(opts, now);
  if (sinceSeconds !== undefined) query.since = sinceSeconds;
  const out = new PassThrough();
  const parser = new FrameParser();

  if (opts.follow !== true) {
    const buffer: Buffer = await container.logs({ ...query, follow: false });
    const write = limiter(out, opts.limitBytes, () => undefined);
    if (tty) write(buffer);
    else parser.push(buffer, (_, payload) => write(payload));
    if (!out.writableEnded) out.end();
    return out;
  }

  const source = (await container.logs({ ...query, follow: true })) as unknown as Readable;
  const write = limiter(out, opts.limitBytes, () => source.destroy());
  source.on("data", (chunk: Buffer) => {
    if (tty) write(chunk);
    else parser.push(chunk, (_, payload) => write(payload));
  });
  source.on("end", () => {
    if (!out.writableEnded) out.end();
  });
  source.on("error", (err) => out.destroy(err));
  // The client went away: stop following.
  out.on("close", () => source.destroy());
  return out;
}
