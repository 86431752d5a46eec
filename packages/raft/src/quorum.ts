import type { NodeId } from "./types.js";

/** Votes needed among `n` voters. */
export function quorumSize(n: number): number {
  return Math.floor(n / 2) + 1;
}

/**
 * The highest index a majority of voters has matched. Voter sets are tiny (3–7), so sorting per
 * ack is cheaper than maintaining an order statistic.
 */
export function quorumMatched(voters: readonly NodeId[], matchOf: (id: NodeId) => number): number {
  if (voters.length === 0) return 0;
  const matches = voters.map(matchOf).sort((a, b) => b - a);
  return matches[quorumSize(voters.length) - 1] ?? 0;
}

export type VoteResult = "won" | "lost" | "pending";

/** Counts only votes from `voters`: a response from anyone else cannot decide an election. */
export function tallyVotes(voters: readonly NodeId[], votes: ReadonlyMap<NodeId, boolean>): VoteResult {
  let granted = 0;
  let rejected = 0;
  for (const id of voters) {
    const v = votes.get(id);
    if (v === true) granted++;
    else if (v === false) rejected++;
  }
  const q = quorumSize(voters.length);
  if (granted >= q) return "won";
  if (voters.length - rejected < q) return "lost";
  return "pending";
}
