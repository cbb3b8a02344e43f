/**
 * The client asks what something costs: "quanto custa", "quanto fica", "qual o valor", "preço?". A price
 * mentioned in the past ("o valor era 80 e paguei 100") is not a question.
 */
export function asksPrice(normalized: string): boolean {
  if (HOW_MUCH.test(normalized) || WHICH_PRICE.test(normalized)) return true;
  return PRICE_WORD.test(normalized) && !PAST_PAYMENT.test(normalized);
}

const END = '(?![\\p{L}\\d])';
const START = '(?<![\\p{L}\\d])';

const HOW_MUCH = new RegExp(
  `${START}quanto (?:custa|custaria|custam|e|fica|ficaria|ficam|ta|tao|esta|sai|cobra\\p{L}*|seria|vai ficar|vale|que e|que fica|que custa)${END}`,
  'u',
);
const WHICH_PRICE = new RegExp(`${START}qual (?:o |e o |seria o |e |seria )?(?:valor|preco)${END}`, 'u');
const PRICE_WORD = new RegExp(
  `${START}(?:valor|valores|preco|precos|tabela de precos?|orcamento)${END}`,
  'u',
);
const PAST_PAYMENT = new RegExp(
  `${START}(?:era|foi|paguei|pagou|cobraram|cobrado|cobrada|cobrou)${END}`,
  'u',
);
