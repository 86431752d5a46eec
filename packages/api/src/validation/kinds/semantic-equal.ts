// Equality for "did this field change?" checks. Kubernetes compares typed Go structs, where an absent
// field and its zero value are the same thing and nil and empty lists or maps are equal
// (apiequality.Semantic). Bodies decoded from protobuf carry explicit zeros ("", 0, false, {}) that JSON
// bodies omit, so both spellings must compare equal here.

function isZero(v: unknown): boolean {
  if (v === null || v === undefined || v === "" || v === 0 || v === false) return true;
  if (Array.isArray(v)) return v.length === 0;
  if (typeof v === "object") return Object.values(v).every(isZero);
  return false;
}

export function semanticEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (isZero(a) && isZero(b)) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((x, i) => semanticEqual(x, b[i]));
  }
  if (typeof a === "object" && a !== null && typeof b === "object" && b !== null) {
    const ao = a as Record<string, unknown>;
    const bo = b as Record<string, unknown>;
    const keys = new Set([...Object.keys(ao), ...Object.keys(bo)]);
    for (const k of keys) if (!semanticEqual(ao[k], bo[k])) return false;
    return true;
  }
  return false;
}

/**
 * A short description of what differs, one "-"/"+" pair per changed leaf. Kubernetes appends a Go
 * cmp.Diff to some messages ("pod updates may not change fields other than …"); that exact rendering of
 * Go structs cannot be reproduced, so this gives the same information in a JSON-flavoured form.
 */
export function describeDiff(before: unknown, after: unknown, path = ""): string[] {
  if (semanticEqual(before, after)) return [];
  const bothObjects =
    typeof before === "object" &&
    before !== null &&
    typeof after === "object" &&
    after !== null &&
    Array.isArray(before) === Array.isArray(after);
  if (!bothObjects) {
    return [
      `- ${path}: ${JSON.stringify(before) ?? "null"}`,
      `+ ${path}: ${JSON.stringify(after) ?? "null"}`,
    ];
  }
  const bo = before as Record<string, unknown>;
  const ao = after as Record<string, unknown>;
  const keys = [...new Set([...Object.keys(bo), ...Object.keys(ao)])];
  const lines: string[] = [];
  for (const k of keys) {
    const sub = Array.isArray(before) ? `${path}[${k}]` : path === "" ? k : `${path}.${k}`;
    lines.push(...describeDiff(bo[k], ao[k], sub));
  }
  return lines;
}
