import * as chrono from 'chrono-node';
import { type Chrono, type Parser, type ParsingContext, type Refiner } from 'chrono-node';
import { type PartOfDay } from './types';

/**
 * chrono-node's Portuguese parser, extended for the way salon clients write on WhatsApp. Alone it misses
 * "às 15h", "terça as 10", "dia 12", "semana que vem", "depois de amanhã", "10 e meia", "meio-dia" and
 * the parts of the day. Every pattern here reads the output of `normalizeMessage` (lower case, no accents).
 *
 * What chrono cannot carry as a date component travels as a tag on the result (see `WHEN_TAGS`); `when.ts`
 * turns components and tags into a tenant-local day and time. Our parsers run before chrono's own, so
 * on a tie (same text, same length) ours is the one kept.
 */
export function createPtBrChrono(): Chrono {
  const instance = chrono.pt.casual.clone();
  instance.parsers.unshift(
    dayAfterTomorrowParser,
    daysFromNowParser,
    weekdayParser,
    dayOfMonthParser,
    weekRangeParser,
    clockTimeParser,
    noonParser,
    partOfDayParser,
  );
  // "agora" must go before chrono merges it into a neighbour ("sábado agora" would become today 00:00).
  instance.refiners.unshift(dropNowRefiner);
  instance.refiners.push(salonHoursRefiner);
  return instance;
}

export const WHEN_TAGS = {
  /** "dia 12": the day of the month, resolved against today (`agenda/dayOfMonth:12`). */
  dayOfMonth: 'agenda/dayOfMonth:',
  /** "terça da semana que vem": the weekday falls in next Monday-to-Sunday week. */
  weekdayOfNextWeek: 'agenda/weekdayOfNextWeek',
  /** "semana que vem", "essa semana", "fim de semana", "mês que vem" (`agenda/range:nextWeek`). */
  range: 'agenda/range:',
  /** "de manhã", "à tarde", "depois do almoço", "à noite" (`agenda/partOfDay:afternoon`). */
  partOfDay: 'agenda/partOfDay:',
  /** A clock time read by our own parser (hour already on the 24-hour clock). */
  clockTime: 'agenda/clockTime',
  /** "às 4" read as 16:00 because the client did not say "da manhã". */
  pmAssumed: 'agenda/pmAssumed',
} as const;

export type WeekRange = 'thisWeek' | 'nextWeek' | 'weekend' | 'nextMonth';

// Letters and digits are word characters here: patterns must not start or end inside a word ("amanha" ≠ "manha").
const START = '(?<![\\p{L}\\d])';
const END = '(?![\\p{L}\\d])';

function wordPattern(source: string): RegExp {
  return new RegExp(`${START}(?:${source})${END}`, 'u');
}

const NUMBER_WORDS: Readonly<Record<string, number>> = {
  um: 1,
  uma: 1,
  dois: 2,
  duas: 2,
  tres: 3,
  quatro: 4,
  cinco: 5,
  seis: 6,
  sete: 7,
  oito: 8,
  nove: 9,
  dez: 10,
  onze: 11,
  doze: 12,
  quinze: 15,
};

function numberFrom(text: string | undefined): number | null {
  if (text === undefined) return null;
  if (/^\d+$/.test(text)) return Number(text);
  return NUMBER_WORDS[text] ?? null;
}

/** "depois de amanhã". */
const dayAfterTomorrowParser: Parser = {
  pattern: () => wordPattern('depois de amanha'),
  extract: (context) => chrono.ParsingComponents.createRelativeFromReference(context.reference, { day: 2 }),
};

/** "daqui a 2 dias", "daqui uma semana". */
const daysFromNowParser: Parser = {
  pattern: () =>
    wordPattern(
      'daqui (?:a )?(?<count>\\d{1,2}|um|uma|dois|duas|tres|quatro|cinco|seis|sete|dez|quinze) (?<unit>dias?|semanas?)',
    ),
  extract: (context, match) => {
    const count = numberFrom(match.groups?.count);
    if (count === null) return null;
    const days = match.groups?.unit?.startsWith('semana') ? count * 7 : count;
    return chrono.ParsingComponents.createRelativeFromReference(context.reference, { day: days });
  },
};

const WEEKDAY_NUMBERS: Readonly<Record<string, number>> = {
  domingo: 0,
  domingao: 0,
  segunda: 1,
  '2a': 1,
  terca: 2,
  '3a': 2,
  quarta: 3,
  '4a': 3,
  quinta: 4,
  '5a': 4,
  sexta: 5,
  '6a': 5,
  sabado: 6,
  sabadao: 6,
};

/**
 * "sexta", "sexta-feira", "2ª feira", "sabadão", "essa sexta", "sábado que vem", "próxima segunda",
 * "terça da semana que vem". A plural ("aos domingos") is a habit, not a day, and is not matched.
 */
const weekdayParser: Parser = {
  pattern: () =>
    wordPattern(
      '(?:(?:nessa|nesta|essa|esta|nesse|neste|proxima|proximo|a proxima|o proximo) )?' +
        '(?:(?<weekday>segunda|terca|quarta|quinta|sexta|sabado|sabadao|domingo|domingao)(?: feira)?|(?<ordinal>[2-6]a) feira)' +
        '(?<nextWeek> (?:da|na) (?:semana que vem|proxima semana|outra semana))?(?: que vem)?',
    ),
  extract: (context, match) => {
    const weekday = WEEKDAY_NUMBERS[match.groups?.weekday ?? match.groups?.ordinal ?? ''];
    if (weekday === undefined) return null;
    const components = context.createParsingComponents({ weekday });
    if (match.groups?.nextWeek !== undefined) components.addTag(WHEN_TAGS.weekdayOfNextWeek);
    return components;
  },
};

/**
 * "dia 12", "no dia primeiro". Not "dia 12/12" nor "dia 12 de dezembro", which chrono reads whole. The day
 * travels as a tag: as a component chrono would check it against the reference month and drop "dia 31"
 * in November.
 */
const dayOfMonthParser: Parser = {
  pattern: () =>
    new RegExp(
      `${START}dia (?<day>\\d{1,2}|primeiro)(?![\\d/:]|h)(?! de (?:jan|fev|mar|abr|mai|jun|jul|ago|set|out|nov|dez))${END}`,
      'u',
    ),
  extract: (context, match) => {
    const text = match.groups?.day;
    const day = text === 'primeiro' ? 1 : Number(text);
    if (!Number.isInteger(day) || day < 1 || day > 31) return null;
    return context.createParsingComponents().addTag(`${WHEN_TAGS.dayOfMonth}${day}`);
  },
};

/** "semana que vem", "próxima semana", "essa semana", "fim de semana", "mês que vem". */
const weekRangeParser: Parser = {
  pattern: () =>
    wordPattern(
      '(?<nextWeek>semana que vem|proxima semana|semana seguinte|outra semana)' +
        '|(?<thisWeek>(?:ainda )?(?:nessa|nesta|essa|esta) semana)' +
        '|(?<weekend>(?:fim|final) de semana)' +
        '|(?<nextMonth>mes que vem|proximo mes)',
    ),
  extract: (context, match) => {
    const groups = match.groups ?? {};
    const range: WeekRange | null =
      groups.nextWeek !== undefined
        ? 'nextWeek'
        : groups.thisWeek !== undefined
          ? 'thisWeek'
          : groups.weekend !== undefined
            ? 'weekend'
            : groups.nextMonth !== undefined
              ? 'nextMonth'
              : null;
    return range === null ? null : context.createParsingComponents().addTag(`${WHEN_TAGS.range}${range}`);
  },
};

/** "demora 9 horas", "há 10 horas": what before a number of hours makes it a duration. */
const DURATION_BEFORE =
  /(?:demora|dura|leva|levou|durou|demorou|por|durante|ha|faz|mais de|menos de|quase) $/u;

/** Words that turn "umas 3" into a quantity rather than a time: "umas 3 semanas". */
const QUANTITY_AFTER =
  /^ (?:semanas?|dias?|mes|meses|minutos?|min|pessoas?|vezes|anos?|reais|unhas?)(?![\p{L}])/u;

/**
 * Clock times: "15h", "15:30", "10h30", "15hrs", "às 10", "lá pelas 4", "umas 3", "10 e meia",
 * "às 3 da tarde", "7 da noite", "às duas". A bare number is a time only after a time word ("às", "pelas",
 * "umas", "depois das"…) or with a mark ("h", ":", "e meia", "da tarde"). Hours 1–7 with no "da manhã" are
 * afternoon: a salon is not open at 4 am.
 */
const clockTimeParser: Parser = {
  pattern: () =>
    new RegExp(
      START +
        '(?<!dia )' + // "dia 1 de manhã" is a day, not 01:00
        '(?<prefix>(?:(?:la|bem) )?(?:pelas|pelos|pras|umas|uns|as|depois das|depois da|a partir das|a partir da|apos as|apos a|perto das|por volta das|por volta da|ate as|antes das|das|entre as) )?' +
        '(?:(?<hour>\\d{1,2})|(?<hourWord>uma|duas|tres|quatro|cinco|seis|sete|oito|nove|dez|onze|doze))' +
        '(?:(?: ?(?<mark>hrs|hr|hs|h|:) ?(?<minute>\\d\\d)?(?: ?h(?![\\p{L}]))?)|(?<hoursWord> horas?))?' +
        '(?: e (?<extra>meia|quinze|\\d\\d))?' +
        '(?: (?:da|de) (?<meridiem>manha|tarde|noite|madrugada))?' +
        END,
      'u',
    ),
  extract: (context, match) => {
    const groups = match.groups ?? {};
    const prefix = groups.prefix?.trim();
    const hasMark = groups.mark !== undefined;
    const saysHours = groups.hoursWord !== undefined;
    const meridiem = groups.meridiem;
    if (groups.hourWord !== undefined && prefix === undefined && meridiem === undefined) return null;
    if (!hasMark && !saysHours && groups.extra === undefined && meridiem === undefined) {
      if (prefix === undefined) return null;
      const rest = context.text.slice((match.index ?? 0) + match[0].length);
      if (QUANTITY_AFTER.test(rest)) return null;
    }
    // "demora 2 horas", "umas 2 horas": a duration, unless a part of the day is named. "9 horas tá bom" is
    // a time: no salon service lasts 9 hours.
    if (saysHours && meridiem === undefined) {
      const before = context.text.slice(0, match.index ?? 0);
      const small = groups.hour === undefined || Number(groups.hour) < 8;
      if (prefix === undefined ? small || DURATION_BEFORE.test(before) : /(?:umas|uns)$/.test(prefix))
        return null;
    }
    if (groups.mark === ':' && groups.minute === undefined) return null;

    let hour = numberFrom(groups.hour ?? groups.hourWord);
    const minute =
      groups.minute !== undefined
        ? Number(groups.minute)
        : groups.extra === 'meia'
          ? 30
          : groups.extra === 'quinze'
            ? 15
            : groups.extra !== undefined
              ? Number(groups.extra)
              : 0;
    if (hour === null || hour > 23 || minute > 59) return null;

    const components = context.createParsingComponents().addTag(WHEN_TAGS.clockTime);
    if (meridiem === 'tarde' || meridiem === 'noite') {
      if (hour < 12) hour += 12;
      components.assign('meridiem', chrono.Meridiem.PM);
    } else if (meridiem === 'manha' || meridiem === 'madrugada') {
      components.assign('meridiem', chrono.Meridiem.AM);
    } else if (hour >= 1 && hour <= 7) {
      hour += 12;
      components.addTag(WHEN_TAGS.pmAssumed);
    }
    return components.assign('hour', hour).assign('minute', minute);
  },
};

/** "meio-dia", "ao meio dia", "meio dia e meia", "na hora do almoço". */
const noonParser: Parser = {
  pattern: () =>
    wordPattern(
      '(?:(?:ao|as|a) )?(?:meio dia|meiodia)(?: e (?<half>meia))?|(?:na )?(?:hora|horario) do almoco',
    ),
  extract: (context, match) =>
    context
      .createParsingComponents({ hour: 12, minute: match.groups?.half === undefined ? 0 : 30 })
      .assign('meridiem', chrono.Meridiem.PM)
      .addTag(WHEN_TAGS.clockTime),
};

const DAY_WORD_BEFORE = '(?<=(?:hoje|amanha|segunda|terca|quarta|quinta|sexta|sabado|domingo|feira) )';

/**
 * Parts of the day: "de manhã", "pela manhã", "cedo", "à tarde", "de tarde", "no fim da tarde",
 * "depois do almoço", "à noite", "noitinha", and "sexta tarde". Greetings ("boa tarde") are not matched.
 */
const partOfDayParser: Parser = {
  pattern: () =>
    wordPattern(
      '(?:(?:de|pela|durante a|na parte da|no periodo da|no comecinho da|no comeco da|no inicio da|comecinho da|inicio da|logo de|bem de|a|no fim da|no final da|fim da|final da|bem no fim da) (?<said>manha|manhazinha|tarde|tardinha|noite|noitinha))' +
        `|${DAY_WORD_BEFORE}(?<afterDay>manha|tarde|noite)` +
        '|(?<alone>manhazinha|tardinha|noitinha|cedinho|cedo)' +
        '|(?<lunch>depois do almoco|apos o almoco|pos almoco|depois de almoco)' +
        '|(?<work>depois do (?:trabalho|servico|expediente))',
    ),
  extract: (context, match) => {
    const groups = match.groups ?? {};
    const word = groups.said ?? groups.afterDay ?? groups.alone;
    const part: PartOfDay | null =
      groups.lunch !== undefined
        ? 'afternoon'
        : groups.work !== undefined
          ? 'evening'
          : word === undefined
            ? null
            : word.startsWith('manha') || word.startsWith('cedo') || word === 'cedinho'
              ? 'morning'
              : word.startsWith('tard')
                ? 'afternoon'
                : 'evening';
    return part === null ? null : context.createParsingComponents().addTag(`${WHEN_TAGS.partOfDay}${part}`);
  },
};

/** "agora" is chrono's "now", not a requested time ("agora não, obrigada"). */
const dropNowRefiner: Refiner = {
  refine: (_context, results) => results.filter((result) => result.text !== 'agora'),
};

/**
 * chrono's own time parser reads "3:30" as 03:30; in a salon that is 15:30. Our clock parser already
 * applies the rule; this refiner applies it to what chrono parsed itself.
 */
const salonHoursRefiner: Refiner = {
  refine: (_context: ParsingContext, results) => {
    for (const result of results) {
      const start = result.start;
      const hour = start.get('hour');
      const ours = start.tags().has(WHEN_TAGS.clockTime);
      if (ours || hour === null || !start.isCertain('hour') || start.isCertain('meridiem')) continue;
      if (hour >= 1 && hour <= 7) {
        start.assign('hour', hour + 12);
        start.addTag(WHEN_TAGS.pmAssumed);
      }
    }
    return results;
  },
};
