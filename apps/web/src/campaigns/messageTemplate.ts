import { campaignPlaceholders } from '@agenda-cheia/contracts';

/** Writing a campaign message: the placeholders the server fills per client, and a preview. */

export type CampaignPlaceholder = (typeof campaignPlaceholders)[number];

export const placeholderLabels: Record<CampaignPlaceholder, string> = {
  nome: 'Primeiro nome do cliente',
  servico: 'Serviço',
  data: 'Data do horário',
  hora: 'Hora do horário',
  profissional: 'Profissional',
  desconto: 'Desconto (some quando é 0%)',
  preco: 'Preço com desconto',
  negocio: 'Nome do salão',
};

const PLACEHOLDER = /\{([^{}\s]*)\}/g;
const known: readonly string[] = campaignPlaceholders;

/**
 * `{placeholder}` typed in place of the selection (or at the caret), with the caret right after it, so
 * the owner can keep typing.
 */
export function insertPlaceholder(
  text: string,
  selection: { start: number; end: number },
  placeholder: CampaignPlaceholder,
): { text: string; caret: number } {
  const start = Math.max(0, Math.min(selection.start, text.length));
  const end = Math.max(start, Math.min(selection.end, text.length));
  const token = `{${placeholder}}`;
  return { text: text.slice(0, start) + token + text.slice(end), caret: start + token.length };
}

/** Placeholders nobody fills (typos), which the server would refuse: "{nomee}". */
export function unknownPlaceholders(template: string): string[] {
  const names = [...template.matchAll(PLACEHOLDER)].map((match) => match[1] ?? '');
  return [...new Set(names.filter((name) => !known.includes(name)))];
}

/** The message as one client would read it, with example values. */
export function previewTemplate(template: string, values: Record<CampaignPlaceholder, string>): string {
  return template.replace(PLACEHOLDER, (whole, name: string) =>
    known.includes(name) ? values[name as CampaignPlaceholder] : whole,
  );
}

/** The discount as the server writes it: " (15% de desconto)", or nothing at 0%. */
export function discountText(discountPercent: number): string {
  return discountPercent > 0 ? ` (${discountPercent}% de desconto)` : '';
}

/** The price after the discount, rounded to the centavo as the server does. */
export function discountedCents(priceCents: number, discountPercent: number): number {
  return Math.round((priceCents * (100 - discountPercent)) / 100);
}
