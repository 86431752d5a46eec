// Maps errors thrown by classic-level onto StorageError codes. classic-level wraps the LevelDB status in
// `cause` (e.g. open fails with LEVEL_DATABASE_NOT_OPEN caused by LEVEL_LOCKED), so both levels are checked.
import { StorageError } from "./errors.js";

export function toStorageError(err: unknown, doing: string): StorageError {
  if (err instanceof StorageError) return err;
  const codes = levelCodes(err);
  const detail = err instanceof Error ? describe(err) : String(err);
  if (codes.includes("LEVEL_LOCKED")) {
    return new StorageError(
      "DataDirInUse",
      `${doing}: the data dir is locked by another process or another open RaftStorage (${detail})`,
      {
        cause: err,
      },
    );
  }
  if (codes.includes("LEVEL_CORRUPTION")) {
    return new StorageError("Corrupt", `${doing}: LevelDB reports corruption (${detail})`, { cause: err });
  }
  return new StorageError("IoError", `${doing}: ${detail}`, { cause: err });
}

function levelCodes(err: unknown): string[] {
  const codes: string[] = [];
  for (let e: unknown = err, depth = 0; e instanceof Error && depth < 4; e = e.cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string") codes.push(code);
  }
  return codes;
}

function describe(err: Error): string {
  const cause = err.cause instanceof Error ? `: ${err.cause.message}` : "";
  return `${err.message}${cause}`;
}
