import type { ObjectMeta } from "kubernetes-types/meta/v1.js";

// The meta.k8s.io/v1 Table shapes kubectl decodes (research/kubectl.md §3.3). kubernetes-types has no Table,
// so they are declared here.

/** A cell as Kubernetes sends it: strings, int64s and bools (AllowVolumeExpansion). */
export type TableCell = string | number | boolean;

export interface TableColumnDefinition {
  name: string;
  type: "string" | "integer" | "number" | "boolean" | "date";
  format: string;
  description: string;
  /** 0 = always shown; 1 = only with `-o wide`. */
  priority: number;
}

/** What `includeObject=Metadata` (the server default) puts in each row: kubectl reads namespace and labels. */
export interface PartialObjectMetadata {
  kind: "PartialObjectMetadata";
  apiVersion: "meta.k8s.io/v1";
  metadata: ObjectMeta;
}

export interface TableRow {
  cells: TableCell[];
  object: PartialObjectMetadata;
}

export interface Table {
  kind: "Table";
  apiVersion: "meta.k8s.io/v1";
  metadata: { resourceVersion?: string; continue?: string };
  columnDefinitions: TableColumnDefinition[];
  rows: TableRow[];
}

/** Any stored API object: only metadata is common to every kind. */
export interface ApiObject {
  metadata?: ObjectMeta;
}

/** How one kind is printed: its columns and the cells of one object (always the wide set, as the server does). */
export interface KindPrinter<T = never> {
  readonly columns: readonly TableColumnDefinition[];
  row(object: T, now: Date): TableCell[];
}
