import { describe, expect, it } from "vitest";
import {
  agentArgs,
  apiServer,
  clientEndpoints,
  initialCluster,
  labPlan,
  labUpSteps,
  planHost,
  registryImages,
} from "../src/index.js";

describe("lab plan", () => {
  it("follows DESIGN §4 by default", () => {
    const plan = labPlan({ dir: "/tmp/lab" });
    expect(plan.hosts.map((h) => `${h.name} ${h.role} ${h.address} ${h.dir}`)).toEqual([
      "m1 master 192.168.56.11 /tmp/lab/m1",
      "m2 master 192.168.56.12 /tmp/lab/m2",
      "m3 master 192.168.56.13 /tmp/lab/m3",
      "w1 worker 192.168.56.21 /tmp/lab/w1",
      "w2 worker 192.168.56.22 /tmp/lab/w2",
      "w3 worker 192.168.56.23 /tmp/lab/w3",
    ]);
    expect(plan.bridge).toBe("tskube0");
    expect(plan.registry).toBe("192.168.56.1:5000");
    expect(apiServer(plan)).toBe("https://192.168.56.11:6443");
    expect(clientEndpoints(plan)).toEqual(["192.168.56.11:9443", "192.168.56.12:9443", "192.168.56.13:9443"]);
    expect(initialCluster(plan)).toBe("m1=192.168.56.11:2380,m2=192.168.56.12:2380,m3=192.168.56.13:2380");
    expect(registryImages(plan)).toEqual([
      "192.168.56.1:5000/tskube/pause:1",
      "192.168.56.1:5000/tskube/web:1",
      "192.168.56.1:5000/tskube/web:2",
    ]);
    expect(labUpSteps(plan)).toBe(6 + 4 + 3 + 1);
  });

  it("gives the agent the contract's command line", () => {
    const plan = labPlan({ dir: "/tmp/lab", masters: 2, workers: 1, subnet: "10.9.8.0/24", cni: "bridge" });
    expect(agentArgs(plan, planHost(plan, "w1"), "abcdef.0123456789abcdef")).toEqual([
      "agent",
      "--server",
      "10.9.8.11:6444,10.9.8.12:6444",
      "--ca-file",
      "/tmp/lab/ca.crt",
      "--token",
      "abcdef.0123456789abcdef",
      "--node-name",
      "w1",
      "--node-ip",
      "10.9.8.21",
      "--docker",
      "unix:///tmp/lab/w1/docker/docker.sock",
      "--data-dir",
      "/tmp/lab/w1/agent",
      "--listen",
      "10.9.8.21:10250",
      "--pause-image",
      "10.9.8.1:5000/tskube/pause:1",
      "--cni-plugin",
      "bridge",
    ]);
  });

  it("rejects impossible plans", () => {
    expect(() => labPlan({ masters: 0 })).toThrow(/at least one master/);
    expect(() => labPlan({ workers: 10 })).toThrow(/workers must be/);
    expect(() => labPlan({ subnet: "10.0.0.0/16" })).toThrow(/\/24/);
    expect(() => labPlan({ cni: "flannel" as "bridge" })).toThrow(/--cni/);
    expect(() => planHost(labPlan(), "w9")).toThrow(/no lab host w9/);
  });
});
