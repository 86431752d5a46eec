// resource.Quantity: parsing, comparison and the canonical text Kubernetes prints ("1500m", "1536Mi").
// Values are exact (bigint mantissa and a base-10 scale) because Kubernetes never uses floating point for
// them, and validation messages quote the canonical form ("must be less than or equal to cpu limit of 1").

export type QuantityFormat = "DecimalExponent" | "BinarySI" | "DecimalSI";

const QUANTITY_REGEX = "^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$";
/** Kubernetes' parse errors (the first is by far the most common). */
export const QUANTITY_FORMAT_ERROR = `quantities must match the regular expression '${QUANTITY_REGEX}'`;
export const QUANTITY_SUFFIX_ERROR = "unable to parse quantity's suffix";

const DECIMAL_SUFFIXES: Readonly<Record<string, number>> = {
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
const BINARY_SUFFIXES: Readonly<Record<string, number>> = {
  Ki: 10,
  Mi: 20,
  Gi: 30,
  Ti: 40,
  Pi: 50,
  Ei: 60,
};
const DECIMAL_BY_EXPONENT = new Map(Object.entries(DECIMAL_SUFFIXES).map(([s, e]) => [e, s]));
const BINARY_BY_POWER = ["", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei"];
const MAX_INT64 = (1n << 63n) - 1n;
/** Nothing finer than a nano-unit is kept; finer values are rounded up (away from zero). */
const NANO_SCALE = -9;

function pow10(n: number): bigint {
  return 10n ** BigInt(n);
}

/** A parsed quantity: `mantissa × 10^scale`, remembering the suffix family it was written with. */
export class Quantity {
  private constructor(
    readonly mantissa: bigint,
    readonly scale: number,
    readonly format: QuantityFormat,
    /** The text as written, kept when it already is canonical (Kubernetes then prints it verbatim). */
    private readonly original: string | undefined,
  ) {}

  static of(mantissa: bigint, scale: number, format: QuantityFormat, original?: string): Quantity {
    return new Quantity(mantissa, scale, format, original);
  }

  sign(): number {
    return this.mantissa > 0n ? 1 : this.mantissa < 0n ? -1 : 0;
  }

  isZero(): boolean {
    return this.mantissa === 0n;
  }

  cmp(other: Quantity): number {
    const scale = Math.min(this.scale, other.scale);
    const a = this.mantissa * pow10(this.scale - scale);
    const b = other.mantissa * pow10(other.scale - scale);
    return a < b ? -1 : a > b ? 1 : 0;
  }

  /** True when the value has no fractional part. */
  isInteger(): boolean {
    return this.scale >= 0 || this.mantissa % pow10(-this.scale) === 0n;
  }

  /** The value as an integer, rounded up (away from zero) like Quantity.Value(). */
  value(): bigint {
    if (this.scale >= 0) return this.mantissa * pow10(this.scale);
    const d = pow10(-this.scale);
    const q = this.mantissa / d;
    return this.mantissa % d === 0n ? q : q + (this.mantissa > 0n ? 1n : -1n);
  }

  /** Thousandths of the value, rounded up (away from zero) like Quantity.MilliValue(): "250m" → 250. */
  milliValue(): bigint {
    return Quantity.of(this.mantissa, this.scale + 3, this.format).value();
  }

  /** Quantity.String(): the canonical form, or the input when that already was canonical. */
  toString(): string {
    if (this.original !== undefined) return this.original;
    if (this.isZero()) return "0";
    let format = this.format;
    if (format === "BinarySI") {
      // Values strictly between -1024 and 1024, and non-integers, are printed in decimal instead.
      if (this.cmpInt(-1024n) > 0 && this.cmpInt(1024n) < 0) format = "DecimalSI";
      else if (!this.isInteger()) format = "DecimalSI";
    }
    if (format === "BinarySI") {
      let amount = this.value();
      let power = 0;
      while (amount !== 0n && amount % 1024n === 0n && power < BINARY_BY_POWER.length - 1) {
        amount /= 1024n;
        power++;
      }
      return `${amount}${BINARY_BY_POWER[power] ?? ""}`;
    }
    let amount = this.mantissa;
    let exponent = this.scale;
    while (amount % 10n === 0n) {
      amount /= 10n;
      exponent++;
    }
    // Exponents are kept at multiples of three so they map onto SI suffixes.
    while (exponent % 3 !== 0) {
      amount *= 10n;
      exponent--;
    }
    if (format === "DecimalExponent") return exponent === 0 ? `${amount}` : `${amount}e${exponent}`;
    return `${amount}${DECIMAL_BY_EXPONENT.get(exponent) ?? ""}`;
  }

  private cmpInt(n: bigint): number {
    return this.cmp(new Quantity(n, 0, "DecimalSI", undefined));
  }
}

interface Scanned {
  positive: boolean;
  /** The digits before the point, leading zeros removed ("0" when none are left). */
  num: string;
  /** The digits after the point. */
  denom: string;
  suffix: string;
}

const SUFFIX_CHARS = "eEinumkKMGTP";
const isDigit = (c: string | undefined): boolean => c !== undefined && c >= "0" && c <= "9";

/** The scanner of parseQuantityString: number, optional fraction, then suffix letters and exponent digits. */
function scan(str: string): Scanned | undefined {
  let pos = 0;
  let positive = true;
  if (str[0] === "-" || str[0] === "+") {
    positive = str[0] === "+";
    pos++;
  }
  while (str[pos] === "0") pos++;
  if (pos >= str.length) return { positive, num: "0", denom: "", suffix: "" };
  let start = pos;
  while (isDigit(str[pos])) pos++;
  const num = str.slice(start, pos) || "0";
  let denom = "";
  if (str[pos] === ".") {
    pos++;
    start = pos;
    while (isDigit(str[pos])) pos++;
    denom = str.slice(start, pos);
  }
  const suffixStart = pos;
  while (pos < str.length && SUFFIX_CHARS.includes(str[pos] ?? "")) pos++;
  if (str[pos] === "-" || str[pos] === "+") pos++;
  while (isDigit(str[pos])) pos++;
  if (pos < str.length) return undefined;
  return { positive, num, denom, suffix: str.slice(suffixStart) };
}

function interpretSuffix(
  suffix: string,
): { base: 10 | 2; exponent: number; format: QuantityFormat } | undefined {
  if (Object.hasOwn(DECIMAL_SUFFIXES, suffix)) {
    return { base: 10, exponent: DECIMAL_SUFFIXES[suffix] ?? 0, format: "DecimalSI" };
  }
  if (Object.hasOwn(BINARY_SUFFIXES, suffix)) {
    return { base: 2, exponent: BINARY_SUFFIXES[suffix] ?? 0, format: "BinarySI" };
  }
  if (suffix.length > 1 && (suffix[0] === "e" || suffix[0] === "E")) {
    const rest = suffix.slice(1);
    if (!/^[-+]?[0-9]+$/.test(rest)) return undefined;
    const exponent = Number(rest);
    if (Math.abs(exponent) > 2147483647) return undefined;
    return { base: 10, exponent, format: "DecimalExponent" };
  }
  return undefined;
}

/**
 * Whether Kubernetes keeps the text as written: its int64 fast path does so when the number is already
 * in canonical shape (no trailing "000", no leading zero, an exponent that is a multiple of three).
 */
function keepsOriginal(s: Scanned, exponent: number, format: QuantityFormat): boolean {
  if (format === "BinarySI") {
    if (s.denom !== "" || exponent < 0) return false;
    const precision = 15 - s.num.length - Math.trunc((exponent * 3) / 10) - 1;
    if (precision < 0) return false;
    const value = BigInt(s.num);
    if (value << BigInt(exponent) > MAX_INT64) return false;
    return exponent % 10 === 0 && (value & 7n) !== 0n;
  }
  if (18 - (s.num.length + s.denom.length) < 0) return false;
  const scale = exponent - s.denom.length;
  if (scale < NANO_SCALE) return false;
  const shifted = s.num + s.denom;
  return scale % 3 === 0 && !shifted.endsWith("000") && shifted[0] !== "0";
}

/** ParseQuantity: a Quantity, or the error text Kubernetes gives for malformed input. */
export function parseQuantity(str: string): Quantity | { error: string } {
  if (str.length === 0) return { error: QUANTITY_FORMAT_ERROR };
  if (str === "0") return Quantity.of(0n, 0, "DecimalSI", "0");
  const s = scan(str);
  if (s === undefined) return { error: QUANTITY_FORMAT_ERROR };
  const suffix = interpretSuffix(s.suffix);
  if (suffix === undefined) return { error: QUANTITY_SUFFIX_ERROR };
  let { format } = suffix;
  const sign = s.positive ? 1n : -1n;
  let mantissa = BigInt(s.num + s.denom);
  let scale = -s.denom.length;
  if (suffix.base === 10) scale += suffix.exponent;
  else mantissa <<= BigInt(suffix.exponent);
  const original = mantissa !== 0n && keepsOriginal(s, suffix.exponent, format) ? str : undefined;
  if (scale < NANO_SCALE) {
    // Round the magnitude up to whole nano-units.
    const d = pow10(NANO_SCALE - scale);
    mantissa = mantissa / d + (mantissa % d === 0n ? 0n : 1n);
    scale = NANO_SCALE;
  }
  if (format === "BinarySI") {
    const capped = Quantity.of(MAX_INT64, 0, format);
    if (Quantity.of(mantissa, scale, format).cmp(capped) > 0) {
      mantissa = MAX_INT64;
      scale = 0;
    }
    const one = Quantity.of(1n, 0, format);
    if (mantissa !== 0n && Quantity.of(mantissa, scale, format).cmp(one) < 0) format = "DecimalSI";
  }
  return Quantity.of(sign * mantissa, scale, format, original);
}

/**
 * A quantity from a JSON value: strings as written, numbers by their decimal text (Kubernetes accepts
 * bare JSON numbers for quantities).
 */
export function quantityFrom(value: unknown): Quantity | { error: string } {
  if (typeof value === "number" && Number.isFinite(value)) return parseQuantity(String(value));
  if (typeof value === "string") return parseQuantity(value);
  return { error: QUANTITY_FORMAT_ERROR };
}

export function isQuantity(q: Quantity | { error: string }): q is Quantity {
  return q instanceof Quantity;
}
