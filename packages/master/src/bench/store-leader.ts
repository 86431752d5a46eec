import type { StatusResponse__Output } from "../generated/etcdserverpb/StatusResponse.js";
import type { StoreLoadClient } from "./store-load.js";

// Leader discovery and catch-up through Maintenance.Status only, so the same code serves etcd and tskube:
// header.member_id names the answering member, `leader` the member it follows ("0" = none).

export interface MemberEndpoint {
  readonly name: string;
  readonly endpoint: string;
}

/** Waits until every member of `among` that answers agrees on one leader in `among`; returns it. */
export async function findLeader(
  client: StoreLoadClient,
  among: readonly MemberEndpoint[],
  timeoutMs = 15_000,
): Promise<MemberEndpoint & { status: StatusResponse__Output }> {
  const deadline = Date.now() + timeoutMs;
  let last = "";
  for (;;) {
    const statuses = await Promise.all(among.map((m) => client.status(m.endpoint).catch(() => null)));
    const answered = statuses.filter((s) => s !== null);
    const leaders = new Set(answered.map((s) => s.leader));
    const [leaderId] = [...leaders];
    if (
      answered.length > among.length / 2 &&
      leaders.size === 1 &&
      leaderId !== undefined &&
      leaderId !== "0"
    ) {
      const i = statuses.findIndex((s) => s?.header?.memberId === leaderId);
      const status = statuses[i];
      const member = among[i];
      if (member !== undefined && status !== undefined && status !== null) return { ...member, status };
    }
    last = JSON.stringify(
      statuses.map((s, i) => ({ name: among[i]?.name, id: s?.header?.memberId, leader: s?.leader })),
    );
    if (Date.now() > deadline) throw new Error(`no agreed leader within ${timeoutMs} ms: ${last}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Waits until `member` knows a leader and applied everything `leader` had committed when the wait began. */
export async function waitCaughtUp(
  client: StoreLoadClient,
  member: MemberEndpoint,
  leader: MemberEndpoint,
  timeoutMs = 30_000,
): Promise<void> {
  const target = BigInt((await client.status(leader.endpoint)).raftIndex);
  const deadline = Date.now() + timeoutMs;
  let applied = "?";
  for (;;) {
    const s = await client.status(member.endpoint).catch(() => null);
    if (s !== null) {
      applied = s.raftAppliedIndex;
      if (s.leader !== "0" && BigInt(s.raftAppliedIndex) >= target) return;
    }
    if (Date.now() > deadline) {
      throw new Error(
        `${member.name} did not catch up to index ${target} within ${timeoutMs} ms (applied ${applied})`,
      );
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}
