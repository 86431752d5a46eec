// Kubernetes builds its selector messages with Go's fmt verbs (%q, %#v) and with field.Error's
// "path: Invalid value: ..." shape; these helpers reproduce just enough of that for identical texts.

// Go's %q is shared with the field validation.
import { goQuote } from "../validation/go-format.js";

export { goQuote };

/** Go's %#v for a []string; an absent or empty list prints as a nil slice, as Kubernetes' copies are nil. */
export function goStringSlice(values: readonly string[] | undefined): string {
  if (values === undefined || values.length === 0) return "[]string(nil)";
  return `[]string{${values.map(goQuote).join(", ")}}`;
}

/** field.Invalid(...).Error(): `<path>: Invalid value: <value>: <detail>`; a nil path prints as "<nil>". */
export function invalidValue(path: string, renderedValue: string, detail: string): string {
  return `${path}: Invalid value: ${renderedValue}: ${detail}`;
}

/** utilerrors.NewAggregate(...).Error(): one message alone, several deduplicated inside brackets. */
export function aggregate(messages: readonly string[]): string {
  const unique = [...new Set(messages)];
  if (unique.length === 1) return unique[0]!;
  return `[${unique.join(", ")}]`;
}

/** Go compares strings byte-wise (UTF-8), which is code-point order, not JavaScript's UTF-16 order. */
export function compareGoStrings(a: string, b: string): number {
  if (a === b) return 0;
  const ia = a[Symbol.iterator]();
  const ib = b[Symbol.iterator]();
  for (;;) {
    const x = ia.next();
    const y = ib.next();
    if (x.done) return y.done ? 0 : -1;
    if (y.done) return 1;
    const d = x.value.codePointAt(0)! - y.value.codePointAt(0)!;
    if (d !== 0) return d;
  }
}
