import { describe, expect, it } from "vitest";
import { runPlugin } from "../src/plugin.js";

// The protocol surface that needs no namespaces: VERSION and the errors raised before anything is touched.

describe("runPlugin", () => {
  it("answers VERSION with the supported versions, whatever stdin holds", async () => {
    const out = await runPlugin({ CNI_COMMAND: "VERSION" }, '{"cniVersion":"0.4.0"}');
    expect(out.exitCode).toBe(0);
    expect(JSON.parse(out.stdout)).toEqual({
      cniVersion: "0.4.0",
      supportedVersions: ["0.3.0", "0.3.1", "0.4.0", "1.0.0"],
    });
    expect(JSON.parse((await runPlugin({ CNI_COMMAND: "VERSION" }, "")).stdout).cniVersion).toBe("1.0.0");
  });

  it("reports errors as CNI error objects with exit code 1", async () => {
    const conf = JSON.stringify({
      cniVersion: "1.0.0",
      name: "pods",
      type: "tskube",
      ipam: { type: "host-local", subnet: "10.244.0.0/24" },
    });
    const cases: [NodeJS.ProcessEnv, string, number][] = [
      [{ CNI_COMMAND: "FROB" }, conf, 4],
      [{ CNI_COMMAND: "ADD", CNI_CONTAINERID: "c", CNI_IFNAME: "eth0" }, conf, 4], // no CNI_NETNS
      [{ CNI_COMMAND: "ADD", CNI_CONTAINERID: "-bad", CNI_NETNS: "/x", CNI_IFNAME: "eth0" }, conf, 4],
      [{ CNI_COMMAND: "ADD", CNI_CONTAINERID: "c", CNI_NETNS: "/x", CNI_IFNAME: "eth0" }, "{nope", 6],
      [
        { CNI_COMMAND: "ADD", CNI_CONTAINERID: "c", CNI_NETNS: "/x", CNI_IFNAME: "eth0" },
        '{"cniVersion":"9.0.0"}',
        1,
      ],
    ];
    for (const [env, stdin, code] of cases) {
      const out = await runPlugin(env, stdin);
      expect(out.exitCode).toBe(1);
      expect(JSON.parse(out.stdout)).toMatchObject({ code, msg: expect.any(String) });
    }
  });
});
