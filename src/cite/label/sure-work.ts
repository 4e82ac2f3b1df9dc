/**
 * `["Mobile features"](http://www.mozilla.org/…). Mozilla. Retrieved 2012-06-26.`: the title and
 * the address the model is sure of identify the work; a site name or date it doubts (`Mozilla.`
 * as a container at 0.22) is then a detail like a publisher, left out and said so, instead of
 * leaving the whole note as typed (a missing site name is better than a wrong one, and better than
 * no item).
 */
import { type CitationGroup, FIELD_THRESHOLD } from './citations.ts';
import type { Label } from './labels.ts';

/** How sure the model must be of the title and the address for them to identify the work alone. */
const SURE = 0.8;
const DETAILS = new Set<Label>(['container-title', 'date']);

export interface DetailsLeftOut {
  group: CitationGroup;
  problems: string[];
}

export function withoutDoubtedDetails(group: CitationGroup, threshold = FIELD_THRESHOLD): DetailsLeftOut {
  const sure = (label: Label) => group.fields.find((field) => field.label === label && field.confidence >= SURE);
  // The address is a URL or DOI field, or the title's link (`["Title"](url)`).
  const title = sure('title');
  if (!title || !(sure('URL') || sure('DOI') || title.links.length > 0)) return { group, problems: [] };
  const doubted = group.fields.filter((field) => DETAILS.has(field.label) && field.confidence < threshold);
  if (doubted.length === 0) return { group, problems: [] };
  return {
    group: { ...group, fields: group.fields.filter((field) => !doubted.includes(field)) },
    problems: doubted.map((field) => `${field.label} “${field.text.trim()}” left out: uncertain (${field.confidence.toFixed(2)})`),
  };
}
