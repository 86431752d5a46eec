import { field, invalid } from "@tskube/api";
import type { Node } from "kubernetes-types/core/v1.js";
import type { WatchCache } from "../watch-cache/watch-cache.js";
import { type Cidr, cidrContains, ipToNumber, numberToIp, parseCidr } from "./ipv4.js";
import type { Claim } from "./service-allocator.js";

export const POD_CIDR_PREFIX = "/registry/ranges/podcidrs/";

export interface PodCidrAllocatorOptions {
  /** The cluster's pod network, default 10.244.0.0/16. */
  readonly clusterCidr: string;
  /** Prefix length of each node's range, default 24. */
  readonly nodeMaskSize: number;
}

export const DEFAULT_POD_CIDR_OPTIONS: PodCidrAllocatorOptions = {
  clusterCidr: "10.244.0.0/16",
  nodeMaskSize: 24,
};

/**
 * Each node's pod range (node.spec.podCIDR), as Kubernetes' node IPAM controller hands them out: the
 * lowest free /24 of the cluster's pod network, or the one a node asks for. Like service IPs, every range
 * is a store key claimed in the same transaction as the Node, so two nodes can never get one range.
 */
export class PodCidrAllocator {
  private readonly cluster: Cidr;
  private readonly size: number;

  constructor(
    private readonly cache: WatchCache,
    private readonly options: PodCidrAllocatorOptions = DEFAULT_POD_CIDR_OPTIONS,
  ) {
    this.cluster = parseCidr(options.clusterCidr);
    this.size = 2 ** (32 - options.nodeMaskSize);
  }

  /** Fills in spec.podCIDR(s) of a new Node (mutating it) and returns its claim. */
  allocate(node: Node, owner: string, avoid: ReadonlySet<string>): Claim[] {
    const spec = node.spec ?? {};
    const requested = spec.podCIDR ?? spec.podCIDRs?.[0] ?? "";
    let cidr: string;
    let asked = false;
    if (requested !== "") {
      const base = ipToNumber(requested.split("/")[0] ?? "");
      if (base === undefined || !cidrContains(this.cluster, base)) return []; // outside our range: not ours to track
      cidr = requested;
      asked = true;
    } else {
      const free = this.pick(avoid);
      // A full pod network leaves the node without a range, as Kubernetes' node IPAM does.
      if (free === undefined) return [];
      cidr = free;
    }
    spec.podCIDR = cidr;
    spec.podCIDRs = [cidr];
    node.spec = spec;
    return [
      {
        key: keyOf(cidr),
        value: JSON.stringify({ node: owner }),
        requested: asked,
        field: "spec.podCIDRs",
        badValue: [cidr],
        what: "ip",
      },
    ];
  }

  /** The 422 of a range the node asked for that another node holds. */
  taken(node: Node, claim: Claim): Error {
    const e = field.invalid(claim.field, claim.badValue, "the range is already allocated to another node");
    return invalid("Node", "", node.metadata?.name ?? "", field.toCauses([e]));
  }

  keysOf(node: Node): string[] {
    const cidr = node.spec?.podCIDR ?? node.spec?.podCIDRs?.[0] ?? "";
    return cidr === "" ? [] : [keyOf(cidr)];
  }

  private pick(avoid: ReadonlySet<string>): string | undefined {
    const count = this.cluster.size / this.size;
    for (let i = 0; i < count; i++) {
      const cidr = `${numberToIp(this.cluster.base + i * this.size)}/${this.options.nodeMaskSize}`;
      const key = keyOf(cidr);
      if (!avoid.has(key) && this.cache.get(key) === undefined) return cidr;
    }
    return undefined;
  }
}

function keyOf(cidr: string): string {
  return POD_CIDR_PREFIX + cidr.replace("/", "-");
}
