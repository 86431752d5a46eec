import type { Endpoints } from "kubernetes-types/core/v1.js";
import { age } from "./age.js";
import { ageColumn, column, nameColumn } from "./columns.js";
import { joinHostPort, joinWithMore, NONE } from "./format.js";
import type { KindPrinter, TableCell } from "./types.js";

// formatEndpoints: ready addresses × ports as ip:port, the first three shown, then "+ N more...".
const MAX_SHOWN = 3;

export function formatEndpoints(ep: Endpoints): string {
  const subsets = ep.subsets ?? [];
  if (subsets.length === 0) return NONE;
  const list: string[] = [];
  let total = 0;
  for (const ss of subsets) {
    const addresses = ss.addresses ?? [];
    const ports = ss.ports ?? [];
    // Headless services may have no ports: the address alone is shown.
    if (ports.length === 0) {
      total += addresses.length;
      for (const a of addresses) list.push(a.ip);
      continue;
    }
    for (const p of ports) {
      total += addresses.length;
      for (const a of addresses) list.push(joinHostPort(a.ip, p.port));
    }
  }
  return joinWithMore(list, total, MAX_SHOWN, ",");
}

export const endpointsPrinter: KindPrinter<Endpoints> = {
  columns: [nameColumn(), column("Endpoints"), ageColumn],
  row(ep: Endpoints, now: Date): TableCell[] {
    return [ep.metadata?.name ?? "", formatEndpoints(ep), age(ep.metadata?.creationTimestamp, now)];
  },
};
