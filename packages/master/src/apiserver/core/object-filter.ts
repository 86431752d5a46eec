import {
  ApiError,
  checkFieldSelector,
  matchesFields,
  matchesLabels,
  type ParsedFieldSelector,
  type ParsedLabelSelector,
  parseFieldSelector,
  parseLabelSelector,
  type ResourceInfo,
  SelectorError,
} from "@tskube/api";
import type { ApiObject } from "../api-object.js";
import { objectFields } from "./object-fields.js";

/** A list's or watch's label and field selectors, parsed once. */
export interface ObjectFilter {
  readonly everything: boolean;
  matches(obj: ApiObject): boolean;
}

export function parseFilter(info: ResourceInfo, labelSelector = "", fieldSelector = ""): ObjectFilter {
  let labels: ParsedLabelSelector;
  let fields: ParsedFieldSelector;
  try {
    labels = parseLabelSelector(labelSelector);
    const parsed = parseFieldSelector(fieldSelector);
    fields = checkFieldSelector(info, parsed);
  } catch (err) {
    if (err instanceof SelectorError) throw new ApiError("BadRequest", err.message);
    throw err;
  }
  const noLabels = labelSelector.trim() === "";
  const noFields = fields.terms.length === 0;
  return {
    everything: noLabels && noFields,
    matches: (obj) =>
      (noLabels || matchesLabels(labels, obj.metadata?.labels)) &&
      (noFields || matchesFields(fields, objectFields(obj, info.selectableFields))),
  };
}
