// Static bearer tokens, in the CSV format of kube-apiserver's --token-auth-file:
//   token,user,uid,"group1,group2"
// At least three columns; the optional fourth is a comma-separated group list (quote it when it has several).
// Blank lines and lines starting with # are skipped (Kubernetes has no comments; tskube's files may).
import { readFile } from "node:fs/promises";
import type { UserInfo } from "./user-info.js";

/** Token → the user it authenticates as. */
export type TokenTable = ReadonlyMap<string, UserInfo>;

/** Parses a token file's text. A bad file throws one line naming the file and line, e.g. for a startup error. */
export function parseTokenFile(text: string, source = "token file"): TokenTable {
  const tokens = new Map<string, UserInfo>();
  const lines = text.split(/\r?\n/);
  lines.forEach((line, index) => {
    if (line.trim() === "" || line.startsWith("#")) return;
    const fail = (why: string): never => {
      throw new Error(`${source}: line ${index + 1}: ${why}`);
    };
    const fields = splitCsvLine(line, fail);
    if (fields.length < 3) {
      fail(`expected at least 3 columns (token, user name, user uid), found ${fields.length}`);
    }
    const [token = "", name = "", uid = "", groupList] = fields;
    if (token === "") fail("empty token");
    if (name === "") fail("empty user name");
    if (tokens.has(token)) fail("duplicate token");
    const groups = groupList === undefined || groupList === "" ? [] : groupList.split(",");
    tokens.set(token, { name, groups, ...(uid === "" ? {} : { uid }) });
  });
  return tokens;
}

export async function loadTokenFile(path: string): Promise<TokenTable> {
  return parseTokenFile(await readFile(path, "utf8"), `token file ${path}`);
}

// One CSV record on one line (RFC 4180 quoting: "a,b" and "" for a quote inside quotes).
function splitCsvLine(line: string, fail: (why: string) => never): string[] {
  const fields: string[] = [];
  let i = 0;
  for (;;) {
    let field = "";
    if (line[i] === '"') {
      i++;
      for (;;) {
        if (i >= line.length) fail("unterminated quoted field");
        const c = line[i];
        if (c === '"') {
          if (line[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        field += c;
        i++;
      }
      if (i < line.length && line[i] !== ",")
        fail(`unexpected character after a quoted field at column ${i + 1}`);
    } else {
      const end = line.indexOf(",", i);
      field = end === -1 ? line.slice(i) : line.slice(i, end);
      if (field.includes('"')) fail(`bare " in a non-quoted field`);
      i = end === -1 ? line.length : end;
    }
    fields.push(field);
    if (i >= line.length) return fields;
    i++; // the comma
  }
}
