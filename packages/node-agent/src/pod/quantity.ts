// The two readings of a resource.Quantity the agent needs: Value() and MilliValue(), both rounded up
// like Kubernetes does. Exact with bigint rationals; @tskube/api's full Quantity is not exported.
import { QuantityError } from "./errors.js";

const DECIMAL: Readonly<Record<string, number>> = {
  n: -9,
  u: -6,
  m: -3,
  "": 0,
  k: 3,
  M: 6,
  G: 9,
  T: 12,
  P: 15,
  E: 18,
};
const BINARY: Readonly<Record<string, number>> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };
const SHAPE = /^([+-]?)([0-9]+(?:\.[0-9]*)?|\.[0-9]+)(Ki|Mi|Gi|Ti|Pi|Ei|[numkMGTPE]|[eE][+-]?[0-9]+)?$/;

interface Rational {
  num: bigint;
  den: bigint;
}

function parse(text: string): Rational {
  const m = SHAPE.exec(text);
  if (m === null) throw new QuantityError(text);
  const [, sign = "", digits = "", suffix = ""] = m;
  const [whole = "", frac = ""] = digits.split(".");
  let num = BigInt((whole || "0") + frac) * (sign === "-" ? -1n : 1n);
  let den = 10n ** BigInt(frac.length);
  const binary = BINARY[suffix];
  let exponent = 0;
  if (binary !== undefined) num <<= BigInt(binary);
  else if (Object.hasOwn(DECIMAL, suffix)) exponent = DECIMAL[suffix] ?? 0;
  else exponent = Number(suffix.slice(1));
  if (exponent >= 0) num *= 10n ** BigInt(exponent);
  else den *= 10n ** BigInt(-exponent);
  return { num, den };
}

function ceilDiv(num: bigint, den: bigint): bigint {
  const q = num / den;
  return num % den !== 0n && num > 0n ? q + 1n : q;
}

/** Quantity.Value(): whole units, rounded up ("1.5" → 2, "128Mi" → 134217728). */
export function quantityValue(text: string | number): bigint {
  const { num, den } = parse(String(text));
  return ceilDiv(num, den);
}

/** Quantity.MilliValue(): thousandths, rounded up ("250m" → 250, "0.1" → 100, "1" → 1000). */
export function quantityMilliValue(text: string | number): bigint {
  const { num, den } = parse(String(text));
  return ceilDiv(num * 1000n, den);
}
