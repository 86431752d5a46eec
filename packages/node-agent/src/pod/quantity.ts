// The two readings of a resource.Quantity the agent needs, Value() and MilliValue(), both rounded up as
// Kubernetes does; @tskube/api's exact Quantity does the parsing.
import { isQuantity, parseQuantity } from "@tskube/api/client";
import { QuantityError } from "./errors.js";

function parse(text: string | number) {
  const q = parseQuantity(String(text));
  if (!isQuantity(q)) throw new QuantityError(String(text));
  return q;
}

/** Quantity.Value(): whole units, rounded up ("1.5" → 2, "128Mi" → 134217728). */
export function quantityValue(text: string | number): bigint {
  return parse(text).value();
}

/** Quantity.MilliValue(): thousandths, rounded up ("250m" → 250, "0.1" → 100, "1" → 1000). */
export function quantityMilliValue(text: string | number): bigint {
  return parse(text).milliValue();
}
