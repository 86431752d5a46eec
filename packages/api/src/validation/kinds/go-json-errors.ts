// Secrets of the docker config types must hold a JSON object; Kubernetes reports Go's encoding/json error
// text. The common cases are reproduced; other malformed JSON gets a close paraphrase.

const GO_TYPE_NAMES: Readonly<Record<string, string>> = {
  array: "array",
  string: "string",
  number: "number",
  boolean: "bool",
};

/** The error json.Unmarshal(text, &map[string]interface{}{}) gives, or undefined when it succeeds. */
export function goJsonObjectError(text: string): string | undefined {
  const trimmed = text.trim();
  if (trimmed === "") return "unexpected end of JSON input";
  let parsed: unknown;
  try {
    parsed = JSON.parse(trimmed);
  } catch (e) {
    const message = e instanceof Error ? e.message : "";
    if (/end of (JSON )?input/i.test(message)) return "unexpected end of JSON input";
    const first = trimmed[0] ?? "";
    if (!'{["-0123456789tfn'.includes(first))
      return `invalid character '${first}' looking for beginning of value`;
    return "invalid character in JSON input";
  }
  if (parsed === null || (typeof parsed === "object" && !Array.isArray(parsed))) return undefined;
  const kind = Array.isArray(parsed) ? "array" : typeof parsed;
  return `json: cannot unmarshal ${GO_TYPE_NAMES[kind] ?? kind} into Go value of type map[string]interface {}`;
}
