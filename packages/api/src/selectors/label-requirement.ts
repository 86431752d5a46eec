import {
  isValidLabelValue as labelValueErrors,
  isQualifiedName as qualifiedNameErrors,
} from "../validation/labels.js";
import { SelectorError } from "./errors.js";
import { aggregate, compareGoStrings, goQuote, goStringSlice, invalidValue } from "./go-text.js";

/** The operators of apimachinery's selection package, spelled as Kubernetes spells them. */
export type LabelOperator = "=" | "==" | "!=" | "in" | "notin" | "exists" | "!" | "gt" | "lt";

/** One condition on one label key; a selector is the conjunction of its requirements. */
export interface LabelRequirement {
  readonly key: string;
  readonly operator: LabelOperator;
  readonly values: readonly string[];
}

export type Labels = Readonly<Record<string, string>>;

// gt/lt compare as Go int64s: anything ParseInt rejects (floats, overflow) never matches.
const INT64_RE = /^[+-]?[0-9]+$/;
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/** strconv.ParseInt(s, 10, 64): undefined when Go would return an error. */
export function parseInt64(s: string): bigint | undefined {
  if (!INT64_RE.test(s)) return undefined;
  const n = BigInt(s);
  return n < INT64_MIN || n > INT64_MAX ? undefined : n;
}

/** The error a key fails with, under the given field path (Kubernetes passes a nil path from the parser). */
export function labelKeyError(key: string, path: string): string | undefined {
  const errs = qualifiedNameErrors(key);
  return errs.length === 0 ? undefined : invalidValue(path, goQuote(key), errs.join("; "));
}

/**
 * Builds a requirement, checking it the way labels.NewRequirement does (key, arity for the operator,
 * integers for gt/lt, each value a label value) and throwing the aggregated message otherwise.
 */
export function newRequirement(
  key: string,
  operator: LabelOperator,
  values: readonly string[],
): LabelRequirement {
  const errs: string[] = [];
  const keyErr = labelKeyError(key, "key");
  if (keyErr !== undefined) errs.push(keyErr);
  switch (operator) {
    case "in":
    case "notin":
      if (values.length === 0) {
        errs.push(
          invalidValue(
            "values",
            goStringSlice(values),
            "for 'in', 'notin' operators, values set can't be empty",
          ),
        );
      }
      break;
    case "=":
    case "==":
    case "!=":
      if (values.length !== 1) {
        errs.push(
          invalidValue(
            "values",
            goStringSlice(values),
            "exact-match compatibility requires one single value",
          ),
        );
      }
      break;
    case "exists":
    case "!":
      if (values.length !== 0) {
        errs.push(
          invalidValue(
            "values",
            goStringSlice(values),
            "values set must be empty for exists and does not exist",
          ),
        );
      }
      break;
    case "gt":
    case "lt":
      if (values.length !== 1) {
        errs.push(
          invalidValue(
            "values",
            goStringSlice(values),
            "for 'Gt', 'Lt' operators, exactly one value is required",
          ),
        );
      }
      values.forEach((v, i) => {
        if (parseInt64(v) === undefined) {
          errs.push(
            invalidValue(
              `values[${i}]`,
              goQuote(v),
              "for 'Gt', 'Lt' operators, the value must be an integer",
            ),
          );
        }
      });
      break;
  }
  values.forEach((v, i) => {
    const valueErrs = labelValueErrors(v);
    if (valueErrs.length > 0)
      errs.push(invalidValue(`values[${i}][${key}]`, goQuote(v), valueErrs.join("; ")));
  });
  if (errs.length > 0) throw new SelectorError(aggregate(errs));
  return { key, operator, values: [...values] };
}

/** Requirement.Matches: absent keys satisfy only the negative operators. */
export function requirementMatches(r: LabelRequirement, labels: Labels): boolean {
  const has = Object.hasOwn(labels, r.key);
  switch (r.operator) {
    case "=":
    case "==":
    case "in":
      return has && r.values.includes(labels[r.key]!);
    case "!=":
    case "notin":
      return !has || !r.values.includes(labels[r.key]!);
    case "exists":
      return has;
    case "!":
      return !has;
    case "gt":
    case "lt": {
      if (!has || r.values.length !== 1) return false;
      const actual = parseInt64(labels[r.key]!);
      const bound = parseInt64(r.values[0]!);
      if (actual === undefined || bound === undefined) return false;
      return r.operator === "gt" ? actual > bound : actual < bound;
    }
  }
}

const OPERATOR_TEXT: Record<LabelOperator, string> = {
  "=": "=",
  "==": "==",
  "!=": "!=",
  in: " in ",
  notin: " notin ",
  gt: ">",
  lt: "<",
  exists: "",
  "!": "",
};

/** Requirement.String: the canonical text, with set values sorted (without reordering the requirement). */
export function requirementString(r: LabelRequirement): string {
  const head = (r.operator === "!" ? "!" : "") + r.key;
  if (r.operator === "exists" || r.operator === "!") return head;
  const values = r.values.length === 1 ? r.values[0]! : [...r.values].sort(compareGoStrings).join(",");
  const set = r.operator === "in" || r.operator === "notin";
  return head + OPERATOR_TEXT[r.operator] + (set ? `(${values})` : values);
}
