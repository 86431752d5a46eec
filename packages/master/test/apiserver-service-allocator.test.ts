import type { Service } from "kubernetes-types/core/v1.js";
import { describe, expect, it } from "vitest";
import {
  NODE_PORT_PREFIX,
  SERVICE_IP_PREFIX,
  ServiceAllocator,
} from "../src/apiserver/allocation/service-allocator.js";
import type { WatchCache } from "../src/apiserver/watch-cache/watch-cache.js";

// The allocator's choices (the store transaction that makes them exclusive is tested end to end).

function allocator(taken: string[] = [], nodePortRange: [number, number] = [30000, 32767]): ServiceAllocator {
  const keys = new Set(taken);
  const cache = {
    get: (k: string) => (keys.has(k) ? { key: k, object: {}, modRevision: 1 } : undefined),
  } as unknown as WatchCache;
  return new ServiceAllocator(cache, {
    serviceCidr: "10.96.0.0/12",
    nodePortRange,
    reservedIps: ["10.96.0.1", "10.96.0.10"],
  });
}

const svc = (spec: Service["spec"]): Service => ({ metadata: { name: "s", namespace: "ns" }, spec });

function invalidMessage(run: () => unknown): string {
  try {
    run();
  } catch (err) {
    return (err as Error).message;
  }
  throw new Error("expected an error");
}

describe("service allocation", () => {
  it("picks a free cluster IP in range, never the reserved ones", () => {
    for (let i = 0; i < 200; i++) {
      const s = svc({ type: "ClusterIP", ports: [{ port: 80 }] });
      const claims = allocator().allocate(s, "ns/s", new Set());
      expect(claims).toHaveLength(1);
      const ip = s.spec?.clusterIP ?? "";
      expect(s.spec?.clusterIPs).toEqual([ip]);
      expect(claims[0]?.key).toBe(SERVICE_IP_PREFIX + ip);
      const [a, b] = ip.split(".").map(Number);
      expect(a).toBe(10);
      expect(b).toBeGreaterThanOrEqual(96);
      expect(b).toBeLessThanOrEqual(111);
      expect(["10.96.0.1", "10.96.0.10", "10.96.0.0", "10.111.255.255"]).not.toContain(ip);
    }
  });

  it("honours a requested IP and refuses one outside the range", () => {
    const s = svc({ type: "ClusterIP", clusterIP: "10.96.0.10", ports: [{ port: 53 }] });
    const claims = allocator().allocate(s, "kube-system/dns", new Set());
    expect(claims[0]).toMatchObject({ key: `${SERVICE_IP_PREFIX}10.96.0.10`, requested: true });
    const message = invalidMessage(() =>
      allocator().allocate(svc({ clusterIP: "10.0.0.1", ports: [{ port: 1 }] }), "ns/s", new Set()),
    );
    expect(message).toContain(
      "the provided IP (10.0.0.1) is not in the valid range. The range of valid IPs is 10.96.0.0/12",
    );
  });

  it("headless and ExternalName services get no IP", () => {
    expect(
      allocator().allocate(svc({ clusterIP: "None", ports: [{ port: 80 }] }), "ns/s", new Set()),
    ).toEqual([]);
    expect(
      allocator().allocate(svc({ type: "ExternalName", externalName: "x.example" }), "ns/s", new Set()),
    ).toEqual([]);
  });

  it("gives every NodePort port a distinct free port, skipping taken ones", () => {
    const taken = [30000, 30001, 30003].map((p) => NODE_PORT_PREFIX + p);
    const s = svc({ type: "NodePort", ports: [{ port: 80 }, { port: 443 }] });
    allocator(taken, [30000, 30005]).allocate(s, "ns/s", new Set([`${NODE_PORT_PREFIX}30004`]));
    expect((s.spec?.ports ?? []).map((p) => p.nodePort).sort()).toEqual([30002, 30005]);
    const full = invalidMessage(() =>
      allocator(taken, [30000, 30003]).allocate(
        svc({ type: "NodePort", ports: [{ port: 80 }, { port: 81 }] }),
        "ns/s",
        new Set(),
      ),
    );
    expect(full).toContain("no free node port in 30000-30003");
  });

  it("refuses a requested node port outside the range with Kubernetes' words", () => {
    const message = invalidMessage(() =>
      allocator().allocate(svc({ type: "NodePort", ports: [{ port: 80, nodePort: 80 }] }), "ns/s", new Set()),
    );
    expect(message).toBe(
      'Service "s" is invalid: spec.ports[0].nodePort: Invalid value: 80: provided port is not in the valid range. The range of valid ports is 30000-32767',
    );
  });

  it("an update keeps allocated values the client left out and releases dropped ports", () => {
    const a = allocator();
    const old = svc({
      type: "NodePort",
      clusterIP: "10.96.5.5",
      clusterIPs: ["10.96.5.5"],
      ports: [
        { port: 80, nodePort: 30080 },
        { port: 81, nodePort: 30081 },
      ],
    });
    const next = svc({ type: "NodePort", ports: [{ port: 80 }] });
    const { claims, release } = a.reallocate(next, old, "ns/s", new Set());
    expect(next.spec?.clusterIP).toBe("10.96.5.5");
    expect(next.spec?.ports?.[0]?.nodePort).toBe(30080);
    expect(claims).toEqual([]);
    expect(release).toEqual([`${NODE_PORT_PREFIX}30081`]);
    const toClusterIp = svc({
      type: "ClusterIP",
      clusterIP: "10.96.5.5",
      ports: [{ port: 80, nodePort: 30080 }],
    });
    expect(a.reallocate(toClusterIp, old, "ns/s", new Set()).release.sort()).toEqual([
      `${NODE_PORT_PREFIX}30080`,
      `${NODE_PORT_PREFIX}30081`,
    ]);
    expect(toClusterIp.spec?.ports?.[0]?.nodePort).toBeUndefined();
  });

  it("keysOf names every key a stored service holds", () => {
    const s = svc({
      type: "NodePort",
      clusterIP: "10.96.5.5",
      clusterIPs: ["10.96.5.5"],
      ports: [{ port: 80, nodePort: 30080 }],
    });
    expect(allocator().keysOf(s)).toEqual([`${SERVICE_IP_PREFIX}10.96.5.5`, `${NODE_PORT_PREFIX}30080`]);
  });
});
