import { describe, expect, it } from "vitest";
import {
  fromLabelSelector,
  labelSelectorFromSet,
  matchesLabels,
  parseLabelSelector,
  SelectorError,
} from "../src/selectors/index.js";

const LABEL_VALUE_RULE =
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";
const NAME_RULE =
  "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";
const SUBDOMAIN_RULE =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";

function parseError(text: string): string {
  try {
    parseLabelSelector(text);
  } catch (err) {
    expect(err).toBeInstanceOf(SelectorError);
    return (err as Error).message;
  }
  throw new Error(`expected ${JSON.stringify(text)} to be refused`);
}

describe("parseLabelSelector: accepted text and its canonical form", () => {
  it.each([
    ["", ""],
    ["x=a", "x=a"],
    ["x==a", "x==a"],
    ["x!=a", "x!=a"],
    ["  x  =  a  ", "x=a"],
    ["\tx\n=\ra", "x=a"],
    ["x=", "x="],
    ["x in (b,a,a)", "x in (a,b)"],
    ["x in(a)", "x in (a)"],
    ["x notin ( a , b )", "x notin (a,b)"],
    ["x in ()", "x in ()"],
    ["x in (,a)", "x in (,a)"],
    ["x in (a,)", "x in (,a)"],
    ["x in (a,,b)", "x in (,a,b)"],
    ["x", "x"],
    ["!x", "!x"],
    ["! x", "!x"],
    ["b=1,a=2", "a=2,b=1"],
    ["x>1", "x>1"],
    ["x<5", "x<5"],
    ["in=a", "in=a"],
    ["x=in", "x=in"],
    ["x in (in,notin)", "x in (in,notin)"],
    ["example.com/app=web", "example.com/app=web"],
    [
      "environment in (production, qa),tier notin (frontend),!legacy",
      "environment in (production,qa),!legacy,tier notin (frontend)",
    ],
    ["z,y=1,x!=2", "x!=2,y=1,z"],
    // Go's lexer reads NUL as end of input where a token would start.
    ["x=a \0never read", "x=a"],
  ])("%j → %j", (text, canonical) => {
    expect(String(parseLabelSelector(text))).toBe(canonical);
  });

  it("keeps requirements on one key in their written order", () => {
    expect(String(parseLabelSelector("b,a=2,a!=1"))).toBe("a=2,a!=1,b");
  });
});

describe("parseLabelSelector: refused text and Kubernetes' message", () => {
  it.each([
    ["x=a b", "found 'b', expected: ',' or 'end of string'"],
    [",x", "found ',', expected: !, identifier, or 'end of string'"],
    ["=a", "found '=', expected: !, identifier, or 'end of string'"],
    ["x=a,", "found '', expected: identifier after ','"],
    ["x,,y", "found ',', expected: identifier after ','"],
    ["!x=a", "found '=', expected: ',' or 'end of string'"],
    // Inside a token NUL only ends that token.
    ["x=a\0b", "found 'b', expected: ',' or 'end of string'"],
    // A negative bound is not a valid label value, so Kubernetes refuses it.
    ["x<-5", `unable to parse requirement: values[0][x]: Invalid value: "-5": ${LABEL_VALUE_RULE}`],
    ["!", "unable to parse requirement: found '', expected: identifier"],
    ["x in a", "unable to parse requirement: found 'a' expected: '('"],
    ["x in (a", "unable to parse requirement: found '', expected: ',' or ')'"],
    ["x in (a b)", "unable to parse requirement: found 'b', expected: ',' or ')'"],
    ["x in (=)", "unable to parse requirement: found '=', expected: ',', ')' or identifier"],
    ["x in (,=)", "unable to parse requirement: found '=', expected: ',', or identifier"],
    ["x (a)", "unable to parse requirement: found '(', expected: in, notin, =, ==, !=, gt, lt"],
    ["x exists", "unable to parse requirement: found 'exists', expected: in, notin, =, ==, !=, gt, lt"],
    ["x=(a)", "unable to parse requirement: found '(', expected: identifier"],
    [
      "x>a",
      `unable to parse requirement: values[0]: Invalid value: "a": for 'Gt', 'Lt' operators, the value must be an integer`,
    ],
    [
      "x>9223372036854775808",
      "unable to parse requirement: values[0]: Invalid value: \"9223372036854775808\": for 'Gt', 'Lt' operators, the value must be an integer",
    ],
    ["x=-a", `unable to parse requirement: values[0][x]: Invalid value: "-a": ${LABEL_VALUE_RULE}`],
    ["x in (a,-b)", `unable to parse requirement: values[0][x]: Invalid value: "-b": ${LABEL_VALUE_RULE}`],
    [
      `x=${"v".repeat(64)}`,
      `unable to parse requirement: values[0][x]: Invalid value: "${"v".repeat(64)}": must be no more than 63 characters`,
    ],
    ["-x=a", `unable to parse requirement: <nil>: Invalid value: "-x": name part ${NAME_RULE}`],
    ["/x", `unable to parse requirement: <nil>: Invalid value: "/x": prefix part must be non-empty`],
    [
      "a/",
      `unable to parse requirement: <nil>: Invalid value: "a/": name part must be non-empty; name part ${NAME_RULE}`,
    ],
    [
      "Example.com/x",
      `unable to parse requirement: <nil>: Invalid value: "Example.com/x": prefix part ${SUBDOMAIN_RULE}`,
    ],
    [
      "a/b/c",
      `unable to parse requirement: <nil>: Invalid value: "a/b/c": a qualified name ${NAME_RULE} with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`,
    ],
    [
      `${"k".repeat(64)}`,
      `unable to parse requirement: <nil>: Invalid value: "${"k".repeat(64)}": name part must be no more than 63 characters`,
    ],
  ])("%j", (text, message) => {
    expect(parseError(text)).toBe(message);
  });
});

describe("matching labels", () => {
  it.each<[string, Record<string, string>, boolean]>([
    ["", {}, true],
    ["", { x: "a" }, true],
    ["x=a", { x: "a" }, true],
    ["x=a", { x: "b" }, false],
    ["x=a", {}, false],
    ["x==a", { x: "a" }, true],
    ["x!=a", {}, true],
    ["x!=a", { x: "a" }, false],
    ["x!=a", { x: "b" }, true],
    ["x=", { x: "" }, true],
    ["x=", {}, false],
    ["x in (a,b)", { x: "b" }, true],
    ["x in (a,b)", { x: "c" }, false],
    ["x in (a,b)", {}, false],
    ["x notin (a)", {}, true],
    ["x notin (a)", { x: "a" }, false],
    ["x notin (a)", { x: "b" }, true],
    ["x", { x: "" }, true],
    ["x", { y: "a" }, false],
    ["!x", {}, true],
    ["!x", { x: "a" }, false],
    ["x>5", { x: "6" }, true],
    ["x>5", { x: "5" }, false],
    ["x>5", { x: "abc" }, false],
    ["x>5", {}, false],
    ["x<5", { x: "-1" }, true],
    ["x<5", { x: "5.0" }, false],
    ["x>9223372036854775806", { x: "9223372036854775807" }, true],
    ["x>9223372036854775806", { x: "9223372036854775808" }, false],
    ["x=a,y=b", { x: "a", y: "b" }, true],
    ["x=a,y=b", { x: "a" }, false],
    ["toString", {}, false],
    ["!constructor", {}, true],
  ])("%j on %j → %s", (text, labels, expected) => {
    const selector = parseLabelSelector(text);
    expect(selector.matches(labels)).toBe(expected);
    expect(matchesLabels(selector, labels)).toBe(expected);
  });

  it("treats absent labels as an empty set", () => {
    expect(parseLabelSelector("!x").matches(undefined)).toBe(true);
    expect(parseLabelSelector("x").matches(undefined)).toBe(false);
  });
});

describe("requiresExactMatch", () => {
  it.each<[string, string, string | undefined]>([
    ["x=a,y!=b", "x", "a"],
    ["x==a", "x", "a"],
    ["x in (a)", "x", "a"],
    ["x in (a,b)", "x", undefined],
    ["x=a,y!=b", "y", undefined],
    ["x=a", "z", undefined],
  ])("%j for %j → %j", (text, key, expected) => {
    expect(parseLabelSelector(text).requiresExactMatch(key)).toBe(expected);
  });
});

describe("fromLabelSelector (metav1.LabelSelectorAsSelector)", () => {
  it("selects nothing for an absent selector and everything for an empty one", () => {
    expect(fromLabelSelector(undefined).matches({})).toBe(false);
    expect(fromLabelSelector(null).matches({ a: "b" })).toBe(false);
    expect(fromLabelSelector({}).matches({})).toBe(true);
    expect(fromLabelSelector({ matchLabels: {}, matchExpressions: [] }).empty).toBe(true);
  });

  it.each([
    [{ matchLabels: { b: "1", a: "2" } }, "a=2,b=1"],
    [{ matchExpressions: [{ key: "x", operator: "In", values: ["b", "a"] }] }, "x in (a,b)"],
    [{ matchExpressions: [{ key: "x", operator: "NotIn", values: ["a"] }] }, "x notin (a)"],
    [{ matchExpressions: [{ key: "x", operator: "Exists" }] }, "x"],
    [{ matchExpressions: [{ key: "x", operator: "DoesNotExist", values: [] }] }, "!x"],
    [
      { matchLabels: { app: "web" }, matchExpressions: [{ key: "tier", operator: "In", values: ["fe"] }] },
      "app=web,tier in (fe)",
    ],
  ])("%j → %j", (selector, canonical) => {
    expect(String(fromLabelSelector(selector))).toBe(canonical);
  });

  it("matches like the equivalent text", () => {
    const selector = fromLabelSelector({
      matchLabels: { app: "web" },
      matchExpressions: [{ key: "env", operator: "NotIn", values: ["prod"] }],
    });
    expect(selector.matches({ app: "web", env: "dev" })).toBe(true);
    expect(selector.matches({ app: "web", env: "prod" })).toBe(false);
    expect(selector.matches({ env: "dev" })).toBe(false);
  });

  it.each([
    [
      { matchExpressions: [{ key: "x", operator: "In", values: [] }] },
      "values: Invalid value: []string(nil): for 'in', 'notin' operators, values set can't be empty",
    ],
    [
      { matchExpressions: [{ key: "x", operator: "NotIn" }] },
      "values: Invalid value: []string(nil): for 'in', 'notin' operators, values set can't be empty",
    ],
    [
      { matchExpressions: [{ key: "x", operator: "Exists", values: ["a"] }] },
      'values: Invalid value: []string{"a"}: values set must be empty for exists and does not exist',
    ],
    [
      { matchExpressions: [{ key: "x", operator: "DoesNotExist", values: ["a", "b"] }] },
      'values: Invalid value: []string{"a", "b"}: values set must be empty for exists and does not exist',
    ],
    [
      { matchExpressions: [{ key: "x", operator: "Gt", values: ["1"] }] },
      '"Gt" is not a valid label selector operator',
    ],
    [{ matchLabels: { "-x": "a" } }, `key: Invalid value: "-x": name part ${NAME_RULE}`],
    [{ matchLabels: { x: "-a" } }, `values[0][x]: Invalid value: "-a": ${LABEL_VALUE_RULE}`],
    [
      { matchExpressions: [{ key: "-x", operator: "In", values: [] }] },
      `[key: Invalid value: "-x": name part ${NAME_RULE}, values: Invalid value: []string(nil): for 'in', 'notin' operators, values set can't be empty]`,
    ],
  ])("%j is refused", (selector, message) => {
    expect(() => fromLabelSelector(selector)).toThrow(new SelectorError(message));
  });
});

describe("labelSelectorFromSet", () => {
  it("builds key=value requirements sorted by key", () => {
    const selector = labelSelectorFromSet({ tier: "fe", app: "web" });
    expect(String(selector)).toBe("app=web,tier=fe");
    expect(selector.matches({ app: "web", tier: "fe", extra: "1" })).toBe(true);
    expect(selector.matches({ app: "web" })).toBe(false);
    expect(labelSelectorFromSet(undefined).matches({})).toBe(true);
  });
});
