import type { ConfigMap, Secret } from "kubernetes-types/core/v1.js";
import { age } from "./age.js";
import { ageColumn, column, nameColumn } from "./columns.js";
import type { KindPrinter, TableCell } from "./types.js";

// ConfigMap and Secret: Data is the number of keys (int64 cells; the column is typed "string" upstream).

const count = (m: Record<string, unknown> | undefined): number => Object.keys(m ?? {}).length;

export const configMapPrinter: KindPrinter<ConfigMap> = {
  columns: [nameColumn(), column("Data"), ageColumn],
  row(cm: ConfigMap, now: Date): TableCell[] {
    return [
      cm.metadata?.name ?? "",
      count(cm.data) + count(cm.binaryData),
      age(cm.metadata?.creationTimestamp, now),
    ];
  },
};

export const secretPrinter: KindPrinter<Secret> = {
  columns: [nameColumn(), column("Type"), column("Data"), ageColumn],
  row(s: Secret, now: Date): TableCell[] {
    // stringData is write-only (merged into data on write), so only data counts.
    return [
      s.metadata?.name ?? "",
      s.type ?? "Opaque",
      count(s.data),
      age(s.metadata?.creationTimestamp, now),
    ];
  },
};
