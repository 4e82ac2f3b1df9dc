/**
 * Footnote plugins' shortcodes whose content is a note typed where its marker goes: Simple
 * Footnotes and Pelican's simple_footnotes `[ref]…[/ref]`, Easy Footnotes `[efn_note]`, Modern
 * Footnotes `[mfn]`, `[footnote]`. Read from WordPress's HTML (`wordpress/note-shortcodes.ts`) and
 * from Markdown's tree (`markdown/note-shortcodes.ts`): one list for both.
 */
export const noteShortcodeNames = ['ref', 'efn_note', 'mfn', 'footnote'] as const;
