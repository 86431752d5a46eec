import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadTokenFile, parseTokenFile } from "../src/auth/index.js";

describe('parseTokenFile (kube-apiserver\'s token,user,uid,"groups" CSV)', () => {
  it("reads three or four columns, a quoted group list, blank lines and # comments", () => {
    const table = parseTokenFile(
      [
        "# admin and a read-only user",
        "t-admin,admin,1,system:masters",
        "",
        't-view,viewer,2,"tskube:view,team-a"',
        "t-plain,plain,3",
        "t-nouid,nouid,,",
        't-quote,"we""ird, user",4',
      ].join("\n"),
    );
    expect([...table.keys()]).toEqual(["t-admin", "t-view", "t-plain", "t-nouid", "t-quote"]);
    expect(table.get("t-admin")).toEqual({ name: "admin", uid: "1", groups: ["system:masters"] });
    expect(table.get("t-view")).toEqual({ name: "viewer", uid: "2", groups: ["tskube:view", "team-a"] });
    expect(table.get("t-plain")).toEqual({ name: "plain", uid: "3", groups: [] });
    expect(table.get("t-nouid")).toEqual({ name: "nouid", groups: [] });
    expect(table.get("t-quote")).toEqual({ name: 'we"ird, user', uid: "4", groups: [] });
  });

  it("accepts CRLF line ends", () => {
    expect(parseTokenFile("a,b,c\r\nd,e,f\r\n").get("d")).toEqual({ name: "e", uid: "f", groups: [] });
  });

  it.each([
    ["t,admin\n", "tokens.csv: line 1: expected at least 3 columns (token, user name, user uid), found 2"],
    ["ok,u,1\n,admin,1\n", "tokens.csv: line 2: empty token"],
    ["t,,1\n", "tokens.csv: line 1: empty user name"],
    ["t,a,1\nt,b,2\n", "tokens.csv: line 2: duplicate token"],
    ['t,a,1,"g1,g2\n', "tokens.csv: line 1: unterminated quoted field"],
    ['t,a,1,"g"x\n', "tokens.csv: line 1: unexpected character after a quoted field at column 10"],
    ['t,a"b,1\n', 'tokens.csv: line 1: bare " in a non-quoted field'],
  ])("rejects %j with one line naming the line", (text, message) => {
    expect(() => parseTokenFile(text, "tokens.csv")).toThrow(new Error(message));
  });
});

describe("loadTokenFile", () => {
  it("reads the file and names it in errors", async () => {
    const dir = await mkdtemp(join(tmpdir(), "tskube-tokens-"));
    try {
      const good = join(dir, "good.csv");
      await writeFile(good, "abc,admin,1,system:masters\n");
      expect((await loadTokenFile(good)).get("abc")?.name).toBe("admin");
      const bad = join(dir, "bad.csv");
      await writeFile(bad, "abc\n");
      await expect(loadTokenFile(bad)).rejects.toThrow(
        `token file ${bad}: line 1: expected at least 3 columns (token, user name, user uid), found 1`,
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
