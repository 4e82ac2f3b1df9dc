import type { VFile } from 'vfile';

/**
 * The catalogue of diagnostics. A rule id never changes meaning once published: editors and CI
 * scripts may grep for it. `error` stops the command with exit code 1; `warning` is reported only.
 */
export const rules = {
  'yaml-syntax': { severity: 'error', summary: 'The YAML cannot be parsed.' },
  'config-invalid': { severity: 'error', summary: 'A key in anthology.yaml has a wrong or missing value.' },
  'config-missing': { severity: 'error', summary: 'There is no anthology.yaml in the project.' },
  'chapter-missing': { severity: 'error', summary: 'A chapter listed in anthology.yaml does not exist.' },
  'chapter-duplicate': { severity: 'error', summary: 'A chapter file is listed more than once.' },
  'path-outside-project': { severity: 'error', summary: 'A path points outside the project folder.' },
  'front-matter-missing': { severity: 'error', summary: 'A chapter file has no YAML front matter.' },
  'front-matter-unterminated': { severity: 'error', summary: 'Front matter opens with --- but never closes.' },
  'front-matter-invalid': { severity: 'error', summary: 'A front-matter key has a wrong or missing value.' },
  'directive-unknown': { severity: 'warning', summary: 'A ::directive other than ::figure is in a chapter.' },
  'heading-skip': {
    severity: 'warning',
    summary:
      'A heading skips a level (## then ####): it is rendered one level below the heading before it, so the outline readers and screen readers follow has no gap.',
  },
  'link-dropped': {
    severity: 'warning',
    summary:
      'A link that leads nowhere in the book (an address relative to the site the text came from that names no chapter of the book, a place on its page that no heading of the chapter names, an address that is not one) is printed as its words.',
  },
  'link-heading-missing': {
    severity: 'warning',
    summary: 'A link to another chapter names a heading that chapter does not have (`02-other.md#gone`): it leads to the start of the chapter.',
  },
  'math-invalid': {
    severity: 'warning',
    summary: 'A TeX formula ($…$, $$…$$) that cannot be typeset as math: its TeX is shown as code instead.',
  },
  'html-dropped': { severity: 'warning', summary: 'Raw HTML in a chapter, which the outputs do not render.' },
  'interface-words-missing': {
    severity: 'warning',
    summary: 'Some words the book prints around its text (headings, navigation, labels) have no translation into its language: they are printed in English.',
  },
  'style-locale-missing': { severity: 'warning', summary: 'No CSL locale for the book’s language beside its style: citations use English words and dates.' },
  'style-missing': { severity: 'error', summary: 'The CSL style named in anthology.yaml does not exist.' },
  'note-undefined': { severity: 'error', summary: 'A note marker has no note text.' },
  'note-unreferenced': { severity: 'warning', summary: 'A note has text but no marker in the body.' },
  'note-marker-missing': { severity: 'warning', summary: 'An imported note has no marker in the text.' },
  'note-out-of-order': { severity: 'warning', summary: 'Imported notes are not numbered 1, 2, 3… in order.' },
  'note-duplicate': { severity: 'error', summary: 'A note number is defined twice in a chapter.' },
  'note-untied': {
    severity: 'warning',
    summary: 'Paragraphs typed as notes (`[12] …`), whose labels the text has as markers too, could not be made footnotes: they are left in the text as typed.',
  },
  'image-inline': {
    severity: 'warning',
    summary: 'A picture inside a line of text (![…](…) among words): the book shows pictures as figures, on lines of their own; its alt text is shown instead.',
  },
  'figure-link-dropped': {
    severity: 'warning',
    summary:
      'A picture that was a link ([![…](…)](…)) became a figure without its link: it led to a larger copy of the picture or a page of its site, which a book cannot link to.',
  },
  'image-missing': { severity: 'error', summary: 'The image file a figure (or the cover) names does not exist.' },
  'image-outside-project': { severity: 'error', summary: 'The image file a figure (or the cover) names is outside the project folder.' },
  'image-unreadable': { severity: 'error', summary: 'An image file cannot be read as PNG, JPEG, GIF, WebP, AVIF, TIFF or SVG (damaged, or another format).' },
  'image-svg-active': { severity: 'error', summary: 'An SVG image runs script or loads files from outside the book, which the book does not carry.' },
  'image-remote': { severity: 'warning', summary: 'A figure names a web address: it is never fetched, and the book prints a placeholder.' },
  'image-low-resolution': { severity: 'warning', summary: 'An image has fewer than 300 pixels per inch at the size it is printed.' },
  'image-alt-missing': { severity: 'warning', summary: 'A figure with an image has neither a caption nor alt text: readers who cannot see it get nothing.' },
  'image-converted': { severity: 'info', summary: 'An image was converted to a format the EPUB or the site can carry (WebP, AVIF, TIFF → PNG).' },
  'image-width-invalid': { severity: 'error', summary: 'A figure’s width attribute is not a percentage or a length (50%, 3in, 8cm, 60mm, 400px).' },
  'note-marker-repeated': { severity: 'warning', summary: 'A hand-typed note marker is used again: both point to the same note.' },
  'note-empty': { severity: 'warning', summary: 'A note in the source has no text; its marker was dropped.' },
  'import-empty': { severity: 'error', summary: 'A source file is empty.' },
  'import-empty-post': { severity: 'warning', summary: 'A post in an export has no body: its chapter is empty.' },
  'import-unreadable': { severity: 'error', summary: 'A source file cannot be read.' },
  'import-encoding': { severity: 'error', summary: 'A source file is not valid UTF-8.' },
  'import-encoding-declared': {
    severity: 'info',
    summary: 'A source file not in UTF-8 was read in the encoding it declares (meta charset, XML declaration, a UTF-16 mark).',
  },
  'import-binary': { severity: 'error', summary: 'A source file is not text.' },
  'import-unknown-format': { severity: 'error', summary: 'The format of a source file cannot be recognised.' },
  'import-no-pieces': { severity: 'error', summary: 'No piece could be found in a source file.' },
  'import-no-article': { severity: 'error', summary: 'An HTML source has no article or post body.' },
  'import-invalid-xml': { severity: 'error', summary: 'An XML source (WordPress export, Atom feed) is not well-formed.' },
  'import-excerpt-only': {
    severity: 'warning',
    summary: 'A feed gives only a post’s summary (an excerpt), or its content only by address: the chapter is the excerpt, not the post.',
  },
  'import-xml-repaired': { severity: 'warning', summary: 'A WordPress export was not well-formed XML (text before it, a bare &) and was repaired to be read.' },
  'import-invalid-json': { severity: 'error', summary: 'A JSON source (Ghost export) cannot be parsed.' },
  'import-archive-broken': { severity: 'error', summary: 'A zip archive cannot be read: truncated, corrupt or compressed in a way we do not read.' },
  'import-archive-unsafe': {
    severity: 'error',
    summary: 'A zip archive has an entry whose path escapes it, or unpacks to more than the size limit (a zip bomb).',
  },
  'import-archive-missing-file': { severity: 'error', summary: 'A file an export’s index names (a posts.csv row’s HTML body) is not in the export.' },
  'import-invalid-csv': { severity: 'error', summary: 'A CSV file of an export (Substack’s posts.csv) cannot be parsed.' },
  'import-skipped': { severity: 'info', summary: 'A post or file of an export or folder was left out: a draft, page, podcast, response, or not a post.' },
  'import-venue-unknown': { severity: 'info', summary: 'The source does not name the publication: the venue is left empty.' },
  'import-sanitised': { severity: 'info', summary: 'Unsafe markup (scripts, event handlers, iframes…) was removed.' },
  'import-remote-image': { severity: 'warning', summary: 'A remote image was not fetched: the editor must supply the file.' },
  'import-image-fetched': {
    severity: 'info',
    summary: 'A picture on the web was downloaded into the book (`import --fetch-images`); the figure keeps its address as `remote`.',
  },
  'import-image-fetch-failed': {
    severity: 'warning',
    summary: 'A picture on the web could not be downloaded (`import --fetch-images`): not found, not a picture, too large, too slow, or on a private network.',
  },
  'import-ghost-card': {
    severity: 'warning',
    summary:
      'A card of a Ghost post kept as Lexical that a book cannot carry (a video or audio player, an embed: kept as a link to it) or that the importer does not read (its text kept, else left out).',
  },
  'import-featured-image': {
    severity: 'warning',
    summary:
      'A post’s featured image (the picture its blog showed above it) could not be carried whole: its attachment is not in the export, or its description is not in the figure.',
  },
  'import-control-character': {
    severity: 'warning',
    summary: 'A source held a control character (not tab or newline) that no book format can carry: it was removed and the import went on.',
  },
  'import-image-no-address': {
    severity: 'warning',
    summary: 'A picture in a source has no address the importer can find (a page script was to set it): the figure keeps its words only.',
  },
  'import-bibliography-edited': {
    severity: 'warning',
    summary:
      'A post’s bibliography was imported again, but its copy in bibliography/ was edited since (or is not an import’s copy): the copy is kept, and the entries the new version adds are named (`--force` replaces it).',
  },
  'import-bibliography-missing': {
    severity: 'warning',
    summary:
      'A bibliography file a post names (`bibliography:`) is missing, outside what was imported, or in a format the book does not read: its citations stay unresolved.',
  },
  'import-citation-unknown': {
    severity: 'warning',
    summary:
      'A post cites, in its site’s syntax (jekyll-scholar, Distill, hugo-cite, MyST) or Pandoc’s (`[@key]`), a key that no bibliography file found in what was imported (or the book’s bibliography/) holds: the citation is kept as typed, and no entry is made up; the build stops on a `[@key]` until its work is in bibliography/.',
  },
  'import-image-missing': { severity: 'warning', summary: 'A local image referenced by a source does not exist.' },
  'import-untitled': { severity: 'warning', summary: 'A piece has no title; a provisional one was given.' },
  'import-title-recased': {
    severity: 'info',
    summary: 'A title set in capitals (as printed books and e-texts set them) was put in title case: check names and acronyms in it.',
  },
  'import-title-shortened': {
    severity: 'warning',
    summary:
      'A saved page’s title runs on past its first sentence (a blurb after the title), and the text opens with that sentence alone: the sentence was taken as the title.',
  },
  'import-page-split': {
    severity: 'warning',
    summary: 'A saved page holds several articles, each under its own heading and byline (a weekly edition, a digest): each became a piece of its own.',
  },
  'import-site-syntax': {
    severity: 'warning',
    summary:
      'A site-generator tag or shortcode (an embed, an include, a shortcode the importer does not know) was taken out: what it showed or did is not in the source.',
  },
  'import-code-output': {
    severity: 'warning',
    summary:
      'A Quarto, R Markdown or Jupyter code chunk ran when the site was built: what it printed (output, tables, plots) is not in the source, only its code.',
  },
  'import-note-label': {
    severity: 'warning',
    summary:
      'A Markdown footnote label has spaces, which Markdown does not allow (the note would be glued to the one before it): read with hyphens for spaces.',
  },
  'import-note-unclosed': {
    severity: 'warning',
    summary:
      'A footnote shortcode (`[ref]`, `[efn_note]`, `[mfn]`, `[footnote]`, `((`) is opened and never closed: the note was taken to run to the end of its paragraph.',
  },
  'import-dropped-line': { severity: 'info', summary: 'A line of the source was dropped (debris).' },
  'import-chrome-dropped': { severity: 'info', summary: 'Site chrome inside a saved page’s article (navigation, share buttons, comments…) was left out.' },
  'import-exists': { severity: 'error', summary: 'A chapter file already exists and would be overwritten.' },
  'import-id-taken': {
    severity: 'warning',
    summary:
      'The id an imported piece’s file name would give is another chapter’s of the project (in another folder), or the name of one of the book’s own pages (about, index, search…): its file was given a free one.',
  },
  'import-author-unknown': { severity: 'warning', summary: 'The source does not say who wrote a piece: its authors are left empty for the editor.' },
  'import-author-assumed': {
    severity: 'warning',
    summary: 'A piece without a byline was credited to the author the editor named for its source (`--author`, `sources.<path>.author`).',
  },
  'import-author-from-folder': {
    severity: 'warning',
    summary:
      'A post that names no author was credited to the authors its folder’s metadata names (Quarto’s `_metadata.yml`), as the site showed it: the message says which file.',
  },
  'import-folder-metadata-outside': {
    severity: 'warning',
    summary:
      'A folder’s metadata (Quarto’s `_metadata.yml`) is a link that leads outside the project or the folder imported: not read, so no post is credited to the authors it names.',
  },
  'import-author-incomplete': {
    severity: 'warning',
    summary: 'A piece names one of its authors only by a key into the site’s author data, which was not found: that author is left out for the editor to add.',
  },
  'import-author-inferred': {
    severity: 'warning',
    summary: 'A piece’s author was read from indirect evidence (a contributor bio, a login or key rather than a name): check it.',
  },
  'import-author-dropped': {
    severity: 'warning',
    summary:
      'A name in a list of authors was read as the outlet the writers work for or an agency’s desk (`Jane Doe, Business Insider`, `By JANE DOE, AP Staff Writer`), not as an author, and left out: the message says which; add it back if it is a person.',
  },
  'import-date-ambiguous': { severity: 'warning', summary: 'A numeric date could be read day-first or month-first and was left out.' },
  'import-date-unreadable': { severity: 'warning', summary: 'A date in the source could not be read and was left out.' },
  'import-date-conflict': {
    severity: 'warning',
    summary: 'A page gives two publication dates (structured data and Open Graph): the structured data’s was taken; check it.',
  },
  'import-date-inferred': { severity: 'warning', summary: 'A piece’s date was read from indirect evidence (its address), not a date field: check it.' },
  'config-deprecated': { severity: 'warning', summary: 'A key in anthology.yaml is no longer used; the message says what replaces it.' },
  'bibliography-invalid': { severity: 'error', summary: 'A bibliography file cannot be read.' },
  'bibliography-duplicate-key': { severity: 'error', summary: 'A citation key is defined twice in bibliography/.' },
  'bibliography-key-made': {
    severity: 'info',
    summary: 'An entry without a key (a Zotero RIS export has no ID line) was given one made from its author, year and title, as notes’ works are.',
  },
  'bibliography-field-unread': {
    severity: 'warning',
    summary: 'A field of a BibTeX entry could not be read (LaTeX citation-js does not parse): the entry is read without it.',
  },
  'bibliography-language-unknown': {
    severity: 'warning',
    summary: 'A BibTeX entry names its language (langid, hyphenation, language) in a way no BCP 47 tag is known for: the item has no language.',
  },
  'bibliography-latex': { severity: 'warning', summary: 'A LaTeX command in a BibTeX entry was not decoded and prints as written.' },
  'cite-unparsed': { severity: 'warning', summary: 'A note looks like a citation but could not be parsed.' },
  'cite-in-text': {
    severity: 'warning',
    summary: 'No longer reported: Pandoc’s in-text citation (@key outside brackets) is rendered as one. Was: a key written so, printed as typed.',
  },
  'cite-unresolved': { severity: 'error', summary: 'A citation key does not resolve to a bibliography item.' },
  'cite-unresolved-reference': { severity: 'warning', summary: 'A short form, Ibid. or “note N” could not be matched to an earlier citation.' },
  'cite-left-out': {
    severity: 'info',
    summary: 'A cited work the CSL style leaves out of the bibliography (Chicago omits a document that does not say where to find it).',
  },
  'cite-uncited': { severity: 'info', summary: 'A bibliography item is never cited.' },
  'cite-duplicate': { severity: 'warning', summary: 'Two bibliography items look like the same work.' },
  'book-empty': { severity: 'error', summary: 'anthology.yaml lists no chapters yet (add some with `anthology add`).' },
  'config-placeholder': { severity: 'warning', summary: 'anthology.yaml still has a placeholder `anthology new` wrote (the editors, the publisher).' },
  'chapter-id-duplicate': { severity: 'error', summary: 'Two chapters have the same id, so they would have the same address.' },
  'chapter-id-reserved': {
    severity: 'error',
    summary:
      'A chapter’s id is the name of one of the book’s own pages (index, search, about, contributors, bibliography…, part-N), which would be written over it or over the chapter.',
  },
  'edition-record-invalid': { severity: 'error', summary: 'A file in editions/ cannot be read as an edition record.' },
  'edition-chapter-renamed': {
    severity: 'info',
    summary: 'A released chapter’s file was renamed: it is recognised by its text or source and keeps its id, address and note anchors.',
  },
  'edition-identifier-reused': { severity: 'warning', summary: 'The ISBN of a released edition is given again: each edition needs its own ISBN.' },
  'browser-missing': { severity: 'error', summary: 'No Chrome or Chromium was found for the PDF.' },
  'pdf-overflow': { severity: 'warning', summary: 'Paged.js cut off, lost or repeated content on a page.' },
  'pdf-hyphenation': {
    severity: 'warning',
    summary: 'No hyphenation patterns for the book’s language (or a chapter’s): its text in the PDF is not hyphenated.',
  },
  'pdf-pagedjs-internal': {
    severity: 'warning',
    summary: 'A fix of a Paged.js bug was left out: what it patches is not in this Paged.js (another version than package.json pins?).',
  },
  'pdf-failed': { severity: 'error', summary: 'Paged.js or Chromium failed while making the PDF.' },
  'file-too-large': {
    severity: 'error',
    summary: 'A file is larger than anthology reads (32 MB for a source, chapter, anthology.yaml, bibliography or style; 256 MB for an export).',
  },
  'file-encoding': { severity: 'error', summary: 'A file of the project (a chapter, anthology.yaml, a bibliography, a style) is not valid UTF-8.' },
  'text-control-character': {
    severity: 'error',
    summary: 'A text file holds a NUL or another control character that no book format can carry (a damaged or binary file).',
  },
  'yaml-aliases': { severity: 'error', summary: 'YAML aliases (*name) expand past the limit: an alias bomb (“billion laughs”), or a mistake.' },
  'style-invalid': {
    severity: 'error',
    summary: 'The CSL style named in anthology.yaml is not a CSL style (not well-formed XML, or not <style> in the CSL namespace).',
  },
  'import-too-deep': {
    severity: 'error',
    summary: 'HTML in a source nests elements deeper than any page does (512, where browsers stop nesting): refused rather than risk the importer.',
  },
  'import-nesting-flattened': {
    severity: 'warning',
    summary:
      'A saved page nests elements deeper than any page does (512, where browsers stop nesting): the elements that wrap its blocks there are left out until it nests no deeper, so the importer cannot overflow; all text and the blocks themselves (paragraphs, headings, tables) are kept.',
  },
  'build-locked': { severity: 'error', summary: 'Another build is writing to the same output folder and did not finish in time.' },
  'edition-already-released': {
    severity: 'error',
    summary: 'anthology.yaml names an edition that is already released (editions/N.json): `anthology release` records each edition once.',
  },
  'edition-date-not-after': {
    severity: 'error',
    summary: 'The edition being released would be dated on or before the edition released before it.',
  },
  'edition-not-released': {
    severity: 'error',
    summary: 'The released edition `anthology changes` compares with (`--since N`, or the one before) has no record in editions/.',
  },
  'new-folder-not-empty': {
    severity: 'error',
    summary: '`anthology new` was given a folder that is not empty, or a file: it makes a book only in a new or empty folder.',
  },
  'preview-cannot-listen': { severity: 'error', summary: 'The preview cannot listen on the address and port asked for (already in use, or not allowed).' },
  'edition-not-advanced': {
    severity: 'warning',
    summary: '`anthology release` recorded the edition but could not move anthology.yaml on to the next (edition.number is to be set by hand).',
  },
  'new-placeholder': {
    severity: 'warning',
    summary: '`anthology new` was given no editor or publisher: anthology.yaml has a placeholder that `check` and `build` report until it is filled in.',
  },
  'preview-not-loopback': {
    severity: 'warning',
    summary: 'The preview listens on an address other machines can reach: anyone who can reach it can read the book.',
  },
  'chapter-unknown': { severity: 'error', summary: 'A command names a chapter (`add --after`) that no chapter of the book is: no such id, file name or path.' },
} as const satisfies Record<string, { severity: 'error' | 'warning' | 'info'; summary: string }>;

export type RuleId = keyof typeof rules;

export interface Place {
  line: number;
  column: number;
}

/** Records a diagnostic on `file` with the rule's severity; never throws. */
export function report(file: VFile, ruleId: RuleId, reason: string, place?: Place): void {
  const message = file.message(reason, { ruleId, source: 'anthology', ...(place ? { place } : {}) });
  const severity = rules[ruleId].severity;
  message.fatal = severity === 'error' ? true : severity === 'warning' ? false : undefined;
}

export function hasErrors(files: readonly VFile[]): boolean {
  return files.some((file) => file.messages.some((message) => message.fatal === true));
}
