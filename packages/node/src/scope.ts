/**
 * What the app has said about the current work (tags, user, contexts, extra, breadcrumbs). A
 * fork points at its parent instead of copying it, so forking one per request costs one object;
 * writes land in the fork and never reach the parent or sibling requests.
 */
import type { Breadcrumb, User } from '@faultline/protocol';
import type { IncomingMessage } from 'node:http';

export interface ScopeData {
  tags: Record<string, string>;
  extra: Record<string, unknown>;
  contexts: Record<string, Record<string, unknown>>;
  user: User | undefined;
  breadcrumbs: Breadcrumb[];
  transaction: string | undefined;
  request: IncomingMessage | undefined;
}

export class Scope {
  // Allocated on first write: a request's scope is forked for every request, and most are
  // never written to.
  private tags: Record<string, string> | undefined;
  private extra: Record<string, unknown> | undefined;
  private contexts: Record<string, Record<string, unknown> | null> | undefined;
  private user: User | undefined;
  private breadcrumbs: Breadcrumb[] | undefined;
  private transaction: string | undefined;
  private request: IncomingMessage | undefined;

  constructor(
    private readonly parent?: Scope,
    private readonly maxBreadcrumbs = 100,
  ) {}

  fork(): Scope {
    return new Scope(this, this.maxBreadcrumbs);
  }

  setTag(key: string, value: unknown): void {
    (this.tags ??= {})[key] = String(value);
  }

  setTags(tags: Record<string, unknown>): void {
    for (const [key, value] of Object.entries(tags)) this.setTag(key, value);
  }

  setExtra(key: string, value: unknown): void {
    (this.extra ??= {})[key] = value;
  }

  /** `null` removes the context here, hiding a parent's context of that name too. */
  setContext(name: string, context: Record<string, unknown> | null): void {
    (this.contexts ??= {})[name] = context;
  }

  /** `null` clears the user for this scope, hiding any parent's user too. */
  setUser(user: User | null): void {
    this.user = user ?? {};
  }

  setTransactionName(name: string): void {
    this.transaction = name;
  }

  setRequest(request: IncomingMessage): void {
    this.request = request;
  }

  addBreadcrumb(breadcrumb: Breadcrumb): void {
    if (this.maxBreadcrumbs <= 0) return;
    const breadcrumbs = (this.breadcrumbs ??= []);
    breadcrumbs.push({ timestamp: Date.now() / 1000, ...breadcrumb });
    if (breadcrumbs.length > this.maxBreadcrumbs) breadcrumbs.shift();
  }

  /** The merged view, parents first so this scope's writes win. */
  getData(): ScopeData {
    const inherited = this.parent?.getData();
    const user = this.user ?? inherited?.user;
    const breadcrumbs = [...(inherited?.breadcrumbs ?? []), ...(this.breadcrumbs ?? [])];
    const contexts: Record<string, Record<string, unknown>> = { ...inherited?.contexts };
    for (const [name, context] of Object.entries(this.contexts ?? {})) {
      if (context === null) delete contexts[name];
      else contexts[name] = context;
    }
    return {
      tags: { ...inherited?.tags, ...this.tags },
      extra: { ...inherited?.extra, ...this.extra },
      contexts,
      user: user !== undefined && Object.keys(user).length > 0 ? user : undefined,
      breadcrumbs: breadcrumbs.slice(-this.maxBreadcrumbs),
      transaction: this.transaction ?? inherited?.transaction,
      request: this.request ?? inherited?.request,
    };
  }
}
