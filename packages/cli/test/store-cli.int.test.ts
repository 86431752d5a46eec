import { execFile, spawn } from "node:child_process";
import { mkdtemp, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { LocalCluster, LocalEtcdCluster } from "@tskube/master";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureBuilt } from "../../master/test/helpers/build.js";

// `tskube store …` as an operator runs it (node bin/tskube.js, the built CLI) against a real etcd 3.4 and
// against 3 tskube masters: the same wire API, so the same commands and the same output.

const ROOT = fileURLToPath(new URL("../../../", import.meta.url));
const BIN = join(ROOT, "bin/tskube.js");

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function tskube(args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { cwd: ROOT, timeout: 30_000 }, (err, stdout, stderr) => {
      const code = err === null ? 0 : typeof err.code === "number" ? err.code : 1;
      resolve({ code, stdout, stderr });
    });
  });
}

/** A failure is exactly one line on stderr, naming the problem, and a non-zero exit. */
function expectOneLineFailure(r: Run, ...mentions: string[]): void {
  expect(r.code).not.toBe(0);
  expect(r.stdout).toBe("");
  const lines = r.stderr.trim().split("\n");
  expect(lines, r.stderr).toHaveLength(1);
  for (const m of mentions) expect(lines[0]).toContain(m);
}

interface Target {
  name: string;
  start(): Promise<string[]>;
  stop(): Promise<void>;
}

let etcd: LocalEtcdCluster | undefined;
let masters: LocalCluster | undefined;
const targets: Target[] = [
  {
    name: "etcd 3.4",
    async start() {
      etcd = await LocalEtcdCluster.start({ size: 3 });
      return etcd.clientUrls;
    },
    async stop() {
      await etcd?.stop();
    },
  },
  {
    name: "tskube masters",
    async start() {
      masters = await LocalCluster.start({ size: 3, heartbeatIntervalMs: 100, electionTimeoutMs: 1000 });
      await masters.waitForLeader();
      return masters.clientEndpoints();
    },
    async stop() {
      await masters?.destroy();
    },
  },
];

beforeAll(() => ensureBuilt());

describe.each(targets)("tskube store against $name", (target) => {
  let endpoints: string;
  let dir: string;
  const store = (...args: string[]) => tskube(["store", ...args, "--endpoints", endpoints]);

  beforeAll(async () => {
    endpoints = (await target.start()).join(",");
    dir = await mkdtemp(join(tmpdir(), "tskube-store-cli-"));
  });
  afterAll(async () => {
    await target.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it("put, get (simple, json, prefix, keys-only, count-only, rev) and del", async () => {
    expect(await store("put", "cli/a", "1")).toMatchObject({ code: 0, stdout: "OK\n" });
    expect(await store("put", "cli/b", "two words")).toMatchObject({ code: 0, stdout: "OK\n" });
    expect(await store("get", "cli/a")).toMatchObject({ code: 0, stdout: "cli/a\n1\n" });
    expect((await store("get", "cli/", "--prefix")).stdout).toBe("cli/a\n1\ncli/b\ntwo words\n");
    expect((await store("get", "cli/", "--prefix", "--keys-only")).stdout).toBe("cli/a\ncli/b\n");
    expect((await store("get", "cli/", "--prefix", "--count-only")).stdout).toBe("2\n");
    expect((await store("get", "cli/", "--prefix", "--limit", "1", "--order", "descend")).stdout).toBe(
      "cli/b\ntwo words\n",
    );
    expect((await store("get", "cli/missing")).stdout).toBe("");

    const json = JSON.parse((await store("get", "cli/a", "-w", "json")).stdout);
    expect(json.count).toBe(1);
    expect(Buffer.from(json.kvs[0].key, "base64").toString()).toBe("cli/a");
    expect(Buffer.from(json.kvs[0].value, "base64").toString()).toBe("1");
    const created = json.kvs[0].create_revision as number;
    expect(json.header.revision).toBeGreaterThanOrEqual(created);

    expect((await store("put", "cli/a", "1b", "--prev-kv")).stdout).toBe("OK\ncli/a\n1\n");
    expect((await store("get", "cli/a", "--rev", String(created))).stdout).toBe("cli/a\n1\n");
    expect(await store("del", "cli/", "--prefix")).toMatchObject({ code: 0, stdout: "2\n" });
    expect((await store("get", "cli/", "--prefix", "--count-only")).stdout).toBe("0\n");
  });

  it("leases: grant, attach, ttl with keys, list, keep-alive --once, revoke; an unknown lease is one line", async () => {
    const grant = await store("lease", "grant", "30");
    const m = /^lease ([0-9a-f]+) granted with TTL\((\d+)s\)\n$/.exec(grant.stdout);
    expect(m, grant.stdout + grant.stderr).not.toBeNull();
    const id = m![1]!;
    expect(m![2]).toBe("30");
    expect((await store("put", "cli/leased", "v", "--lease", id)).code).toBe(0);
    const ttl = await store("lease", "ttl", id, "--keys");
    expect(ttl.stdout).toMatch(
      new RegExp(
        `^lease ${id} granted with TTL\\(30s\\), remaining\\(\\d+s\\), attached keys\\(cli/leased\\)\\n$`,
      ),
    );
    expect((await store("lease", "list")).stdout).toContain(`\n${id}\n`);
    expect((await store("lease", "keep-alive", id, "--once")).stdout).toBe(
      `lease ${id} keepalived with TTL(30)\n`,
    );
    expect((await store("lease", "revoke", id)).stdout).toBe(`lease ${id} revoked\n`);
    expect((await store("get", "cli/leased", "--count-only")).stdout).toBe("0\n");
    expectOneLineFailure(await store("lease", "revoke", id), "lease not found", "leaseNotFound");
    expectOneLineFailure(await store("put", "cli/x", "v", "--lease", id), "leaseNotFound");
    expectOneLineFailure(await store("lease", "revoke", "not-hex"), "not a lease id");
  });

  it("watch prints events (with --prev-kv) from --rev until interrupted", async () => {
    const head = JSON.parse((await store("get", "cli/w", "-w", "json")).stdout).header.revision as number;
    const child = spawn(
      process.execPath,
      [
        BIN,
        "store",
        "watch",
        "cli/w/",
        "--prefix",
        "--prev-kv",
        "--rev",
        String(head + 1),
        "--endpoints",
        endpoints,
      ],
      { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] },
    );
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
    try {
      await store("put", "cli/w/k", "1");
      await store("put", "cli/w/k", "2");
      await store("del", "cli/w/k");
      const want = "PUT\ncli/w/k\n1\nPUT\ncli/w/k\n1\ncli/w/k\n2\nDELETE\ncli/w/k\n2\ncli/w/k\n\n";
      const deadline = Date.now() + 10_000;
      while (stdout.length < want.length && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 50));
      expect(stdout).toBe(want);
    } finally {
      child.kill("SIGINT");
    }
    expect(await exited).toBe(0);
    expect(stderr).toBe("");
  });

  it("members, status, compact and snapshot save", async () => {
    const members = (await store("members")).stdout.trim().split("\n");
    expect(members).toHaveLength(3);
    for (const line of members) expect(line).toMatch(/^[0-9a-f]+, started, \S+, \S+, \S+, false$/);

    const status = (await store("status")).stdout.trim().split("\n");
    expect(status).toHaveLength(3);
    expect(status.filter((l) => l.includes("isLeader true"))).toHaveLength(1);
    const leaders = new Set(status.map((l) => /leader ([0-9a-f]+)/.exec(l)?.[1]));
    expect(leaders.size).toBe(1);

    const r1 = JSON.parse((await store("put", "cli/c", "1", "-w", "json")).stdout).header.revision as number;
    const r2 = JSON.parse((await store("put", "cli/c", "2", "-w", "json")).stdout).header.revision as number;
    expect((await store("compact", String(r2), "--physical")).stdout).toBe(`compacted revision ${r2}\n`);
    expectOneLineFailure(await store("get", "cli/c", "--rev", String(r1)), "compacted");
    expect((await store("get", "cli/c", "--rev", String(r2))).stdout).toBe("cli/c\n2\n");

    const file = join(dir, "snap.db");
    expect((await store("snapshot", "save", file)).stdout).toBe(`Snapshot saved at ${file}\n`);
    expect((await stat(file)).size).toBeGreaterThan(0);
  });

  it("bad input and unreachable endpoints: one line naming the problem, exit code non-zero", async () => {
    expectOneLineFailure(await store("get", "k", "--rev", "abc"), "--rev");
    expectOneLineFailure(await store("compact", "0"), "<rev>");
    expectOneLineFailure(await store("put", "", "v"), "emptyKey");
    expectOneLineFailure(await store("get", "k", "--order", "sideways"), "--order");
    expectOneLineFailure(await store("get", "k", "-w", "yaml"), "simple");
    expectOneLineFailure(
      await tskube(["store", "get", "k", "--endpoints", "127.0.0.1:1", "--deadline", "500"]),
      "127.0.0.1:1",
      "unavailable",
    );
  });
});
