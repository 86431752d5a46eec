import { ApiError } from "@tskube/api";

// The option values both transports (HTTPS query parameters, gRPC request fields) accept, checked in one
// place with the API server's texts, so a bad value fails alike whichever way it came. "" means absent.

const FIELD_MANAGER_MAX_LENGTH = 128;

function unsupported(name: string, value: string, supported: readonly string[]): ApiError {
  return new ApiError(
    "BadRequest",
    `${name}: Unsupported value: "${value}": supported values: ${supported.map((s) => `"${s}"`).join(", ")}`,
  );
}

export function resourceVersionMatch(value: string): "Exact" | "NotOlderThan" | undefined {
  if (value === "") return undefined;
  if (value === "Exact" || value === "NotOlderThan") return value;
  throw unsupported("resourceVersionMatch", value, ["Exact", "NotOlderThan"]);
}

export function fieldValidation(value: string): "Strict" | "Warn" | "Ignore" | undefined {
  if (value === "") return undefined;
  if (value === "Strict" || value === "Warn" || value === "Ignore") return value;
  throw unsupported("fieldValidation", value, ["Ignore", "Strict", "Warn"]);
}

export function fieldManager(value: string): string | undefined {
  if (value.length > FIELD_MANAGER_MAX_LENGTH) {
    throw new ApiError(
      "BadRequest",
      `fieldManager: Too long: may not be more than ${FIELD_MANAGER_MAX_LENGTH} bytes`,
    );
  }
  return value === "" ? undefined : value;
}

export function propagationPolicy(value: string): "Orphan" | "Background" | "Foreground" | undefined {
  if (value === "") return undefined;
  if (value === "Orphan" || value === "Background" || value === "Foreground") return value;
  throw unsupported("propagationPolicy", value, ["Foreground", "Background", "Orphan"]);
}
