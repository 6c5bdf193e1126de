import { StaticFailure } from "./errors";

/**
 * A token with its span in the source (UTF-16 offsets, end exclusive).
 * - `ident`: a bare word; keywords are idents too (the parser compares `upper`).
 * - `quoted`: a backquoted identifier; `value` is the name with ``` `` ``` unescaped.
 * - `string`: a '…' literal; `value` has `''` unescaped. Backslash is an ordinary character.
 * - `number`: `text` as written; `form` as in the AST.
 * - `punct`: an operator or punctuation mark; `text` is the mark (`!=` stays `!=`).
 */
export type Token =
  | { kind: "ident"; text: string; upper: string; start: number; end: number }
  | { kind: "quoted"; text: string; value: string; start: number; end: number }
  | { kind: "string"; text: string; value: string; start: number; end: number }
  | { kind: "number"; text: string; form: "integer" | "decimal" | "approximate"; start: number; end: number }
  | { kind: "punct"; text: string; start: number; end: number }
  | { kind: "eof"; text: ""; start: number; end: number };

const TWO_CHAR_PUNCT = new Set(["||", "<>", "!=", "<=", ">="]);
const ONE_CHAR_PUNCT = new Set(["(", ")", ",", ".", "[", "]", "+", "-", "*", "/", "%", "=", "<", ">"]);

const HINTS: Readonly<Record<string, string>> = {
  '"': "; use 'single quotes' for strings and `backquotes` for field names",
  "|": "; use || to concatenate strings, or OR",
  "&": "; use AND",
  "!": "; use NOT, or != for inequality",
  "?": "; expressions have no parameters",
  ";": "; an expression is a single value, not a statement",
  "$": "; to use it in a field name, quote the name with backquotes",
  "{": "",
};

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

function isIdentStart(char: string, code: number): boolean {
  if ((code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95) return true;
  return code > 127 && /\p{L}/u.test(char);
}

function isIdentPart(char: string, code: number): boolean {
  if (isIdentStart(char, code) || isDigit(code) || code === 36) return true;
  return code > 127 && /[\p{L}\p{N}\p{Mn}\p{Mc}]/u.test(char);
}

/**
 * Splits expression text into tokens, ending with an `eof` token. Skips
 * whitespace and SQL comments (`-- …` to end of line, `/* … *\/`).
 * Throws {@link StaticFailure} with an S01xx code on a lexical error.
 */
export function tokenize(text: string): Token[] {
  const lexer = new Lexer(text);
  const tokens: Token[] = [];
  for (;;) {
    const token = lexer.next();
    tokens.push(token);
    if (token.kind === "eof") return tokens;
  }
}

/**
 * Produces tokens on demand, so the parser stops reading as soon as it has
 * an error or hits a limit: the cost of rejecting a huge text is the cost of
 * the part that was read.
 */
export class Lexer {
  private position = 0;

  constructor(private readonly text: string) {}

  /** The next token; `eof` (repeatedly) at the end. Throws {@link StaticFailure} on a lexical error. */
  next(): Token {
    const text = this.text;
    const length = text.length;
    let i = this.position;
    for (;;) {
      if (i >= length) {
        this.position = length;
        return { kind: "eof", text: "", start: length, end: length };
      }
      const code = text.charCodeAt(i);
      if (code === 32 || code === 9 || code === 10 || code === 13 || (code > 127 && /\s/u.test(text[i]!))) {
        i++;
        continue;
      }
      if (code === 45 && text.charCodeAt(i + 1) === 45) {
        while (i < length && text.charCodeAt(i) !== 10) i++;
        continue;
      }
      if (code === 47 && text.charCodeAt(i + 1) === 42) {
        const close = text.indexOf("*/", i + 2);
        if (close < 0) throw new StaticFailure("S0106", {}, i, length);
        i = close + 2;
        continue;
      }
      break;
    }
    const token = this.read(i);
    this.position = token.end;
    return token;
  }

  private read(start: number): Token {
    const text = this.text;
    const code = text.charCodeAt(start);
    const char = text[start]!;
    if (char === "'" || char === "`") return this.quoted(start, char);
    if (isDigit(code) || (char === "." && isDigit(text.charCodeAt(start + 1)))) return readNumber(text, start);
    if (isIdentStart(char, code)) {
      let i = start + 1;
      while (i < text.length && isIdentPart(text[i]!, text.charCodeAt(i))) i++;
      const word = text.slice(start, i);
      return { kind: "ident", text: word, upper: word.toUpperCase(), start, end: i };
    }
    const two = char + (text[start + 1] ?? "");
    if (TWO_CHAR_PUNCT.has(two)) return { kind: "punct", text: two, start, end: start + 2 };
    if (ONE_CHAR_PUNCT.has(char)) return { kind: "punct", text: char, start, end: start + 1 };
    const whole = String.fromCodePoint(text.codePointAt(start)!);
    throw new StaticFailure(
      "S0103",
      { char: JSON.stringify(whole), hint: Object.hasOwn(HINTS, whole) ? HINTS[whole]! : "" },
      start,
      start + whole.length,
    );
  }

  /** string := ' { char | '' } '   quoted-identifier := ` { char | `` } ` */
  private quoted(start: number, quote: "'" | "`"): Token {
    const text = this.text;
    let value = "";
    let i = start + 1;
    for (;;) {
      const close = text.indexOf(quote, i);
      if (close < 0) throw new StaticFailure(quote === "'" ? "S0101" : "S0102", {}, start, text.length);
      value += text.slice(i, close);
      if (text[close + 1] === quote) {
        value += quote;
        i = close + 2;
        continue;
      }
      i = close + 1;
      break;
    }
    if (quote === "'") return { kind: "string", text: text.slice(start, i), value, start, end: i };
    if (value.length === 0) throw new StaticFailure("S0105", {}, start, i);
    return { kind: "quoted", text: text.slice(start, i), value, start, end: i };
  }
}

/** number := digits [ '.' digits? ] [ E [+-] digits ] | '.' digits [ E … ] */
function readNumber(text: string, start: number): Token {
  let i = start;
  let form: "integer" | "decimal" | "approximate" = "integer";
  while (isDigit(text.charCodeAt(i))) i++;
  if (text[i] === ".") {
    form = "decimal";
    i++;
    while (isDigit(text.charCodeAt(i))) i++;
  }
  let valid = true;
  if (text[i] === "e" || text[i] === "E") {
    form = "approximate";
    i++;
    if (text[i] === "+" || text[i] === "-") i++;
    if (!isDigit(text.charCodeAt(i))) valid = false;
    while (isDigit(text.charCodeAt(i))) i++;
  }
  if (i < text.length && (isIdentPart(text[i]!, text.charCodeAt(i)) || text[i] === ".")) {
    valid = false;
    while (i < text.length && (isIdentPart(text[i]!, text.charCodeAt(i)) || text[i] === ".")) i++;
  }
  const literal = text.slice(start, i);
  if (!valid) throw new StaticFailure("S0104", { text: literal }, start, i);
  return { kind: "number", text: literal, form, start, end: i };
}
