import { describe, expect, it } from "vitest";
import { microTime } from "../src/agent/node-lease.js";

describe("microTime", () => {
  it("is RFC 3339 with six fractional digits, as Kubernetes' MicroTime", () => {
    expect(microTime(new Date("2025-03-04T05:06:07.089Z"))).toBe("2025-03-04T05:06:07.089000Z");
    expect(microTime(new Date("2025-03-04T05:06:07Z"))).toBe("2025-03-04T05:06:07.000000Z");
    expect(microTime(new Date(0))).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/);
  });
});
