import type { KvInput } from "@tskube/linearizability";

/** The writes that go through the log; reads use ReadIndex and never become entries. */
export type KvWrite = Exclude<KvInput, { kind: "get" }>;

/**
 * The payload of a normal entry: the client request's unique id (so the app can answer the right
 * pending request, and apply a request once even if a forwarded proposal was duplicated on the wire).
 */
export interface KvCommand {
  readonly id: string;
  readonly op: KvWrite;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

export function encodeCommand(cmd: KvCommand): Uint8Array {
  return encoder.encode(JSON.stringify(cmd));
}

/** null for the leader's empty entry (or anything that is not a command: it is applied as a no-op). */
export function decodeCommand(data: Uint8Array): KvCommand | null {
  if (data.length === 0) return null;
  const parsed: unknown = JSON.parse(decoder.decode(data));
  if (typeof parsed !== "object" || parsed === null) return null;
  const { id, op } = parsed as { id?: unknown; op?: unknown };
  if (typeof id !== "string" || typeof op !== "object" || op === null) return null;
  return { id, op: op as KvWrite };
}

/** An entry that compacts the MVCC store at `revision`; the KV state machine applies it as a no-op. */
export function encodeMvccCompact(revision: number): Uint8Array {
  return encoder.encode(JSON.stringify({ mvccCompact: revision }));
}

/** The revision of an MVCC compaction entry; null for anything else. */
export function decodeMvccCompact(data: Uint8Array): number | null {
  if (data.length === 0) return null;
  const parsed: unknown = JSON.parse(decoder.decode(data));
  if (typeof parsed !== "object" || parsed === null) return null;
  const { mvccCompact } = parsed as { mvccCompact?: unknown };
  return typeof mvccCompact === "number" ? mvccCompact : null;
}
