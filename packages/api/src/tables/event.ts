import type { Event } from "kubernetes-types/core/v1.js";
import { age } from "./age.js";
import { column, wideColumn } from "./columns.js";
import type { KindPrinter, TableCell } from "./types.js";

// printEvent: events have no leading Name column (it is the last, wide one). Times fall back from the
// core/v1 fields to the events.k8s.io ones (eventTime, series) that newer reporters fill instead.

export const eventPrinter: KindPrinter<Event> = {
  columns: [
    column("Last Seen"),
    column("Type"),
    column("Reason"),
    column("Object"),
    wideColumn("Subobject"),
    wideColumn("Source"),
    column("Message"),
    wideColumn("First Seen"),
    wideColumn("Count"),
    { name: "Name", type: "string", format: "name", description: "", priority: 1 },
  ],
  row(e: Event, now: Date): TableCell[] {
    const firstSeen = e.firstTimestamp ? age(e.firstTimestamp, now) : age(e.eventTime, now);
    let lastSeen = e.lastTimestamp ? age(e.lastTimestamp, now) : firstSeen;
    let count = e.count ?? 0;
    if (e.series) {
      lastSeen = age(e.series.lastObservedTime, now);
      count = e.series.count ?? 0;
    } else if (count === 0) {
      // Singleton events of the new API carry no count.
      count = 1;
    }
    const involved = e.involvedObject;
    const kind = (involved.kind ?? "").toLowerCase();
    const target = involved.name ? `${kind}/${involved.name}` : kind;
    const component = e.source?.component || e.reportingComponent || "";
    const instance = e.source?.host || e.reportingInstance || "";
    return [
      lastSeen,
      e.type ?? "",
      e.reason ?? "",
      target,
      involved.fieldPath ?? "",
      instance === "" ? component : `${component}, ${instance}`,
      (e.message ?? "").trim(),
      firstSeen,
      count,
      e.metadata.name ?? "",
    ];
  },
};
