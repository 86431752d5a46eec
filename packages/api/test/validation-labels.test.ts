import { describe, expect, it } from "vitest";
import { errorMessage } from "../src/validation/field-error.js";
import { root } from "../src/validation/field-path.js";
import {
  annotationsSize,
  isQualifiedName,
  isValidLabelValue,
  validateAnnotations,
  validateLabels,
} from "../src/validation/labels.js";

const NAME_PART =
  "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";
const PREFIX_SUBDOMAIN =
  "prefix part a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
const TOO_MANY_SLASHES =
  "a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')";
const VALUE =
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";

describe("label keys (qualified names)", () => {
  it.each([
    ["app"],
    ["MyName"],
    ["my.name"],
    ["123-abc"],
    ["a_b"],
    ["app.kubernetes.io/name"],
    ["example.com/MyName"],
    ["x"],
    ["a".repeat(63)],
    [`${"p".repeat(253)}/${"n".repeat(63)}`],
  ])("accepts %j", (k) => expect(isQualifiedName(k)).toEqual([]));

  it.each([
    ["", ["name part must be non-empty", NAME_PART]],
    ["-app", [NAME_PART]],
    ["app_", [NAME_PART]],
    ["a b", [NAME_PART]],
    ["a".repeat(64), ["name part must be no more than 63 characters"]],
    ["/app", ["prefix part must be non-empty"]],
    ["example.com/", ["name part must be non-empty", NAME_PART]],
    ["Example.com/app", [PREFIX_SUBDOMAIN]],
    [`${"p".repeat(254)}/app`, ["prefix part must be no more than 253 characters"]],
    ["a/b/c", [TOO_MANY_SLASHES]],
  ])("rejects %j", (k, msgs) => expect(isQualifiedName(k)).toEqual(msgs));
});

describe("label values", () => {
  it.each([[""], ["MyValue"], ["my_value"], ["12345"], ["v1.2-3"], ["a".repeat(63)]])("accepts %j", (v) =>
    expect(isValidLabelValue(v)).toEqual([]),
  );
  it.each([
    ["-v", [VALUE]],
    ["v.", [VALUE]],
    ["a/b", [VALUE]],
    ["$COLOR", [VALUE]],
    ["a".repeat(64), ["must be no more than 63 characters"]],
    ["_".repeat(64), ["must be no more than 63 characters", VALUE]],
  ])("rejects %j", (v, msgs) => expect(isValidLabelValue(v)).toEqual(msgs));
});

describe("validateLabels", () => {
  const path = root("metadata").child("labels");

  it("accepts good labels and a missing map", () => {
    expect(validateLabels({ app: "web", "app.kubernetes.io/name": "", tier: "front_end" }, path)).toEqual([]);
    expect(validateLabels(undefined, path)).toEqual([]);
  });

  it("reports every problem at the map's path, key errors before value errors, keys in sorted order", () => {
    const errs = validateLabels({ zeta: "$COLOR_TEST", "bad key": "-x" }, path);
    expect(errs.map(errorMessage)).toEqual([
      `metadata.labels: Invalid value: "bad key": ${NAME_PART}`,
      `metadata.labels: Invalid value: "-x": ${VALUE}`,
      `metadata.labels: Invalid value: "$COLOR_TEST": ${VALUE}`,
    ]);
    expect(errs.every((e) => e.type === "FieldValueInvalid" && e.field === "metadata.labels")).toBe(true);
  });

  it("words a too-long value as the API server does", () => {
    const long = "a".repeat(64);
    expect(validateLabels({ app: long }, path).map(errorMessage)).toEqual([
      `metadata.labels: Invalid value: "${long}": must be no more than 63 characters`,
    ]);
  });
});

describe("validateAnnotations", () => {
  const path = root("metadata").child("annotations");

  it("checks keys case-insensitively but reports them as written", () => {
    expect(validateAnnotations({ "Example.COM/Note": "anything at all: \n{}" }, path)).toEqual([]);
    expect(validateAnnotations({ "Bad Key": "" }, path).map(errorMessage)).toEqual([
      `metadata.annotations: Invalid value: "Bad Key": ${NAME_PART}`,
    ]);
  });

  it("limits keys plus values to 256 KiB in UTF-8 bytes", () => {
    const limit = 256 * 1024;
    const atLimit = { k: "v".repeat(limit - 1) };
    expect(annotationsSize(atLimit)).toBe(limit);
    expect(validateAnnotations(atLimit, path)).toEqual([]);

    const over = { k: "v".repeat(limit - 2), l: "x" };
    const errs = validateAnnotations(over, path);
    expect(errs).toHaveLength(1);
    expect(errs[0]?.type).toBe("FieldValueTooLong");
    expect(errorMessage(errs[0]!)).toBe("metadata.annotations: Too long: may not be more than 262144 bytes");

    // Multi-byte characters count by bytes: half as many "é" fill the limit.
    expect(annotationsSize({ k: "é".repeat(limit / 2) })).toBe(limit + 1);
    expect(validateAnnotations({ k: "é".repeat(limit / 2) }, path)).toHaveLength(1);
  });
});
