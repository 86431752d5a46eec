// Runtime failures the agent maps to HTTP answers: NotFound → 404, BadRequest → 400, Unavailable → 503,
// Internal → 500. Messages are the texts kubelet puts into its Status objects.

export type RuntimeErrorKind = "NotFound" | "BadRequest" | "Unavailable" | "Internal";

export class RuntimeError extends Error {
  readonly kind: RuntimeErrorKind;

  constructor(kind: RuntimeErrorKind, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "RuntimeError";
    this.kind = kind;
  }
}

/** A CNI plugin call failed (non-zero exit or an unparsable result). */
export class CniInvokeError extends RuntimeError {
  readonly command: string;
  readonly code: number | undefined;

  constructor(command: string, message: string, code?: number) {
    super("Internal", message);
    this.name = "CniInvokeError";
    this.command = command;
    this.code = code;
  }
}

/** Docker's HTTP status of a failed API call, if the error came from dockerode. */
export function dockerStatus(err: unknown): number | undefined {
  const status = (err as { statusCode?: unknown } | null)?.statusCode;
  return typeof status === "number" ? status : undefined;
}

/** Docker's own message ("No such container: …") rather than dockerode's "(HTTP code 404) …" wrapper. */
export function dockerMessage(err: unknown): string {
  const json = (err as { json?: { message?: unknown } } | null)?.json;
  if (json && typeof json.message === "string") return json.message;
  return err instanceof Error ? err.message : String(err);
}

export const isNotFound = (err: unknown): boolean => dockerStatus(err) === 404;
