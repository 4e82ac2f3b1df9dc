/** The labels the model gives a note's tokens (CSL variable names where CSL has one). */
export const LABELS = [
  'note',
  'signal',
  'author',
  'editor',
  'translator',
  'title',
  'container-title',
  'collection-title',
  'volume',
  'issue',
  'pages',
  'edition',
  'publisher',
  'location',
  'date',
  'accessed',
  'URL',
  'DOI',
  'genre',
  'locator',
] as const;

export type Label = (typeof LABELS)[number];
