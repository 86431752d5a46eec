import type { TableColumnDefinition } from "./types.js";

// Column builders. Descriptions are left empty: kubectl never shows them and the research capture has "".

/** The leading Name column: format "name" is what lets kubectl find it for `-o name`-like handling. */
export function nameColumn(priority = 0): TableColumnDefinition {
  return { name: "Name", type: "string", format: "name", description: "", priority };
}

export function column(
  name: string,
  type: TableColumnDefinition["type"] = "string",
  priority = 0,
): TableColumnDefinition {
  return { name, type, format: "", description: "", priority };
}

/** A priority-1 (wide only) string column. */
export function wideColumn(name: string): TableColumnDefinition {
  return column(name, "string", 1);
}

export const ageColumn: TableColumnDefinition = column("Age");
