// IPv4 addresses as unsigned 32-bit numbers: subnet arithmetic is then plain integer arithmetic.

const DOTTED = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

export function parseIpv4(text: string): number | undefined {
  const m = DOTTED.exec(text);
  if (!m) return undefined;
  let n = 0;
  for (const part of m.slice(1)) {
    const octet = Number(part);
    if (octet > 255) return undefined;
    n = n * 256 + octet;
  }
  return n;
}

export function formatIpv4(n: number): string {
  return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join(".");
}

export interface Ipv4Subnet {
  /** Network address. */
  network: number;
  prefix: number;
  broadcast: number;
}

/** "10.244.1.0/24" → the subnet; host bits set is an error (as host-local says), not silently masked. */
export function parseSubnet(text: string): Ipv4Subnet | string {
  const [addr, len, ...rest] = text.split("/");
  if (addr === undefined || len === undefined || rest.length > 0 || !/^\d{1,2}$/.test(len))
    return `"${text}" is not an IPv4 CIDR`;
  const ip = parseIpv4(addr);
  const prefix = Number(len);
  if (ip === undefined || prefix > 32) return `"${text}" is not an IPv4 CIDR`;
  const size = 2 ** (32 - prefix);
  const network = ip - (ip % size);
  if (network !== ip) return `"${text}" has host bits set (network is ${formatIpv4(network)}/${prefix})`;
  return { network, prefix, broadcast: network + size - 1 };
}

export function contains(subnet: Ipv4Subnet, ip: number): boolean {
  return ip >= subnet.network && ip <= subnet.broadcast;
}

export function formatSubnet(s: Ipv4Subnet): string {
  return `${formatIpv4(s.network)}/${s.prefix}`;
}
