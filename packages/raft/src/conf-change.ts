import { RaftError } from "./errors.js";
import type { ConfChange, ConfChangeType } from "./types.js";

// JSON is enough: conf changes are rare, and readable bytes help when inspecting a log on disk.
const encoder = new TextEncoder();
const decoder = new TextDecoder("utf-8", { fatal: true });
const TYPES: ReadonlySet<string> = new Set<ConfChangeType>(["addLearner", "addVoter", "remove"]);

export function encodeConfChange(cc: ConfChange): Uint8Array {
  validateConfChange(cc);
  return encoder.encode(JSON.stringify({ type: cc.type, id: cc.id, context: cc.context }));
}

/** Throws RaftError("InvalidArgument") when the bytes are not an encoded ConfChange. */
export function decodeConfChange(data: Uint8Array): ConfChange {
  let parsed: unknown;
  try {
    parsed = JSON.parse(decoder.decode(data));
  } catch {
    throw new RaftError("InvalidArgument", "confChange entry data is not valid JSON");
  }
  validateConfChange(parsed);
  return { type: parsed.type, id: parsed.id, context: parsed.context };
}

export function validateConfChange(cc: unknown): asserts cc is ConfChange {
  if (typeof cc !== "object" || cc === null)
    throw new RaftError("InvalidArgument", "ConfChange: not an object");
  const r = cc as Record<string, unknown>;
  if (typeof r.type !== "string" || !TYPES.has(r.type)) {
    throw new RaftError("InvalidArgument", `ConfChange.type: unknown type ${JSON.stringify(r.type)}`);
  }
  if (typeof r.id !== "string" || r.id === "") {
    throw new RaftError("InvalidArgument", "ConfChange.id: must be a non-empty string");
  }
  if (typeof r.context !== "string")
    throw new RaftError("InvalidArgument", "ConfChange.context: must be a string");
}
