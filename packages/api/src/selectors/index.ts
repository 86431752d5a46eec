// The selectors' public surface, re-exported by the package index.
export { SelectorError } from "./errors.js";
export {
  checkDefaultFields,
  checkFields,
  DEFAULT_SELECTABLE_FIELDS,
  escapeFieldValue,
  type FieldOperator,
  type Fields,
  type FieldTerm,
  matchesFields,
  ParsedFieldSelector,
  parseFieldSelector,
  unescapeFieldValue,
} from "./field-selector.js";
export { fromLabelSelector } from "./from-label-selector.js";
export {
  type LabelOperator,
  type LabelRequirement,
  type Labels,
  newRequirement,
  requirementMatches,
  requirementString,
} from "./label-requirement.js";
export {
  labelSelectorFromSet,
  matchesLabels,
  ParsedLabelSelector,
  parseLabelSelector,
} from "./label-selector.js";
