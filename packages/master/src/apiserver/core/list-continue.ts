import { ApiError } from "@tskube/api";

/** Where the next page of a paginated list starts: the list's revision and the first key not yet sent. */
export interface ContinueToken {
  readonly revision: number;
  readonly startKey: string;
}

export function encodeContinue(t: ContinueToken): string {
  return Buffer.from(
    JSON.stringify({ v: "meta.k8s.io/v1", rv: t.revision, start: t.startKey }),
    "utf8",
  ).toString("base64url");
}

/** A token is only valid for the list it came from (same prefix). */
export function decodeContinue(text: string, prefix: string): ContinueToken {
  try {
    const t = JSON.parse(Buffer.from(text, "base64url").toString("utf8")) as {
      v?: unknown;
      rv?: unknown;
      start?: unknown;
    };
    if (
      t.v === "meta.k8s.io/v1" &&
      typeof t.rv === "number" &&
      typeof t.start === "string" &&
      t.start.startsWith(prefix)
    ) {
      return { revision: t.rv, startKey: t.start };
    }
  } catch {
    // fall through to the error below
  }
  throw new ApiError("BadRequest", `continue key is not valid: ${JSON.stringify(text)}`);
}
