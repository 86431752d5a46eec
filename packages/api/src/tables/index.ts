// Server-side Tables for `kubectl get` (research/kubectl.md §3.3), re-exported by the package index.
export { age, humanDuration } from "./age.js";
export { formatHpaTargets } from "./hpa.js";
export { PRINTED_KINDS, printerFor } from "./printers.js";
export { toTable } from "./to-table.js";
export type {
  ApiObject,
  KindPrinter,
  PartialObjectMetadata,
  Table,
  TableCell,
  TableColumnDefinition,
  TableRow,
} from "./types.js";
