import type { Lease } from "kubernetes-types/coordination/v1.js";
import { age } from "./age.js";
import { ageColumn, column, nameColumn } from "./columns.js";
import type { KindPrinter, TableCell } from "./types.js";

export const leasePrinter: KindPrinter<Lease> = {
  columns: [nameColumn(), column("Holder"), ageColumn],
  row(lease: Lease, now: Date): TableCell[] {
    return [
      lease.metadata?.name ?? "",
      lease.spec?.holderIdentity ?? "",
      age(lease.metadata?.creationTimestamp, now),
    ];
  },
};
