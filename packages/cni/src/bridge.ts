import { writeFile } from "node:fs/promises";
import { CniCode, CniError } from "./errors.js";
import { ip, ipTry, isExists, type LinkInfo, showLink } from "./ip-command.js";

// The node's bridge: created on the first ADD, shared by every pod, never deleted by DEL (other pods
// use it). Concurrent ADDs may both try to create it or add the gateway: "exists" is success.

export async function ensureBridge(name: string, mtu: number): Promise<LinkInfo> {
  const created = await ipTry(undefined, ["link", "add", "name", name, "mtu", String(mtu), "type", "bridge"]);
  if ("stderr" in created && !isExists(created))
    throw new CniError(CniCode.CommandFailed, `cannot create bridge ${name}`, created.stderr);
  const link = await showLink(undefined, name);
  if (!link) throw new CniError(CniCode.TryAgainLater, `bridge ${name} vanished while being set up`);
  if (link.linkinfo?.info_kind !== "bridge")
    throw new CniError(
      CniCode.InvalidConfig,
      `${name} exists and is not a bridge (${link.linkinfo?.info_kind ?? "?"})`,
    );
  await ip(undefined, ["link", "set", "dev", name, "mtu", String(mtu), "up"]);
  return link;
}

/** The pods' gateway lives on the bridge; forwarding lets their traffic leave the bridge once routes exist. */
export async function ensureGatewayAddress(bridge: string, cidr: string): Promise<void> {
  const r = await ipTry(undefined, ["addr", "add", cidr, "dev", bridge]);
  if ("stderr" in r && !isExists(r))
    throw new CniError(CniCode.CommandFailed, `cannot put ${cidr} on ${bridge}`, r.stderr);
  // /proc/sys/net is per network namespace: this is the node's own switch, not the machine's.
  try {
    await writeFile("/proc/sys/net/ipv4/ip_forward", "1");
  } catch (err) {
    throw new CniError(CniCode.IoFailure, "cannot enable ip_forward", (err as Error).message);
  }
}
