// Hard state record: [crc32][term u64][commit u64][hasVote u8][vote string?].
import type { HardState } from "@tskube/raft";
import { BinaryReader, BinaryWriter } from "./binary.js";
import { describeKey, hardStateKey } from "./keys.js";
import { allocRecord, openRecord, RECORD_HEADER_BYTES, sealRecord } from "./record.js";

export function encodeHardState(hs: HardState): Buffer {
  const w = new BinaryWriter().u64(hs.term, "hard state term").u64(hs.commit, "hard state commit");
  if (hs.vote === null) w.u8(0);
  else w.u8(1).string(hs.vote, "hard state vote");
  const value = allocRecord(w.size);
  w.writeInto(value, RECORD_HEADER_BYTES);
  return sealRecord(hardStateKey, value);
}

export function decodeHardState(value: Buffer): HardState {
  const r = new BinaryReader(openRecord(hardStateKey, value), describeKey(hardStateKey));
  const term = r.u64("term");
  const commit = r.u64("commit");
  const hasVote = r.u8("vote flag");
  let vote: string | null;
  if (hasVote === 0) vote = null;
  else if (hasVote === 1) vote = r.string("vote");
  else throw r.corrupt(`invalid vote flag ${hasVote}`);
  r.end();
  return { term, vote, commit };
}
