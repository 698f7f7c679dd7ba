/**
 * Function scopes of a minified file and the tokens that name them, the way Sentry's
 * js-source-scopes does: a declaration names itself (`function a(){}`), an anonymous function
 * takes the name it is assigned to (`a=function(){}`, `b.c=()=>{}`, `{d:function(){}}`), a
 * method takes its class's or object's name (`Cart.total`), a constructor is `new Cart`. The
 * names are still minified here; symbolicate/function-name.ts renames each identifier through
 * the source map.
 */
import { JsScanner } from './js-scanner.js';
import type { Token } from './js-scanner.js';

/** An identifier in the minified source: its text and where it is. */
export interface NamePart {
  text: string;
  offset: number;
}

export interface RawScope {
  start: number;
  /** Exclusive; the source's length for a scope left open by a truncated file. */
  end: number;
  /** Undefined for an anonymous function (a callback). */
  name: NamePart[] | undefined;
  isConstructor: boolean;
}

interface OpenBracket {
  kind: '(' | '[' | '{';
  start: number;
  /** `(`: the name its tokens are assigned to, should it turn out to be arrow parameters. */
  assignedName?: NamePart[] | undefined;
  /** `(`: the identifier before it, should it turn out to be a method's parameters. */
  methodName?: NamePart | undefined;
  /** `(`: the parameters of this `function`. */
  ofFunction?: PendingFunction;
  /** `{`: the function whose body it is. */
  scope?: RawScope;
  /** `{`: the class whose body it is, or the name an object literal is assigned to. */
  ownerName?: NamePart[] | undefined;
  isClassBody?: boolean;
}

interface PendingFunction {
  start: number;
  name: NamePart[] | undefined;
  isConstructor: boolean;
}

interface PendingClass {
  start: number;
  name: NamePart[] | undefined;
  depth: number;
}

const RECENT_TOKENS = 16;
const METHOD_NAME_KEYWORDS = new Set(['get', 'set', 'static', 'async', 'new', 'delete', 'default']);
/** What may come right before a method's name in a class body or object literal. */
const BEFORE_MEMBER = new Set(['{', ',', ';', '}', '*']);
const MEMBER_MODIFIERS = new Set(['get', 'set', 'static', 'async']);

export function extractScopes(source: string): RawScope[] {
  return new ScopeExtractor(source).run();
}

class ScopeExtractor {
  private readonly scopes: RawScope[] = [];
  private readonly stack: OpenBracket[] = [];
  /** The last RECENT_TOKENS tokens, a ring indexed by token number (see tokenAt). */
  private readonly recent: Token[] = new Array<Token>(RECENT_TOKENS);
  private tokenCount = 0;
  private pendingFunction: PendingFunction | undefined;
  private pendingClass: PendingClass | undefined;
  /** A function whose `{` body must come next (after `function f()` or `m()`, or `=>`). */
  private awaitingBody: PendingFunction | undefined;
  private awaitingArrowBody: RawScope | undefined;
  /** Arrow functions with an expression body, ended by `,` `;` or a closing bracket. */
  private openArrows: Array<{ scope: RawScope; depth: number }> = [];
  private lastClosedParen: OpenBracket | undefined;

  constructor(private readonly source: string) {}

  run(): RawScope[] {
    const scanner = new JsScanner(this.source);
    for (let token = scanner.next(); token !== undefined; token = scanner.next()) {
      this.take(token);
      this.recent[this.tokenCount % RECENT_TOKENS] = token;
      this.tokenCount++;
    }
    for (const scope of this.scopes) if (scope.end < 0) scope.end = this.source.length;
    return this.scopes;
  }

  /** Token number `index`, if it is among the recent ones. */
  private tokenAt(index: number): Token | undefined {
    if (index < 0 || index >= this.tokenCount || index < this.tokenCount - RECENT_TOKENS)
      return undefined;
    return this.recent[index % RECENT_TOKENS];
  }

  private take(token: Token): void {
    const body = this.awaitingBody;
    this.awaitingBody = undefined;
    const arrow = this.awaitingArrowBody;
    this.awaitingArrowBody = undefined;
    if (token.text === '{' && token.kind === 'punct') {
      if (body !== undefined) return this.openBody(token, this.addScope(body));
      if (arrow !== undefined) return this.openBody(token, arrow);
    } else if (arrow !== undefined) {
      this.openArrows.push({ scope: arrow, depth: this.stack.length });
    }
    if (token.kind === 'keyword') return this.takeKeyword(token);
    if (token.kind === 'ident') return this.takeIdentifier(token);
    if (token.kind !== 'punct') return;
    switch (token.text) {
      case '(':
        return this.openParen(token);
      case '[':
        this.stack.push({ kind: '[', start: token.start });
        return;
      case '{':
        return this.openBrace(token);
      case ')':
      case ']':
      case '}':
        return this.close(token);
      case '=>':
        return this.takeArrow();
      case ',':
      case ';':
        return this.endArrows(token.start, this.stack.length);
    }
  }

  private takeKeyword(token: Token): void {
    const end = this.tokenCount - (this.tokenAt(this.tokenCount - 1)?.text === 'async' ? 1 : 0);
    if (token.text === 'function') {
      this.pendingFunction = {
        start: token.start,
        name: this.assignedName(end),
        isConstructor: false,
      };
    } else if (token.text === 'class') {
      this.pendingClass = {
        start: token.start,
        name: this.assignedName(end),
        depth: this.stack.length,
      };
    }
  }

  private takeIdentifier(token: Token): void {
    const previous = this.tokenAt(this.tokenCount - 1);
    const own = [{ text: token.text, offset: token.start }];
    // A function's or class's own name wins over the one it is assigned to, as in V8.
    if (this.pendingFunction !== undefined && previous !== undefined) {
      if (previous.text === 'function' || previous.text === '*') this.pendingFunction.name = own;
    } else if (this.pendingClass !== undefined && previous?.text === 'class') {
      this.pendingClass.name = own;
    }
  }

  private openParen(token: Token): void {
    const pending = this.pendingFunction;
    this.pendingFunction = undefined;
    if (pending !== undefined) {
      this.stack.push({ kind: '(', start: token.start, ofFunction: pending });
      return;
    }
    let end = this.tokenCount;
    if (this.tokenAt(end - 1)?.text === 'async') end--;
    this.stack.push({
      kind: '(',
      start: token.start,
      assignedName: this.assignedName(end),
      methodName: this.methodNameBefore(),
    });
  }

  /** `m(` right after `{` `,` `;` `}` or a modifier is a method definition, if `{` follows `)`. */
  private methodNameBefore(): NamePart | undefined {
    const name = this.tokenAt(this.tokenCount - 1);
    const before = this.tokenAt(this.tokenCount - 2);
    if (name === undefined) return undefined;
    const nameable =
      name.kind === 'ident' ||
      name.kind === 'string' ||
      name.kind === 'number' ||
      (name.kind === 'keyword' && METHOD_NAME_KEYWORDS.has(name.text));
    if (!nameable) return undefined;
    const opensMember =
      before === undefined ||
      BEFORE_MEMBER.has(before.text) ||
      (before.kind === 'keyword' && MEMBER_MODIFIERS.has(before.text));
    return opensMember ? { text: name.text, offset: name.start } : undefined;
  }

  private openBrace(token: Token): void {
    const pendingClass = this.pendingClass;
    if (pendingClass !== undefined && pendingClass.depth === this.stack.length) {
      this.pendingClass = undefined;
      // The class itself is a scope too (field initializers run in it): `new Cart`, like its
      // constructor.
      const name = pendingClass.name;
      const scope = this.addScope({ start: pendingClass.start, name, isConstructor: true });
      this.stack.push({ kind: '{', start: token.start, ownerName: name, isClassBody: true, scope });
      return;
    }
    this.stack.push({
      kind: '{',
      start: token.start,
      ownerName: this.assignedName(this.tokenCount),
    });
  }

  private openBody(token: Token, scope: RawScope): void {
    this.stack.push({ kind: '{', start: token.start, scope });
  }

  private close(token: Token): void {
    const kind = token.text === ')' ? '(' : token.text === ']' ? '[' : '{';
    let index = this.stack.length - 1;
    while (index >= 0 && this.stack[index]?.kind !== kind) index--;
    if (index < 0) return; // unbalanced: ignore the stray closer
    const open = this.stack[index];
    this.stack.length = index;
    this.endArrows(token.start, index + 1);
    if (open === undefined) return;
    if (open.scope !== undefined) open.scope.end = token.end;
    if (kind !== '(') return;
    this.lastClosedParen = open;
    if (open.ofFunction !== undefined) this.awaitingBody = open.ofFunction;
    else if (open.methodName !== undefined) this.awaitingBody = this.methodOf(open.methodName);
  }

  private methodOf(name: NamePart): PendingFunction {
    const owner = this.stack[this.stack.length - 1];
    const isConstructor = owner?.isClassBody === true && name.text === 'constructor';
    const prefix = owner?.ownerName ?? [];
    return {
      start: name.offset,
      name: isConstructor ? prefix : [...prefix, name],
      isConstructor,
    };
  }

  private takeArrow(): void {
    const params = this.tokenAt(this.tokenCount - 1);
    if (params === undefined) return;
    let scope: RawScope;
    if (params.text === ')' && this.lastClosedParen !== undefined) {
      const paren = this.lastClosedParen;
      scope = this.newScope(paren.start, paren.assignedName);
    } else if (params.kind === 'ident') {
      let end = this.tokenCount - 1;
      if (this.tokenAt(end - 1)?.text === 'async') end--;
      scope = this.newScope(params.start, this.assignedName(end));
    } else return;
    this.awaitingArrowBody = scope;
  }

  private newScope(start: number, name: NamePart[] | undefined): RawScope {
    return this.addScope({ start, name, isConstructor: false });
  }

  private addScope(pending: PendingFunction): RawScope {
    const scope: RawScope = {
      start: pending.start,
      end: -1,
      name: pending.name,
      isConstructor: pending.isConstructor,
    };
    this.scopes.push(scope);
    return scope;
  }

  private endArrows(at: number, depth: number): void {
    while (this.openArrows.length > 0) {
      const last = this.openArrows[this.openArrows.length - 1];
      if (last === undefined || last.depth < depth) return;
      last.scope.end = at;
      this.openArrows.pop();
    }
  }

  /**
   * The name tokens before token number `end` assign a value to: `a=`, `a.b.c=`, or `{p:` / `,p:`
   * inside an object literal (prefixed with the literal's own name, if any).
   */
  private assignedName(end: number): NamePart[] | undefined {
    const last = this.tokenAt(end - 1);
    if (last?.kind !== 'punct') return undefined;
    if (last.text === '=') return this.classFieldName(end - 2) ?? this.memberChainEndingAt(end - 2);
    if (last.text !== ':') return undefined;
    const property = this.tokenAt(end - 2);
    const before = this.tokenAt(end - 3);
    if (property === undefined || (before?.text !== '{' && before?.text !== ',')) return undefined;
    if (property.kind !== 'ident' && property.kind !== 'string' && property.kind !== 'keyword')
      return undefined;
    const owner = this.stack[this.stack.length - 1]?.ownerName ?? [];
    return [...owner, { text: property.text, offset: property.start }];
  }

  /** `class A{handle=()=>{}}`: a field of a class body is named `A.handle`, as V8 names it. */
  private classFieldName(index: number): NamePart[] | undefined {
    const owner = this.stack[this.stack.length - 1];
    const field = this.tokenAt(index);
    const before = this.tokenAt(index - 1);
    if (owner?.isClassBody !== true || field?.kind !== 'ident' || before === undefined)
      return undefined;
    if (!BEFORE_MEMBER.has(before.text) && before.text !== 'static') return undefined;
    return [...(owner.ownerName ?? []), { text: field.text, offset: field.start }];
  }

  private memberChainEndingAt(index: number): NamePart[] | undefined {
    const parts: NamePart[] = [];
    let i = index;
    for (;;) {
      const token = this.tokenAt(i);
      if (token === undefined || (token.kind !== 'ident' && token.text !== 'this')) break;
      parts.unshift({ text: token.text, offset: token.start });
      if (this.tokenAt(i - 1)?.text !== '.') break;
      i -= 2;
    }
    return parts.length === 0 ? undefined : parts;
  }
}
