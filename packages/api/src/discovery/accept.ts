// Accept header parsing (RFC 9110 media ranges with parameters and q-values), enough for content
// negotiation of discovery and OpenAPI. Quoted commas are not expected from Kubernetes clients.

export interface MediaRange {
  /** Lower-cased, e.g. "application" or "*". */
  readonly type: string;
  /** Lower-cased, e.g. "json" or "*". */
  readonly subtype: string;
  /** Parameters other than q; names lower-cased, values as sent (unquoted). */
  readonly params: Readonly<Record<string, string>>;
  readonly q: number;
}

function parseRange(text: string): MediaRange | undefined {
  const [mediaType, ...rawParams] = text.split(";").map((p) => p.trim());
  if (mediaType === undefined || mediaType === "") return undefined;
  const slash = mediaType.indexOf("/");
  if (slash <= 0 || slash === mediaType.length - 1) return undefined;
  const params: Record<string, string> = {};
  let q = 1;
  for (const p of rawParams) {
    const eq = p.indexOf("=");
    if (eq <= 0) continue;
    const name = p.slice(0, eq).trim().toLowerCase();
    let value = p.slice(eq + 1).trim();
    if (value.length >= 2 && value.startsWith('"') && value.endsWith('"')) value = value.slice(1, -1);
    if (name === "q") {
      const n = Number(value);
      q = Number.isFinite(n) ? Math.min(Math.max(n, 0), 1) : 1;
    } else {
      params[name] = value;
    }
  }
  return {
    type: mediaType.slice(0, slash).toLowerCase(),
    subtype: mediaType.slice(slash + 1).toLowerCase(),
    params,
    q,
  };
}

/**
 * The acceptable media ranges, most preferred first: by q-value, ties in the order sent. Ranges with
 * q=0 are dropped. An absent or empty header accepts anything (a single "*\/*").
 */
export function parseAccept(accept: string | undefined): readonly MediaRange[] {
  if (accept === undefined || accept.trim() === "") return [{ type: "*", subtype: "*", params: {}, q: 1 }];
  const ranges = accept
    .split(",")
    .map(parseRange)
    .filter((r): r is MediaRange => r !== undefined && r.q > 0);
  // Array.prototype.sort is stable, so equal q keeps the client's order.
  return ranges.sort((a, b) => b.q - a.q);
}

/** Whether a range admits a concrete type/subtype (wildcards honoured, parameters ignored). */
export function rangeAdmits(range: MediaRange, type: string, subtype: string): boolean {
  return (range.type === "*" || range.type === type) && (range.subtype === "*" || range.subtype === subtype);
}
