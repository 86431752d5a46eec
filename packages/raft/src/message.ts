import type { Entry, Message, MessageType, NodeId, Snapshot } from "./types.js";

const NO_ENTRIES: readonly Entry[] = Object.freeze([]);

export interface MessageFields {
  readonly type: MessageType;
  readonly from: NodeId;
  readonly to: NodeId;
  readonly term?: number;
  readonly logTerm?: number;
  readonly index?: number;
  readonly entries?: readonly Entry[];
  readonly commit?: number;
  readonly reject?: boolean;
  readonly rejectHint?: number;
  readonly snapshot?: Snapshot | null;
  readonly context?: string;
}

/** Builds a Message with every unused field at its zero value, as the transport expects. */
export function makeMessage(f: MessageFields): Message {
  return {
    type: f.type,
    from: f.from,
    to: f.to,
    term: f.term ?? 0,
    logTerm: f.logTerm ?? 0,
    index: f.index ?? 0,
    entries: f.entries ?? NO_ENTRIES,
    commit: f.commit ?? 0,
    reject: f.reject ?? false,
    rejectHint: f.rejectHint ?? 0,
    snapshot: f.snapshot ?? null,
    context: f.context ?? "",
  };
}
