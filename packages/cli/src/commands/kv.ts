import { KvClient } from "@tskube/master";
import type { Command } from "commander";
import { LAB_ENDPOINTS } from "../defaults.js";

interface KvFlags {
  endpoints: string;
  deadline: string;
}

function withClient(command: Command): Command {
  return command
    .option("--endpoints <list>", "client endpoints, comma-separated (default: the lab's)", LAB_ENDPOINTS)
    .option("--deadline <ms>", "deadline of each attempt", "5000");
}

async function call(what: string, flags: KvFlags, run: (c: KvClient) => Promise<string>): Promise<void> {
  const client = new KvClient(flags.endpoints, { deadlineMs: Number(flags.deadline) });
  try {
    process.stdout.write(`${await run(client)}\n`);
  } catch (err) {
    process.stderr.write(`tskube kv ${what}: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  } finally {
    client.close();
  }
}

export function register(program: Command): void {
  const kv = program.command("kv").description("read and write the replicated test key-value store");

  withClient(kv.command("put <key> <value>").description("write a key (linearizable)"))
    .option("--failover", "retry on the other endpoints if an attempt fails (the write may then apply twice)")
    .action((key: string, value: string, flags: KvFlags & { failover?: boolean }) =>
      call("put", flags, async (c) => {
        const r = await c.put(key, value, { failover: flags.failover ?? false });
        return `OK (index ${r.index})`;
      }),
    );

  withClient(kv.command("get <key>").description("read a key (linearizable unless --serializable)"))
    .option("--serializable", "read the contacted member's local state")
    .action((key: string, flags: KvFlags & { serializable?: boolean }) =>
      call("get", flags, async (c) => {
        const r = await c.get(key, { serializable: flags.serializable ?? false });
        if (!r.found) throw new Error(`key "${key}" not found`);
        return r.value;
      }),
    );

  withClient(kv.command("del <key>").description("delete a key")).action((key: string, flags: KvFlags) =>
    call("del", flags, async (c) => {
      const r = await c.delete(key);
      return r.deleted ? "1" : "0";
    }),
  );
}
