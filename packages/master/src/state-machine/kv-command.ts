// The commands the test KV state machine replicates. Each carries the id of the request that proposed it,
// so the proposing member can resolve its pending promise when it applies the entry.
export type KvCommand =
  | { readonly id: string; readonly op: "put"; readonly key: string; readonly value: string }
  | { readonly id: string; readonly op: "delete"; readonly key: string };

export type KvOperation = KvCommand extends infer C ? (C extends KvCommand ? Omit<C, "id"> : never) : never;

export type KvResult =
  | { readonly op: "put"; readonly index: number }
  | { readonly op: "delete"; readonly index: number; readonly deleted: boolean };

const encoder = new TextEncoder();
const decoder = new TextDecoder();

export function encodeCommand(command: KvCommand): Uint8Array {
  return encoder.encode(JSON.stringify(command));
}

export function decodeCommand(data: Uint8Array): KvCommand {
  const parsed: unknown = JSON.parse(decoder.decode(data));
  if (typeof parsed !== "object" || parsed === null) throw new Error("command is not an object");
  const c = parsed as Record<string, unknown>;
  if (typeof c.id !== "string" || typeof c.key !== "string") throw new Error("command without id or key");
  if (c.op === "put" && typeof c.value === "string")
    return { id: c.id, op: "put", key: c.key, value: c.value };
  if (c.op === "delete") return { id: c.id, op: "delete", key: c.key };
  throw new Error(`unknown command op ${String(c.op)}`);
}
