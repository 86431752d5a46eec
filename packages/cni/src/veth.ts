import { randomBytes } from "node:crypto";
import { CniCode, CniError } from "./errors.js";
import { ip, ipTry, isMissingDevice } from "./ip-command.js";

// One veth pair per attachment: the host end (random name, like the reference's veth%08x) on the
// bridge, the peer created directly inside the pod netns under CNI_IFNAME, so no temporary name ever
// exists on the node and two ADDs cannot collide on "eth0".

export function hostVethName(): string {
  return `veth${randomBytes(4).toString("hex")}`;
}

export async function createVeth(
  hostName: string,
  netns: string,
  ifName: string,
  mtu: number,
): Promise<void> {
  const m = String(mtu);
  await ip(undefined, [
    "link",
    "add",
    hostName,
    "mtu",
    m,
    "type",
    "veth",
    "peer",
    "name",
    ifName,
    "mtu",
    m,
    "netns",
    netns,
  ]);
}

export async function attachToBridge(hostName: string, bridge: string, hairpin: boolean): Promise<void> {
  await ip(undefined, ["link", "set", "dev", hostName, "master", bridge]);
  // Hairpin lets a frame go back out the port it came in on: a pod reaching itself through a Service VIP.
  await ip(undefined, [
    "link",
    "set",
    "dev",
    hostName,
    "type",
    "bridge_slave",
    "hairpin",
    hairpin ? "on" : "off",
  ]);
  await ip(undefined, ["link", "set", "dev", hostName, "up"]);
}

/** Deleting either end removes the pair; a missing device is success (DEL and rollback are idempotent). */
export async function deleteLink(netns: string | undefined, name: string): Promise<void> {
  const r = await ipTry(netns, ["link", "del", "dev", name]);
  if ("stderr" in r && !isMissingDevice(r))
    throw new CniError(
      CniCode.CommandFailed,
      `cannot delete ${name}${netns ? ` in ${netns}` : ""}`,
      r.stderr,
    );
}
