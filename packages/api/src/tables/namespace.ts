import type { Namespace } from "kubernetes-types/core/v1.js";
import { age } from "./age.js";
import { ageColumn, column, nameColumn } from "./columns.js";
import type { KindPrinter, TableCell } from "./types.js";

export const namespacePrinter: KindPrinter<Namespace> = {
  columns: [nameColumn(), column("Status"), ageColumn],
  row(ns: Namespace, now: Date): TableCell[] {
    return [ns.metadata?.name ?? "", ns.status?.phase ?? "", age(ns.metadata?.creationTimestamp, now)];
  },
};
