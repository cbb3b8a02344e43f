/**
 * The plain form every other step of the understanding layer reads: lower case, no accents, stretched
 * letters squeezed ("amanhaaa" → "amanha"), WhatsApp abbreviations spelled out ("vc", "hj", "q"), approval
 * emojis as words and other emojis dropped. Digits keep ':' and '/' between them ("15:30", "12/12"); the
 * clause marks , . ! ? stay as tokens of their own. Words are separated by exactly one space.
 */
export function normalizeMessage(text: string): string {
  const plain = stripAccents(emojisToWords(text).toLowerCase());
  const spaced = plain
    .replace(/(\d)\.(\d\d)(?!\d)/g, '$1:$2') // "10.30" is a time
    .replace(/(\p{L})-(\p{L})/gu, '$1 $2') // "meio-dia", "segunda-feira"
    .replace(/[^\p{L}\p{N}:/,.!?\s]/gu, ' ')
    .replace(/(?<!\d)[:/]|[:/](?!\d)/g, ' ')
    .replace(/(?<!\d)\.|\.(?!\d)/g, ' . ')
    .replace(/([,!?])/g, ' $1 ');
  const words = spaced
    .split(/\s+/)
    .filter((word) => word !== '')
    .map(squeezeStretchedLetters);
  return expandAbbreviations(words).join(' ');
}

/** The words of a normalised message, clause marks left out. */
export function wordsOf(normalized: string): string[] {
  return normalized.split(' ').filter((token) => token !== '' && !CLAUSE_MARKS.has(token));
}

const CLAUSE_MARKS = new Set([',', '.', '!', '?']);

const YES_EMOJI = /(?:👍|👌|✅|🤝|🆗|🙌)/gu;
const NO_EMOJI = /(?:👎|❌|🚫)/gu;
// Skin tones, variation selectors and joiners are not pictographs themselves.
const EMOJI = /\p{Extended_Pictographic}|[\u{1F3FB}-\u{1F3FF}]|\u{FE0F}|\u{200D}/gu;

function emojisToWords(text: string): string {
  return text.replace(YES_EMOJI, ' ok ').replace(NO_EMOJI, ' nao ').replace(EMOJI, ' ');
}

function stripAccents(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}/gu, '');
}

/** "oiii" → "oi", "bom diaaa" → "bom dia", "kkkkk" → "k"; a doubled vowel at the end of a word too ("oii"). */
function squeezeStretchedLetters(word: string): string {
  return word.replace(/(\p{L})\1{2,}/gu, '$1').replace(/([aeiou])\1$/u, '$1');
}

/** Abbreviations that always mean the same word. */
const ABBREVIATIONS: Readonly<Record<string, string>> = {
  vc: 'voce',
  vcs: 'voces',
  voce: 'voce',
  q: 'que',
  oq: 'o que',
  hj: 'hoje',
  amn: 'amanha',
  amnh: 'amanha',
  amanh: 'amanha',
  tb: 'tambem',
  tbm: 'tambem',
  pq: 'porque',
  qro: 'quero',
  qria: 'queria',
  td: 'tudo',
  tds: 'todos',
  blz: 'beleza',
  obg: 'obrigada',
  obgd: 'obrigada',
  obgda: 'obrigada',
  brigada: 'obrigada',
  msm: 'mesmo',
  vlw: 'valeu',
  pf: 'por favor',
  pfv: 'por favor',
  pfvr: 'por favor',
  pls: 'por favor',
  mt: 'muito',
  mto: 'muito',
  qdo: 'quando',
  qnd: 'quando',
  qndo: 'quando',
  qto: 'quanto',
  qnt: 'quanto',
  qnto: 'quanto',
  vlr: 'valor',
  dps: 'depois',
  msg: 'mensagem',
  msgs: 'mensagens',
  amg: 'amiga',
  agr: 'agora',
  ctz: 'certeza',
  n: 'nao',
  p: 'pra',
  d: 'de',
  sab: 'sabado',
  seg: 'segunda',
  qua: 'quarta',
  qui: 'quinta',
  sex: 'sexta',
  dom: 'domingo',
  fds: 'fim de semana',
  orario: 'horario',
  hrario: 'horario',
};

/**
 * Spells out abbreviations. A few depend on their neighbours: "ter 10h" is Tuesday but "ter" alone is the
 * verb; "hr" after a number is the hour mark, elsewhere "horário"; "s" or "ss" alone is "sim".
 */
function expandAbbreviations(words: readonly string[]): string[] {
  if (words.length === 1 && (words[0] === 's' || words[0] === 'ss')) return ['sim'];
  return words.map((word, index) => {
    const next = words[index + 1] ?? '';
    const previous = words[index - 1] ?? '';
    if (word === 'ter' && /^\d/.test(next)) return 'terca';
    if (word === 'hr' || word === 'hrs' || word === 'hs') return /^\d+$/.test(previous) ? 'h' : 'horario';
    return ABBREVIATIONS[word] ?? word;
  });
}
