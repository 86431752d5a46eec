// The validation toolkit: field paths, field errors and the name/label rules, for the API server and clients.
export {
  duplicate,
  errorBody,
  errorMessage,
  type FieldError,
  type FieldErrorType,
  forbidden,
  invalid,
  notSupported,
  required,
  tooLong,
} from "./field-error.js";
export { FieldPath, root } from "./field-path.js";
export { byteLength, goQuote, goValue } from "./go-format.js";
export {
  annotationsSize,
  isQualifiedName,
  isValidLabelValue,
  LABEL_VALUE_MAX_LENGTH,
  QUALIFIED_NAME_MAX_LENGTH,
  TOTAL_ANNOTATION_SIZE_LIMIT_BYTES,
  validateAnnotations,
  validateLabelName,
  validateLabels,
} from "./labels.js";
export { emptyError, maxLenError, regexError } from "./messages.js";
export { nameRuleFor } from "./name-rules.js";
export {
  DNS1035_LABEL_MAX_LENGTH,
  DNS1123_LABEL_MAX_LENGTH,
  DNS1123_SUBDOMAIN_MAX_LENGTH,
  isDns1035Label,
  isDns1123Label,
  isDns1123Subdomain,
  isValidPathSegmentName,
  maskTrailingDash,
  type NameFields,
  type NameRule,
  nameIsDns1035Label,
  nameIsDnsLabel,
  nameIsDnsSubdomain,
  validateGenerateName,
  validateMetadataNames,
  validateObjectName,
} from "./names.js";
export { aggregateMessage, type FieldCause, toCause, toCauses } from "./status-causes.js";
