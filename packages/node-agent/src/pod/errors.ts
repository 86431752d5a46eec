// Failures of turning a pod spec into containers. `reason` is the exact text Kubernetes puts into the
// container's waiting state (or the Event), so the runtime can report it without translating.

/** Reasons Kubernetes uses when a container cannot be configured or its volumes cannot be set up. */
export type PodConfigReason = "CreateContainerConfigError" | "FailedMount";

export class PodConfigError extends Error {
  readonly reason: PodConfigReason;

  constructor(reason: PodConfigReason, message: string) {
    super(message);
    this.name = "PodConfigError";
    this.reason = reason;
  }
}

/** A container's configuration (env, subPath, …) refers to something missing or invalid. */
export function configError(message: string): PodConfigError {
  return new PodConfigError("CreateContainerConfigError", message);
}

/** A volume cannot be prepared; the container stays in ContainerCreating while this persists. */
export function mountError(volume: string, message: string): PodConfigError {
  return new PodConfigError("FailedMount", `MountVolume.SetUp failed for volume "${volume}" : ${message}`);
}

/** A malformed resource quantity (the API server validates them, so this means a spec bypassed it). */
export class QuantityError extends Error {
  constructor(text: string) {
    super(
      `quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$': "${text}"`,
    );
    this.name = "QuantityError";
  }
}
