import { FieldSet } from "./field-set.js";
import { fieldElement } from "./path-element.js";

// Fields no manager owns: type and identity metadata the server itself maintains. The API server drops
// them from the writing manager's set after each operation (while an applier's full set, with them, still
// keeps metadata from being pruned during the apply).

const meta = (name: string) => [fieldElement("metadata"), fieldElement(name)];

const UNTRACKED = FieldSet.of(
  [fieldElement("apiVersion")],
  [fieldElement("kind")],
  [fieldElement("metadata")],
  meta("name"),
  meta("namespace"),
  meta("creationTimestamp"),
  meta("selfLink"),
  meta("uid"),
  meta("clusterName"),
  meta("generation"),
  meta("managedFields"),
  meta("resourceVersion"),
);

export function withoutUntracked(set: FieldSet): FieldSet {
  return set.difference(UNTRACKED);
}
