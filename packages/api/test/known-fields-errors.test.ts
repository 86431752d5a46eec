import { describe, expect, it } from "vitest";
import { checkFields, unknownFieldError, unknownFieldWarnings } from "../src/known-fields/index.js";

describe("unknownFieldError (fieldValidation=Strict)", () => {
  it("is the API server's 400 with its exact text for one unknown field", () => {
    const err = unknownFieldError("Deployment", "v1", ["spec.foo"]);
    expect(err.toStatus()).toEqual({
      kind: "Status",
      apiVersion: "v1",
      metadata: {},
      status: "Failure",
      message:
        'Deployment in version "v1" cannot be handled as a Deployment: strict decoding error: unknown field "spec.foo"',
      reason: "BadRequest",
      code: 400,
    });
  });

  it("lists several in order, comma-separated, each once", () => {
    const err = unknownFieldError("HorizontalPodAutoscaler", "v2", ["spec.foo", "spec.bar", "spec.foo"]);
    expect(err.message).toBe(
      'HorizontalPodAutoscaler in version "v2" cannot be handled as a HorizontalPodAutoscaler: ' +
        'strict decoding error: unknown field "spec.foo", unknown field "spec.bar"',
    );
  });

  it("names the paths checkFields found, list positions included", () => {
    const body = {
      spec: { template: { spec: { containers: [{ name: "a", imagePullPolicyy: "Always" }] } } },
    };
    const { unknown } = checkFields("apps", "v1", "Deployment", body);
    expect(unknownFieldError("Deployment", "v1", unknown).message).toBe(
      'Deployment in version "v1" cannot be handled as a Deployment: strict decoding error: ' +
        'unknown field "spec.template.spec.containers[0].imagePullPolicyy"',
    );
  });

  it("quotes field names as Go's %q does", () => {
    expect(unknownFieldError("ConfigMap", "v1", ['we"ird\tkey', "é"]).message).toBe(
      'ConfigMap in version "v1" cannot be handled as a ConfigMap: strict decoding error: ' +
        'unknown field "we\\"ird\\tkey", unknown field "é"',
    );
  });

  it("stops at 100 unknown fields, as the decoder does", () => {
    const paths = Array.from({ length: 150 }, (_, i) => `f${i}`);
    const message = unknownFieldError("ConfigMap", "v1", paths).message;
    expect(message.match(/unknown field/g)).toHaveLength(100);
    expect(message.endsWith('unknown field "f99"')).toBe(true);
  });
});

describe("unknownFieldWarnings (fieldValidation=Warn)", () => {
  it("is one warning per unknown field, the text kubectl prints after `Warning: `", () => {
    expect(unknownFieldWarnings(["spec.foo", "metadata.labelz"])).toEqual([
      'unknown field "spec.foo"',
      'unknown field "metadata.labelz"',
    ]);
  });

  it("is nothing when nothing is unknown, and at most 100", () => {
    expect(unknownFieldWarnings([])).toEqual([]);
    expect(unknownFieldWarnings(Array.from({ length: 101 }, (_, i) => `f${i}`))).toHaveLength(100);
  });
});
