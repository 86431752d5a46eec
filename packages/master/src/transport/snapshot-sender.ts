import { createHash } from "node:crypto";
import { once } from "node:events";
import type * as grpc from "@grpc/grpc-js";
import type { Message } from "@tskube/raft";
import type { RaftClient } from "../generated/raft/v1/Raft.js";
import type { SnapshotChunk } from "../generated/raft/v1/SnapshotChunk.js";
import { messageToProto } from "./codec.js";

export const SNAPSHOT_CHUNK_BYTES = 512 * 1024;

/**
 * Streams the snapshot of one `snap` message: a header chunk (the message without data, the total size and
 * the SHA-256), then the data in chunks. Resolves once the receiver verified and stepped it.
 */
export async function sendSnapshot(
  client: RaftClient,
  message: Message,
  options: { clusterId: string; deadlineMs: number; chunkBytes?: number },
): Promise<number> {
  const snapshot = message.snapshot;
  if (snapshot === null) throw new Error("snap message without a snapshot");
  const data = Buffer.from(snapshot.data.buffer, snapshot.data.byteOffset, snapshot.data.byteLength);
  const chunkBytes = options.chunkBytes ?? SNAPSHOT_CHUNK_BYTES;
  let call: grpc.ClientWritableStream<SnapshotChunk> | undefined;
  const done = new Promise<number>((resolve, reject) => {
    call = client.SendSnapshot({ deadline: Date.now() + options.deadlineMs }, (err, response) => {
      if (err !== null || response === undefined) reject(err ?? new Error("no response"));
      else resolve(response.receivedBytes);
    });
  });
  if (call === undefined) throw new Error("SendSnapshot did not start");
  const stream = call;
  stream.on("error", () => {});
  const ids = { clusterId: options.clusterId, from: message.from, to: message.to };
  const header = {
    message: messageToProto(message, false),
    totalSize: data.byteLength,
    sha256: createHash("sha256").update(data).digest(),
  };
  let offset = 0;
  let first = true;
  let failed = false;
  done.catch(() => {
    failed = true;
  });
  while (!failed && (first || offset < data.byteLength)) {
    const end = Math.min(data.byteLength, offset + chunkBytes);
    const chunk: SnapshotChunk = { ...ids, data: data.subarray(offset, end), header: first ? header : null };
    offset = end;
    first = false;
    if (!stream.write(chunk)) await Promise.race([once(stream, "drain"), done.catch(() => {})]);
  }
  stream.end();
  return done;
}
