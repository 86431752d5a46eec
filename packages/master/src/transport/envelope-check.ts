import * as grpc from "@grpc/grpc-js";
import type { Message, NodeId } from "@tskube/raft";
import type { Envelope__Output } from "../generated/raft/v1/Envelope.js";
import type { Message__Output } from "../generated/raft/v1/Message.js";
import { MalformedMessageError, messageFromProto } from "./codec.js";

/** What the receiving member knows to judge an incoming peer stream. */
export interface PeerAuthority {
  readonly clusterId: string;
  readonly selfId: NodeId;
  isKnownMember(id: NodeId): boolean;
}

/** A frame that did not even decode as protobuf (the deserializer is guarded so we can say so clearly). */
export class MalformedFrame {
  constructor(
    readonly bytes: number,
    readonly error: string,
    readonly oversized = false,
  ) {}
}

export type RejectReason =
  | "malformed"
  | "oversized"
  | "wrongCluster"
  | "wrongRecipient"
  | "unknownMember"
  | "invalidMessage";

export interface Rejection {
  readonly ok: false;
  readonly reason: RejectReason;
  readonly code: grpc.status;
  /** One line naming the problem: logged by the receiver and returned to the sender as the status details. */
  readonly detail: string;
}

export type EnvelopeVerdict = { readonly ok: true; readonly messages: Message[] } | Rejection;

export function reject(reason: RejectReason, code: grpc.status, detail: string): Rejection {
  return { ok: false, reason, code, detail };
}

/** Checks the ids every peer frame carries (Send envelopes and snapshot chunks alike). */
export function checkSender(
  frame: { clusterId: string; from: string; to: string },
  authority: PeerAuthority,
): Rejection | null {
  if (frame.clusterId !== authority.clusterId) {
    return reject(
      "wrongCluster",
      grpc.status.FAILED_PRECONDITION,
      `peer message from "${frame.from}" carries cluster id "${frame.clusterId}", but member ` +
        `${authority.selfId} belongs to cluster "${authority.clusterId}"`,
    );
  }
  if (frame.to !== authority.selfId) {
    return reject(
      "wrongRecipient",
      grpc.status.FAILED_PRECONDITION,
      `peer message from "${frame.from}" is addressed to "${frame.to}", but this member is ${authority.selfId}`,
    );
  }
  if (!authority.isKnownMember(frame.from)) {
    return reject(
      "unknownMember",
      grpc.status.PERMISSION_DENIED,
      `peer message from unknown member "${frame.from}" rejected by ${authority.selfId} (not in the member list)`,
    );
  }
  return null;
}

export function checkMessage(
  m: Message__Output,
  envelopeFrom: string,
  authority: PeerAuthority,
): Message | Rejection {
  if (m.from !== envelopeFrom || m.to !== authority.selfId) {
    return reject(
      "invalidMessage",
      grpc.status.INVALID_ARGUMENT,
      `peer message ${m.from}→${m.to} inside an envelope ${envelopeFrom}→${authority.selfId}`,
    );
  }
  try {
    return messageFromProto(m);
  } catch (err) {
    if (err instanceof MalformedMessageError) {
      return reject(
        "invalidMessage",
        grpc.status.INVALID_ARGUMENT,
        `invalid message from "${envelopeFrom}": ${err.message}`,
      );
    }
    throw err;
  }
}

/** Validates one Send envelope and decodes its messages; `snap` must travel on SendSnapshot. */
export function checkEnvelope(
  frame: Envelope__Output | MalformedFrame,
  authority: PeerAuthority,
): EnvelopeVerdict {
  if (frame instanceof MalformedFrame) return rejectFrame(frame, "peer message");
  const sender = checkSender(frame, authority);
  if (sender !== null) return sender;
  const messages: Message[] = [];
  for (const raw of frame.messages) {
    const m = checkMessage(raw, frame.from, authority);
    if ("ok" in m) return m;
    if (m.type === "snap") {
      return reject(
        "invalidMessage",
        grpc.status.INVALID_ARGUMENT,
        `snap message from "${frame.from}" on the Send stream`,
      );
    }
    messages.push(m);
  }
  return { ok: true, messages };
}

export function rejectFrame(frame: MalformedFrame, what: string): Rejection {
  if (frame.oversized) {
    return reject("oversized", grpc.status.RESOURCE_EXHAUSTED, `oversized ${what} rejected: ${frame.error}`);
  }
  return reject(
    "malformed",
    grpc.status.INVALID_ARGUMENT,
    `malformed ${what} (${frame.bytes} bytes) rejected: ${frame.error}`,
  );
}
