// Media types the gateway reads and writes. kubectl asks for Tables with
// "application/json;as=Table;v=v1;g=meta.k8s.io,…" and sends protobuf bodies with
// "application/vnd.kubernetes.protobuf"; answers are always JSON (kubectl accepts JSON everywhere).

export const JSON_TYPE = "application/json";
export const YAML_TYPE = "application/yaml";
export const PROTOBUF_TYPE = "application/vnd.kubernetes.protobuf";
export const TABLE_TYPE = "application/json;as=Table;v=v1;g=meta.k8s.io";

export const PATCH_TYPES: Readonly<Record<string, "json" | "merge" | "strategic" | "apply">> = {
  "application/json-patch+json": "json",
  "application/merge-patch+json": "merge",
  "application/strategic-merge-patch+json": "strategic",
  "application/apply-patch+yaml": "apply",
};

/** The body types a create/update accepts, in the 415 message's order. */
export const BODY_TYPES = [JSON_TYPE, YAML_TYPE, PROTOBUF_TYPE];

interface MediaRange {
  readonly type: string;
  readonly params: Readonly<Record<string, string>>;
}

export function parseMediaType(text: string): MediaRange {
  const [type = "", ...params] = text.split(";").map((s) => s.trim());
  const out: Record<string, string> = {};
  for (const p of params) {
    const i = p.indexOf("=");
    if (i > 0)
      out[p.slice(0, i).trim().toLowerCase()] = p
        .slice(i + 1)
        .trim()
        .replace(/^"|"$/g, "");
  }
  return { type: type.toLowerCase(), params: out };
}

/** Whether the client asked for a meta.k8s.io Table (first acceptable range wins, as the API server picks). */
export function wantsTable(accept: string | undefined): boolean {
  if (accept === undefined) return false;
  for (const range of accept.split(",")) {
    const m = parseMediaType(range);
    if (m.params.as === "Table" && (m.params.g ?? "") === "meta.k8s.io")
      return m.params.v === "v1" || m.params.v === "v1beta1";
    if (m.type === JSON_TYPE || m.type === "*/*" || m.type === PROTOBUF_TYPE) return false;
  }
  return false;
}
