import { describe, expect, it } from "vitest";
import { errorMessage } from "../src/validation/field-error.js";
import { root } from "../src/validation/field-path.js";
import { nameRuleFor } from "../src/validation/name-rules.js";
import {
  isDns1035Label,
  isDns1123Label,
  isDns1123Subdomain,
  isValidPathSegmentName,
  maskTrailingDash,
  nameIsDnsSubdomain,
  validateGenerateName,
  validateMetadataNames,
  validateObjectName,
} from "../src/validation/names.js";

// The exact texts the real API server sends (kubectl prints them; users and scripts match on them).
const SUBDOMAIN =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
const LABEL =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
const DNS1035 =
  "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')";
const max = (n: number) => `must be no more than ${n} characters`;

describe("isDns1123Label", () => {
  it.each([["a"], ["0"], ["my-name"], ["123-abc"], ["a".repeat(63)], ["a--b"]])("accepts %j", (v) =>
    expect(isDns1123Label(v)).toEqual([]),
  );

  it.each([
    ["", [LABEL]],
    ["-a", [LABEL]],
    ["a-", [LABEL]],
    ["Abc", [LABEL]],
    ["a_b", [LABEL]],
    ["a.b", ["must not contain dots"]],
    ["a".repeat(64), [max(63)]],
    [`${"a".repeat(32)}.${"b".repeat(32)}`, [max(63), "must not contain dots"]],
    [`${"A".repeat(64)}`, [max(63), LABEL]],
    ["é", [LABEL]],
  ])("rejects %j", (v, msgs) => expect(isDns1123Label(v)).toEqual(msgs));
});

describe("isDns1123Subdomain", () => {
  it.each([
    ["example.com"],
    ["a"],
    ["a-b.c-d"],
    ["0.0"],
    [`${"a".repeat(63)}.${"b".repeat(63)}.${"c".repeat(63)}.${"d".repeat(61)}`],
  ])("accepts %j", (v) => expect(isDns1123Subdomain(v)).toEqual([]));

  it.each([
    ["", [SUBDOMAIN]],
    ["Foo_bar", [SUBDOMAIN]],
    ["a..b", [SUBDOMAIN]],
    [".a", [SUBDOMAIN]],
    ["a.", [SUBDOMAIN]],
    ["a.-b", [SUBDOMAIN]],
    ["a".repeat(254), [max(253)]],
  ])("rejects %j", (v, msgs) => expect(isDns1123Subdomain(v)).toEqual(msgs));

  it("counts length in UTF-8 bytes as Go does", () => {
    // 127 two-byte characters are 254 bytes though only 127 UTF-16 units.
    expect(isDns1123Subdomain("é".repeat(127))).toEqual([max(253), SUBDOMAIN]);
  });
});

describe("isDns1035Label", () => {
  it.each([["my-name"], ["abc-123"], ["a"], ["a".repeat(63)]])("accepts %j", (v) =>
    expect(isDns1035Label(v)).toEqual([]),
  );
  it.each([
    ["1abc", [DNS1035]],
    ["", [DNS1035]],
    ["a.b", [DNS1035]],
    ["a-", [DNS1035]],
    ["Customer-api", [DNS1035]],
    [`a${"1".repeat(63)}`, [max(63)]],
  ])("rejects %j", (v, msgs) => expect(isDns1035Label(v)).toEqual(msgs));
});

describe("kind name rules", () => {
  it("Services take DNS-1035 labels, Namespaces DNS-1123 labels, everything else subdomains", () => {
    expect(nameRuleFor("Service")("1svc", false)).toEqual([DNS1035]);
    expect(nameRuleFor("Namespace")("a.b", false)).toEqual(["must not contain dots"]);
    expect(nameRuleFor("Pod")("a.b", false)).toEqual([]);
    expect(nameRuleFor("Deployment")("web.v1", false)).toEqual([]);
    expect(nameRuleFor("ConfigMap")("Bad", false)).toEqual([SUBDOMAIN]);
  });
});

describe("generateName prefixes", () => {
  it("may end in a dash (masked the way upstream masks it)", () => {
    expect(maskTrailingDash("web-")).toBe("wea");
    expect(maskTrailingDash("-")).toBe("-");
    expect(maskTrailingDash("web")).toBe("web");
    expect(nameIsDnsSubdomain("web-", true)).toEqual([]);
    expect(nameIsDnsSubdomain("web-", false)).toEqual([SUBDOMAIN]);
    expect(nameRuleFor("Service")("svc-", true)).toEqual([]);
  });

  it("still must start well and be lower case", () => {
    const path = root("metadata").child("generateName");
    expect(validateGenerateName("-web-", nameIsDnsSubdomain, path).map(errorMessage)).toEqual([
      `metadata.generateName: Invalid value: "-web-": ${SUBDOMAIN}`,
    ]);
    expect(validateGenerateName("Web-", nameIsDnsSubdomain, path)).toHaveLength(1);
    expect(validateGenerateName(undefined, nameIsDnsSubdomain, path)).toEqual([]);
  });
});

describe("object name validation with field paths", () => {
  const path = root("metadata").child("name");

  it("reports the brief's example exactly", () => {
    expect(validateObjectName("Foo_bar", nameIsDnsSubdomain, path).map(errorMessage)).toEqual([
      `metadata.name: Invalid value: "Foo_bar": ${SUBDOMAIN}`,
    ]);
  });

  it("requires a name", () => {
    for (const n of [undefined, ""]) {
      expect(validateObjectName(n, nameIsDnsSubdomain, path).map(errorMessage)).toEqual([
        "metadata.name: Required value: name or generateName is required",
      ]);
    }
  });

  it("reports each problem as its own Invalid error", () => {
    const errs = validateObjectName("A".repeat(300), nameIsDnsSubdomain, path);
    expect(errs.map((e) => [e.type, e.field, e.detail])).toEqual([
      ["FieldValueInvalid", "metadata.name", max(253)],
      ["FieldValueInvalid", "metadata.name", SUBDOMAIN],
    ]);
  });

  it("checks metadata names in the API server's order, with the namespace rules", () => {
    const meta = root("metadata");
    const rule = nameRuleFor("Pod");
    expect(validateMetadataNames({ name: "p", namespace: "default" }, true, rule, meta)).toEqual([]);
    expect(
      validateMetadataNames({ name: "P", generateName: "Pp-", namespace: "Bad.ns" }, true, rule, meta).map(
        errorMessage,
      ),
    ).toEqual([
      `metadata.generateName: Invalid value: "Pp-": ${SUBDOMAIN}`,
      `metadata.name: Invalid value: "P": ${SUBDOMAIN}`,
      `metadata.namespace: Invalid value: "Bad.ns": ${LABEL}`,
    ]);
    expect(validateMetadataNames({ name: "p" }, true, rule, meta).map(errorMessage)).toEqual([
      "metadata.namespace: Required value",
    ]);
    expect(
      validateMetadataNames({ name: "n", namespace: "x" }, false, nameRuleFor("Node"), meta).map(
        errorMessage,
      ),
    ).toEqual(["metadata.namespace: Forbidden: not allowed on this type"]);
  });
});

describe("path segment names", () => {
  it.each([
    ["ok", []],
    [".", ["may not be '.'"]],
    ["..", ["may not be '..'"]],
    ["a/b%c", ["may not contain '/'", "may not contain '%'"]],
  ])("%j", (v, msgs) => expect(isValidPathSegmentName(v)).toEqual(msgs));
});
