/** A line of a post that a site generator's syntax changed (`site-syntax.ts`, `hugo-shortcodes.ts`, `mdx-components.ts`). */
export interface SiteSyntaxChange {
  line: number;
  /** Why the line (or part of it) was taken out. */
  reason: string;
  /** The whole line went; otherwise only part of it. */
  whole: boolean;
  /** Content may have been lost (an embed, an unknown shortcode): the editor should look. */
  lossy: boolean;
}
