import { describe, expect, it } from "vitest";
import { PRINTED_KINDS, printerFor, toTable } from "../src/tables/index.js";

const NOW = new Date("2026-01-10T12:00:00Z");

const pod = {
  apiVersion: "v1",
  kind: "Pod",
  metadata: {
    name: "web-5d8f-abcde",
    namespace: "default",
    labels: { app: "web" },
    creationTimestamp: "2026-01-10T11:59:48Z",
  },
  spec: { containers: [{ name: "web", image: "nginx:1.27" }], nodeName: "node-1" },
  status: {
    phase: "Running",
    podIPs: [{ ip: "10.244.0.7" }],
    containerStatuses: [
      { name: "web", image: "nginx:1.27", imageID: "", ready: true, restartCount: 0, state: { running: {} } },
    ],
  },
};

describe("toTable", () => {
  it("builds the meta.k8s.io/v1 Table of research §3.3", () => {
    const col = (name: string, priority: number, format = "") => ({
      name,
      type: "string",
      format,
      description: "",
      priority,
    });
    expect(toTable("Pod", [pod], NOW, "164")).toEqual({
      kind: "Table",
      apiVersion: "meta.k8s.io/v1",
      metadata: { resourceVersion: "164" },
      columnDefinitions: [
        col("Name", 0, "name"),
        col("Ready", 0),
        col("Status", 0),
        col("Restarts", 0),
        col("Age", 0),
        col("IP", 1),
        col("Node", 1),
        col("Nominated Node", 1),
        col("Readiness Gates", 1),
      ],
      rows: [
        {
          cells: ["web-5d8f-abcde", "1/1", "Running", "0", "12s", "10.244.0.7", "node-1", "<none>", "<none>"],
          object: {
            kind: "PartialObjectMetadata",
            apiVersion: "meta.k8s.io/v1",
            metadata: pod.metadata,
          },
        },
      ],
    });
  });

  it("row objects carry a copy of the metadata, not the stored object's", () => {
    const table = toTable("Pod", [pod], NOW, "1");
    const meta = table.rows[0]?.object.metadata;
    expect(meta).toEqual(pod.metadata);
    expect(meta).not.toBe(pod.metadata);
  });

  it("an empty list still has its columns, and no resourceVersion when none is given", () => {
    const table = toTable("Deployment", [], NOW);
    expect(table.rows).toEqual([]);
    expect(table.metadata).toEqual({});
    expect(table.columnDefinitions.map((c) => c.name)).toEqual([
      "Name",
      "Ready",
      "Up-to-date",
      "Available",
      "Age",
      "Containers",
      "Images",
      "Selector",
    ]);
  });

  it("unknown kinds get Name and Age", () => {
    const table = toTable(
      "Widget",
      [{ metadata: { name: "w", creationTimestamp: "2026-01-10T11:00:00Z" } }],
      NOW,
      "9",
    );
    expect(table.columnDefinitions.map((c) => [c.name, c.format])).toEqual([
      ["Name", "name"],
      ["Age", ""],
    ]);
    expect(table.rows[0]?.cells).toEqual(["w", "60m"]);
  });

  it("every printed kind gives one cell per column even for a bare object", () => {
    for (const kind of PRINTED_KINDS) {
      const printer = printerFor(kind);
      const bare =
        kind === "Event" ? { metadata: { name: "e" }, involvedObject: {} } : { metadata: { name: "x" } };
      expect(printer.row(bare, NOW), kind).toHaveLength(printer.columns.length);
    }
  });
});
