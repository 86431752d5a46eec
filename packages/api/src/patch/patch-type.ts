/** The patch types this package applies; server-side apply ("apply") is handled elsewhere. */
export type PatchType = "json" | "merge" | "strategic";

const BY_MEDIA_TYPE: ReadonlyMap<string, PatchType | "apply"> = new Map([
  ["application/json-patch+json", "json"],
  ["application/merge-patch+json", "merge"],
  ["application/strategic-merge-patch+json", "strategic"],
  ["application/apply-patch+yaml", "apply"],
]);

/** The patch type a PATCH request's Content-Type names (parameters such as charset ignored), if any. */
export function patchTypeOf(contentType: string): PatchType | "apply" | undefined {
  const mediaType = (contentType.split(";")[0] ?? "").trim().toLowerCase();
  return BY_MEDIA_TYPE.get(mediaType);
}
