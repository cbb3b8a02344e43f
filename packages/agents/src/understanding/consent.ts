import { wordsOf } from './normalize';

/**
 * The answer a message gives to an offer ("quer que eu marque sexta às 15h?"), read from how it starts:
 * "sim", "pode ser", "fechado", "quero", "👍", "bora" are yes; "não", "não posso", "nao da" are no.
 * Anything else, including a "não" that starts another thought ("não sei se…", "não gostei"), is null.
 */
export function detectConsent(normalized: string): 'yes' | 'no' | null {
  const text = withoutLeadingGreeting(normalized);
  if (YES_ANYWAY.test(text) || YES_WHEN_ALONE.test(text)) return 'yes';
  if (NO_START.test(text) && !NOT_AN_ANSWER.test(text)) {
    if (wordsOf(text).length <= 6 || NO_FIRMLY.test(text)) return 'no';
  }
  if (wordsOf(text).length <= 6 && NO_INSIDE_SHORT.test(text)) return 'no';
  return null;
}

/**
 * The client asks to stop receiving messages: "parar", "sair", "stop" as the whole message, or "não quero
 * mais mensagens", "me tira da lista", "pare de mandar" anywhere.
 */
export function detectOptOut(normalized: string): boolean {
  const words = wordsOf(normalized).join(' ');
  return OPT_OUT_ALONE.test(words) || OPT_OUT_PHRASE.test(words);
}

const END_OF_WORD = '(?![\\p{L}\\d])';
const ALONE = '(?= ?(?:$|[,.!?]))';

const LEADING_GREETING =
  /^(?:(?:oi|ola|oie|opa|eae|eai|e ai|alo|bom dia|boa tarde|boa noite|amiga|flor|querida|moca)(?: ?[,.!])* ?)+/u;

function withoutLeadingGreeting(normalized: string): string {
  return normalized.replace(LEADING_GREETING, '');
}

/** Yes whatever follows: "sim, pode marcar", "fechado!", "ok, até amanhã". */
const YES_ANYWAY = new RegExp(
  '^(?:sim|ok|okay|okey|fechado|fechou|combinado|beleza|bora|perfeito|otimo|otima|com certeza|uhum|aham|' +
    'confirm\\p{L}*|positivo|joia|joinha|claro|pode ser|pode sim|pode marcar|pode agendar|pode confirmar|' +
    'pode deixar|quero sim|vou sim|isso mesmo|tudo certo|ta bom|ta bem|ta otimo|ta certo|ta combinado|' +
    'ta confirmad\\p{L}*|ta fechado|de boa|show|top|massa|certinho|vamos sim|vamos)' +
    END_OF_WORD,
  'u',
);

/** Yes only as a whole answer: "quero" (not "quero saber"), "pode", "isso", "certo", "tá". */
const YES_WHEN_ALONE = new RegExp(`^(?:quero|pode|isso|certo|ta|vou|feito|tranquilo|uhum)${ALONE}`, 'u');

const NO_START = new RegExp(
  `^(?:nao|nem|nenhum|nenhuma|negativo|nops|agora nao|acho que nao|infelizmente nao|prefiro nao|melhor nao|ainda nao|obrigada mas nao)${END_OF_WORD}`,
  'u',
);

/** A "não" that opens another thought rather than answering. */
const NOT_AN_ANSWER = new RegExp(
  `^nao (?:sei|entendi|recebi|consegui|lembro|gostei|ficou|tem problema|precisa se preocupar|esquece|vejo a hora)${END_OF_WORD}`,
  'u',
);

const NO_FIRMLY = new RegExp(`^nao (?:posso|da|vai dar|quero|obrigad\\p{L}*)${END_OF_WORD}`, 'u');

/** "esse horário não dá", "nesse dia não posso". */
const NO_INSIDE_SHORT = new RegExp(`(?<![\\p{L}])nao (?:da|posso|vai dar)${END_OF_WORD}`, 'u');

const OPT_OUT_ALONE = /^(?:parar|pare|para|sair|stop|cancelar inscricao|descadastrar|remover|chega)$/u;

const OPT_OUT_PHRASE = new RegExp(
  '(?<![\\p{L}])(?:' +
    [
      'nao (?:quero|desejo) (?:mais )?receber',
      'nao quero mais (?:mensage\\p{L}*|promoc\\p{L}*|nada)',
      'nao (?:me )?(?:mande|mandem|manda|envie|enviem) mais',
      '(?:para|parar|pare|parem) de (?:me )?(?:mandar|enviar)',
      'me (?:tira|tire|tirem|tirar) (?:dessa|desta|da) lista',
      'me (?:remove|remova|removam|remover)',
      '(?:remove|remova|removam|tira|tire) (?:o )?meu (?:numero|contato)',
      'descadastr\\p{L}*',
      'chega de (?:mensage\\p{L}*|promoc\\p{L}*)',
      'sair da lista',
      'cancelar (?:as )?mensagens',
    ].join('|') +
    ')' +
    END_OF_WORD,
  'u',
);
