import { compareGoStrings } from "./go-text.js";
import { parseRequirements } from "./label-parser.js";
import {
  type LabelRequirement,
  type Labels,
  newRequirement,
  requirementMatches,
  requirementString,
} from "./label-requirement.js";

/**
 * A parsed label selector: the conjunction of its requirements, kept sorted by key so its text is canonical.
 * No requirements matches everything; `nothing` (a nil metav1 selector) matches no object at all.
 */
export class ParsedLabelSelector {
  private constructor(
    readonly requirements: readonly LabelRequirement[],
    readonly nothing: boolean,
  ) {}

  static of(requirements: readonly LabelRequirement[]): ParsedLabelSelector {
    return new ParsedLabelSelector(
      [...requirements].sort((a, b) => compareGoStrings(a.key, b.key)),
      false,
    );
  }

  static readonly everything = new ParsedLabelSelector([], false);
  static readonly nothingSelector = new ParsedLabelSelector([], true);

  /** True when it places no restriction (an empty selector). */
  get empty(): boolean {
    return !this.nothing && this.requirements.length === 0;
  }

  matches(labels: Labels | undefined): boolean {
    if (this.nothing) return false;
    const set = labels ?? {};
    return this.requirements.every((r) => requirementMatches(r, set));
  }

  /** The value a key must equal for any object to match ("=", "==" or a one-value "in"), for index lookups. */
  requiresExactMatch(key: string): string | undefined {
    for (const r of this.requirements) {
      if (r.key !== key) continue;
      // Like Kubernetes, only the first requirement on the key is consulted.
      const exact = r.operator === "=" || r.operator === "==" || r.operator === "in";
      return exact && r.values.length === 1 ? r.values[0] : undefined;
    }
    return undefined;
  }

  /** Kubernetes' canonical text: requirements joined by ',' (a "nothing" selector prints as ""). */
  toString(): string {
    return this.requirements.map(requirementString).join(",");
  }
}

/** labels.Parse: throws SelectorError with the API server's message on malformed text; "" selects all. */
export function parseLabelSelector(text: string): ParsedLabelSelector {
  return ParsedLabelSelector.of(parseRequirements(text));
}

export function matchesLabels(selector: ParsedLabelSelector, labels: Labels | undefined): boolean {
  return selector.matches(labels);
}

/** labels.SelectorFromSet: key=value for every entry (a Service's or ReplicaSet's map selector). */
export function labelSelectorFromSet(set: Labels | undefined): ParsedLabelSelector {
  if (set === undefined) return ParsedLabelSelector.everything;
  return ParsedLabelSelector.of(Object.entries(set).map(([key, value]) => newRequirement(key, "=", [value])));
}
