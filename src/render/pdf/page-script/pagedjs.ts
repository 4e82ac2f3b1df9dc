/**
 * The parts of Paged.js (0.4.3, as pagedjs-cli bundles it: `window.Paged`) that the fixes use,
 * typed by hand, and the check that they are there. Paged.js exports its classes but not the
 * fields of their instances: those are checked on an empty `Chunker` at start, and the page
 * fields (`Page` is not exported) the first time a fix reads them.
 */
import type { MissingInternal } from './types.ts';

export type HandlerClass = new (...args: unknown[]) => object;

export interface LaidOutPage {
  element: HTMLElement;
  wrapper: Element;
  startToken: unknown;
  endToken: unknown;
  layoutMethod?: { bounds: DOMRect; findBreakToken(rendered: Element, source: unknown, bounds: DOMRect, previous: unknown): unknown };
  _onOverflow?: (token: unknown) => void;
}

export interface Hook {
  trigger(...args: unknown[]): Promise<unknown>;
}

export interface Chunker {
  source: DocumentFragment;
  breakToken: unknown;
  pages: LaidOutPage[];
  pagesArea: HTMLElement;
  total: number;
  rendered: boolean;
  /** Set once a restart (a fix's or Paged.js's own on overflow) is under way: the other handlers leave the page be. */
  stopped: boolean;
  hooks: Record<string, Hook>;
  start(): void;
  stop(): void;
  removePages(fromIndex: number): void;
  addPage(blank: boolean): LaidOutPage;
  emit(event: string, ...args: unknown[]): void;
}

export interface Paged {
  Handler: HandlerClass;
  Chunker: new () => Chunker;
  registerHandlers(...handlers: HandlerClass[]): void;
  registeredHandlers: { prototype: Record<string, unknown> }[];
}

export function pagedGlobal(): Paged | undefined {
  return (window as unknown as { Paged?: Paged }).Paged;
}

/** What a fix needs of Paged.js: each a description and whether it is there. */
export type Requirement = [internal: string, present: boolean];

/** The hooks and fields of a new `Chunker` (its constructor only sets them up), or none if it cannot be made. */
export function emptyChunker(paged: Paged | undefined): Partial<Chunker> {
  try {
    return paged ? new paged.Chunker() : {};
  } catch {
    return {};
  }
}

/** The footnote handler's class, found by its method: Paged.js does not export it. */
export function footnoteHandlerClass(paged: Paged | undefined): { prototype: Record<string, unknown> } | undefined {
  return paged?.registeredHandlers.find((handler) => typeof handler.prototype.moveFootnote === 'function');
}

/** The requirements shared by every fix that registers a handler. */
export function handlerRequirements(paged: Paged | undefined, hooks: readonly string[]): Requirement[] {
  const chunker = emptyChunker(paged);
  return [
    ['Paged.Handler', typeof paged?.Handler === 'function'],
    ['Paged.registerHandlers', typeof paged?.registerHandlers === 'function'],
    ...hooks.map((hook): Requirement => [`Paged.Chunker hook ${hook}`, typeof chunker.hooks?.[hook]?.trigger === 'function']),
  ];
}

/** The requirements of laying pages out again from an earlier page (`restartFrom`). */
export function restartRequirements(paged: Paged | undefined): Requirement[] {
  const prototype = (paged?.Chunker.prototype ?? {}) as Record<string, unknown>;
  const chunker = emptyChunker(paged);
  return [
    ...(['start', 'stop', 'removePages'] as const).map((method): Requirement => [`Paged.Chunker.prototype.${method}`, typeof prototype[method] === 'function']),
    ['Paged.Chunker#pages', Array.isArray(chunker.pages)],
    ['Paged.Chunker#stopped', typeof chunker.stopped === 'boolean'],
    ['Paged.Chunker#rendered', typeof chunker.rendered === 'boolean'],
  ];
}

/** Internals missing, reported once each: at start, or when a fix first finds a page without them. */
const missing: MissingInternal[] = [];

export function missingInternals(): MissingInternal[] {
  return [...missing];
}

/** Records the requirements not met; whether all were. */
export function requireInternals(fix: string, requirements: readonly Requirement[]): boolean {
  let met = true;
  for (const [internal, present] of requirements) {
    if (present) continue;
    met = false;
    if (!missing.some((entry) => entry.fix === fix && entry.internal === internal)) missing.push({ fix, internal });
  }
  return met;
}
