// Every malformed label or field selector, and every field a resource does not index, surfaces as one
// SelectorError whose message is the API server's own text: kubectl prints it verbatim after
// "Error from server (BadRequest): ", and the gateway turns it into a 400 BadRequest Status.
export class SelectorError extends Error {
  override readonly name = "SelectorError";
}
