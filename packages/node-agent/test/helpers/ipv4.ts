/** Whether a dotted IPv4 address lies inside a CIDR. */
export function ipv4InSubnet(ip: string, cidr: string): boolean {
  const toInt = (a: string) => a.split(".").reduce((n, o) => n * 256 + Number(o), 0);
  const [base = "", bits = "32"] = cidr.split("/");
  const size = 2 ** (32 - Number(bits));
  const start = Math.floor(toInt(base) / size) * size;
  const v = toInt(ip);
  return /^\d+\.\d+\.\d+\.\d+$/.test(ip) && v >= start && v < start + size;
}
