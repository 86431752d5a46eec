import { randomBytes } from "node:crypto";
import { LabError } from "./errors.js";
import { ipv4Routes } from "./ip.js";

/**
 * A /24 of 192.168.57–63 that no route of this machine uses yet, picked at random: for labs that must not
 * meet a developer's lab (192.168.56) nor each other (tests, benchmarks).
 */
export async function freeLabSubnet(): Promise<string> {
  const used = new Set((await ipv4Routes()).map((r) => r.dst));
  const start = randomBytes(1)[0] ?? 0;
  for (let i = 0; i < 7; i++) {
    const subnet = `192.168.${57 + ((start + i) % 7)}.0/24`;
    if (!used.has(subnet)) return subnet;
  }
  throw new LabError("BadConfig", "no free 192.168.57-63 /24 for another lab on this machine");
}
