// The LevelDB handle as this module uses it: binary keys and values, no encoding layer.
import { ClassicLevel } from "classic-level";

export type RaftDb = ClassicLevel<Buffer, Buffer>;

export type BatchOp = { type: "put"; key: Buffer; value: Buffer } | { type: "del"; key: Buffer };

export function createRaftDb(dir: string): RaftDb {
  return new ClassicLevel<Buffer, Buffer>(dir, {
    keyEncoding: "buffer",
    valueEncoding: "buffer",
    createIfMissing: true,
  });
}
