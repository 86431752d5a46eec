// Defensive reads of the few object fields the authorizer looks at. Objects reach it as decoded request
// bodies or stored objects, so nothing about their shape is trusted.

function record(v: unknown): Record<string, unknown> | undefined {
  return typeof v === "object" && v !== null && !Array.isArray(v)
    ? (v as Record<string, unknown>)
    : undefined;
}

function str(v: unknown): string | undefined {
  return typeof v === "string" ? v : undefined;
}

export function objectName(object: unknown): string | undefined {
  const name = str(record(record(object)?.metadata)?.name);
  return name === "" ? undefined : name;
}

/** A Pod's spec.nodeName ("" when unbound or unreadable). */
export function podNodeName(object: unknown): string {
  return str(record(record(object)?.spec)?.nodeName) ?? "";
}

export function labelsOf(object: unknown): Readonly<Record<string, string>> {
  const labels = record(record(record(object)?.metadata)?.labels) ?? {};
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(labels)) if (typeof v === "string") out[k] = v;
  return out;
}

/** A Node's spec.taints as canonical JSON; missing and empty are the same, as Go's semantic equality says. */
export function taintsKey(object: unknown): string {
  const taints = record(record(object)?.spec)?.taints;
  if (!Array.isArray(taints) || taints.length === 0) return "[]";
  return JSON.stringify(taints.map((t) => sortedKeys(t)));
}

/** Keys whose values differ between two label maps (added, removed or changed), sorted. */
export function changedLabelKeys(
  a: Readonly<Record<string, string>>,
  b: Readonly<Record<string, string>>,
): string[] {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].filter((k) => a[k] !== b[k]).sort();
}

function sortedKeys(v: unknown): unknown {
  const r = record(v);
  if (r === undefined) return v;
  return Object.fromEntries(
    Object.keys(r)
      .sort()
      .map((k) => [k, sortedKeys(r[k])]),
  );
}
