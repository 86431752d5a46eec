// The tokens of a label selector, split exactly where apimachinery's lexer splits: identifiers run until
// whitespace or one of = ! ( ) , > <, and symbol runs take the longest operator they start with.

export type LabelToken =
  | "end"
  | "error"
  | ")"
  | ","
  | "!"
  | "=="
  | "="
  | ">"
  | "identifier"
  | "in"
  | "<"
  | "!="
  | "notin"
  | "(";

export interface ScannedToken {
  readonly token: LabelToken;
  readonly literal: string;
}

const SYMBOLS: ReadonlyMap<string, LabelToken> = new Map<string, LabelToken>([
  [")", ")"],
  [",", ","],
  ["!", "!"],
  ["==", "=="],
  ["=", "="],
  [">", ">"],
  ["<", "<"],
  ["!=", "!="],
  ["(", "("],
]);
const KEYWORDS: ReadonlyMap<string, LabelToken> = new Map<string, LabelToken>([
  ["in", "in"],
  ["notin", "notin"],
]);

const isWhitespace = (ch: string): boolean => ch === " " || ch === "\t" || ch === "\r" || ch === "\n";
const isSpecial = (ch: string): boolean => "=!(),><".includes(ch);

/**
 * Tokenizes the whole text. Go's lexer reads a NUL byte as end of input: at the start of a token it ends
 * the text, inside a token it only ends that token (and is swallowed) — reproduced for identical parses.
 */
export function lexLabelSelector(text: string): ScannedToken[] {
  const tokens: ScannedToken[] = [];
  let pos = 0;
  const peek = (): string => (pos < text.length ? text[pos]! : "\0");
  const swallowNul = (): void => {
    if (pos < text.length && text[pos] === "\0") pos++;
  };
  for (;;) {
    while (isWhitespace(peek())) pos++;
    const ch = peek();
    if (ch === "\0") {
      tokens.push({ token: "end", literal: "" });
      return tokens;
    }
    if (isSpecial(ch)) {
      let buffer = "";
      let last: ScannedToken | undefined;
      while (isSpecial(peek())) {
        const next = buffer + peek();
        const token = SYMBOLS.get(next);
        if (token === undefined && last !== undefined) break;
        buffer = next;
        pos++;
        if (token !== undefined) last = { token, literal: buffer };
      }
      swallowNul();
      tokens.push(last ?? { token: "error", literal: `error expected: keyword found '${buffer}'` });
      continue;
    }
    let word = "";
    while (peek() !== "\0" && !isSpecial(peek()) && !isWhitespace(peek())) word += text[pos++];
    swallowNul();
    tokens.push({ token: KEYWORDS.get(word) ?? "identifier", literal: word });
  }
}
