// Kubernetes' `$(VAR)` expansion (third_party/forked/golang/expansion): `$(NAME)` is replaced when NAME
// is defined and left verbatim otherwise, `$$` is an escaped `$`, any other `$` is copied as is.

/** Expands `input` with `lookup`; an undefined name keeps its `$(NAME)` text. */
export function expand(input: string, lookup: (name: string) => string | undefined): string {
  let out = "";
  let checkpoint = 0;
  for (let cursor = 0; cursor < input.length; cursor++) {
    if (input[cursor] !== "$" || cursor + 1 >= input.length) continue;
    out += input.slice(checkpoint, cursor);
    const rest = input.slice(cursor + 1);
    let advance = 1;
    if (rest[0] === "$") {
      out += "$";
    } else if (rest[0] === "(") {
      const close = rest.indexOf(")", 1);
      if (close === -1) {
        // An unterminated reference is copied as text; scanning resumes after the "(".
        out += "$(";
      } else {
        const name = rest.slice(1, close);
        out += lookup(name) ?? `$(${name})`;
        advance = close + 1;
      }
    } else {
      out += `$${rest[0]}`;
    }
    cursor += advance;
    checkpoint = cursor + 1;
  }
  return out + input.slice(checkpoint);
}

/** Expansion against a list of resolved variables (the later of duplicate names wins). */
export function expandWith(input: string, env: ReadonlyMap<string, string>): string {
  return expand(input, (name) => env.get(name));
}
