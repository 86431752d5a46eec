import { describe, expect, it } from "vitest";
import { isConfigMapKey } from "../src/validation/config-keys.js";
import { isEnvVarName, isRelaxedEnvVarName } from "../src/validation/env-var-names.js";
import { errorMessage } from "../src/validation/field-error.js";
import { root } from "../src/validation/field-path.js";
import { parseCidr, parseIp, validateNonSpecialIp } from "../src/validation/ip.js";
import { inclusiveRangeError } from "../src/validation/numbers.js";
import { isValidPortName, isValidPortNum } from "../src/validation/ports.js";
import {
  isQuantity,
  parseQuantity,
  QUANTITY_FORMAT_ERROR,
  QUANTITY_SUFFIX_ERROR,
} from "../src/validation/quantity.js";

function canonical(text: string): string {
  const q = parseQuantity(text);
  if (!isQuantity(q)) throw new Error(q.error);
  return q.toString();
}

describe("quantity", () => {
  it.each([
    ["100m", "100m"],
    ["0.1", "100m"],
    ["1.5", "1500m"],
    ["1000m", "1"],
    ["1500Mi", "1500Mi"],
    ["1.5Gi", "1536Mi"],
    ["1024Mi", "1Gi"],
    ["1000", "1k"],
    ["2000k", "2M"],
    ["1e3", "1e3"],
    ["1000e0", "1e3"],
    ["0", "0"],
    ["0Mi", "0"],
    ["-1", "-1"],
    ["-100m", "-100m"],
    ["0.0000000001", "1n"],
    ["512", "512"],
    ["1k", "1k"],
    ["+1", "+1"],
  ])("%s is printed as %s", (text, want) => expect(canonical(text)).toBe(want));

  it("keeps canonical text as written and compares by value", () => {
    const a = parseQuantity("1");
    const b = parseQuantity("1000m");
    const c = parseQuantity("1.5");
    if (!isQuantity(a) || !isQuantity(b) || !isQuantity(c)) throw new Error("parse");
    expect(a.cmp(b)).toBe(0);
    expect(c.cmp(a)).toBe(1);
    expect(a.cmp(c)).toBe(-1);
    expect(c.isInteger()).toBe(false);
    expect(a.isInteger()).toBe(true);
  });

  it.each([
    ["", QUANTITY_FORMAT_ERROR],
    ["abc", QUANTITY_FORMAT_ERROR],
    ["1.5.3", QUANTITY_FORMAT_ERROR],
    ["1Q", QUANTITY_FORMAT_ERROR],
    ["1mm", QUANTITY_SUFFIX_ERROR],
    ["1e", QUANTITY_SUFFIX_ERROR],
  ])("refuses %j", (text, error) => expect(parseQuantity(text)).toEqual({ error }));

  it("has Kubernetes' regular expression in its format error", () => {
    expect(QUANTITY_FORMAT_ERROR).toBe(
      "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'",
    );
  });
});

describe("ip", () => {
  it.each([
    ["10.0.0.1", true],
    ["010.000.000.001", true],
    ["256.0.0.1", false],
    ["1.2.3", false],
    ["::1", true],
    ["2001:db8::ffff", true],
    ["::ffff:1.2.3.4", true],
    ["1:2:3:4:5:6:7:8", true],
    ["1:2:3:4:5:6:7:8:9", false],
    ["fe80::1%eth0", false],
    ["", false],
    ["None", false],
  ])("%j parses: %s", (text, ok) => expect(parseIp(text) !== undefined).toBe(ok));

  it.each([
    ["10.0.0.0/8", true],
    ["10.0.0.0/33", false],
    ["2001:db8::/64", true],
    ["10.0.0.0", false],
    ["10.0.0.0/", false],
  ])("CIDR %j parses: %s", (text, ok) => expect(parseCidr(text) !== undefined).toBe(ok));

  it("refuses special addresses with Kubernetes' texts", () => {
    const p = root("subsets").index(0).child("addresses").index(0).child("ip");
    expect(validateNonSpecialIp("127.0.0.1", p).map(errorMessage)).toEqual([
      'subsets[0].addresses[0].ip: Invalid value: "127.0.0.1": may not be in the loopback range (127.0.0.0/8, ::1/128)',
    ]);
    expect(validateNonSpecialIp("0.0.0.0", p).map(errorMessage)).toEqual([
      'subsets[0].addresses[0].ip: Invalid value: "0.0.0.0": may not be unspecified (0.0.0.0)',
    ]);
    expect(validateNonSpecialIp("169.254.1.1", p).map(errorMessage)).toEqual([
      'subsets[0].addresses[0].ip: Invalid value: "169.254.1.1": may not be in the link-local range (169.254.0.0/16, fe80::/10)',
    ]);
    expect(validateNonSpecialIp("224.0.0.5", p).map(errorMessage)).toEqual([
      'subsets[0].addresses[0].ip: Invalid value: "224.0.0.5": may not be in the link-local multicast range (224.0.0.0/24, ff02::/10)',
    ]);
    expect(validateNonSpecialIp("fe80::1", p)).toHaveLength(1);
    expect(validateNonSpecialIp("10.1.2.3", p)).toEqual([]);
  });
});

describe("ports", () => {
  it("numbers are 1..65535", () => {
    expect(isValidPortNum(1)).toEqual([]);
    expect(isValidPortNum(65535)).toEqual([]);
    expect(isValidPortNum(0)).toEqual(["must be between 1 and 65535, inclusive"]);
    expect(isValidPortNum(65536)).toEqual([inclusiveRangeError(1, 65535)]);
  });

  it("names are IANA service names", () => {
    expect(isValidPortName("http")).toEqual([]);
    expect(isValidPortName("a".repeat(16))).toEqual(["must be no more than 15 characters"]);
    expect(isValidPortName("HTTP")).toEqual([
      "must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)",
      "must contain at least one letter (a-z)",
    ]);
    expect(isValidPortName("80")).toEqual(["must contain at least one letter (a-z)"]);
    expect(isValidPortName("a--b")).toEqual(["must not contain consecutive hyphens"]);
    expect(isValidPortName("-ab")).toEqual(["must not begin or end with a hyphen"]);
  });
});

describe("config keys and environment variable names", () => {
  it("config keys", () => {
    expect(isConfigMapKey("app.properties")).toEqual([]);
    expect(isConfigMapKey("a/b")).toEqual([
      "a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')",
    ]);
    expect(isConfigMapKey("..")).toEqual(["must not be '..'"]);
    expect(isConfigMapKey("..data")).toEqual(["must not start with '..'"]);
    expect(isConfigMapKey("k".repeat(254))).toEqual(["must be no more than 253 characters"]);
  });

  it("the relaxed 1.32 rule allows any printable ASCII but '='", () => {
    expect(isRelaxedEnvVarName("1FOO bar:baz")).toEqual([]);
    expect(isRelaxedEnvVarName("A=B")).toEqual([
      "a valid environment variable name must consist only of printable ASCII characters other than '='",
    ]);
    expect(isRelaxedEnvVarName("é")).toHaveLength(1);
  });

  it("the strict rule is kept", () => {
    expect(isEnvVarName("MY_VAR")).toEqual([]);
    expect(isEnvVarName("1FOO")).toEqual([
      "a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit (e.g. 'my.env-name',  or 'MY_ENV.NAME',  or 'MyEnvName1', regex used for validation is '[-._a-zA-Z][-._a-zA-Z0-9]*')",
    ]);
  });
});
