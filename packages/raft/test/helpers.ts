// Small builders shared by the scenario tests.
import type { Entry, InitialState, Message, NodeId } from "@tskube/raft";
import { makeMessage } from "@tskube/raft";

/** A log whose entry i+1 has term terms[i] (index 1 onwards), payload "t<term>i<index>". */
export function logWithTerms(terms: readonly number[]): Entry[] {
  return terms.map((term, i) => ({
    term,
    index: i + 1,
    type: "normal" as const,
    data: new TextEncoder().encode(`t${term}i${i + 1}`),
  }));
}

/** A member's state with the given log after an empty snapshot at 0, nothing committed. */
export function stateWithLog(
  voters: readonly NodeId[],
  terms: readonly number[],
  term?: number,
): InitialState {
  return {
    hardState: { term: term ?? Math.max(0, ...terms), vote: null, commit: 0 },
    snapshot: {
      metadata: { index: 0, term: 0, confState: { voters: [...voters], learners: [] } },
      data: new Uint8Array(),
    },
    entries: logWithTerms(terms),
    applied: 0,
  };
}

/** A message with every unused field at its zero value. */
export function msg(fields: Partial<Message> & Pick<Message, "type" | "from" | "to">): Message {
  return makeMessage(fields);
}

export function termsOf(entries: readonly Entry[]): number[] {
  return entries.map((e) => e.term);
}
