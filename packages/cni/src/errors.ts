// Every failure leaves the plugin as a CNI error object on stdout, so the runtime can act on `code`
// (the spec's numbers; ≥ 100 are ours) and show `msg`/`details` to a human.
export const CniCode = {
  IncompatibleVersion: 1,
  UnsupportedField: 2,
  UnknownContainer: 3,
  InvalidEnv: 4,
  IoFailure: 5,
  DecodeFailure: 6,
  InvalidConfig: 7,
  TryAgainLater: 11,
  // Plugin-specific (spec: ≥ 100).
  CommandFailed: 100,
  AddressExhausted: 101,
  AlreadyAllocated: 102,
  CheckFailed: 103,
} as const;

export type CniCodeValue = (typeof CniCode)[keyof typeof CniCode];

export class CniError extends Error {
  readonly code: CniCodeValue;
  readonly details: string;

  constructor(code: CniCodeValue, message: string, details = "") {
    super(message);
    this.name = "CniError";
    this.code = code;
    this.details = details;
  }
}

/** The spec's error object; `cniVersion` is the one the caller asked for when known. */
export interface CniErrorJson {
  cniVersion: string;
  code: number;
  msg: string;
  details?: string;
}

export function toErrorJson(err: unknown, cniVersion: string): CniErrorJson {
  if (err instanceof CniError) {
    const json: CniErrorJson = { cniVersion, code: err.code, msg: err.message };
    if (err.details) json.details = err.details;
    return json;
  }
  const msg = err instanceof Error ? err.message : String(err);
  return { cniVersion, code: CniCode.CommandFailed, msg: "internal error", details: msg };
}
