import { describe, expect, it } from "vitest";
import {
  checkDefaultFields,
  checkFields,
  escapeFieldValue,
  matchesFields,
  parseFieldSelector,
  SelectorError,
  unescapeFieldValue,
} from "../src/selectors/index.js";

const POD_FIELDS = ["metadata.name", "metadata.namespace", "spec.nodeName", "status.phase"];

describe("parseFieldSelector: accepted text and its canonical form", () => {
  it.each([
    ["", ""],
    [",", ""],
    ["metadata.name=foo", "metadata.name=foo"],
    ["metadata.name==foo", "metadata.name=foo"],
    ["status.phase!=Running", "status.phase!=Running"],
    ["status.phase!=Running,spec.nodeName=n1", "spec.nodeName=n1,status.phase!=Running"],
    [",a=b,", "a=b"],
    ["a=", "a="],
    ["a=b\\,c", "a=b\\,c"],
    ["a=b\\=c\\\\", "a=b\\=c\\\\"],
    [" a = b ", " a = b "],
  ])("%j → %j", (text, canonical) => {
    expect(String(parseFieldSelector(text))).toBe(canonical);
  });

  it("unescapes values", () => {
    expect(parseFieldSelector("a=b\\,c\\=d\\\\e").terms).toEqual([
      { field: "a", operator: "=", value: "b,c=d\\e" },
    ]);
    expect(parseFieldSelector("a!=x").terms).toEqual([{ field: "a", operator: "!=", value: "x" }]);
  });
});

describe("parseFieldSelector: refused text and Kubernetes' message", () => {
  it.each([
    ["foo", "invalid selector: 'foo'; can't understand 'foo'"],
    ["a=b,c", "invalid selector: 'a=b,c'; can't understand 'c'"],
    ["a=b\\x", "invalid field selector: invalid escape sequence: \\x"],
    ["a=b\\", "invalid field selector: invalid escape sequence: \\"],
    ["a=b=c", "invalid field selector: unescaped character in value: 61"],
    ["a==b=c", "invalid field selector: unescaped character in value: 61"],
  ])("%j", (text, message) => {
    expect(() => parseFieldSelector(text)).toThrow(new SelectorError(message));
  });
});

describe("escaping", () => {
  it.each(["plain", "a,b", "a=b", "a\\b", "\\,=", ""])("%j round-trips", (value) => {
    expect(unescapeFieldValue(escapeFieldValue(value))).toBe(value);
  });
});

describe("matching fields", () => {
  it.each<[string, Record<string, string>, boolean]>([
    ["", {}, true],
    ["metadata.name=foo", { "metadata.name": "foo" }, true],
    ["metadata.name=foo", { "metadata.name": "bar" }, false],
    ["metadata.name==foo", { "metadata.name": "foo" }, true],
    ["spec.nodeName!=n1", {}, true],
    ["spec.nodeName!=n1", { "spec.nodeName": "n1" }, false],
    ["spec.nodeName=", {}, true],
    ["spec.nodeName=", { "spec.nodeName": "n1" }, false],
    ["status.phase=Running,spec.nodeName=n1", { "status.phase": "Running", "spec.nodeName": "n1" }, true],
    ["status.phase=Running,spec.nodeName=n1", { "status.phase": "Running", "spec.nodeName": "n2" }, false],
    ["a=x\\,y", { a: "x,y" }, true],
    ["constructor=", {}, true],
  ])("%j on %j → %s", (text, fields, expected) => {
    const selector = parseFieldSelector(text);
    expect(selector.matches(fields)).toBe(expected);
    expect(matchesFields(selector, fields)).toBe(expected);
  });

  it("reports exact matches for index lookups", () => {
    const selector = parseFieldSelector("spec.nodeName=n1,status.phase!=Failed");
    expect(selector.requiresExactMatch("spec.nodeName")).toBe("n1");
    expect(selector.requiresExactMatch("status.phase")).toBeUndefined();
    expect(selector.requiresExactMatch("metadata.name")).toBeUndefined();
  });
});

describe("checkFields", () => {
  it("accepts allowed fields and renames aliases", () => {
    const checked = checkFields(parseFieldSelector("spec.host=n1,metadata.name=a"), POD_FIELDS, {
      "spec.host": "spec.nodeName",
    });
    expect(String(checked)).toBe("metadata.name=a,spec.nodeName=n1");
    expect(checked.matches({ "metadata.name": "a", "spec.nodeName": "n1" })).toBe(true);
    expect(String(checkFields(parseFieldSelector(""), POD_FIELDS))).toBe("");
  });

  it.each([
    ["foo=bar", "field label not supported: foo"],
    ["zzz=1,aaa=2", "field label not supported: aaa"],
    [" metadata.name=a", "field label not supported:  metadata.name"],
    ["spec.host=n1", "field label not supported: spec.host"],
  ])("%j is refused", (text, message) => {
    expect(() => checkFields(parseFieldSelector(text), POD_FIELDS)).toThrow(new SelectorError(message));
  });

  it("uses the default conversion's wording for kinds without their own list", () => {
    expect(String(checkDefaultFields(parseFieldSelector("metadata.namespace=d,metadata.name=x")))).toBe(
      "metadata.name=x,metadata.namespace=d",
    );
    expect(() => checkDefaultFields(parseFieldSelector("spec.nodeName=x"))).toThrow(
      new SelectorError(
        '"spec.nodeName" is not a known field selector: only "metadata.name", "metadata.namespace"',
      ),
    );
  });
});
