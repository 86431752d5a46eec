import { createWriteStream } from "node:fs";
import { rename, rm } from "node:fs/promises";
import { type KeyValue, StoreClient, StoreClientError, type StoreWatchEvent } from "@tskube/master";
import { type Command, InvalidArgumentError } from "commander";
import { LAB_ENDPOINTS } from "../defaults.js";

// `tskube store …`: etcdctl's everyday commands against the masters' store API (or any etcd 3.4: the wire
// format is the same). Simple output follows etcdctl's (key, then value, one per line; ids in hex);
// `-w json` prints the typed result with bytes in base64 and snake_case fields, as etcdctl's JSON does.

interface GlobalFlags {
  endpoints?: string;
  deadline?: number;
  writeOut?: "simple" | "json";
}

type Out = (line: string) => void;
const out: Out = (line) => process.stdout.write(`${line}\n`);

function wholeNumber(name: string, min = 0) {
  return (raw: string): number => {
    const n = Number(raw);
    if (!/^\d+$/.test(raw) || !Number.isSafeInteger(n) || n < min) {
      throw new InvalidArgumentError(`${name} must be a whole number ≥ ${min}.`);
    }
    return n;
  };
}

function writeOut(raw: string): "simple" | "json" {
  if (raw !== "simple" && raw !== "json") throw new InvalidArgumentError('use "simple" or "json".');
  return raw;
}

/** A lease id as etcdctl shows and takes it (hex), as the decimal string the API uses. */
export function parseLeaseId(raw: string): string {
  if (!/^(0x)?[0-9a-f]{1,16}$/i.test(raw))
    throw new InvalidArgumentError(`"${raw}" is not a lease id (hex, as printed by "lease grant").`);
  return BigInt(raw.toLowerCase().startsWith("0x") ? raw : `0x${raw}`).toString();
}

export function hexId(decimal: string): string {
  return BigInt(decimal).toString(16);
}

/** The options every store command takes, also after the subcommand's name. */
function common(command: Command): Command {
  return command
    .option("--endpoints <list>", `client endpoints, comma-separated (default: the lab's, ${LAB_ENDPOINTS})`)
    .option(
      "--deadline <ms>",
      "deadline of each attempt, and how long to keep retrying elsewhere (default 5000)",
      wholeNumber("--deadline", 1),
    )
    .option("-w, --write-out <format>", "simple or json (default simple)", writeOut);
}

/** Runs one command with a client; any failure is one line on stderr and exit code 1. */
async function run(
  name: string,
  command: Command,
  body: (client: StoreClient, json: boolean) => Promise<void>,
): Promise<void> {
  const g = command.optsWithGlobals<GlobalFlags>();
  let client: StoreClient | undefined;
  try {
    const deadlineMs = g.deadline ?? 5000;
    client = new StoreClient(g.endpoints ?? LAB_ENDPOINTS, { deadlineMs, retryBudgetMs: deadlineMs });
    await body(client, g.writeOut === "json");
  } catch (err) {
    process.stderr.write(`tskube store ${name}: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  } finally {
    client?.close();
  }
}

/** JSON-ready copy: bytes as base64, camelCase fields as snake_case (etcdctl's JSON shape). */
export function jsonify(v: unknown): unknown {
  if (v instanceof Uint8Array) return Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString("base64");
  if (Array.isArray(v)) return v.map(jsonify);
  if (v instanceof StoreClientError) return { endpoint: v.endpoint, error: v.details, kind: v.kind };
  if (v !== null && typeof v === "object") {
    return Object.fromEntries(
      Object.entries(v).map(([k, x]) => [k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`), jsonify(x)]),
    );
  }
  return v;
}

const printJson = (v: unknown) => out(JSON.stringify(jsonify(v)));
const text = (b: Uint8Array) => Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString("utf8");

function printKv(kv: KeyValue, keysOnly = false): void {
  out(text(kv.key));
  if (!keysOnly) out(text(kv.value));
}

function printEvent(e: StoreWatchEvent): void {
  out(e.type);
  if (e.prevKv !== undefined) printKv(e.prevKv);
  printKv(e.kv);
}

export function register(program: Command): void {
  const store = common(
    program
      .command("store")
      .description("read and write the masters' store (etcd v3 API) like etcdctl")
      .showHelpAfterError(false),
  );

  common(
    store
      .command("get <key>")
      .description("read a key, a range or a prefix (linearizable unless --serializable)"),
  )
    .option("--prefix", "every key starting with <key>")
    .option("--from-key", "every key >= <key>")
    .option("--range-end <end>", "keys in [key, end)")
    .option("--rev <n>", "read at this past revision", wholeNumber("--rev"))
    .option("--limit <n>", "at most n keys", wholeNumber("--limit"))
    .option("--keys-only", "keys without values")
    .option("--count-only", "only the number of keys")
    .option("--serializable", "answer from the contacted member's state (may be stale)")
    .option("--order <order>", "ascend or descend (by --sort-by, default key)")
    .option("--sort-by <target>", "key, version, create, modify or value")
    .action((key: string, f: Record<string, unknown>, cmd: Command) =>
      run("get", cmd, async (c, json) => {
        const order = f.order as string | undefined;
        const sortBy = f.sortBy as string | undefined;
        if (order !== undefined && order !== "ascend" && order !== "descend") {
          throw new Error(`--order must be ascend or descend, got "${order}"`);
        }
        const targets = {
          key: "key",
          version: "version",
          create: "createRevision",
          modify: "modRevision",
          value: "value",
        } as const;
        if (sortBy !== undefined && !(sortBy in targets)) {
          throw new Error(`--sort-by must be one of ${Object.keys(targets).join(", ")}, got "${sortBy}"`);
        }
        const r = await c.range(key, {
          ...(f.prefix === true && { prefix: true }),
          ...(f.fromKey === true && { fromKey: true }),
          ...(typeof f.rangeEnd === "string" && { rangeEnd: f.rangeEnd }),
          ...(typeof f.rev === "number" && { revision: f.rev }),
          ...(typeof f.limit === "number" && { limit: f.limit }),
          keysOnly: f.keysOnly === true,
          countOnly: f.countOnly === true,
          serializable: f.serializable === true,
          ...((order !== undefined || sortBy !== undefined) && {
            sort: {
              order: (order ?? "ascend") as "ascend" | "descend",
              target: targets[(sortBy ?? "key") as keyof typeof targets],
            },
          }),
        });
        if (json) return printJson(r);
        if (f.countOnly === true) return out(String(r.count));
        for (const kv of r.kvs) printKv(kv, f.keysOnly === true);
      }),
    );

  common(
    store
      .command("put <key> <value>")
      .description("write a key (not retried unless it provably did not run)"),
  )
    .option("--lease <id>", "attach to this lease (hex id)", parseLeaseId)
    .option("--prev-kv", "print the previous key and value")
    .action((key: string, value: string, f: { lease?: string; prevKv?: boolean }, cmd: Command) =>
      run("put", cmd, async (c, json) => {
        const r = await c.put(key, value, { ...(f.lease && { lease: f.lease }), prevKv: f.prevKv === true });
        if (json) return printJson(r);
        out("OK");
        if (r.prevKv !== undefined) printKv(r.prevKv);
      }),
    );

  common(
    store.command("del <key>").description("delete a key, a range or a prefix; prints how many were deleted"),
  )
    .option("--prefix", "every key starting with <key>")
    .option("--from-key", "every key >= <key>")
    .option("--range-end <end>", "keys in [key, end)")
    .option("--prev-kv", "print the deleted keys and values")
    .action((key: string, f: Record<string, unknown>, cmd: Command) =>
      run("del", cmd, async (c, json) => {
        const r = await c.delete(key, {
          ...(f.prefix === true && { prefix: true }),
          ...(f.fromKey === true && { fromKey: true }),
          ...(typeof f.rangeEnd === "string" && { rangeEnd: f.rangeEnd }),
          prevKv: f.prevKv === true,
        });
        if (json) return printJson(r);
        out(String(r.deleted));
        for (const kv of r.prevKvs) printKv(kv);
      }),
    );

  common(store.command("watch <key>").description("print changes to a key or prefix until Ctrl-C"))
    .option("--prefix", "every key starting with <key>")
    .option("--range-end <end>", "keys in [key, end)")
    .option("--rev <n>", "start at this revision (replays history from there)", wholeNumber("--rev"))
    .option("--prev-kv", "print each change's previous key and value too")
    .option("--progress-notify", "ask for periodic progress notifications")
    .action((key: string, f: Record<string, unknown>, cmd: Command) =>
      run("watch", cmd, async (c, json) => {
        const w = await c.watch(key, {
          ...(f.prefix === true && { prefix: true }),
          ...(typeof f.rangeEnd === "string" && { rangeEnd: f.rangeEnd }),
          ...(typeof f.rev === "number" && { startRevision: f.rev }),
          prevKv: f.prevKv === true,
          progressNotify: f.progressNotify === true,
        });
        const stop = () => w.cancel();
        process.once("SIGINT", stop);
        process.once("SIGTERM", stop);
        try {
          for await (const batch of w) {
            if (json) printJson(batch);
            else for (const e of batch.events) printEvent(e);
          }
        } finally {
          process.removeListener("SIGINT", stop);
          process.removeListener("SIGTERM", stop);
        }
      }),
    );

  common(store.command("members").description("list the cluster's members")).action(
    (_f: unknown, cmd: Command) =>
      run("members", cmd, async (c, json) => {
        const members = await c.memberList();
        if (json) return printJson({ members });
        for (const m of members) {
          out(
            [
              hexId(m.id),
              m.name === "" ? "unstarted" : "started",
              m.name,
              m.peerUrls.join(","),
              m.clientUrls.join(","),
              String(m.isLearner),
            ].join(", "),
          );
        }
      }),
  );

  common(store.command("compact <rev>").description("drop the history before revision <rev>"))
    .option("--physical", "wait until the space is reclaimed")
    .action((rev: string, f: { physical?: boolean }, cmd: Command) =>
      run("compact", cmd, async (c, json) => {
        const revision = wholeNumber("<rev>", 1)(rev);
        const r = await c.compact(revision, { physical: f.physical === true });
        if (json) return printJson(r);
        out(`compacted revision ${revision}`);
      }),
    );

  const snapshot = store.command("snapshot").description("save a member's snapshot");
  common(
    snapshot.command("save <file>").description("stream the first endpoint's snapshot into <file>"),
  ).action((file: string, _f: unknown, cmd: Command) =>
    run("snapshot save", cmd, async (c, json) => {
      // Written beside the target and renamed at the end: a failed save never leaves a truncated file.
      const part = `${file}.part`;
      const ws = createWriteStream(part);
      try {
        const r = await c.snapshot(ws);
        await new Promise<void>((resolve, reject) => {
          ws.once("error", reject);
          ws.end(resolve);
        });
        await rename(part, file);
        if (json) return printJson({ ...r, file });
        out(`Snapshot saved at ${file}`);
      } catch (err) {
        ws.destroy();
        await rm(part, { force: true });
        throw err;
      }
    }),
  );

  common(
    store.command("status").description("each endpoint: member id, leader, raft term/index, revision"),
  ).action((_f: unknown, cmd: Command) =>
    run("status", cmd, async (c, json) => {
      const all = await c.statusAll();
      if (json) printJson(all);
      else {
        for (const s of all) {
          if (s instanceof StoreClientError) continue;
          out(
            [
              s.endpoint,
              hexId(s.memberId),
              s.version,
              `${s.dbSize} B`,
              `leader ${hexId(s.leader)}`,
              `isLeader ${s.isLeader}`,
              `isLearner ${s.isLearner}`,
              `raftTerm ${s.raftTerm}`,
              `raftIndex ${s.raftIndex}`,
              `raftAppliedIndex ${s.raftAppliedIndex}`,
              `revision ${s.revision}`,
              s.errors.join("; "),
            ].join(", "),
          );
        }
      }
      const failed = all.filter((s) => s instanceof StoreClientError);
      if (failed.length > 0) throw new Error(failed.map((e) => e.message).join("; "));
    }),
  );

  const lease = store
    .command("lease")
    .description("grant, revoke, keep alive and inspect leases (ids in hex)");
  common(lease.command("grant <ttl>").description("grant a lease of <ttl> seconds")).action(
    (ttl: string, _f: unknown, cmd: Command) =>
      run("lease grant", cmd, async (c, json) => {
        const r = await c.leaseGrant(wholeNumber("<ttl>", 1)(ttl));
        if (json) return printJson(r);
        out(`lease ${hexId(r.id)} granted with TTL(${r.ttl}s)`);
      }),
  );
  common(lease.command("revoke <id>").description("revoke a lease, deleting its keys")).action(
    (id: string, _f: unknown, cmd: Command) =>
      run("lease revoke", cmd, async (c, json) => {
        await c.leaseRevoke(parseLeaseId(id));
        if (json) return printJson({ id: parseLeaseId(id), revoked: true });
        out(`lease ${id} revoked`);
      }),
  );
  common(lease.command("keep-alive <id>").description("renew a lease every TTL/3 until Ctrl-C"))
    .option("--once", "renew once and exit")
    .action((id: string, f: { once?: boolean }, cmd: Command) =>
      run("lease keep-alive", cmd, async (c, json) => {
        const lid = parseLeaseId(id);
        const show = (ttl: number) =>
          json ? printJson({ id: lid, ttl }) : out(`lease ${hexId(lid)} keepalived with TTL(${ttl})`);
        if (f.once === true) return show((await c.leaseKeepAliveOnce(lid)).ttl);
        const ka = c.keepAlive(lid, { onRenew: show });
        const stop = () => ka.stop();
        process.once("SIGINT", stop);
        process.once("SIGTERM", stop);
        try {
          const lost = await ka.lost;
          if (lost !== null) throw lost;
        } finally {
          process.removeListener("SIGINT", stop);
          process.removeListener("SIGTERM", stop);
        }
      }),
    );
  common(lease.command("ttl <id>").description("a lease's remaining and granted TTL"))
    .option("--keys", "list the attached keys")
    .action((id: string, f: { keys?: boolean }, cmd: Command) =>
      run("lease ttl", cmd, async (c, json) => {
        const r = await c.leaseTimeToLive(parseLeaseId(id), { keys: f.keys === true });
        if (json) return printJson(r);
        const keys = f.keys === true ? `, attached keys(${r.keys.map(text).join(" ")})` : "";
        out(`lease ${hexId(r.id)} granted with TTL(${r.grantedTtl}s), remaining(${r.ttl}s)${keys}`);
      }),
    );
  common(lease.command("list").description("every live lease")).action((_f: unknown, cmd: Command) =>
    run("lease list", cmd, async (c, json) => {
      const ids = await c.leases();
      if (json) return printJson({ leases: ids });
      out(`found ${ids.length} leases`);
      for (const id of ids) out(hexId(id));
    }),
  );
}
