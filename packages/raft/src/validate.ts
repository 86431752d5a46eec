import { RaftError, type RaftErrorCode } from "./errors.js";
import type { ConfState, Entry, InitialState, Message, MessageType, NodeId, Snapshot } from "./types.js";

const MESSAGE_TYPES: ReadonlySet<string> = new Set<MessageType>([
  "preVote",
  "preVoteResp",
  "vote",
  "voteResp",
  "app",
  "appResp",
  "heartbeat",
  "heartbeatResp",
  "snap",
  "timeoutNow",
  "transferLeader",
  "readIndex",
  "readIndexResp",
  "prop",
]);

/** Messages a follower sends on behalf of a local caller: they carry no term. */
const TERMLESS: ReadonlySet<string> = new Set<MessageType>(["prop", "readIndex", "transferLeader"]);

type Fail = (field: string, why: string) => never;

function failer(code: RaftErrorCode, what: string): Fail {
  return (field, why) => {
    throw new RaftError(code, `${what}.${field}: ${why}`);
  };
}

function isIndex(n: unknown): n is number {
  return typeof n === "number" && Number.isSafeInteger(n) && n >= 0;
}

function checkIndex(v: unknown, field: string, fail: Fail): number {
  if (!isIndex(v)) fail(field, `must be a non-negative integer, got ${String(v)}`);
  return v as number;
}

function checkEntry(v: unknown, field: string, fail: Fail): Entry {
  if (typeof v !== "object" || v === null) fail(field, "must be an entry object");
  const e = v as Record<string, unknown>;
  checkIndex(e.term, `${field}.term`, fail);
  checkIndex(e.index, `${field}.index`, fail);
  if (e.type !== "normal" && e.type !== "confChange")
    fail(`${field}.type`, `unknown entry type ${String(e.type)}`);
  if (!(e.data instanceof Uint8Array)) fail(`${field}.data`, "must be a Uint8Array");
  return v as Entry;
}

function checkConfState(v: unknown, field: string, fail: Fail): ConfState {
  if (typeof v !== "object" || v === null) fail(field, "must be an object");
  const c = v as Record<string, unknown>;
  const seen = new Set<string>();
  for (const list of ["voters", "learners"] as const) {
    const ids = c[list];
    if (!Array.isArray(ids)) fail(`${field}.${list}`, "must be an array");
    for (const id of ids as unknown[]) {
      if (typeof id !== "string" || id === "") fail(`${field}.${list}`, "must hold non-empty strings");
      if (seen.has(id as string)) fail(`${field}.${list}`, `duplicate member ${String(id)}`);
      seen.add(id as string);
    }
  }
  return v as ConfState;
}

export function checkSnapshot(v: unknown, field: string, fail: Fail): Snapshot {
  if (typeof v !== "object" || v === null) fail(field, "must be a snapshot object");
  const s = v as Record<string, unknown>;
  const m = s.metadata as Record<string, unknown> | null | undefined;
  if (typeof m !== "object" || m === null) fail(`${field}.metadata`, "must be an object");
  const meta = m as Record<string, unknown>;
  checkIndex(meta.index, `${field}.metadata.index`, fail);
  checkIndex(meta.term, `${field}.metadata.term`, fail);
  checkConfState(meta.confState, `${field}.metadata.confState`, fail);
  if (!(s.data instanceof Uint8Array)) fail(`${field}.data`, "must be a Uint8Array");
  return v as Snapshot;
}

/**
 * Checks a peer message completely before the core acts on it, so a corrupt or hostile message is
 * refused with RaftError("InvalidMessage") naming the field, and never leaves the node half-updated.
 */
export function validateMessage(v: unknown, self: NodeId): asserts v is Message {
  const fail = failer("InvalidMessage", "message");
  if (typeof v !== "object" || v === null) fail("*", "not an object");
  const m = v as Record<string, unknown>;
  if (typeof m.type !== "string" || !MESSAGE_TYPES.has(m.type))
    fail("type", `unknown type ${String(m.type)}`);
  const type = m.type as MessageType;
  if (typeof m.from !== "string" || m.from === "") fail("from", "must be a non-empty string");
  if (typeof m.to !== "string" || m.to === "") fail("to", "must be a non-empty string");
  if (m.to !== self) fail("to", `addressed to ${String(m.to)}, this node is ${self}`);
  if (m.from === self) fail("from", "a node does not send messages to itself");
  const term = checkIndex(m.term, "term", fail);
  const logTerm = checkIndex(m.logTerm, "logTerm", fail);
  const index = checkIndex(m.index, "index", fail);
  checkIndex(m.commit, "commit", fail);
  checkIndex(m.rejectHint, "rejectHint", fail);
  if (typeof m.reject !== "boolean") fail("reject", "must be a boolean");
  if (typeof m.context !== "string") fail("context", "must be a string");
  if (!Array.isArray(m.entries)) fail("entries", "must be an array");
  const entries = m.entries as unknown[];
  if (TERMLESS.has(type)) {
    if (term !== 0) fail("term", `${type} is sent with term 0, got ${term}`);
  } else if (term === 0) {
    fail("term", `${type} must carry the sender's term`);
  }
  if (type === "app") {
    if (logTerm > term) fail("logTerm", `previous entry term ${logTerm} is above the message term ${term}`);
    let prevTerm = logTerm;
    for (let i = 0; i < entries.length; i++) {
      const e = checkEntry(entries[i], `entries[${i}]`, fail);
      if (e.index !== index + 1 + i) fail(`entries[${i}].index`, `expected ${index + 1 + i}, got ${e.index}`);
      if (e.term > term) fail(`entries[${i}].term`, `term ${e.term} is above the message term ${term}`);
      if (e.term < prevTerm) fail(`entries[${i}].term`, `term ${e.term} decreases (previous ${prevTerm})`);
      prevTerm = e.term;
    }
  } else if (type === "prop") {
    if (entries.length === 0) fail("entries", "a proposal carries at least one entry");
    for (let i = 0; i < entries.length; i++) checkEntry(entries[i], `entries[${i}]`, fail);
  } else if (entries.length !== 0) {
    fail("entries", `${type} carries no entries`);
  }
  if (type === "snap") {
    const s = checkSnapshot(m.snapshot, "snapshot", fail);
    if (s.metadata.term > term) fail("snapshot.metadata.term", `above the message term ${term}`);
    if (s.metadata.index === 0) fail("snapshot.metadata.index", "must be ≥ 1");
  } else if (m.snapshot !== null && m.snapshot !== undefined) {
    fail("snapshot", `${type} carries no snapshot`);
  }
  if ((type === "vote" || type === "preVote") && logTerm > term) {
    fail("logTerm", `candidate's last log term ${logTerm} is above its term ${term}`);
  }
  if ((type === "readIndex" || type === "transferLeader") && m.context === "") {
    fail("context", `${type} needs a context`);
  }
}

/** Checks the state read back from disk; RaftError("InvalidState") says what is inconsistent. */
export function validateInitialState(v: unknown): asserts v is InitialState {
  const fail = failer("InvalidState", "InitialState");
  if (typeof v !== "object" || v === null) fail("*", "not an object");
  const st = v as Record<string, unknown>;
  const hs = st.hardState as Record<string, unknown> | null | undefined;
  if (typeof hs !== "object" || hs === null) fail("hardState", "must be an object");
  const hard = hs as Record<string, unknown>;
  const term = checkIndex(hard.term, "hardState.term", fail);
  const commit = checkIndex(hard.commit, "hardState.commit", fail);
  if (hard.vote !== null && (typeof hard.vote !== "string" || hard.vote === "")) {
    fail("hardState.vote", "must be null or a node id");
  }
  const snap = checkSnapshot(st.snapshot, "snapshot", fail);
  const snapIndex = snap.metadata.index;
  const snapTerm = snap.metadata.term;
  if (snapTerm > term) fail("snapshot.metadata.term", `${snapTerm} is above hardState.term ${term}`);
  if (!Array.isArray(st.entries)) fail("entries", "must be an array");
  const entries = st.entries as unknown[];
  let last = snapIndex;
  if (entries.length > 0) {
    const first = checkEntry(entries[0], "entries[0]", fail);
    if (first.index > snapIndex + 1) {
      fail("entries[0].index", `gap after the snapshot at ${snapIndex} (first entry ${first.index})`);
    }
    let prev: Entry | null = null;
    for (let i = 0; i < entries.length; i++) {
      const e = checkEntry(entries[i], `entries[${i}]`, fail);
      if (prev !== null && e.index !== prev.index + 1) {
        fail(`entries[${i}].index`, `not contiguous: ${e.index} follows ${prev.index}`);
      }
      if (prev !== null && e.term < prev.term)
        fail(`entries[${i}].term`, `decreases from ${prev.term} to ${e.term}`);
      if (e.term > term) fail(`entries[${i}].term`, `${e.term} is above hardState.term ${term}`);
      if (e.index === snapIndex && e.term !== snapTerm) {
        fail(
          `entries[${i}].term`,
          `entry ${e.index} has term ${e.term}, the snapshot there has term ${snapTerm}`,
        );
      }
      if (e.index === snapIndex + 1 && e.term < snapTerm) {
        fail(`entries[${i}].term`, `term ${e.term} is below the snapshot's term ${snapTerm}`);
      }
      prev = e;
    }
    last = prev!.index;
    if (last < snapIndex) fail("entries", `end at ${last}, before the snapshot at ${snapIndex}`);
  }
  if (commit > last) fail("hardState.commit", `${commit} is beyond the last index ${last}`);
  const applied = checkIndex(st.applied, "applied", fail);
  if (applied > commit) fail("applied", `${applied} is beyond hardState.commit ${commit}`);
  if (applied < snapIndex) fail("applied", `${applied} is below the snapshot index ${snapIndex}`);
}
