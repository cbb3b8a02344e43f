import { wordsOf } from './normalize';
import { type Intent } from './types';

/** What the other steps already found in the message; the intent rules lean on them. */
export interface IntentSignals {
  mentionsService: boolean;
  mentionsTime: boolean;
  consent: 'yes' | 'no' | null;
  optOut: boolean;
  asksPrice: boolean;
}

/**
 * The main intent of a normalised message. Several cues often meet in one message; the first rule that
 * holds wins:
 *
 * 1. an opt-out is `unknown` (the caller acts on `optOut`, not on an intent);
 * 2. `cancellation`, even when it also asks for a new time ("não vou poder ir, quero remarcar");
 * 3. `complaint`, unless it also cancels ("demoraram demais, quero cancelar" is a cancellation);
 * 4. an explicit confirmation ("confirmo amanhã às 15h", "tô indo") is `confirmation`;
 * 5. a yes to an offer that asks nothing new ("ok, pode marcar") is `confirmation`;
 * 6. `booking`: booking words, or a day/time asked for ("sexta tem?", "pode ser às 10?", "escova sábado");
 * 7. `inquiry`: prices, hours, address, payment, "vocês fazem progressiva?", any other question about a service;
 * 8. any other yes is `confirmation`;
 * 9. `hello` when greetings are (nearly) all the message says;
 * 10. `unknown`.
 */
export function classifyIntent(text: string, signals: IntentSignals): Intent {
  if (signals.optOut) return 'unknown';
  if (CANCELLATION.some((pattern) => pattern.test(text))) return 'cancellation';
  if (COMPLAINT.some((pattern) => pattern.test(text))) return 'complaint';
  if (EXPLICIT_CONFIRMATION.test(text)) return 'confirmation';

  const inquiry = signals.asksPrice || INQUIRY.some((pattern) => pattern.test(text));
  const yes = signals.consent === 'yes';
  // "ok, até amanhã": the day is a goodbye, not a request.
  const asksTime = signals.mentionsTime && !FAREWELL.test(text);
  if (yes && !signals.mentionsService && !asksTime && !inquiry) return 'confirmation';

  if (isBooking(text, signals, asksTime, inquiry)) return 'booking';
  // A question about a service that asks for no time: "a progressiva de vocês tem formol?".
  if (inquiry || (signals.mentionsService && text.includes('?'))) return 'inquiry';
  if (yes) return 'confirmation';
  if (isGreetingOnly(text)) return 'hello';
  return 'unknown';
}

function isBooking(text: string, signals: IntentSignals, asksTime: boolean, inquiry: boolean): boolean {
  if (BOOKING_WORD.test(text) && !(inquiry && BOOKING_WORD_AS_PURPOSE.test(text))) return true;
  if (ASKS_FOR_A_SLOT.test(text) || WANTS_TO_DO.test(text)) return true;
  if (signals.mentionsService && WANTS.test(text) && !inquiry) return true;
  if (!asksTime) return false;
  if (signals.mentionsService || signals.consent === 'yes') return true;
  // "sexta tem?", "amanhã às 15h?", or a bare "terça 13h" answering "qual dia?", unless about opening hours.
  return (
    !inquiry &&
    (text.includes('?') ||
      /(?<![\p{L}])tem(?![\p{L}])/u.test(text) ||
      wordsOf(text).length <= SHORT_ANSWER_WORDS)
  );
}

/** A day named in a message this short is the answer to "qual dia fica bom?". */
const SHORT_ANSWER_WORDS = 6;

const word = (source: string): RegExp => new RegExp(`(?<![\\p{L}\\d])(?:${source})(?![\\p{L}\\d])`, 'u');

const CANCELLATION: readonly RegExp[] = [
  word('cancel\\p{L}*|desmarc\\p{L}*|desist\\p{L}*'),
  word(
    'nao (?:vou|vai|irei|consigo|conseguirei|posso|poderei|tenho como)(?: mais)?(?: (?:poder|conseguir|dar))?(?: (?:pra|para))? (?:ir|comparecer|estar ai|estar la|chegar|aparecer)',
  ),
  word('nao vou mais'),
  word('vou (?:ter que )?faltar'),
];

const COMPLAINT: readonly RegExp[] = [
  word(
    'insatisfeit\\p{L}*|pessim\\p{L}*|ridicul\\p{L}*|absurdo|decepc\\p{L}*|reclam\\p{L}*|odiei|detestei|chatead\\p{L}*|descaso|grossa|grosso|grosseria|estragou|estragaram|queimou|queimaram|manchou|borrou|lascou|descascou|machucou|machucaram|sangr\\p{L}*|reembolso',
  ),
  word(
    '(?:atendimento|servico|experiencia) (?:foi )?(?:horrivel|ruim)|que horror|nao gostei|nao curti|nao durou|nao ficou (?:bom|bem|como|nada|do jeito)',
  ),
  word(
    'ficou (?:muito |bem |todo |toda |super )?(?:tort\\p{L}*|horrivel|feio|feia|curto|curta|ruim|manchad\\p{L}*|estranh\\p{L}*|errad\\p{L}*|mal feito|desigual)',
  ),
  word('(?:cortou|cortaram|fez|fizeram|pintou|pintaram) (?:\\p{L}+ ){0,3}errad\\p{L}*'),
  word(
    'demoraram|demorou (?:demais|muito)|demora absurda|esperei|esperando ha|ninguem me atend\\p{L}*|atrasaram|atrasou',
  ),
  word(
    'mal atendid\\p{L}*|falta de respeito|tirou um bife|cobraram a mais|cobrado a mais|cobraram errado|dinheiro de volta|nunca mais volto',
  ),
];

const EXPLICIT_CONFIRMATION = word(
  'confirm\\p{L}*|to indo|estou indo|vou sim|estarei (?:ai|la)|to confirmad\\p{L}*|estou confirmad\\p{L}*|ta confirmad\\p{L}*',
);

const BOOKING_WORD = word(
  'marcar|marca|marque|marcacao|agendar|agenda|agende|agendamento|reservar|reserva|remarcar|remarca|encaixar|encaixa|encaixe|encaixo',
);

/** "precisa pagar sinal pra agendar?": the booking word is the purpose of a question, not a request. */
const BOOKING_WORD_AS_PURPOSE = word('(?:pra|para) (?:marcar|agendar|reservar)');

const ACTIVITY =
  '(?:fazer|cortar|pintar|hidratar|retocar|aparar|marcar|agendar|encaixar|tirar|escovar|alisar|ir|atender)';

const ASKS_FOR_A_SLOT = word(
  'tem (?:algum |um )?(?:horario|vaga|hora|disponibilidade|lugar|espaco)|(?:horario|vaga|hora)s? (?:livre|disponive\\p{L}*|vago|vaga)|' +
    `(?:tem como|da pra|consegue|consegui(?:ria)?|podia|poderia) (?:\\p{L}+ ){0,3}${ACTIVITY}|` +
    'consigo (?:um |uma )?(?:horario|vaga|marcar|fazer|encaixe|ir)|posso ir|rola|me encaixa|tem alguem (?:pra|para|que)|' +
    'tem (?:outro|outra)|outro (?:horario|dia)|outra (?:hora|data)|mais cedo|mais tarde|' +
    '(?:trocar|mudar|passar|adiantar) (?:o |meu |minha |a )?(?:horario|hora|dia|data|pra|para)',
);

const WANTS = word('quero|queria|gostaria|preciso|precisava|to precisando|estou precisando|vou querer');

/** "obrigada, até amanhã!", "ok até sexta". */
const FAREWELL = word(
  'ate (?:amanha|logo|mais|la|breve|depois|hoje|segunda|terca|quarta|quinta|sexta|sabado|domingo|semana que vem|o dia)',
);

const WANTS_TO_DO = word(
  '(?:quero|queria|gostaria de|preciso|precisava|to precisando|estou precisando|tava pensando em|pensando em|vou querer|queria ver) ' +
    '(?:\\p{L}+ ){0,2}(?:fazer|cortar|pintar|hidratar|retocar|aparar|marcar|agendar|tirar|escovar|alisar)',
);

const INQUIRY: readonly RegExp[] = [
  word(
    'abre|abrem|abrir|aberto|abertos|aberta|fecha|fecham|funciona|funcionam|funcionamento|expediente|atende|atendem|atendendo|trabalham|trabalha',
  ),
  word(
    'endereco|onde fica|onde voces ficam|ficam onde|fica onde|localizacao|como chego|como chegar|estacionamento|ponto de referencia',
  ),
  word('pix|cartao|credito|debito|dinheiro|parcel\\p{L}*|pagamento|pagar|sinal|aceita\\p{L}*'),
  word('(?:voces|voce) (?:fazem|faz|trabalham com|oferecem)|fazem|quais servicos|que servicos|servicos'),
  word('quanto tempo|demora|dura|leva quanto'),
  word('vendem|vende|produtos?'),
  word('promocao|promocoes|desconto|valendo|cupom|instagram|insta|site|telefone'),
  word('que horas'),
];

const GREETING_WORDS = new Set([
  'oi',
  'ola',
  'oie',
  'opa',
  'eae',
  'eai',
  'alo',
  'hey',
  'salve',
  'bom',
  'boa',
  'dia',
  'tarde',
  'noite',
  'tudo',
  'bem',
  'como',
  'vai',
  'voce',
  'voces',
  'com',
  'e',
  'ai',
  'aqui',
  'a',
  'o',
  'sou',
  'eu',
  'meninas',
  'menina',
  'amiga',
  'amigo',
  'flor',
  'querida',
  'gente',
  'pessoal',
  'moca',
  'linda',
  'beleza',
  'joia',
  'tranquilo',
  'esta',
  'ta',
  'td',
  'bao',
]);
const GREETING = word(
  'oi|ola|oie|opa|eae|eai|e ai|alo|hey|salve|bom dia|boa tarde|boa noite|tudo bem|tudo bom',
);

/** Greetings plus at most a name: "oi, aqui é a Juliana", "boa tarde meninas", "oi tudo bem com vc?". */
function isGreetingOnly(text: string): boolean {
  if (!GREETING.test(text)) return false;
  const rest = wordsOf(text).filter((token) => !GREETING_WORDS.has(token));
  return rest.length <= 1;
}
