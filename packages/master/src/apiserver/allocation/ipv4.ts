/** IPv4 addresses as unsigned 32-bit numbers, for range arithmetic. */
export function ipToNumber(ip: string): number | undefined {
  const parts = ip.split(".");
  if (parts.length !== 4) return undefined;
  let n = 0;
  for (const p of parts) {
    if (!/^(0|[1-9][0-9]{0,2})$/.test(p)) return undefined;
    const v = Number(p);
    if (v > 255) return undefined;
    n = n * 256 + v;
  }
  return n;
}

export function numberToIp(n: number): string {
  return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join(".");
}

export interface Cidr {
  readonly text: string;
  /** Network address. */
  readonly base: number;
  readonly size: number;
}

export function parseCidr(text: string): Cidr {
  const [ip = "", bitsText = ""] = text.split("/");
  const base = ipToNumber(ip);
  const bits = Number(bitsText);
  if (base === undefined || !Number.isInteger(bits) || bits < 0 || bits > 32 || bitsText === "") {
    throw new Error(`invalid CIDR ${JSON.stringify(text)}`);
  }
  const size = 2 ** (32 - bits);
  return { text, base: base - (base % size), size };
}

export function cidrContains(c: Cidr, ip: number): boolean {
  return ip >= c.base && ip < c.base + c.size;
}
