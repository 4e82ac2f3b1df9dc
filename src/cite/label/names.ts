/**
 * A contributor field as the labeller found it (`Hinton, G. E., & Nowlan, S. J.`, `Jane Smith,
 * John Doe, and Ann Lee`, `Lindholm ML, Traff S, et al.`, `Shanghai Cooperation Organisation
 * (SCO)`, `H. Osterer and P. Stamm, editors`) → CSL names. The list is cut into names here; each
 * person's name is read by @citation-js/name (particles, suffixes) through the adapter; an
 * organisation stays whole as a literal.
 */
import { isChineseOrder, isKoreanOrder, parsePersonName, SUFFIX, withSuffixPutBack } from '../../core/names.ts';
import type { CslName } from '../csl.ts';
import { isOrganisationName } from './organisations.ts';

export interface NameList {
  names: CslName[];
  /** The list ended with `et al.` (or `and others`): more people than are named. */
  more: boolean;
}

const ROLE = String.raw`(?:eds?\.|eds|editors?|edited\s+by|ed\.\s+by|hrsg\.?|hg\.?|dir\.?|trans\.?|translated\s+by|translators?|tr\.|comp\.?|compiled\s+by|übers\.?|trad\.?)`;
const LEADING = new RegExp(String.raw`^(?:in:?\s+|by\s+|and\s+)?(?:${ROLE}(?![\p{L}])\s*)?`, 'iu');
const TRAILING = new RegExp(String.raw`(?:[,.]?\s*(?<![\p{L}])\(?${ROLE}\)?)+[.,:;]*$`, 'iu');
const ET_AL = /,?\s*(?:et\s+al\.?|and\s+others|u\.\s*a\.|et\s+coll\.?)\s*$/i;
const INITIALS = /^(?:\p{Lu}\.?\s*-?\s*){1,4}$|^(?:\p{Lu}\.\s*)+\p{Lu}\p{Ll}+$/u;
const BARE_INITIALS = /^(?:\p{Lu}\.?\s*-?\s*){1,4}$/u;

/** The names in a contributor field. */
export function parseNames(field: string): NameList {
  // A dash between the name and the title (`Adrian Frutiger - Typefaces`) is no part of the name.
  let text = withoutFinalStop(field.replace(/[\s,;:–—-]+$/, '').replace(/^[\s,;:–—-]+/, '')).trim();
  text = text.replace(LEADING, '').replace(TRAILING, '').trim();
  const more = ET_AL.test(text);
  text = text.replace(ET_AL, '').trim();
  text = text.replace(/[’']s$/, '').replace(/^["“‘]|["”’]$/g, '');
  // `Lutz Fiedler/ G. und W. Rosendahl`: a slash between people, and two people sharing a surname.
  text = text
    .replace(/(?<=\p{L}\.?)(?:\s*\/\s+|\s+\/\s*)(?=\p{Lu})/gu, ', ')
    .replace(
      /(?<![\p{L}])((?:\p{Lu}\.\s*)+?)\s*(?:und|and|et|&)\s+((?:\p{Lu}\.\s*)+)(\p{Lu}[\p{Ll}’'-]+)$/u,
      (_match, first: string, second: string, surname: string) => `${first.trim()} ${surname} and ${second.trim()} ${surname}`,
    );
  // A suffix alone (`Jr.`, the rest of the name read as something else) is no name.
  if (text === '' || SUFFIX.test(text)) return { names: [], more };
  const person = /^\p{Lu}{1,3}\s+\p{Lu}\p{Ll}[\p{L}’'-]*$/u.test(text) && !isOrganisationName(text.replace(/^\p{Lu}{1,3}\s+/u, ''));
  if (!person && isOrganisationName(text) && !/,/.test(text) && !/\b(?:and|&)\b.*\p{Lu}\./u.test(text)) return { names: [{ literal: text }], more };
  const strings = nameStrings(text);
  // Surname first only where every name of the list reads so (`Ji Tianqin and Han Wei`, not `…, Wei Mun Chan, …`).
  const chineseOrder = strings.every(isChineseOrder);
  const names = strings.flatMap((name) => {
    const parsed = personOrOrganisation(name, chineseOrder);
    return parsed ? [parsed] : [];
  });
  return { names, more };
}

/** A full stop that ends the field, not an initial's or `Jr.`'s. */
function withoutFinalStop(text: string): string {
  if (!text.endsWith('.')) return text;
  const last = /(?:^|[\s.-])([\p{L}]+)\.$/u.exec(text)?.[1] ?? '';
  return /^(?:\p{Lu}|Jr|Sr|Jnr|Snr|al|eds?|Hrsg|trans|comp)$/u.test(last) ? text : text.slice(0, -1);
}

/** Cuts a list into one string per name: `Family, Given` kept together where the list is inverted. */
function nameStrings(text: string): string[] {
  if (text.includes(';')) return text.split(/\s*;\s*(?:and\s+|&\s*)?/).filter(Boolean);
  const parts = text
    .replace(/,?\s+(?:and|&|und|et|y|e|a)\s+/g, ', ')
    .replace(/\s*&\s*/g, ', ')
    .split(/\s*,\s*/)
    .filter(Boolean);
  const result: string[] = [];
  const inverted = parts.some((part, index) => index > 0 && INITIALS.test(part));
  for (let index = 0; index < parts.length; index++) {
    const part = parts[index]!;
    const next = parts[index + 1];
    if (next !== undefined && SUFFIX.test(next)) {
      // `King, Martin Luther, Jr.` or `Stackhouse, Paul W., Jr.`
      result.push(`${part}, ${next}`);
      index += 1;
      continue;
    }
    if (next === undefined || next.includes(' ') === false || !isSurname(part)) {
      // Two words before bare initials may be a surname (`Van Wart, J.`); before `G. Rosendahl` they are a name of their own.
      const surname = isSurname(part) || (BARE_INITIALS.test(next ?? '') && /^\p{Lu}[\p{L}’'-]+\s+\p{Lu}[\p{L}’'-]+$/u.test(part));
      if (next !== undefined && surname && (INITIALS.test(next) || (index === 0 && isGivenNames(next) && firstIsInverted(parts)))) {
        const suffix = parts[index + 2] !== undefined && SUFFIX.test(parts[index + 2]!) ? `, ${parts[index + 2]}` : '';
        result.push(`${part}, ${next}${suffix}`);
        index += suffix ? 2 : 1;
        continue;
      }
      result.push(part);
      continue;
    }
    // `Helmer, Markus Q., Manuel …`: the first name inverted, the others in natural order.
    if (inverted || (index === 0 && isGivenNames(next) && firstIsInverted(parts))) {
      const suffix = parts[index + 2] !== undefined && SUFFIX.test(parts[index + 2]!) ? `, ${parts[index + 2]}` : '';
      result.push(`${part}, ${next}${suffix}`);
      index += suffix ? 2 : 1;
    } else result.push(part);
  }
  return result;
}

/** A surname alone: one word, or a particle and a word (`van Wart`, `de Roever`), no initials. */
function isSurname(part: string): boolean {
  return (
    /^(?:(?:van|von|de|der|den|del|della|di|da|du|le|la|ter|ten|bin|ibn|al|el|dos|das|mac|st\.?)\s+)*[\p{Lu}][\p{L}’'-]+$/iu.test(part) && !INITIALS.test(part)
  );
}

function isGivenNames(part: string): boolean {
  if (/^(?:van|von|de|der|den|del|della|di|da|du|le|la|ter|ten)\s/i.test(part)) return false;
  return /^(?:[\p{Lu}][\p{Ll}’'-]*\.?\s*){1,3}$/u.test(part.trim()) && part.split(/\s+/).length <= 3;
}

/**
 * `Surname, Given, Other Person, …` (Chicago and APA bibliographies): the first part is a surname
 * and the second given names, and what follows is in natural order (or there is nothing more).
 */
function firstIsInverted(parts: readonly string[]): boolean {
  const [first, second] = parts;
  const third = parts[2] !== undefined && SUFFIX.test(parts[2]) ? parts[3] : parts[2];
  if (!first || !second || !isSurname(first)) return false;
  if (INITIALS.test(second)) return true;
  if (third === undefined) return isGivenNames(second);
  return third.includes(' ') && !INITIALS.test(third);
}

function personOrOrganisation(name: string, chineseOrder: boolean): CslName | undefined {
  const text = name.trim().replace(/^(?:dr|prof|mr|mrs|ms|sir)\.?\s+/i, '');
  if (text === '' || !/\p{L}/u.test(text)) return undefined;
  if (text === '---' || text === '—') return undefined;
  // Vancouver: `Lindholm ML`, `Surcel HM` — surname, then initials without full stops.
  const vancouver = /^([\p{Lu}][\p{L}’'-]+(?:\s+[\p{Lu}][\p{L}’'-]+)?)\s+(\p{Lu}{1,3})$/u.exec(text);
  if (vancouver) return { family: vancouver[1]!, given: vancouver[2]! };
  // `Xi Jinping`, `Yau Tsz Yan`: surname first, kept in its order; so is a Korean name with its
  // hyphenated given name (`Hwang Sok-yong`, `Moon Jae-in`).
  if (chineseOrder && isChineseOrder(text)) return { literal: text };
  if (isKoreanOrder(text)) return { literal: text };
  // Glued initials before a surname: `JP Weir`.
  const glued = /^(\p{Lu}{1,3})\s+(\p{Lu}\p{Ll}[\p{L}’'-]*)$/u.exec(text);
  if (glued && !isOrganisationName(glued[2]!)) return { family: glued[2]!, given: glued[1]! };
  const inverted = /^([^,]+),\s*([^,]+?)(?:,\s*(Jr\.?|Sr\.?|II|III|IV))?$/u.exec(text);
  const personInverted = inverted !== null && isSurname(inverted[1]!) && (INITIALS.test(inverted[2]!) || isGivenNames(inverted[2]!));
  if (!personInverted && (isOrganisationName(text) || text.split(/\s+/).length > 4)) return { literal: text };
  // One word: an organisation when it reads as one (`StatCounter`, `UzDaily`), else a surname alone.
  if (isSurname(text))
    return /^\p{Lu}\p{Ll}+\p{Lu}/u.test(text) && !/^(?:Mc|Mac|Fitz|De|Di|Da|La|Le|Van|Von)\p{Lu}/u.test(text) ? { literal: text } : { family: text };
  const parsed = parsePersonName(text);
  if (!parsed.family) return { literal: text };
  const person: CslName = { family: parsed.family };
  if (parsed.given) person.given = parsed.given;
  if (parsed['non-dropping-particle']) person['non-dropping-particle'] = parsed['non-dropping-particle'];
  if (parsed['dropping-particle']) person['dropping-particle'] = parsed['dropping-particle'];
  if (parsed.suffix) person.suffix = parsed.suffix;
  return withSuffixPutBack(person as CslName & { family: string });
}
