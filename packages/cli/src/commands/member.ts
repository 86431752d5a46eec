import { ClusterClient, type MemberInfo } from "@tskube/master";
import type { Command } from "commander";
import { LAB_ENDPOINTS } from "../defaults.js";

interface ClientFlags {
  endpoints: string;
  deadline: string;
}

function withClient(command: Command): Command {
  return command
    .option("--endpoints <list>", "client endpoints, comma-separated (default: the lab's)", LAB_ENDPOINTS)
    .option("--deadline <ms>", "deadline of each call", "5000");
}

/** Runs one call; prints its lines on success or one line naming the problem (exit code 1). */
async function call(
  what: string,
  flags: ClientFlags,
  run: (c: ClusterClient) => Promise<string[]>,
): Promise<void> {
  const client = new ClusterClient(flags.endpoints, { deadlineMs: Number(flags.deadline) });
  try {
    for (const line of await run(client)) process.stdout.write(`${line}\n`);
  } catch (err) {
    process.stderr.write(`tskube member ${what}: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  } finally {
    client.close();
  }
}

function memberLines(members: readonly MemberInfo[], leader = ""): string[] {
  return members.map(
    (m) => `${m.name} ${m.peerUrl} ${m.isLearner ? "learner" : "voter"}${m.name === leader ? " leader" : ""}`,
  );
}

export function register(program: Command): void {
  const member = program.command("member").description("list and change the members of the master cluster");

  withClient(member.command("list").description("one line per member: name, peer address, role")).action(
    (flags: ClientFlags) =>
      call("list", flags, async (c) => {
        const r = await c.memberList();
        return memberLines(r.members, r.leader);
      }),
  );

  withClient(member.command("add <name> <peer-address>").description("add a member as a learner")).action(
    (name: string, peer: string, flags: ClientFlags) =>
      call("add", flags, async (c) => {
        const r = await c.memberAdd(name, peer);
        return [`added ${name} (${r.member?.peerUrl ?? peer}) as a learner to cluster ${r.clusterId}`];
      }),
  );

  withClient(member.command("promote <name>").description("make a caught-up learner a voter")).action(
    (name: string, flags: ClientFlags) =>
      call("promote", flags, async (c) => {
        await c.memberPromote(name);
        return [`promoted ${name} to voter`];
      }),
  );

  withClient(member.command("remove <name>").description("remove a member")).action(
    (name: string, flags: ClientFlags) =>
      call("remove", flags, async (c) => {
        await c.memberRemove(name);
        return [`removed ${name}`];
      }),
  );

  withClient(member.command("transfer <name>").description("transfer leadership to a voter")).action(
    (name: string, flags: ClientFlags) =>
      call("transfer", flags, async (c) => [`leader is now ${await c.transferLeader(name)}`]),
  );

  withClient(
    member.command("status").description("one line per endpoint: role, term, commit, applied"),
  ).action((flags: ClientFlags) =>
    call("status", flags, async (c) => {
      const lines: string[] = [];
      for (const endpoint of c.endpoints) {
        const s = await c.status(endpoint);
        lines.push(
          `${endpoint} ${s.name} ${s.role} leader=${s.leader || "none"} term=${s.term} commit=${s.commit} ` +
            `applied=${s.applied} snapshot=${s.snapshotIndex}`,
        );
      }
      return lines;
    }),
  );
}
