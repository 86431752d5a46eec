import { describe, expect, it } from "vitest";
import { CniCode, CniError } from "../src/errors.js";
import { formatIpv4 } from "../src/ipv4.js";
import { parseNetConf } from "../src/netconf.js";

const base = {
  cniVersion: "1.0.0",
  name: "pods",
  type: "tskube",
  ipam: { type: "host-local", subnet: "10.244.3.0/24" },
};

function codeOf(conf: Record<string, unknown>): number | undefined {
  try {
    parseNetConf(conf);
    return undefined;
  } catch (err) {
    return err instanceof CniError ? err.code : -1;
  }
}

describe("netconf", () => {
  it("fills the reference defaults, with the bridge named cbr0", () => {
    const c = parseNetConf(base);
    expect(c).toMatchObject({ bridge: "cbr0", mtu: 1500, isGateway: false, hairpinMode: false });
    expect(formatIpv4(c.ipam.gateway)).toBe("10.244.3.1");
    expect(formatIpv4(c.ipam.rangeStart)).toBe("10.244.3.1");
    expect(formatIpv4(c.ipam.rangeEnd)).toBe("10.244.3.254");
    expect(c.ipam.dataDir).toBe("/var/lib/cni/networks");
  });

  it("accepts host-local's ranges form and makes isDefaultGateway imply isGateway", () => {
    const c = parseNetConf({
      ...base,
      isDefaultGateway: true,
      ipam: { type: "host-local", ranges: [[{ subnet: "10.244.4.0/24", rangeStart: "10.244.4.50" }]] },
    });
    expect(c.isGateway).toBe(true);
    expect(formatIpv4(c.ipam.rangeStart)).toBe("10.244.4.50");
  });

  it("refuses what it cannot honour, with the spec's codes", () => {
    expect(codeOf({ ...base, cniVersion: "1.1.0" })).toBe(CniCode.IncompatibleVersion);
    expect(codeOf({ ...base, ipMasq: true })).toBe(CniCode.UnsupportedField);
    expect(codeOf({ ...base, name: "../etc" })).toBe(CniCode.InvalidConfig);
    expect(codeOf({ ...base, mtu: 20 })).toBe(CniCode.InvalidConfig);
    expect(codeOf({ ...base, bridge: "a-very-long-bridge-name" })).toBe(CniCode.InvalidConfig);
    expect(codeOf({ ...base, ipam: { type: "dhcp" } })).toBe(CniCode.InvalidConfig);
    expect(codeOf({ ...base, ipam: { type: "host-local", subnet: "10.244.3.1/24" } })).toBe(
      CniCode.InvalidConfig,
    );
    expect(codeOf({ ...base, ipam: { type: "host-local", subnet: "10.244.3.0/31" } })).toBe(
      CniCode.InvalidConfig,
    );
    expect(
      codeOf({ ...base, ipam: { type: "host-local", subnet: "10.244.3.0/24", rangeStart: "10.244.9.1" } }),
    ).toBe(CniCode.InvalidConfig);
  });
});
