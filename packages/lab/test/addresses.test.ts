import { describe, expect, it } from "vitest";
import { gatewayAddress, LabError, LabNetwork, labHosts, subnetPrefix } from "../src/index.js";

describe("lab addresses (DESIGN §4)", () => {
  it("numbers masters from .11 and workers from .21 on the default /24", () => {
    expect(labHosts(3, 3)).toEqual([
      { name: "m1", address: "192.168.56.11" },
      { name: "m2", address: "192.168.56.12" },
      { name: "m3", address: "192.168.56.13" },
      { name: "w1", address: "192.168.56.21" },
      { name: "w2", address: "192.168.56.22" },
      { name: "w3", address: "192.168.56.23" },
    ]);
    expect(labHosts(0, 1, "192.168.60.0/24")).toEqual([{ name: "w1", address: "192.168.60.21" }]);
    expect(gatewayAddress("192.168.56.0/24")).toBe("192.168.56.1");
  });

  it("rejects counts beyond the address plan and subnets that are not a /24", () => {
    expect(() => labHosts(4, 0)).toThrow(LabError);
    expect(() => labHosts(1, 10)).toThrow(/workers/);
    expect(() => subnetPrefix("10.0.0.0/16")).toThrow(/\/24/);
    expect(() => subnetPrefix("192.168.300.0/24")).toThrow(LabError);
  });
});

describe("LabNetwork naming", () => {
  it("derives namespace, path and veth names from the prefix", () => {
    const lab = new LabNetwork({ hosts: labHosts(1, 1) });
    expect(lab.bridge).toBe("tskube0");
    expect(lab.netnsName("w1")).toBe("tsk-w1");
    expect(lab.netnsPath("m1")).toBe("/run/netns/tsk-m1");
    expect(lab.vethName(lab.host("w1"))).toBe("tsk-w1");
  });

  it("refuses interface names the kernel would reject and hosts outside the subnet", () => {
    expect(() => new LabNetwork({ prefix: "a-very-long-prefix", hosts: labHosts(0, 1) })).toThrow(
      /longer than 15/,
    );
    expect(() => new LabNetwork({ hosts: [{ name: "w1", address: "10.0.0.5" }] })).toThrow(/not in/);
    expect(() => new LabNetwork({ hosts: [...labHosts(0, 1), ...labHosts(0, 1)] })).toThrow(/duplicate/);
    expect(() => new LabNetwork({ hosts: labHosts(0, 1) }).host("w9")).toThrow(/no lab host/);
  });
});
