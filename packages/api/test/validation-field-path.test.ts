import { describe, expect, it } from "vitest";
import { FieldPath, root } from "../src/validation/field-path.js";

describe("FieldPath renders Kubernetes' path syntax", () => {
  it.each([
    ["a single field", root("metadata"), "metadata"],
    ["nested fields", root("metadata").child("name"), "metadata.name"],
    ["several names at once", root("spec", "template", "spec"), "spec.template.spec"],
    [
      "list indexes",
      root("spec").child("containers").index(2).child("ports").index(0).child("containerPort"),
      "spec.containers[2].ports[0].containerPort",
    ],
    ["map keys, unquoted", root("metadata").child("labels").key("app"), "metadata.labels[app]"],
    ["keys with dots and slashes", root("data").key("a.b/c"), "data[a.b/c]"],
    ["an empty root as upstream prints it", FieldPath.root(""), "[]"],
    ["an index after an empty root", FieldPath.root("").index(3).child("name"), "[][3].name"],
  ])("%s", (_, path, text) => {
    expect(path.toString()).toBe(text);
    expect(String(path)).toBe(text);
  });

  it("is immutable: extending a path leaves the original alone", () => {
    const spec = root("spec");
    const a = spec.child("a");
    const b = spec.child("b").index(1);
    expect(spec.toString()).toBe("spec");
    expect(a.toString()).toBe("spec.a");
    expect(b.toString()).toBe("spec.b[1]");
  });
});
