import { age } from "./age.js";
import { ageColumn, nameColumn } from "./columns.js";
import type { ApiObject, KindPrinter, TableCell } from "./types.js";

/** Kinds without a printer of their own get Name and Age, like Kubernetes' default table convertor. */
export const defaultPrinter: KindPrinter<ApiObject> = {
  columns: [nameColumn(), ageColumn],
  row(obj: ApiObject, now: Date): TableCell[] {
    return [obj.metadata?.name ?? "", age(obj.metadata?.creationTimestamp, now)];
  },
};
