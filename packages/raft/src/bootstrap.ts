import type { InitialState, NodeId } from "./types.js";

/**
 * The state of a founding member: a snapshot at index 1, term 1 holding the initial voters and the
 * application's initial data, so every founder starts from the same committed prefix.
 */
export function bootstrapState(voters: readonly NodeId[], data: Uint8Array): InitialState {
  return {
    hardState: { term: 1, vote: null, commit: 1 },
    snapshot: { metadata: { index: 1, term: 1, confState: { voters: [...voters], learners: [] } }, data },
    entries: [],
    applied: 1,
  };
}

/** The state of a member joining a running cluster: nothing; the leader sends it a snapshot. */
export function emptyState(): InitialState {
  return {
    hardState: { term: 0, vote: null, commit: 0 },
    snapshot: {
      metadata: { index: 0, term: 0, confState: { voters: [], learners: [] } },
      data: new Uint8Array(0),
    },
    entries: [],
    applied: 0,
  };
}
