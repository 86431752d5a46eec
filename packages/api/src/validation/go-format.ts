// Kubernetes builds its messages with Go's fmt: %q for strings, %v for numbers and booleans, and byte
// lengths for size limits. These re-create that output so our texts match the real API server's.

const PRINTABLE = /^[\p{L}\p{M}\p{N}\p{P}\p{S} ]$/u;
const SHORT_ESCAPES: Readonly<Record<string, string>> = {
  "\x07": "\\a",
  "\b": "\\b",
  "\f": "\\f",
  "\n": "\\n",
  "\r": "\\r",
  "\t": "\\t",
  "\v": "\\v",
  '"': '\\"',
  "\\": "\\\\",
};

function hex(n: number, width: number): string {
  return n.toString(16).padStart(width, "0");
}

/** A double-quoted string the way Go's %q (strconv.Quote) writes it, not the way JSON does. */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const short = SHORT_ESCAPES[ch];
    const cp = ch.codePointAt(0) ?? 0;
    if (short !== undefined) out += short;
    else if (PRINTABLE.test(ch)) out += ch;
    else if (cp < 0x80) out += `\\x${hex(cp, 2)}`;
    else if (cp < 0x10000) out += `\\u${hex(cp, 4)}`;
    else out += `\\U${hex(cp, 8)}`;
  }
  return `${out}"`;
}

/** A number as Go's %v prints it: integers plainly, floats as %g with an exponent of at least two digits. */
export function goNumber(n: number): string {
  if (Number.isNaN(n)) return "NaN";
  if (!Number.isFinite(n)) return n > 0 ? "+Inf" : "-Inf";
  if (n === 0) return "0";
  const [mantissa = "0", expText = "0"] = n.toExponential().split("e");
  const exp = Number(expText);
  if (exp < -4 || exp >= 21) {
    const sign = exp < 0 ? "-" : "+";
    return `${mantissa}e${sign}${String(Math.abs(exp)).padStart(2, "0")}`;
  }
  return String(n);
}

/**
 * A bad value as the API server shows it after "Invalid value: ": strings quoted, numbers and booleans
 * bare, missing values as null. Go prints other values with %#v, which has no JS equivalent; JSON is the
 * closest readable stand-in.
 */
export function goValue(value: unknown): string {
  if (value === null || value === undefined) return "null";
  if (typeof value === "string") return goQuote(value);
  if (typeof value === "number") return goNumber(value);
  if (typeof value === "bigint") return value.toString();
  if (typeof value === "boolean") return value ? "true" : "false";
  return JSON.stringify(value) ?? String(value);
}

const encoder = new TextEncoder();

/** Go's len(string): limits like "no more than 63 characters" count UTF-8 bytes, not UTF-16 units. */
export function byteLength(s: string): number {
  return encoder.encode(s).length;
}
