import type { Paged, Requirement } from './pagedjs.ts';

/**
 * One fix of a Paged.js bug: what it needs of Paged.js's internals (checked before it is
 * installed: a fix whose internals are gone is left out and reported, never half-installed),
 * and how it installs itself (a handler registered before `preview`, or a patched prototype).
 */
export interface PagedjsFix {
  /** Permanent, kebab-case: named in the `pdf-pagedjs-internal` warning and by tests. */
  id: string;
  requirements(paged: Paged | undefined): Requirement[];
  install(paged: Paged): void;
}
