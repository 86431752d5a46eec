import * as grpc from "@grpc/grpc-js";
import type { Message } from "@tskube/raft";
import { RaftError } from "@tskube/raft";
import type { Envelope__Output } from "../generated/raft/v1/Envelope.js";
import type { SnapshotChunk__Output } from "../generated/raft/v1/SnapshotChunk.js";
import type { SnapshotResponse } from "../generated/raft/v1/SnapshotResponse.js";
import { loadProtos } from "../grpc/protos.js";
import { statusError } from "../grpc/status.js";
import type { Logger } from "../logger.js";
import type { MasterMetrics } from "../metrics.js";
import { MalformedMessageError, messageFromProto } from "./codec.js";
import {
  checkEnvelope,
  checkSender,
  MalformedFrame,
  type PeerAuthority,
  type Rejection,
  reject,
  rejectFrame,
} from "./envelope-check.js";
import { SnapshotAssembler } from "./snapshot-assembler.js";

/** Max size of one Send envelope or snapshot chunk; a larger one is refused with RESOURCE_EXHAUSTED. */
export const MAX_PEER_MESSAGE_BYTES = 16 * 1024 * 1024;

/**
 * gRPC's own receive limit, above ours: frames between the two reach our deserializer, which rejects them
 * with a log line; gRPC drops anything larger by itself (bounding memory) without telling the handler.
 */
export const GRPC_RECEIVE_LIMIT_BYTES = 4 * MAX_PEER_MESSAGE_BYTES;

export interface PeerReceiver extends PeerAuthority {
  /** Steps one validated message into the core (throws RaftError on a message the core refuses). */
  step(message: Message): void;
}

/** Wraps a generated deserializer so undecodable bytes reach the handler as a MalformedFrame, not a crash. */
function guarded<T>(deserialize: (bytes: Buffer) => T): (bytes: Buffer) => T | MalformedFrame {
  return (bytes) => {
    if (bytes.byteLength > MAX_PEER_MESSAGE_BYTES) {
      return new MalformedFrame(
        bytes.byteLength,
        `${bytes.byteLength} bytes exceed the ${MAX_PEER_MESSAGE_BYTES}-byte limit`,
        true,
      );
    }
    try {
      return deserialize(bytes);
    } catch (err) {
      return new MalformedFrame(bytes.byteLength, err instanceof Error ? err.message : String(err));
    }
  };
}

export function raftServiceDefinition(): grpc.ServiceDefinition {
  const base = loadProtos().raft.v1.Raft.service;
  return {
    Send: { ...base.Send, requestDeserialize: guarded(base.Send.requestDeserialize) },
    SendSnapshot: { ...base.SendSnapshot, requestDeserialize: guarded(base.SendSnapshot.requestDeserialize) },
  };
}

type Frame<T> = T | MalformedFrame;

/** The Raft peer service: validates every frame, steps good messages, rejects the stream on a bad one. */
export function raftServiceHandlers(
  receiver: PeerReceiver,
  logger: Logger,
  metrics: MasterMetrics,
): grpc.UntypedServiceImplementation {
  const refuse = (rejection: Rejection, peerAddress: string): grpc.ServiceError => {
    metrics.peerMessagesRejected.inc({ reason: rejection.reason });
    logger.warn(
      { reason: rejection.reason, remote: peerAddress },
      `rejected peer stream: ${rejection.detail}`,
    );
    return statusError(rejection.code, rejection.detail);
  };
  const stepAll = (messages: readonly Message[], from: string): Rejection | null => {
    for (const m of messages) {
      try {
        receiver.step(m);
      } catch (err) {
        if (err instanceof RaftError) {
          return reject(
            "invalidMessage",
            grpc.status.INVALID_ARGUMENT,
            `message from "${from}" refused: ${err.message}`,
          );
        }
        throw err;
      }
    }
    return null;
  };

  const Send: grpc.handleClientStreamingCall<Frame<Envelope__Output>, Record<string, never>> = (
    call,
    callback,
  ) => {
    let finished = false;
    const remote = call.getPeer();
    const finish = (err: grpc.ServiceError | null): void => {
      if (finished) return;
      finished = true;
      if (err === null) callback(null, {});
      else callback(err);
    };
    call.on("data", (frame: Frame<Envelope__Output>) => {
      if (finished) return;
      const verdict = checkEnvelope(frame, receiver);
      if (!verdict.ok) return finish(refuse(verdict, remote));
      const from = frame instanceof MalformedFrame ? "" : frame.from;
      const stepped = stepAll(verdict.messages, from);
      if (stepped !== null) finish(refuse(stepped, remote));
    });
    call.on("end", () => finish(null));
    call.on("error", (err: Error) => {
      logger.debug({ remote, error: err.message }, "peer stream closed with an error");
      finished = true;
    });
  };

  const SendSnapshot: grpc.handleClientStreamingCall<Frame<SnapshotChunk__Output>, SnapshotResponse> = (
    call,
    callback,
  ) => {
    let finished = false;
    let assembler: SnapshotAssembler | null = null;
    let sender = "";
    const remote = call.getPeer();
    const fail = (rejection: Rejection): void => {
      if (finished) return;
      finished = true;
      callback(refuse(rejection, remote));
    };
    call.on("data", (frame: Frame<SnapshotChunk__Output>) => {
      if (finished) return;
      if (frame instanceof MalformedFrame) return fail(rejectFrame(frame, "snapshot chunk"));
      const bad = checkSender(frame, receiver);
      if (bad !== null) return fail(bad);
      try {
        if (assembler === null) {
          if (frame.header === null) throw new Error("first snapshot chunk has no header");
          assembler = new SnapshotAssembler(frame.header);
          sender = frame.from;
        } else if (frame.from !== sender) {
          throw new Error(`snapshot chunk from "${frame.from}" inside a stream from "${sender}"`);
        }
        assembler.add(frame.data);
      } catch (err) {
        fail(
          reject(
            "invalidMessage",
            grpc.status.INVALID_ARGUMENT,
            `bad snapshot stream: ${(err as Error).message}`,
          ),
        );
      }
    });
    call.on("end", () => {
      if (finished) return;
      if (assembler === null) {
        return fail(reject("invalidMessage", grpc.status.INVALID_ARGUMENT, "empty snapshot stream"));
      }
      let message: Message;
      try {
        const data = assembler.finish();
        const header = assembler.header.message;
        if (header === null) throw new Error("snapshot header without a message");
        message = messageFromProto(header, data);
        if (message.type !== "snap" || message.snapshot === null)
          throw new Error(`header is a ${message.type} message`);
        if (message.from !== sender || message.to !== receiver.selfId)
          throw new Error("header ids do not match the stream");
      } catch (err) {
        const detail =
          err instanceof MalformedMessageError || err instanceof Error ? err.message : String(err);
        return fail(
          reject("invalidMessage", grpc.status.INVALID_ARGUMENT, `bad snapshot from "${sender}": ${detail}`),
        );
      }
      logger.info(
        { from: sender, index: message.snapshot.metadata.index, bytes: assembler.receivedBytes },
        "snapshot received",
      );
      const stepped = stepAll([message], sender);
      if (stepped !== null) return fail(stepped);
      finished = true;
      callback(null, { receivedBytes: assembler.receivedBytes });
    });
    call.on("error", (err: Error) => {
      logger.warn({ remote, error: err.message }, "snapshot stream failed");
      finished = true;
    });
  };

  return { Send, SendSnapshot } as grpc.UntypedServiceImplementation;
}
