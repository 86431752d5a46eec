// Snapshot data lives in its own file under <data dir>/snap, not in LevelDB: a snapshot of tens of MB put
// through LevelDB was copied into the batch, the write-ahead log and the memtable, then compacted — a
// memory peak of several times its size and a stall of every later append. The LevelDB metadata record
// (index, term, configuration, size, CRC) is written after the file is durable and names it by index.
import { constants } from "node:fs";
import { mkdir, open, readdir, readFile, rename, unlink } from "node:fs/promises";
import { join } from "node:path";
import { crc32 } from "node:zlib";
import { StorageError } from "./errors.js";
import type { StoredSnapshotInfo } from "./snapshot-codec.js";

export function snapshotDir(dataDir: string): string {
  return join(dataDir, "snap");
}

export function snapshotFileName(index: number): string {
  return `${String(index).padStart(16, "0")}.snap`;
}

/** Writes the data to a temp file, syncs it, renames it into place and syncs the directory. */
export async function writeSnapshotFile(dir: string, index: number, data: Uint8Array): Promise<void> {
  await mkdir(dir, { recursive: true });
  const path = join(dir, snapshotFileName(index));
  const tmp = `${path}.tmp`;
  try {
    const file = await open(tmp, constants.O_WRONLY | constants.O_CREAT | constants.O_TRUNC);
    try {
      await file.writeFile(data);
      await file.datasync();
    } finally {
      await file.close();
    }
    await rename(tmp, path);
    const d = await open(dir, constants.O_RDONLY);
    try {
      await d.sync();
    } finally {
      await d.close();
    }
  } catch (err) {
    throw new StorageError("IoError", `writing snapshot file ${path}: ${(err as Error).message}`, {
      cause: err,
    });
  }
}

/** Reads and verifies the data the metadata record describes (size and CRC). */
export async function readSnapshotFile(dir: string, info: StoredSnapshotInfo): Promise<Uint8Array> {
  const index = info.metadata.index;
  if (info.dataBytes === 0) return new Uint8Array(0);
  const path = join(dir, snapshotFileName(index));
  let data: Buffer;
  try {
    data = await readFile(path);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") {
      throw new StorageError("Truncated", `snapshot ${index} file ${path} is missing`);
    }
    throw new StorageError("IoError", `reading snapshot file ${path}: ${(err as Error).message}`, {
      cause: err,
    });
  }
  if (data.length !== info.dataBytes) {
    throw new StorageError(
      data.length < info.dataBytes ? "Truncated" : "Corrupt",
      `snapshot ${index} file ${path} holds ${data.length} bytes, expected ${info.dataBytes}`,
    );
  }
  if (crc32(data) !== info.dataCrc) {
    throw new StorageError("Corrupt", `snapshot ${index} file ${path} does not match its checksum`);
  }
  // A plain Uint8Array over the same memory, as every other snapshot the core sees.
  return new Uint8Array(data.buffer, data.byteOffset, data.length);
}

/** Deletes snapshot files (and leftover temp files) other than the current one. Best effort. */
export async function removeOtherSnapshotFiles(dir: string, keepIndex: number): Promise<void> {
  const keep = snapshotFileName(keepIndex);
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return;
  }
  await Promise.all(
    names
      .filter((n) => n !== keep && (n.endsWith(".snap") || n.endsWith(".snap.tmp")))
      .map((n) => unlink(join(dir, n)).catch(() => undefined)),
  );
}
