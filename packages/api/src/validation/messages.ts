// The shared sentence builders of Kubernetes' string validators; every name/label message is made of these.

export function maxLenError(length: number): string {
  return `must be no more than ${length} characters`;
}

export function emptyError(): string {
  return "must be non-empty";
}

/**
 * "<msg> (e.g. 'a',  or 'b', regex used for validation is '<fmt>')". The double space before "or" is in
 * the real messages (each example is followed by ", " and then " or " is added), so it is kept.
 */
export function regexError(msg: string, regex: string, ...examples: string[]): string {
  if (examples.length === 0) return `${msg} (regex used for validation is '${regex}')`;
  const listed = examples.map((e) => `'${e}', `).join(" or ");
  return `${msg} (e.g. ${listed}regex used for validation is '${regex}')`;
}
