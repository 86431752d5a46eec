// metav1.LabelSelector validation (ValidateLabelSelector with invalid label values refused) and conversion
// to a matcher, as workload kinds use them for their selector/template agreement.
import type { LabelSelector, LabelSelectorRequirement } from "kubernetes-types/meta/v1.js";
import { fromLabelSelector } from "../../selectors/from-label-selector.js";
import type { ParsedLabelSelector } from "../../selectors/label-selector.js";
import { type FieldError, forbidden, invalid, required } from "../field-error.js";
import type { FieldPath } from "../field-path.js";
import { isValidLabelValue, validateLabelName, validateLabels } from "../labels.js";
import { isObj, list, str, strMap } from "./read.js";

function validateRequirement(req: LabelSelectorRequirement, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const operator = str(req.operator);
  const values = list<string>(req.values);
  switch (operator) {
    case "In":
    case "NotIn":
      if (values.length === 0) {
        errs.push(required(path.child("values"), "must be specified when `operator` is 'In' or 'NotIn'"));
      }
      break;
    case "Exists":
    case "DoesNotExist":
      if (values.length > 0) {
        errs.push(
          forbidden(
            path.child("values"),
            "may not be specified when `operator` is 'Exists' or 'DoesNotExist'",
          ),
        );
      }
      break;
    default:
      errs.push(invalid(path.child("operator"), operator, "not a valid selector operator"));
  }
  errs.push(...validateLabelName(str(req.key), path.child("key")));
  values.forEach((value, i) => {
    errs.push(
      ...isValidLabelValue(str(value)).map((msg) => invalid(path.child("values").index(i), value, msg)),
    );
  });
  return errs;
}

/** Nothing to check for an absent selector. */
export function validateLabelSelector(selector: LabelSelector | undefined, path: FieldPath): FieldError[] {
  if (selector === undefined) return [];
  const errs = validateLabels(strMap(selector.matchLabels), path.child("matchLabels"));
  list<LabelSelectorRequirement>(selector.matchExpressions).forEach((req, i) => {
    errs.push(...validateRequirement(req, path.child("matchExpressions").index(i)));
  });
  return errs;
}

/** The selector of a spec, or undefined when absent or not an object (Go's nil pointer). */
export function selectorOf(v: unknown): LabelSelector | undefined {
  return isObj(v) ? (v as LabelSelector) : undefined;
}

/** True when the selector has neither matchLabels nor matchExpressions. */
export function selectorIsEmpty(selector: LabelSelector): boolean {
  return Object.keys(strMap(selector.matchLabels)).length + list(selector.matchExpressions).length === 0;
}

/** metav1.LabelSelectorAsSelector: a matcher, or undefined when the selector cannot be converted. */
export function asSelector(selector: LabelSelector | undefined): ParsedLabelSelector | undefined {
  try {
    return fromLabelSelector(selector);
  } catch {
    return undefined;
  }
}
