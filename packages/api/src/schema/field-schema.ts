// The shape knowledge the server needs for list and map semantics, in one compact form shared by strategic
// merge patch and server-side apply. It mirrors the Go struct tags of the Kubernetes types
// (`patchStrategy`/`patchMergeKey`) and their `+listType`/`+listMapKey`/`+mapType`/`+structType` markers,
// because kubectl computes its patches against exactly those semantics.

export interface FieldSchema {
  /** Object with known fields (unknown fields are treated as plain maps/atomic). */
  readonly fields?: Readonly<Record<string, FieldSchema>>;
  /** Map with arbitrary keys (labels, annotations, data, nodeSelector, matchLabels…): schema of each value. */
  readonly values?: FieldSchema;
  /** List: schema of each item. */
  readonly items?: FieldSchema;
  /** SSA list type: "atomic" (default for lists), "map" (keyed by listMapKeys), "set" (primitive set). */
  readonly listType?: "atomic" | "map" | "set";
  /** SSA keys of a "map" list, e.g. ["containerPort","protocol"] for container ports. */
  readonly listMapKeys?: readonly string[];
  /** Strategic merge patch: merge key of a merged list (e.g. "containerPort" for container ports). */
  readonly patchMergeKey?: string;
  /** Strategic merge patch strategy tag: "merge", "replace", "retainKeys" or "merge,retainKeys". */
  readonly patchStrategy?: string;
  /** SSA: an "atomic" map or struct is owned and replaced whole (`+mapType=atomic`, `+structType=atomic`). */
  readonly mapType?: "atomic" | "granular";
}
