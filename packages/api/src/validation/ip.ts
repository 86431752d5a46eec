// IP addresses and CIDRs parsed the way the API server parses them (Go's net.ParseIP in the "sloppy" form
// Kubernetes keeps for compatibility: IPv4 octets may carry leading zeros), with its messages.
import { type FieldError, invalid } from "./field-error.js";
import type { FieldPath } from "./field-path.js";

/** 16 bytes; IPv4 addresses are held IPv4-mapped (::ffff:a.b.c.d), as Go holds them. */
export type IpBytes = Uint8Array;

const V4_PREFIX = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff];

function parseV4(s: string): number[] | undefined {
  const parts = s.split(".");
  if (parts.length !== 4) return undefined;
  const out: number[] = [];
  for (const p of parts) {
    if (!/^[0-9]+$/.test(p)) return undefined;
    const n = Number(p);
    if (n > 255) return undefined;
    out.push(n);
  }
  return out;
}

function parseV6(s: string): number[] | undefined {
  const halves = s.split("::");
  if (halves.length > 2) return undefined;
  const groups = (text: string): number[] | undefined => {
    if (text === "") return [];
    const out: number[] = [];
    const parts = text.split(":");
    for (let i = 0; i < parts.length; i++) {
      const part = parts[i] ?? "";
      // Only the last group may be an embedded dotted-quad IPv4 address.
      if (i === parts.length - 1 && part.includes(".")) {
        const v4 = parseV4(part);
        if (v4 === undefined) return undefined;
        out.push(...v4);
        continue;
      }
      if (!/^[0-9a-fA-F]{1,4}$/.test(part)) return undefined;
      const n = Number.parseInt(part, 16);
      out.push(n >> 8, n & 0xff);
    }
    return out;
  };
  const head = groups(halves[0] ?? "");
  if (head === undefined) return undefined;
  if (halves.length === 1) return head.length === 16 ? head : undefined;
  const tail = groups(halves[1] ?? "");
  if (tail === undefined || head.length + tail.length > 14) return undefined;
  return [...head, ...new Array<number>(16 - head.length - tail.length).fill(0), ...tail];
}

/** net.ParseIP (sloppy): undefined when the text is not an address. Zones ("%eth0") are not accepted. */
export function parseIp(s: string): IpBytes | undefined {
  for (const ch of s) {
    if (ch === ".") {
      const v4 = parseV4(s);
      return v4 === undefined ? undefined : Uint8Array.from([...V4_PREFIX, ...v4]);
    }
    if (ch === ":") {
      const v6 = parseV6(s);
      return v6 === undefined ? undefined : Uint8Array.from(v6);
    }
  }
  return undefined;
}

/** Go's ip.To4() != nil: IPv4, including IPv4-mapped IPv6 text such as "::ffff:1.2.3.4". */
export function isV4(ip: IpBytes): boolean {
  return V4_PREFIX.every((b, i) => ip[i] === b);
}

export function isIPv6String(s: string): boolean {
  const ip = parseIp(s);
  return ip !== undefined && !isV4(ip);
}

/** net.ParseCIDR (sloppy): the prefix length must fit the family the address was written in. */
export function parseCidr(s: string): { ip: IpBytes; bits: number } | undefined {
  const slash = s.indexOf("/");
  if (slash < 0) return undefined;
  const addr = s.slice(0, slash);
  const mask = s.slice(slash + 1);
  const v4 = parseV4(addr);
  const ip = v4 !== undefined ? Uint8Array.from([...V4_PREFIX, ...v4]) : parseV6Bytes(addr);
  if (ip === undefined || !/^[0-9]+$/.test(mask)) return undefined;
  const bits = Number(mask);
  const max = v4 !== undefined ? 32 : 128;
  return bits <= max ? { ip, bits } : undefined;
}

function parseV6Bytes(s: string): IpBytes | undefined {
  const v6 = parseV6(s);
  return v6 === undefined ? undefined : Uint8Array.from(v6);
}

/** IsDualStackIPs / IsDualStackCIDRs: at least one address of each family (all assumed parseable). */
export function isDualStack(addresses: readonly IpBytes[]): boolean {
  return addresses.some(isV4) && addresses.some((ip) => !isV4(ip));
}

/** validation.IsValidIP. */
export function validateIp(path: FieldPath, value: string): FieldError[] {
  return parseIp(value) === undefined
    ? [invalid(path, value, "must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)")]
    : [];
}

export function validateIpv4Address(path: FieldPath, value: string): FieldError[] {
  const ip = parseIp(value);
  return ip === undefined || !isV4(ip) ? [invalid(path, value, "must be a valid IPv4 address")] : [];
}

export function validateIpv6Address(path: FieldPath, value: string): FieldError[] {
  const ip = parseIp(value);
  return ip === undefined || isV4(ip) ? [invalid(path, value, "must be a valid IPv6 address")] : [];
}

/** validation.IsValidCIDR. */
export function validateCidr(path: FieldPath, value: string): FieldError[] {
  return parseCidr(value) === undefined
    ? [invalid(path, value, "must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)")]
    : [];
}

function allZero(ip: IpBytes, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (ip[i] !== 0) return false;
  return true;
}

/**
 * ValidateNonSpecialIP: Endpoints, EndpointSlices and external IPs may not be unspecified, loopback or
 * link-local, which make no sense as a destination shared by the whole cluster.
 */
export function validateNonSpecialIp(value: string, path: FieldPath): FieldError[] {
  const ip = parseIp(value);
  if (ip === undefined) return [invalid(path, value, "must be a valid IP address")];
  const v4 = isV4(ip);
  const b = (i: number): number => ip[i] ?? 0;
  const errs: FieldError[] = [];
  const unspecified = v4 ? allZero(ip, 12, 16) : allZero(ip, 0, 16);
  if (unspecified) errs.push(invalid(path, value, `may not be unspecified (${value})`));
  const loopback = v4 ? b(12) === 127 : allZero(ip, 0, 15) && b(15) === 1;
  if (loopback) errs.push(invalid(path, value, "may not be in the loopback range (127.0.0.0/8, ::1/128)"));
  const linkLocal = v4 ? b(12) === 169 && b(13) === 254 : b(0) === 0xfe && (b(1) & 0xc0) === 0x80;
  if (linkLocal)
    errs.push(invalid(path, value, "may not be in the link-local range (169.254.0.0/16, fe80::/10)"));
  const linkLocalMulticast = v4
    ? b(12) === 224 && b(13) === 0 && b(14) === 0
    : b(0) === 0xff && (b(1) & 0x0f) === 0x02;
  if (linkLocalMulticast)
    errs.push(invalid(path, value, "may not be in the link-local multicast range (224.0.0.0/24, ff02::/10)"));
  return errs;
}
