import { describe, expect, it } from "vitest";
import { patchTypeOf } from "../src/patch/index.js";

describe("patchTypeOf", () => {
  it.each([
    ["application/json-patch+json", "json"],
    ["application/merge-patch+json", "merge"],
    ["application/strategic-merge-patch+json", "strategic"],
    ["application/apply-patch+yaml", "apply"],
    ["application/strategic-merge-patch+json; charset=utf-8", "strategic"],
    ["Application/Merge-Patch+JSON", "merge"],
  ])("%s → %s", (contentType, type) => {
    expect(patchTypeOf(contentType)).toBe(type);
  });

  it.each(["application/json", "application/yaml", "", "text/plain"])(
    "%s is not a patch type",
    (contentType) => {
      expect(patchTypeOf(contentType)).toBeUndefined();
    },
  );
});
