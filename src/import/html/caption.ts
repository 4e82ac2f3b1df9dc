/** Splitting a picture caption into the caption proper and its credit line. */

export interface CaptionParts {
  caption: string | undefined;
  credit: string | undefined;
}

const creditLead = String.raw`(?:(?:photo(?:graph)?s?|image|picture|illustration|graphic|artwork|credit|source)\s*(?::|by\s)\s*\S.*|courtesy(?:\s+of)?\s+\S.*)`;
/** A credit starts the caption or follows the end of a sentence or a dash or bar. */
const creditAtBoundary = new RegExp(String.raw`(?:^|(?<=[.!?;”’")\]]\s+)|(?<=\s[–—|]\s*))${creditLead}$`, 'i');
const agencies =
  /\b(?:AFP|AP|Getty(?: Images)?|Reuters|EPA(?:-EFE)?|Alamy|Shutterstock|Xinhua|Bloomberg|Unsplash|Pool|Sipa|Corbis|PA(?: Images| Wire)?|AAP|ANP|dpa|TASS|Sputnik|Wikimedia Commons|Flickr|iStock|NurPhoto|Anadolu|SOPA Images)\b/;

/**
 * `Guests at the ceremony. Photo: Jane Roe/Reuters` → caption `Guests at the ceremony.`, credit
 * `Photo: Jane Roe/Reuters`. Recognises `Photo: X`, `Photo by X`, `Credit: X`, `Courtesy of X`,
 * `Image: X`, agency lines (`X/AFP/Getty Images`) and a credit in closing parentheses. The credit is
 * kept as written, without a closing full stop.
 */
export function splitCaptionCredit(text: string): CaptionParts {
  const whole = text.replace(/\s+/g, ' ').trim();
  if (whole === '') return { caption: undefined, credit: undefined };
  const parenthesised = /\s*\(([^()]+)\)\.?$/.exec(whole);
  if (parenthesised?.[1] && isCredit(parenthesised[1])) return parts(whole.slice(0, parenthesised.index), parenthesised[1]);
  const led = creditAtBoundary.exec(whole);
  if (led) return parts(whole.slice(0, led.index), led[0]);
  const sentences = whole.split(/(?<=[.!?])\s+/);
  const last = sentences.at(-1) ?? '';
  if (isAgencyLine(last)) return parts(sentences.slice(0, -1).join(' '), last);
  return { caption: whole, credit: undefined };
}

function isCredit(text: string): boolean {
  return new RegExp(`^${creditLead}$`, 'i').test(text.trim()) || isAgencyLine(text);
}

/** `VLADIMIR RODIONOV/AFP/Getty Images`, `Reuters`, `JANE ROE, AP`: an agency with, at most, a photographer. */
function isAgencyLine(text: string): boolean {
  if (text.length > 100 || !agencies.test(text)) return false;
  const rest = text
    .replace(new RegExp(agencies.source, 'g'), '')
    .replace(/[\s/(),]+/g, ' ')
    .trim();
  return text.includes('/') || rest === '' || /^[\p{Lu}\s.'’-]+$/u.test(rest);
}

function parts(caption: string, credit: string): CaptionParts {
  const captionText = caption.replace(/\s*[–—|]\s*$/, '').trim();
  return { caption: captionText === '' ? undefined : captionText, credit: credit.trim().replace(/\.$/, '') };
}
