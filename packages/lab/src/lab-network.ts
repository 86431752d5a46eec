import { writeFile } from "node:fs/promises";
import {
  DEFAULT_LAB_BRIDGE,
  DEFAULT_LAB_SUBNET,
  gatewayAddress,
  type LabHost,
  subnetPrefix,
} from "./addresses.js";
import { LabError } from "./errors.js";
import { addForwardRule, forwardRuleExists, removeForwardRule } from "./forward-rule.js";
import {
  type IpRoute,
  ip,
  ipv4Addresses,
  ipv4Routes,
  linkExists,
  linkMaster,
  netnsExists,
  netnsPath,
  netnsPids,
} from "./ip.js";
import { run } from "./run.js";

export interface LabNetworkOptions {
  /** Bridge in the root namespace (default tskube0). At most 15 characters. */
  readonly bridge?: string;
  /** The lab /24 (default 192.168.56.0/24); the bridge takes .1. */
  readonly subnet?: string;
  /** Prefix of namespace and root-side veth names: host w1 → netns and veth `<prefix>-w1` (default tsk). */
  readonly prefix?: string;
  readonly hosts: readonly LabHost[];
}

export interface HostStatus {
  readonly name: string;
  readonly netns: string;
  readonly netnsPresent: boolean;
  /** The root-side veth exists and is enslaved to the lab bridge. */
  readonly attached: boolean;
  readonly addresses: readonly string[];
  readonly routes: readonly IpRoute[];
  /** Processes whose network namespace is this host's. */
  readonly pids: readonly number[];
}

export interface LabNetworkStatus {
  readonly bridge: string;
  readonly bridgePresent: boolean;
  readonly bridgeAddresses: readonly string[];
  readonly forwardRule: boolean;
  readonly hosts: readonly HostStatus[];
}

/** Name of the link inside each host namespace that faces the bridge. */
export const HOST_UPLINK = "eth0";
/**
 * The sink device inside each host namespace that holds its default route (DESIGN §5): a dummy where the
 * kernel has one, else an ifb, which likewise drops whatever is sent to it without a tc redirect (this
 * machine's kernel has no dummy driver). A device route, unlike a blackhole route, still lets locally
 * generated ClusterIP traffic pass the routing lookup so that iptables can DNAT it.
 */
export const HOST_SINK = "sink0";
const SINK_KINDS = ["dummy", "ifb"] as const;

const MAX_IFNAME = 15;

/**
 * The lab's hosts as network namespaces on one bridge in the root namespace. Nothing it creates can
 * reach beyond the machine: the root namespace only gains the connected route of the lab /24, a FORWARD
 * drop keeps lab traffic from being routed elsewhere, and each host's default route ends in a dummy.
 */
export class LabNetwork {
  readonly bridge: string;
  readonly subnet: string;
  readonly prefix: string;
  readonly hosts: readonly LabHost[];

  constructor(options: LabNetworkOptions) {
    this.bridge = options.bridge ?? DEFAULT_LAB_BRIDGE;
    this.subnet = options.subnet ?? DEFAULT_LAB_SUBNET;
    this.prefix = options.prefix ?? "tsk";
    this.hosts = options.hosts;
    this.validate();
  }

  private validate(): void {
    const prefix = subnetPrefix(this.subnet);
    const names = new Set<string>();
    for (const host of this.hosts) {
      if (!/^[a-z0-9]+$/.test(host.name)) throw new LabError("BadConfig", `bad host name ${host.name}`);
      if (names.has(host.name)) throw new LabError("BadConfig", `duplicate host ${host.name}`);
      names.add(host.name);
      const last = Number(host.address.slice(prefix.length + 1));
      if (!host.address.startsWith(`${prefix}.`) || !(last >= 2 && last <= 254)) {
        throw new LabError("BadConfig", `host ${host.name} address ${host.address} is not in ${this.subnet}`);
      }
    }
    for (const name of [this.bridge, ...this.hosts.map((h) => this.vethName(h))]) {
      if (name.length > MAX_IFNAME || !/^[A-Za-z0-9_.-]+$/.test(name)) {
        throw new LabError("BadConfig", `interface name ${name} is invalid or longer than ${MAX_IFNAME}`);
      }
    }
  }

  netnsName(host: LabHost | string): string {
    return `${this.prefix}-${typeof host === "string" ? host : host.name}`;
  }

  /** The path daemons are started under: `nsenter --net=<path>`. */
  netnsPath(host: LabHost | string): string {
    return netnsPath(this.netnsName(host));
  }

  /** Root-namespace end of a host's veth pair; its peer inside the host is HOST_UPLINK. */
  vethName(host: LabHost): string {
    return `${this.prefix}-${host.name}`;
  }

  host(name: string): LabHost {
    const host = this.hosts.find((h) => h.name === name);
    if (!host) throw new LabError("BadConfig", `no lab host ${name}`);
    return host;
  }

  /** Creates whatever is missing; running it on a complete lab changes nothing. */
  async up(): Promise<void> {
    await this.upBridge();
    await addForwardRule(this.bridge);
    for (const host of this.hosts) await this.upHost(host);
  }

  private async upBridge(): Promise<void> {
    if (!(await linkExists(this.bridge))) await ip(["link", "add", this.bridge, "type", "bridge"]);
    // No IPv6 on the bridge: the root stack then never routes lab IPv6 anywhere.
    await writeFile(`/proc/sys/net/ipv6/conf/${this.bridge}/disable_ipv6`, "1").catch(() => undefined);
    const cidr = `${gatewayAddress(this.subnet)}/24`;
    if (!(await ipv4Addresses(this.bridge)).includes(cidr)) {
      await ip(["addr", "add", cidr, "dev", this.bridge]);
    }
    await ip(["link", "set", this.bridge, "up"]);
  }

  private async upHost(host: LabHost): Promise<void> {
    const ns = this.netnsName(host);
    const veth = this.vethName(host);
    if (!netnsExists(ns)) await ip(["netns", "add", ns]);
    await ip(["link", "set", "lo", "up"], ns);
    if (!(await linkExists(veth))) {
      // A half-made host (uplink without its root peer) is rebuilt rather than patched.
      if (await linkExists(HOST_UPLINK, ns)) await ip(["link", "del", HOST_UPLINK], ns);
      await ip(["link", "add", veth, "type", "veth", "peer", "name", HOST_UPLINK, "netns", ns]);
    }
    if ((await linkMaster(veth)) !== this.bridge) await ip(["link", "set", veth, "master", this.bridge]);
    await ip(["link", "set", veth, "up"]);
    const cidr = `${host.address}/24`;
    if (!(await ipv4Addresses(HOST_UPLINK, ns)).includes(cidr)) {
      await ip(["addr", "add", cidr, "dev", HOST_UPLINK], ns);
    }
    await ip(["link", "set", HOST_UPLINK, "up"], ns);
    if (!(await linkExists(HOST_SINK, ns))) await addSink(ns);
    await ip(["link", "set", HOST_SINK, "up"], ns);
    await ip(["route", "replace", "default", "dev", HOST_SINK], ns);
  }

  /**
   * Removes every namespace, link and rule of this lab. Processes still inside a host namespace are the
   * caller's (they are stopped by pid first); the root veth is deleted explicitly so that such a
   * namespace, kept alive by a process, is cut off all the same.
   */
  async down(): Promise<void> {
    for (const host of this.hosts) {
      const ns = this.netnsName(host);
      if (netnsExists(ns)) await ip(["netns", "del", ns]);
      await deleteLink(this.vethName(host));
    }
    await deleteLink(this.bridge);
    await removeForwardRule(this.bridge);
  }

  async status(): Promise<LabNetworkStatus> {
    const bridgePresent = await linkExists(this.bridge);
    const hosts: HostStatus[] = [];
    for (const host of this.hosts) hosts.push(await this.hostStatus(host));
    return {
      bridge: this.bridge,
      bridgePresent,
      bridgeAddresses: bridgePresent ? await ipv4Addresses(this.bridge) : [],
      forwardRule: await forwardRuleExists(this.bridge),
      hosts,
    };
  }

  private async hostStatus(host: LabHost): Promise<HostStatus> {
    const ns = this.netnsName(host);
    const netnsPresent = netnsExists(ns);
    const attached = (await linkMaster(this.vethName(host))) === this.bridge;
    return {
      name: host.name,
      netns: ns,
      netnsPresent,
      attached,
      addresses: netnsPresent ? await ipv4Addresses(HOST_UPLINK, ns) : [],
      routes: netnsPresent ? await ipv4Routes(ns) : [],
      pids: netnsPresent ? await netnsPids(ns) : [],
    };
  }

  /** Runs a program inside a host's network namespace (the way DESIGN §5 says daemons must start). */
  exec(host: LabHost | string, file: string, args: readonly string[], timeoutMs?: number) {
    return run("nsenter", [`--net=${this.netnsPath(host)}`, "--", file, ...args], timeoutMs);
  }
}

async function addSink(ns: string): Promise<void> {
  let last: unknown;
  for (const kind of SINK_KINDS) {
    try {
      await ip(["link", "add", HOST_SINK, "type", kind], ns);
      return;
    } catch (error) {
      last = error;
    }
  }
  throw new LabError("CommandFailed", `no sink device type (${SINK_KINDS.join(", ")}) works here`, {
    cause: last,
  });
}

/**
 * Deletes a root-namespace link and waits until it is gone. The kernel dismantles a deleted namespace
 * asynchronously, so the root end of its veth may vanish (or not yet) between any two commands.
 */
async function deleteLink(name: string): Promise<void> {
  const deadline = Date.now() + 5_000;
  while (await linkExists(name)) {
    if (Date.now() > deadline) throw new LabError("CommandFailed", `link ${name} would not go away`);
    await run("ip", ["link", "del", name]);
    await new Promise((r) => setTimeout(r, 50));
  }
}
