/**
 * A JavaScript tokenizer just good enough to find function scopes in bundler output: it knows
 * strings, template literals (with `${…}` nesting), comments, regular expressions and
 * punctuators, and nothing of the grammar. One pass, linear in the source, never throws: input
 * it does not understand (hostile or truncated bundles) costs at worst a wrong scope name.
 *
 * Road not taken: a real parser (acorn, oxc, swc as Sentry's js-source-scopes uses). It would be
 * a large runtime dependency for the one question asked here — which function encloses a
 * position — and minified code, the only input, is regular enough for a tokenizer.
 */

export type TokenKind = 'ident' | 'keyword' | 'punct' | 'string' | 'number' | 'template' | 'regex';

export interface Token {
  kind: TokenKind;
  /** Identifier, keyword, punctuator or short string text; empty for other literals. */
  text: string;
  /** UTF-16 offset of the token's first character, as stack trace columns count. */
  start: number;
  end: number;
}

const KEYWORDS = new Set([
  'async', 'await', 'break', 'case', 'catch', 'class', 'const', 'continue', 'debugger', 'default',
  'delete', 'do', 'else', 'export', 'extends', 'finally', 'for', 'function', 'if', 'import', 'in',
  'instanceof', 'let', 'new', 'of', 'return', 'static', 'super', 'switch', 'this', 'throw', 'try',
  'typeof', 'var', 'void', 'while', 'with', 'yield', 'get', 'set',
]); // prettier-ignore

/** Keywords after which a `/` starts a regular expression rather than dividing. */
const REGEX_AFTER_KEYWORD = new Set([
  'return', 'typeof', 'instanceof', 'in', 'of', 'new', 'delete', 'void', 'throw', 'case', 'do',
  'else', 'yield', 'await',
]); // prettier-ignore

/** Longest first, so that `=>` is never read as `=` then `>`. */
const PUNCTUATORS = [
  '>>>=', '...', '===', '!==', '**=', '<<=', '>>=', '>>>', '&&=', '||=', '??=', '=>', '==', '!=',
  '<=', '>=', '&&', '||', '??', '?.', '++', '--', '+=', '-=', '*=', '%=', '&=', '|=', '^=', '**',
  '<<', '>>',
]; // prettier-ignore
/** Punctuators of more than one character, by their first character. */
const PUNCTUATORS_BY_FIRST = new Map<string, string[]>();
for (const punctuator of PUNCTUATORS) {
  const first = punctuator[0] ?? '';
  PUNCTUATORS_BY_FIRST.set(first, [...(PUNCTUATORS_BY_FIRST.get(first) ?? []), punctuator]);
}

function isIdentStart(code: number): boolean {
  return (
    (code >= 97 && code <= 122) || // a-z
    (code >= 65 && code <= 90) || // A-Z
    code === 36 || // $
    code === 95 || // _
    code === 92 || // \ (a unicode escape)
    code >= 0x80
  );
}

function isIdentPart(code: number): boolean {
  return isIdentStart(code) || (code >= 48 && code <= 57);
}

/** Digits, letters (hex, exponents, BigInt's `n`), `_` separators and the decimal point. */
function isNumberPart(code: number): boolean {
  return isIdentPart(code) || code === 46;
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

export class JsScanner {
  private offset = 0;
  /** Open template literals: the brace depth at which each `${` was opened. */
  private readonly templateBraceDepths: number[] = [];
  private braceDepth = 0;
  private previous: Token | undefined;

  constructor(private readonly source: string) {
    if (source.startsWith('#!')) this.skipLine();
  }

  /** The next significant token, or undefined at the end of the source. */
  next(): Token | undefined {
    this.skipTrivia();
    const { source } = this;
    if (this.offset >= source.length) return undefined;
    const start = this.offset;
    const code = source.charCodeAt(start);
    let token: Token;
    if (isIdentStart(code) || (code === 35 && isIdentStart(source.charCodeAt(start + 1)))) {
      this.offset++; // `#` of a private name, or the first character
      while (this.offset < source.length && isIdentPart(source.charCodeAt(this.offset)))
        this.offset++;
      const text = source.slice(start, this.offset);
      // After a dot every word is a property name (`x.get`, `p.catch`), never a keyword.
      const afterDot = this.previous?.text === '.' || this.previous?.text === '?.';
      token = { kind: !afterDot && KEYWORDS.has(text) ? 'keyword' : 'ident', text, start, end: 0 };
    } else if (code === 34 || code === 39) {
      this.skipQuoted(code);
      // Kept when short: a quoted property can name a method (`{"load-cart"(){…}}`).
      const text = this.offset - start <= 130 ? source.slice(start + 1, this.offset - 1) : '';
      token = { kind: 'string', text, start, end: 0 };
    } else if (code === 96) {
      this.offset++;
      this.skipTemplateChunk();
      token = { kind: 'template', text: '', start, end: 0 };
    } else if (isDigit(code) || (code === 46 && isDigit(source.charCodeAt(start + 1)))) {
      while (this.offset < source.length && isNumberPart(source.charCodeAt(this.offset)))
        this.offset++;
      token = { kind: 'number', text: '', start, end: 0 };
    } else if (code === 47 && this.regexAllowed()) {
      this.skipRegex();
      token = { kind: 'regex', text: '', start, end: 0 };
    } else if (code === 125 && this.closesTemplateSubstitution()) {
      // `}` ending `${…}`: the literal continues; report it as one more template piece.
      this.templateBraceDepths.pop();
      this.offset++;
      this.skipTemplateChunk();
      token = { kind: 'template', text: '', start, end: 0 };
    } else {
      token = { kind: 'punct', text: this.readPunctuator(), start, end: 0 };
      if (token.text === '{') this.braceDepth++;
      else if (token.text === '}') this.braceDepth--;
    }
    token.end = this.offset;
    this.previous = token;
    return token;
  }

  private skipTrivia(): void {
    const { source } = this;
    while (this.offset < source.length) {
      const code = source.charCodeAt(this.offset);
      if (code === 32 || code === 9 || code === 10 || code === 13 || code === 0xa0) this.offset++;
      else if (code === 0x2028 || code === 0x2029 || code === 0xfeff) this.offset++;
      else if (code === 47 && source.charCodeAt(this.offset + 1) === 47) this.skipLine();
      else if (code === 47 && source.charCodeAt(this.offset + 1) === 42) {
        const end = source.indexOf('*/', this.offset + 2);
        this.offset = end === -1 ? source.length : end + 2;
      } else return;
    }
  }

  private skipLine(): void {
    const end = this.source.indexOf('\n', this.offset);
    this.offset = end === -1 ? this.source.length : end + 1;
  }

  private skipQuoted(quote: number): void {
    const { source } = this;
    this.offset++;
    while (this.offset < source.length) {
      const code = source.charCodeAt(this.offset++);
      if (code === 92) this.offset++;
      else if (code === quote || code === 10) return; // a newline ends a broken string
    }
  }

  /** From inside a template literal to its closing backtick or the next `${`. */
  private skipTemplateChunk(): void {
    const { source } = this;
    while (this.offset < source.length) {
      const code = source.charCodeAt(this.offset++);
      if (code === 92) this.offset++;
      else if (code === 96) return;
      else if (code === 36 && source.charCodeAt(this.offset) === 123) {
        this.offset++;
        this.templateBraceDepths.push(this.braceDepth);
        return;
      }
    }
  }

  private closesTemplateSubstitution(): boolean {
    const depth = this.templateBraceDepths[this.templateBraceDepths.length - 1];
    return depth !== undefined && depth === this.braceDepth;
  }

  private regexAllowed(): boolean {
    const previous = this.previous;
    if (previous === undefined) return true;
    if (previous.kind === 'keyword') return REGEX_AFTER_KEYWORD.has(previous.text);
    if (previous.kind !== 'punct') return false;
    return previous.text !== ')' && previous.text !== ']' && previous.text !== '}';
  }

  private skipRegex(): void {
    const { source } = this;
    this.offset++;
    let inClass = false;
    while (this.offset < source.length) {
      const code = source.charCodeAt(this.offset++);
      if (code === 92) this.offset++;
      else if (code === 10) return;
      else if (code === 91) inClass = true;
      else if (code === 93) inClass = false;
      else if (code === 47 && !inClass) break;
    }
    while (this.offset < source.length && isIdentPart(source.charCodeAt(this.offset)))
      this.offset++; // flags
  }

  private readPunctuator(): string {
    const { source, offset } = this;
    const first = source[offset] ?? '';
    for (const punctuator of PUNCTUATORS_BY_FIRST.get(first) ?? []) {
      if (source.startsWith(punctuator, offset)) {
        this.offset += punctuator.length;
        return punctuator;
      }
    }
    this.offset++;
    return source[offset] ?? '';
  }
}
