import { closestWord } from './fuzzy';
import { normalizeMessage, wordsOf } from './normalize';
import {
  CHILD_WORDS,
  CONCEPT_PHRASES,
  FEMININE_WORDS,
  GENERIC_NAME_WORDS,
  MASCULINE_WORDS,
  SPECIALISATIONS,
  TYPO_TARGETS,
  type ServiceConcept,
} from './service-concepts';
import { type CatalogueService } from './types';

/** Finds the tenant's services a normalised message mentions, in the order the client named them. */
export type ServiceMatcher = (normalized: string) => string[];

/**
 * Builds the matcher for one tenant's catalogue. Each service is read through the concept table by its
 * name, so "Corte feminino", "Corte" and "Corte de cabelo" all answer to "cortar o cabelo". Between
 * several services of one concept the client's words decide ("corte masculino", "pro meu marido"), then
 * the most generic: a service that is only that concept, not masculine, with the shortest name. A service
 * that no concept covers ("Limpeza de pele") is found by the distinctive words of its name.
 */
export function createServiceMatcher(services: readonly CatalogueService[]): ServiceMatcher {
  const profiles = services.map(profileOf);
  const vocabulary = [
    ...TYPO_TARGETS,
    ...profiles.flatMap((profile) => profile.words.filter((word) => word.length >= 6)),
  ];
  return (normalized) => {
    const keys = wordsOf(normalized).map((word) => keyOf(correctTypo(word, vocabulary)));
    const mentions = findConceptMentions(keys);
    const found = [...matchConcepts(mentions, keys, profiles), ...matchByName(keys, profiles)];
    found.sort((a, b) => a.position - b.position);
    return [...new Set(found.map((match) => match.serviceId))];
  };
}

interface ServiceProfile {
  service: CatalogueService;
  index: number;
  /** The concepts of its name, e.g. "Mão e pé" → manicure, pedicure. */
  concepts: ReadonlySet<ServiceConcept>;
  audience: 'masculine' | 'feminine' | 'child' | 'neutral';
  /** Its name's words, as matching keys. */
  words: readonly string[];
  /** Name words no concept explains and that say which service it is ("limpeza", "pele"). */
  distinctiveWords: readonly string[];
}

interface Mention {
  concepts: readonly ServiceConcept[];
  start: number;
  end: number;
}

interface Match {
  serviceId: string;
  position: number;
}

function profileOf(service: CatalogueService, index: number): ServiceProfile {
  const words = wordsOf(normalizeMessage(service.name)).map(keyOf);
  const mentions = findConceptMentions(words);
  const covered = new Set(mentions.flatMap((mention) => range(mention.start, mention.end)));
  const has = (set: ReadonlySet<string>): boolean => words.some((word) => set.has(word));
  return {
    service,
    index,
    concepts: new Set(mentions.flatMap((mention) => mention.concepts)),
    audience: has(CHILD_WORDS)
      ? 'child'
      : has(MASCULINE_WORDS)
        ? 'masculine'
        : has(FEMININE_WORDS)
          ? 'feminine'
          : 'neutral',
    words,
    distinctiveWords: words.filter(
      (word, i) => !covered.has(i) && !GENERIC_NAME_WORDS.has(word) && word.length >= 3,
    ),
  };
}

// ---------------------------------------------------------------------------------------------------
// Words to keys: "as unhas" and "a unha" are the same key sequence, so one phrase covers both.

const ARTICLES: Readonly<Record<string, string>> = {
  a: 'o',
  as: 'o',
  o: 'o',
  os: 'o',
  da: 'do',
  das: 'do',
  do: 'do',
  dos: 'do',
  na: 'no',
  nas: 'no',
  no: 'no',
  nos: 'no',
};

function keyOf(word: string): string {
  return ARTICLES[word] ?? singular(word);
}

/** Portuguese plural to singular, enough for service words: unhas, mãos, pés, luzes, cores, reflexos. */
function singular(word: string): string {
  if (word.length <= 2 || /\d/.test(word)) return word;
  if (word.endsWith('oes') || word.endsWith('aes')) return `${word.slice(0, -3)}ao`;
  if (word.length > 4 && /[zrs]es$/.test(word)) return word.slice(0, -2);
  if (word.endsWith('ns')) return `${word.slice(0, -2)}m`;
  if (word.endsWith('s') && !word.endsWith('ss')) return word.slice(0, -1);
  return word;
}

/** Common words one typo away from a service word, which must stay as they are. */
const NOT_TYPOS: ReadonlySet<string> = new Set(['escola', 'escolha']);

function correctTypo(word: string, vocabulary: readonly string[]): string {
  if (word.length < 6 || NOT_TYPOS.has(word) || isPhraseWord(keyOf(word))) return word;
  return closestWord(word, vocabulary) ?? word;
}

// ---------------------------------------------------------------------------------------------------
// Phrases.

interface Term {
  key: string;
  prefix: boolean;
}

interface CompiledPhrase {
  terms: readonly Term[];
  concepts: readonly ServiceConcept[];
}

const COMPILED_PHRASES: readonly CompiledPhrase[] = CONCEPT_PHRASES.map(({ phrase, concepts }) => ({
  concepts,
  terms: phrase
    .split(' ')
    .map((word) =>
      word.endsWith('*') ? { key: word.slice(0, -1), prefix: true } : { key: keyOf(word), prefix: false },
    ),
})).sort((a, b) => b.terms.length - a.terms.length);

function termMatches(term: Term, key: string): boolean {
  return term.prefix ? key.startsWith(term.key) : key === term.key;
}

function isPhraseWord(key: string): boolean {
  return COMPILED_PHRASES.some((phrase) => phrase.terms.some((term) => termMatches(term, key)));
}

/** Longest phrase first, left to right, without overlaps. */
function findConceptMentions(keys: readonly string[]): Mention[] {
  const mentions: Mention[] = [];
  let i = 0;
  while (i < keys.length) {
    const phrase = COMPILED_PHRASES.find((candidate) =>
      candidate.terms.every((term, offset) => {
        const key = keys[i + offset];
        return key !== undefined && termMatches(term, key);
      }),
    );
    if (phrase === undefined) {
      i += 1;
      continue;
    }
    mentions.push({ concepts: phrase.concepts, start: i, end: i + phrase.terms.length });
    i += phrase.terms.length;
  }
  return mentions;
}

// ---------------------------------------------------------------------------------------------------
// Mentions to services.

type Audience = 'masculine' | 'feminine' | null;

function matchConcepts(
  mentions: readonly Mention[],
  keys: readonly string[],
  profiles: readonly ServiceProfile[],
): Match[] {
  const mentioned = new Set(mentions.flatMap((mention) => mention.concepts));
  const masculine = keys.some((key) => MASCULINE_WORDS.has(key)) || mentioned.has('beard');
  const feminine = keys.some((key) => FEMININE_WORDS.has(key));
  const audience: Audience = masculine === feminine ? null : masculine ? 'masculine' : 'feminine';

  // Each concept mention with its position; the second concept of "mão e pé" sits just after the first.
  const wanted = mentions.flatMap((mention) =>
    mention.concepts.map((concept, order) => ({ concept, position: mention.start + order / 10, mention })),
  );
  const matches: Match[] = [];
  const done = new Set<ServiceConcept>();

  // A service that bundles several mentioned concepts ("Mão e pé" for "manicure e pedicure") comes first.
  const bundles = profiles
    .filter(
      (profile) =>
        profile.concepts.size >= 2 && [...profile.concepts].every((concept) => mentioned.has(concept)),
    )
    .sort((a, b) => b.concepts.size - a.concepts.size || a.index - b.index);
  for (const bundle of bundles) {
    if ([...bundle.concepts].some((concept) => done.has(concept))) continue;
    const positions = wanted.filter((item) => bundle.concepts.has(item.concept)).map((item) => item.position);
    matches.push({ serviceId: bundle.service.id, position: Math.min(...positions) });
    for (const concept of bundle.concepts) done.add(concept);
  }

  for (const item of wanted) {
    if (done.has(item.concept)) continue;
    const chosen = chooseService(item.concept, item.mention, keys, profiles, audience);
    if (chosen !== null) matches.push({ serviceId: chosen.service.id, position: item.position });
  }
  return matches;
}

const SPECIALISATION_WINDOW = 3;

function chooseService(
  concept: ServiceConcept,
  mention: Mention,
  keys: readonly string[],
  profiles: readonly ServiceProfile[],
  audience: Audience,
): ServiceProfile | null {
  const candidates = profiles.filter((profile) => profile.concepts.has(concept));
  const nearby = keys.slice(
    Math.max(0, mention.start - SPECIALISATION_WINDOW),
    mention.end + SPECIALISATION_WINDOW,
  );
  const specialisation = (SPECIALISATIONS[concept] ?? []).find((word) => nearby.includes(word));
  if (specialisation !== undefined) {
    // "corte infantil": only a service named for it will do; better none than the adult cut.
    return candidates.find((profile) => profile.words.includes(specialisation)) ?? null;
  }
  const ranked = candidates
    .filter((profile) => profile.audience !== 'child')
    .sort(
      (a, b) =>
        audienceRank(a, audience) - audienceRank(b, audience) ||
        a.concepts.size - b.concepts.size ||
        a.service.name.length - b.service.name.length ||
        a.index - b.index,
    );
  return ranked[0] ?? null;
}

/** Lower is better: what the client asked for, then a neutral name, then the other audiences. */
function audienceRank(profile: ServiceProfile, audience: Audience): number {
  const order: readonly ServiceProfile['audience'][] =
    audience === 'masculine'
      ? ['masculine', 'neutral', 'feminine']
      : audience === 'feminine'
        ? ['feminine', 'neutral', 'masculine']
        : ['neutral', 'feminine', 'masculine'];
  const rank = order.indexOf(profile.audience);
  return rank === -1 ? order.length : rank;
}

/** Services outside the concept table, found by a distinctive word of their name. */
function matchByName(keys: readonly string[], profiles: readonly ServiceProfile[]): Match[] {
  return profiles.flatMap((profile) => {
    if (profile.concepts.size > 0) return [];
    const position = keys.findIndex((key) => profile.distinctiveWords.includes(key));
    return position === -1 ? [] : [{ serviceId: profile.service.id, position }];
  });
}

function range(start: number, end: number): number[] {
  return Array.from({ length: end - start }, (_, i) => start + i);
}
