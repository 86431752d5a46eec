import { describe, expect, it } from "vitest";
import {
  duplicate,
  errorBody,
  errorMessage,
  forbidden,
  invalid,
  notSupported,
  required,
  tooLong,
} from "../src/validation/field-error.js";
import { root } from "../src/validation/field-path.js";
import { goNumber, goQuote } from "../src/validation/go-format.js";
import { aggregateMessage, toCause, toCauses } from "../src/validation/status-causes.js";

const name = root("metadata").child("name");

describe("field errors are worded as the API server words them", () => {
  it.each([
    [invalid(name, "Foo_bar", "bad"), "FieldValueInvalid", 'metadata.name: Invalid value: "Foo_bar": bad'],
    [
      invalid(root("spec", "replicas"), -1, "must be greater than or equal to 0"),
      "FieldValueInvalid",
      "spec.replicas: Invalid value: -1: must be greater than or equal to 0",
    ],
    [invalid("spec.paused", true, ""), "FieldValueInvalid", "spec.paused: Invalid value: true"],
    [invalid("spec.x", null, "must be set"), "FieldValueInvalid", "spec.x: Invalid value: null: must be set"],
    [required(name), "FieldValueRequired", "metadata.name: Required value"],
    [
      required(name, "name or generateName is required"),
      "FieldValueRequired",
      "metadata.name: Required value: name or generateName is required",
    ],
    [
      duplicate(root("spec").child("containers").index(1).child("name"), "x"),
      "FieldValueDuplicate",
      'spec.containers[1].name: Duplicate value: "x"',
    ],
    [
      notSupported(root("spec", "restartPolicy"), "x", ["a", "b"]),
      "FieldValueNotSupported",
      'spec.restartPolicy: Unsupported value: "x": supported values: "a", "b"',
    ],
    [notSupported("spec.type", "x", []), "FieldValueNotSupported", 'spec.type: Unsupported value: "x"'],
    [
      tooLong(root("metadata", "annotations"), "…huge…", 262144),
      "FieldValueTooLong",
      "metadata.annotations: Too long: may not be more than 262144 bytes",
    ],
    [tooLong("f", "ab", 1), "FieldValueTooLong", "f: Too long: may not be more than 1 byte"],
    [tooLong("f", "ab", -1), "FieldValueTooLong", "f: Too long: value is too long"],
    [
      forbidden(root("metadata", "namespace"), "not allowed on this type"),
      "FieldValueForbidden",
      "metadata.namespace: Forbidden: not allowed on this type",
    ],
  ])("case %#", (err, type, text) => {
    expect(err.type).toBe(type);
    expect(errorMessage(err)).toBe(text);
    expect(`${err.field}: ${errorBody(err)}`).toBe(text);
  });

  it("quotes strings like Go's %q, not like JSON", () => {
    expect(goQuote('a"b\\c')).toBe('"a\\"b\\\\c"');
    expect(goQuote("tab\there\nnl")).toBe('"tab\\there\\nnl"');
    expect(goQuote("\x00\x7f")).toBe('"\\x00\\x7f"');
    expect(goQuote("héllo ✓")).toBe('"héllo ✓"');
    expect(goQuote("\u00a0")).toBe('"\\u00a0"');
  });

  it("prints numbers like Go's %v", () => {
    expect(goNumber(-1)).toBe("-1");
    expect(goNumber(1.5)).toBe("1.5");
    expect(goNumber(0.0001)).toBe("0.0001");
    expect(goNumber(0.00001)).toBe("1e-05");
    expect(goNumber(1e21)).toBe("1e+21");
  });
});

describe("Status causes", () => {
  const errs = [
    invalid(name, "Foo", "first"),
    required(root("metadata", "namespace")),
    invalid(name, "Foo", "first"),
  ];

  it("carry the error type as reason and the body without the field as message", () => {
    expect(toCause(errs[0]!)).toEqual({
      reason: "FieldValueInvalid",
      field: "metadata.name",
      message: 'Invalid value: "Foo": first',
    });
    expect(toCauses(errs)).toHaveLength(3);
  });

  it("aggregate one error plainly and several in brackets, dropping repeated lines", () => {
    expect(aggregateMessage([errs[0]!])).toBe('metadata.name: Invalid value: "Foo": first');
    expect(aggregateMessage(errs)).toBe(
      '[metadata.name: Invalid value: "Foo": first, metadata.namespace: Required value]',
    );
  });
});
