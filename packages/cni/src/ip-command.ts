import { execFile } from "node:child_process";
import { CniCode, CniError } from "./errors.js";

// iproute2 through execFile rather than a netlink library: no maintained npm netlink binding covers
// veth-into-netns and bridge-port flags, and `ip` is on every node already. The pod side runs through
// nsenter so the plugin itself never changes namespace.

export interface IpFailure {
  stderr: string;
}

function run(file: string, args: string[]): Promise<{ stdout: string } | IpFailure> {
  return new Promise((resolve) => {
    execFile(file, args, { timeout: 10_000 }, (err, stdout, stderr) => {
      if (err) resolve({ stderr: (stderr || err.message).trim() });
      else resolve({ stdout });
    });
  });
}

/** `ip ARGS` in this process's namespace, or in the one at `netns` (a path). */
export async function ipTry(
  netns: string | undefined,
  args: string[],
): Promise<{ stdout: string } | IpFailure> {
  if (netns === undefined) return run("ip", args);
  return run("nsenter", [`--net=${netns}`, "ip", ...args]);
}

export async function ip(netns: string | undefined, args: string[]): Promise<string> {
  const r = await ipTry(netns, args);
  if ("stderr" in r)
    throw new CniError(
      CniCode.CommandFailed,
      `ip ${args.join(" ")} failed${netns ? ` in ${netns}` : ""}`,
      r.stderr,
    );
  return r.stdout;
}

/** EEXIST: "File exists", or for an address the kernel's extack text "Address already assigned". */
export function isExists(f: IpFailure): boolean {
  return /File exists|already assigned/.test(f.stderr);
}

export function isMissingDevice(f: IpFailure): boolean {
  return /Cannot find device|does not exist/.test(f.stderr);
}

export interface LinkInfo {
  ifindex: number;
  ifname: string;
  address: string;
  mtu: number;
  master?: string;
  operstate?: string;
  flags?: string[];
  linkinfo?: { info_kind?: string; info_slave_data?: { hairpin?: boolean } };
}

/** The link's details, or undefined when it does not exist. */
export async function showLink(netns: string | undefined, name: string): Promise<LinkInfo | undefined> {
  const r = await ipTry(netns, ["-j", "-d", "link", "show", "dev", name]);
  if ("stderr" in r) {
    if (isMissingDevice(r)) return undefined;
    throw new CniError(CniCode.CommandFailed, `ip link show ${name} failed`, r.stderr);
  }
  const links = JSON.parse(r.stdout) as LinkInfo[];
  return links[0];
}

export interface AddrInfo {
  ifname: string;
  addr_info: { family: string; local: string; prefixlen: number }[];
}

export async function showAddresses(netns: string | undefined, name: string): Promise<string[]> {
  const out = await ip(netns, ["-j", "-4", "addr", "show", "dev", name]);
  const list = JSON.parse(out) as AddrInfo[];
  return (list[0]?.addr_info ?? []).map((a) => `${a.local}/${a.prefixlen}`);
}
