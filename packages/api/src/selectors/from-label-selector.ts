import type { LabelSelector } from "kubernetes-types/meta/v1.js";
import { SelectorError } from "./errors.js";
import { compareGoStrings, goQuote } from "./go-text.js";
import { type LabelOperator, type LabelRequirement, newRequirement } from "./label-requirement.js";
import { ParsedLabelSelector } from "./label-selector.js";

const OPERATORS: Readonly<Record<string, LabelOperator>> = {
  In: "in",
  NotIn: "notin",
  Exists: "exists",
  DoesNotExist: "!",
};

/**
 * metav1.LabelSelectorAsSelector: an absent selector selects nothing, an empty one everything; each
 * matchLabels entry is key=value and each matchExpression its set-based requirement, with the errors
 * labels.NewRequirement gives (e.g. In without values, Exists with values).
 */
export function fromLabelSelector(selector: LabelSelector | null | undefined): ParsedLabelSelector {
  if (selector === null || selector === undefined) return ParsedLabelSelector.nothingSelector;
  const matchLabels = selector.matchLabels ?? {};
  const expressions = selector.matchExpressions ?? [];
  const keys = Object.keys(matchLabels);
  if (keys.length + expressions.length === 0) return ParsedLabelSelector.everything;

  const requirements: LabelRequirement[] = [];
  // Go walks the map in random order, so which bad entry is reported first is unspecified there;
  // sorted order makes it deterministic here.
  for (const key of keys.sort(compareGoStrings)) {
    requirements.push(newRequirement(key, "=", [matchLabels[key]!]));
  }
  for (const expr of expressions) {
    const operator = Object.hasOwn(OPERATORS, expr.operator) ? OPERATORS[expr.operator] : undefined;
    if (operator === undefined) {
      throw new SelectorError(`${goQuote(expr.operator)} is not a valid label selector operator`);
    }
    requirements.push(newRequirement(expr.key, operator, expr.values ?? []));
  }
  return ParsedLabelSelector.of(requirements);
}
