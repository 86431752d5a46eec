// The runtime's pure helpers: the CNI netconf, image names and pull policy, Docker's stream framing, the
// working set, and which restart policy applies to a container.
import type { Container } from "kubernetes-types/core/v1.js";
import { describe, expect, it } from "vitest";
import { cniNetconf, resultIp } from "../src/runtime/cni-invoke.js";
import { restartPolicyOf } from "../src/runtime/container-sync.js";
import { CniInvokeError } from "../src/runtime/errors.js";
import { FrameParser, STDERR, STDOUT } from "../src/runtime/frame-demux.js";
import { normalizeImage, pullPolicy } from "../src/runtime/image-puller.js";
import { workingSet } from "../src/runtime/stats.js";
import { pod } from "./pod-fixtures.js";

describe("cniNetconf", () => {
  it("defaults: network tskube on bridge cbr0, MTU 1500, gateway + default route, host-local on the pod CIDR", () => {
    expect(
      cniNetconf(
        { binDirs: ["/opt/cni/bin"], plugin: "bridge", ipamDataDir: "/var/lib/cni" },
        "10.244.1.0/24",
      ),
    ).toEqual({
      cniVersion: "1.0.0",
      name: "tskube",
      type: "bridge",
      bridge: "cbr0",
      isGateway: true,
      isDefaultGateway: true,
      hairpinMode: true,
      mtu: 1500,
      ipam: { type: "host-local", subnet: "10.244.1.0/24", dataDir: "/var/lib/cni" },
    });
  });

  it("takes the plugin, bridge, MTU and network name from the options", () => {
    const conf = cniNetconf(
      { binDirs: [], plugin: "tskube", bridge: "tkb-1", mtu: 1450, networkName: "lab", ipamDataDir: "/d" },
      "10.244.2.0/24",
    );
    expect(conf).toMatchObject({ type: "tskube", bridge: "tkb-1", mtu: 1450, name: "lab" });
  });
});

describe("resultIp", () => {
  it("is the first IPv4 address of an ADD result, without its prefix", () => {
    const result = {
      cniVersion: "1.0.0",
      ips: [{ address: "fd00::5/64" }, { address: "10.244.1.5/24", gateway: "10.244.1.1" }],
    };
    expect(resultIp(result)).toBe("10.244.1.5");
  });

  it("a result without an IPv4 address is a CNI error", () => {
    expect(() => resultIp({ ips: [] })).toThrow(CniInvokeError);
    expect(() => resultIp(null)).toThrow(/no IPv4 address/);
  });
});

describe("normalizeImage", () => {
  it("adds :latest only where there is no tag or digest", () => {
    expect(normalizeImage("busybox")).toBe("busybox:latest");
    expect(normalizeImage("busybox:1.36")).toBe("busybox:1.36");
    expect(normalizeImage("localhost:5000/team/app")).toBe("localhost:5000/team/app:latest");
    expect(normalizeImage("localhost:5000/team/app:v2")).toBe("localhost:5000/team/app:v2");
    expect(normalizeImage("busybox@sha256:abcd")).toBe("busybox@sha256:abcd");
  });
});

describe("pullPolicy", () => {
  const c = (image: string, imagePullPolicy?: string): Container => ({
    name: "app",
    image,
    ...(imagePullPolicy === undefined ? {} : { imagePullPolicy }),
  });

  it("an explicit policy wins", () => {
    expect(pullPolicy(c("busybox", "Never"))).toBe("Never");
    expect(pullPolicy(c("busybox:1.36", "Always"))).toBe("Always");
    expect(pullPolicy(c("busybox", "IfNotPresent"))).toBe("IfNotPresent");
  });

  it("Kubernetes' default: Always for :latest or no tag, IfNotPresent for other tags and digests", () => {
    expect(pullPolicy(c("busybox"))).toBe("Always");
    expect(pullPolicy(c("busybox:latest"))).toBe("Always");
    expect(pullPolicy(c("localhost:5000/app"))).toBe("Always");
    expect(pullPolicy(c("busybox:1.36"))).toBe("IfNotPresent");
    expect(pullPolicy(c("localhost:5000/app:v1"))).toBe("IfNotPresent");
    expect(pullPolicy(c("busybox@sha256:abcd"))).toBe("IfNotPresent");
    expect(pullPolicy(c("busybox:1.36@sha256:abcd"))).toBe("IfNotPresent");
    // A tag of `latest` next to a digest is still `latest` for the defaulting.
    expect(pullPolicy(c("busybox:latest@sha256:abcd"))).toBe("Always");
  });
});

function dockerFrame(stream: number, text: string): Buffer {
  const payload = Buffer.from(text);
  const header = Buffer.alloc(8);
  header[0] = stream;
  header.writeUInt32BE(payload.length, 4);
  return Buffer.concat([header, payload]);
}

describe("FrameParser", () => {
  it("splits Docker's 8-byte-header frames into stdout and stderr payloads", () => {
    const out: [number, string][] = [];
    new FrameParser().push(
      Buffer.concat([dockerFrame(1, "out"), dockerFrame(2, "err"), dockerFrame(0, "in")]),
      (s, p) => out.push([s, p.toString()]),
    );
    expect(out).toEqual([
      [STDOUT, "out"],
      [STDERR, "err"],
      [STDOUT, "in"],
    ]);
  });

  it("waits for frames split across chunks, byte by byte, and for an empty frame", () => {
    const bytes = Buffer.concat([dockerFrame(2, "hello"), dockerFrame(1, ""), dockerFrame(1, "world")]);
    const out: [number, string][] = [];
    const parser = new FrameParser();
    for (const b of bytes) parser.push(Buffer.from([b]), (s, p) => out.push([s, p.toString()]));
    expect(out).toEqual([
      [STDERR, "hello"],
      [STDOUT, ""],
      [STDOUT, "world"],
    ]);
  });

  it("keeps a payload intact when the parser later receives more bytes", () => {
    const parser = new FrameParser();
    const payloads: Buffer[] = [];
    const both = Buffer.concat([dockerFrame(1, "first"), dockerFrame(1, "sec")]);
    parser.push(both.subarray(0, 16), (_s, p) => payloads.push(p));
    parser.push(both.subarray(16), (_s, p) => payloads.push(p));
    expect(payloads.map((p) => p.toString())).toEqual(["first", "sec"]);
  });
});

describe("workingSet", () => {
  it("is usage minus inactive file pages (cgroup v2, then v1 names), never negative", () => {
    expect(workingSet({ usage: 1000, stats: { inactive_file: 300 } })).toBe(700);
    expect(workingSet({ usage: 1000, stats: { total_inactive_file: 400 } })).toBe(600);
    expect(workingSet({ usage: 100, stats: { inactive_file: 300 } })).toBe(0);
    expect(workingSet({ usage: 1000 })).toBe(1000);
    expect(workingSet(undefined)).toBe(0);
  });
});

describe("restartPolicyOf", () => {
  const app: Container = { name: "app" };
  const init: Container = { name: "init" };
  const sidecar: Container = { name: "proxy", restartPolicy: "Always" };

  it("app containers follow the pod's policy (default Always)", () => {
    expect(restartPolicyOf(pod(), app, false)).toBe("Always");
    expect(restartPolicyOf(pod({ restartPolicy: "OnFailure" }), app, false)).toBe("OnFailure");
    expect(restartPolicyOf(pod({ restartPolicy: "Never" }), app, false)).toBe("Never");
  });

  it("init containers retry on failure unless the pod never restarts; sidecars always restart", () => {
    expect(restartPolicyOf(pod(), init, true)).toBe("OnFailure");
    expect(restartPolicyOf(pod({ restartPolicy: "OnFailure" }), init, true)).toBe("OnFailure");
    expect(restartPolicyOf(pod({ restartPolicy: "Never" }), init, true)).toBe("Never");
    expect(restartPolicyOf(pod({ restartPolicy: "Never" }), sidecar, true)).toBe("Always");
  });
});
