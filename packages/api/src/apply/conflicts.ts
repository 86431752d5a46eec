import { ApiError } from "../errors.js";
import { goQuote } from "../validation/go-format.js";
import { compareStrings } from "./json-value.js";
import type { ManagerState } from "./managers.js";
import { type Path, pathText } from "./path-element.js";

/** A field the applier would change that another manager owns. */
export interface ApplyConflict {
  readonly managerId: string;
  readonly manager: ManagerState;
  readonly path: Path;
}

/** A manager as the API server names it in conflicts: `"kubectl"`, `"x" using apps/v1` for updaters. */
export function describeManager(m: ManagerState): string {
  let text = goQuote(m.manager);
  if (m.subresource !== undefined) text += ` with subresource ${goQuote(m.subresource)}`;
  if (m.operation === "Update") text += ` using ${m.apiVersion}`;
  return text;
}

/**
 * The 409 the API server answers a conflicting apply with: one cause per field, and a message that names
 * the single conflict or lists them per manager (managers in identifier order).
 */
export function conflictError(conflicts: readonly ApplyConflict[]): ApiError {
  const sorted = [...conflicts].sort((a, b) => compareStrings(a.managerId, b.managerId));
  const causes = sorted.map((c) => ({
    reason: "FieldManagerConflict",
    message: `conflict with ${describeManager(c.manager)}`,
    field: pathText(c.path),
  }));
  let message: string;
  const only = sorted[0];
  if (sorted.length === 1 && only !== undefined) {
    message = `Apply failed with 1 conflict: conflict with ${describeManager(only.manager)}: ${pathText(only.path)}`;
  } else {
    const lines: string[] = [];
    let current: string | undefined;
    for (const c of sorted) {
      if (c.managerId !== current) {
        current = c.managerId;
        lines.push(`conflicts with ${describeManager(c.manager)}:`);
      }
      lines.push(`- ${pathText(c.path)}`);
    }
    message = `Apply failed with ${sorted.length} conflicts: ${lines.join("\n")}`;
  }
  return new ApiError("Conflict", message, { causes });
}
