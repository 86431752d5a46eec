// The one place where core Raft types (packages/raft/src/types.ts) meet their protobuf form
// (proto/raft/v1/raft.proto). Decoding validates shape only; the core validates meaning.
import type { ConfState, Entry, EntryType, Message, MessageType, Snapshot } from "@tskube/raft";
import type { ConfState__Output } from "../generated/raft/v1/ConfState.js";
import type { Entry__Output, Entry as ProtoEntry } from "../generated/raft/v1/Entry.js";
import type { EntryType__Output } from "../generated/raft/v1/EntryType.js";
import type { Message__Output, Message as ProtoMessage } from "../generated/raft/v1/Message.js";
import type { MessageType__Output } from "../generated/raft/v1/MessageType.js";
import type { Snapshot as ProtoSnapshot, Snapshot__Output } from "../generated/raft/v1/Snapshot.js";

const MESSAGE_TYPES: Readonly<Record<MessageType, Exclude<MessageType__Output, "MESSAGE_TYPE_UNSPECIFIED">>> =
  {
    preVote: "MESSAGE_TYPE_PRE_VOTE",
    preVoteResp: "MESSAGE_TYPE_PRE_VOTE_RESP",
    vote: "MESSAGE_TYPE_VOTE",
    voteResp: "MESSAGE_TYPE_VOTE_RESP",
    app: "MESSAGE_TYPE_APP",
    appResp: "MESSAGE_TYPE_APP_RESP",
    heartbeat: "MESSAGE_TYPE_HEARTBEAT",
    heartbeatResp: "MESSAGE_TYPE_HEARTBEAT_RESP",
    snap: "MESSAGE_TYPE_SNAP",
    timeoutNow: "MESSAGE_TYPE_TIMEOUT_NOW",
    transferLeader: "MESSAGE_TYPE_TRANSFER_LEADER",
    readIndex: "MESSAGE_TYPE_READ_INDEX",
    readIndexResp: "MESSAGE_TYPE_READ_INDEX_RESP",
    prop: "MESSAGE_TYPE_PROP",
  };

const MESSAGE_TYPES_BACK = new Map<string, MessageType>(
  Object.entries(MESSAGE_TYPES).map(([core, proto]) => [proto, core as MessageType]),
);

const ENTRY_TYPES: Readonly<Record<EntryType, EntryType__Output>> = {
  normal: "ENTRY_TYPE_NORMAL",
  confChange: "ENTRY_TYPE_CONF_CHANGE",
};

/** A peer sent something that is well-formed protobuf but not a valid Raft message. */
export class MalformedMessageError extends Error {
  override name = "MalformedMessageError";
}

function index(value: number, field: string): number {
  if (!Number.isSafeInteger(value) || value < 0)
    throw new MalformedMessageError(`${field} ${value} out of range`);
  return value;
}

export function entryToProto(e: Entry): ProtoEntry {
  return { term: e.term, index: e.index, type: ENTRY_TYPES[e.type], data: bytes(e.data) };
}

export function entryFromProto(e: Entry__Output): Entry {
  const type: EntryType | null =
    e.type === "ENTRY_TYPE_NORMAL" ? "normal" : e.type === "ENTRY_TYPE_CONF_CHANGE" ? "confChange" : null;
  if (type === null) throw new MalformedMessageError(`unknown entry type ${String(e.type)}`);
  return {
    term: index(e.term, "entry term"),
    index: index(e.index, "entry index"),
    type,
    data: new Uint8Array(e.data.buffer, e.data.byteOffset, e.data.byteLength),
  };
}

function confStateFromProto(c: ConfState__Output | null): ConfState {
  return { voters: c?.voters ?? [], learners: c?.learners ?? [] };
}

/** `withData: false` leaves the data out (a snapshot header: the data travels in chunks). */
export function snapshotToProto(s: Snapshot, withData = true): ProtoSnapshot {
  return {
    metadata: {
      index: s.metadata.index,
      term: s.metadata.term,
      confState: { voters: [...s.metadata.confState.voters], learners: [...s.metadata.confState.learners] },
    },
    data: withData ? bytes(s.data) : Buffer.alloc(0),
  };
}

export function snapshotFromProto(s: Snapshot__Output, data?: Uint8Array): Snapshot {
  if (s.metadata === null) throw new MalformedMessageError("snapshot without metadata");
  return {
    metadata: {
      index: index(s.metadata.index, "snapshot index"),
      term: index(s.metadata.term, "snapshot term"),
      confState: confStateFromProto(s.metadata.confState),
    },
    data: data ?? new Uint8Array(s.data.buffer, s.data.byteOffset, s.data.byteLength),
  };
}

/** `withSnapshotData: false` for the header of a SendSnapshot stream. */
export function messageToProto(m: Message, withSnapshotData = true): ProtoMessage {
  return {
    type: MESSAGE_TYPES[m.type],
    from: m.from,
    to: m.to,
    term: m.term,
    logTerm: m.logTerm,
    index: m.index,
    entries: m.entries.map(entryToProto),
    commit: m.commit,
    reject: m.reject,
    rejectHint: m.rejectHint,
    snapshot: m.snapshot === null ? null : snapshotToProto(m.snapshot, withSnapshotData),
    context: m.context,
  };
}

/** `snapshotData` replaces the (empty) data of a snap header once the chunks were reassembled. */
export function messageFromProto(m: Message__Output, snapshotData?: Uint8Array): Message {
  const type = MESSAGE_TYPES_BACK.get(m.type);
  if (type === undefined) throw new MalformedMessageError(`unknown message type ${String(m.type)}`);
  return {
    type,
    from: m.from,
    to: m.to,
    term: index(m.term, "term"),
    logTerm: index(m.logTerm, "logTerm"),
    index: index(m.index, "index"),
    entries: m.entries.map(entryFromProto),
    commit: index(m.commit, "commit"),
    reject: m.reject,
    rejectHint: index(m.rejectHint, "rejectHint"),
    snapshot: m.snapshot === null ? null : snapshotFromProto(m.snapshot, snapshotData),
    context: m.context,
  };
}

function bytes(data: Uint8Array): Buffer {
  return Buffer.from(data.buffer, data.byteOffset, data.byteLength);
}

/** A rough byte size of a message, for queue limits. */
export function approximateSize(m: Message): number {
  let size = 64 + m.context.length;
  for (const e of m.entries) size += 24 + e.data.byteLength;
  return size;
}

export type { MessageType__Output };
