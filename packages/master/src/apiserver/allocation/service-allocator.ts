import { field, invalid } from "@tskube/api";
import type { Service, ServicePort } from "kubernetes-types/core/v1.js";
import type { WatchCache } from "../watch-cache/watch-cache.js";
import { type Cidr, cidrContains, ipToNumber, numberToIp, parseCidr } from "./ipv4.js";

export interface ServiceAllocatorOptions {
  /** Default 10.96.0.0/12. */
  readonly serviceCidr: string;
  /** Inclusive, default 30000–32767. */
  readonly nodePortRange: readonly [number, number];
  /** Never handed out at random: the API's and cluster DNS's well-known addresses. */
  readonly reservedIps: readonly string[];
}

export const DEFAULT_ALLOCATOR_OPTIONS: ServiceAllocatorOptions = {
  serviceCidr: "10.96.0.0/12",
  nodePortRange: [30000, 32767],
  reservedIps: ["10.96.0.1", "10.96.0.10"],
};

export const SERVICE_IP_PREFIX = "/registry/ranges/serviceips/";
export const NODE_PORT_PREFIX = "/registry/ranges/servicenodeports/";

/** Keys a service claims: each must be absent when the service is written (one store transaction). */
export interface Claim {
  readonly key: string;
  readonly value: string;
  /** Asked for by the client (a taken one is the client's error), or picked by us (pick again). */
  readonly requested: boolean;
  /** Field path and value for the "already allocated" error. */
  readonly field: string;
  readonly badValue: unknown;
  readonly what: "ip" | "port";
}

/**
 * Service IP and NodePort allocation. Every allocated IP and port is a key in the store, written in the
 * same transaction as the service with a "must not exist" guard, so two concurrent creates can never both
 * get one (the loser's transaction fails and it picks again). Free values are picked at random, skipping
 * those the watch cache shows taken.
 */
export class ServiceAllocator {
  private readonly cidr: Cidr;
  private readonly reserved: Set<number>;

  constructor(
    private readonly cache: WatchCache,
    private readonly options: ServiceAllocatorOptions = DEFAULT_ALLOCATOR_OPTIONS,
  ) {
    this.cidr = parseCidr(options.serviceCidr);
    this.reserved = new Set(options.reservedIps.map((ip) => ipToNumber(ip) ?? -1));
  }

  /**
   * Fills in clusterIP(s) and node ports of a new service (mutating it) and returns the claims. `avoid`
   * holds keys found taken by an earlier attempt. Out-of-range requests are 422 Invalid.
   */
  allocate(svc: Service, owner: string, avoid: ReadonlySet<string>): Claim[] {
    const spec = svc.spec ?? {};
    const claims: Claim[] = [];
    if (spec.type !== "ExternalName" && spec.clusterIP !== "None") {
      const requested = spec.clusterIP ?? spec.clusterIPs?.[0] ?? "";
      if (requested !== "") {
        const n = ipToNumber(requested);
        if (n === undefined || !cidrContains(this.cidr, n)) {
          throw this.invalid(
            svc,
            "spec.clusterIPs",
            [requested],
            `failed to allocate IP ${requested}: the provided IP (${requested}) is not in the valid range. The range of valid IPs is ${this.cidr.text}`,
          );
        }
        claims.push(this.ipClaim(requested, owner, true));
      } else {
        const ip = this.pickIp(avoid);
        claims.push(this.ipClaim(ip, owner, false));
      }
      const ip = claims[0]!.badValue as string[];
      spec.clusterIP = ip[0];
      spec.clusterIPs = [...ip];
    }
    if (spec.type === "NodePort" || spec.type === "LoadBalancer") {
      claims.push(...this.allocatePorts(svc, spec.ports ?? [], owner, avoid, new Set()));
    }
    svc.spec = spec;
    return claims;
  }

  /** Claims and releases of an update (a type change gains or loses node ports; new ports need some). */
  reallocate(
    svc: Service,
    old: Service,
    owner: string,
    avoid: ReadonlySet<string>,
  ): { claims: Claim[]; release: string[] } {
    const spec = svc.spec ?? {};
    keepAllocated(spec, old.spec ?? {});
    const oldPorts = new Set(nodePorts(old));
    const wantsPorts = spec.type === "NodePort" || spec.type === "LoadBalancer";
    const claims = wantsPorts ? this.allocatePorts(svc, spec.ports ?? [], owner, avoid, oldPorts) : [];
    if (!wantsPorts) for (const p of spec.ports ?? []) delete p.nodePort;
    const kept = new Set(nodePorts(svc));
    const release = [...oldPorts].filter((p) => !kept.has(p)).map((p) => NODE_PORT_PREFIX + p);
    return { claims, release };
  }

  /** Every key a stored service holds. */
  keysOf(svc: Service): string[] {
    const ips = (svc.spec?.clusterIPs ?? (svc.spec?.clusterIP ? [svc.spec.clusterIP] : [])).filter(
      (ip) => ip !== "None" && ip !== "",
    );
    return [...ips.map((ip) => SERVICE_IP_PREFIX + ip), ...nodePorts(svc).map((p) => NODE_PORT_PREFIX + p)];
  }

  private allocatePorts(
    svc: Service,
    ports: ServicePort[],
    owner: string,
    avoid: ReadonlySet<string>,
    alreadyOwned: ReadonlySet<number>,
  ): Claim[] {
    const [lo, hi] = this.options.nodePortRange;
    const claims: Claim[] = [];
    const chosen = new Set<number>();
    ports.forEach((p, i) => {
      const path = `spec.ports[${i}].nodePort`;
      if (p.nodePort !== undefined && p.nodePort !== 0) {
        if (p.nodePort < lo || p.nodePort > hi) {
          throw this.invalid(
            svc,
            path,
            p.nodePort,
            `provided port is not in the valid range. The range of valid ports is ${lo}-${hi}`,
          );
        }
        chosen.add(p.nodePort);
        if (!alreadyOwned.has(p.nodePort)) claims.push(this.portClaim(p.nodePort, owner, true, path));
        return;
      }
      const port = this.pickPort(svc, avoid, chosen);
      chosen.add(port);
      p.nodePort = port;
      claims.push(this.portClaim(port, owner, false, path));
    });
    return claims;
  }

  /** The 422 of a taken value the client asked for. */
  taken(svc: Service, claim: Claim): Error {
    const detail =
      claim.what === "ip"
        ? `failed to allocate IP ${(claim.badValue as string[])[0]}: provided IP is already allocated`
        : "provided port is already allocated";
    return this.invalid(svc, claim.field, claim.badValue, detail);
  }

  private invalid(svc: Service, path: string, value: unknown, detail: string): Error {
    const e = field.invalid(path, value, detail);
    return invalid("Service", "", svc.metadata?.name ?? "", field.toCauses([e]));
  }

  private ipClaim(ip: string, owner: string, requested: boolean): Claim {
    return {
      key: SERVICE_IP_PREFIX + ip,
      value: JSON.stringify({ service: owner }),
      requested,
      field: "spec.clusterIPs",
      badValue: [ip],
      what: "ip",
    };
  }

  private portClaim(port: number, owner: string, requested: boolean, path: string): Claim {
    return {
      key: NODE_PORT_PREFIX + port,
      value: JSON.stringify({ service: owner }),
      requested,
      field: path,
      badValue: port,
      what: "port",
    };
  }

  private pickIp(avoid: ReadonlySet<string>): string {
    const { base, size } = this.cidr;
    for (let i = 0; i < 10_000; i++) {
      // Skip the network and broadcast addresses.
      const n = base + 1 + Math.floor(Math.random() * (size - 2));
      if (this.reserved.has(n)) continue;
      const key = SERVICE_IP_PREFIX + numberToIp(n);
      if (!avoid.has(key) && this.cache.get(key) === undefined) return numberToIp(n);
    }
    throw new Error(`no free service IP in ${this.cidr.text}`);
  }

  private pickPort(svc: Service, avoid: ReadonlySet<string>, chosen: ReadonlySet<number>): number {
    const [lo, hi] = this.options.nodePortRange;
    const free: number[] = [];
    for (let p = lo; p <= hi; p++) {
      const key = NODE_PORT_PREFIX + p;
      if (!chosen.has(p) && !avoid.has(key) && this.cache.get(key) === undefined) free.push(p);
    }
    const port = free[Math.floor(Math.random() * free.length)];
    if (port === undefined)
      throw this.invalid(
        svc,
        "spec.ports",
        svc.spec?.ports?.length ?? 0,
        `range is full: no free node port in ${lo}-${hi}`,
      );
    return port;
  }
}

function nodePorts(svc: Service): number[] {
  return (svc.spec?.ports ?? []).map((p) => p.nodePort ?? 0).filter((p) => p > 0);
}

/**
 * An update that leaves out what the server allocated keeps it (as the API server's service registry
 * does): the cluster IPs, and each port's node port, matched by port number and protocol.
 */
function keepAllocated(spec: NonNullable<Service["spec"]>, old: NonNullable<Service["spec"]>): void {
  if ((spec.clusterIP ?? "") === "" && (spec.clusterIPs?.length ?? 0) === 0 && spec.type === old.type) {
    if (old.clusterIP !== undefined) spec.clusterIP = old.clusterIP;
    if (old.clusterIPs !== undefined) spec.clusterIPs = [...old.clusterIPs];
  }
  for (const p of spec.ports ?? []) {
    if ((p.nodePort ?? 0) !== 0) continue;
    const match = (old.ports ?? []).find(
      (o) => o.port === p.port && (o.protocol ?? "TCP") === (p.protocol ?? "TCP"),
    );
    if ((match?.nodePort ?? 0) !== 0) p.nodePort = match?.nodePort;
  }
}
