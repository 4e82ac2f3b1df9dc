/**
 * Hand-written CSL-JSON types (CSL 1.0.2 `csl-data.json`), only the part this project writes.
 * citation-js stays behind `adapters/`; the rest of the code speaks these types.
 */

export type CslItemType =
  | 'article'
  | 'article-journal'
  | 'article-magazine'
  | 'article-newspaper'
  | 'bill'
  | 'book'
  | 'broadcast'
  | 'chapter'
  | 'dataset'
  | 'document'
  | 'entry-encyclopedia'
  | 'interview'
  | 'legal_case'
  | 'legislation'
  | 'manuscript'
  | 'paper-conference'
  | 'personal_communication'
  | 'post'
  | 'post-weblog'
  | 'report'
  | 'software'
  | 'speech'
  | 'thesis'
  | 'treaty'
  | 'webpage';

/** A person, or (as `literal`) an organisation or a name whose order must not be changed. */
export type CslName = CslPersonName | CslLiteralName;

export interface CslPersonName {
  family: string;
  given?: string;
  'non-dropping-particle'?: string;
  'dropping-particle'?: string;
  suffix?: string;
}

export interface CslLiteralName {
  literal: string;
}

export type CslDateParts = [number] | [number, number] | [number, number, number];

export interface CslDate {
  /** One entry, or two for a range. */
  'date-parts': [CslDateParts] | [CslDateParts, CslDateParts];
  /** 1 spring … 4 winter. */
  season?: 1 | 2 | 3 | 4;
  circa?: boolean;
}

/**
 * Data that CSL has no variable for. The CSL 1.0.2 schema reserves `custom` for exactly this, and
 * citeproc ignores it, so nothing here is ever rendered by a style.
 */
export interface CslCustom {
  /**
   * The English translation of a non-English title, as the note gave it in brackets. It is also
   * appended to `title` ("Original [Translation]"), which is what citeproc renders.
   */
  'translated-title'?: string;
}

export interface CslItem {
  id: string;
  type: CslItemType;
  title?: string;
  /** The original-language title alone, for short notes. */
  'title-short'?: string;
  'container-title'?: string;
  'collection-title'?: string;
  author?: CslName[];
  editor?: CslName[];
  translator?: CslName[];
  interviewer?: CslName[];
  issued?: CslDate;
  accessed?: CslDate;
  publisher?: string;
  'publisher-place'?: string;
  'event-title'?: string;
  'event-place'?: string;
  URL?: string;
  DOI?: string;
  volume?: string;
  issue?: string;
  page?: string;
  number?: string;
  edition?: string;
  genre?: string;
  /** BCP 47; citeproc only title-cases items whose language is English (or unset). */
  language?: string;
  note?: string;
  custom?: CslCustom;
}

/** An item before the bibliography gives it an id. */
export type CslItemData = Omit<CslItem, 'id'>;
