import { printerFor } from "./printers.js";
import type { ApiObject, Table, TableRow } from "./types.js";

/**
 * The meta.k8s.io/v1 Table the API server answers `kubectl get` with (Accept …;as=Table…). All columns,
 * wide ones included, are always sent: kubectl hides priority>0 columns itself unless `-o wide`. Each row
 * carries the object's metadata (includeObject=Metadata), which kubectl needs for -A, --show-labels and -L.
 */
export function toTable(
  kind: string,
  objects: readonly ApiObject[],
  now: Date,
  resourceVersion?: string,
): Table {
  const printer = printerFor(kind);
  const rows = objects.map(
    (obj): TableRow => ({
      cells: printer.row(obj, now),
      object: { kind: "PartialObjectMetadata", apiVersion: "meta.k8s.io/v1", metadata: { ...obj.metadata } },
    }),
  );
  return {
    kind: "Table",
    apiVersion: "meta.k8s.io/v1",
    metadata: resourceVersion === undefined ? {} : { resourceVersion },
    columnDefinitions: printer.columns.map((c) => ({ ...c })),
    rows,
  };
}
