import type { CampaignConfig } from '@agenda-cheia/contracts';
import type { OutboundTemplate } from '@agenda-cheia/db';
import { describeDay, describeTime, formatPrice } from '../shared/pt-br-format';

/** What an offer says, before it is put in words. */
export interface OfferDetails {
  clientName: string;
  serviceName: string;
  professionalName: string;
  businessName: string;
  start: Date;
  timeZone: string;
  discountPercent: number;
  finalPriceCents: number;
}

/** Price of a service with the campaign's discount, rounded to the centavo. */
export function offerPrice(priceCents: number, discountPercent: number) {
  return {
    discountPercent,
    priceCents,
    finalPriceCents: Math.round((priceCents * (100 - discountPercent)) / 100),
  };
}

/**
 * The value of each placeholder, in pt-BR and the tenant's wall clock: {nome} is the first name,
 * {data} "terça-feira, 24/11", {hora} "10:00", {preco} the price with the discount, {desconto}
 * " (15% de desconto)" or nothing when there is none, so "por {preco}{desconto}" reads well either way.
 */
export function offerPlaceholderValues(offer: OfferDetails): Record<string, string> {
  const firstName = offer.clientName.trim().split(/\s+/)[0] ?? offer.clientName;
  return {
    nome: firstName,
    servico: offer.serviceName,
    data: describeDay(offer.start, offer.timeZone),
    hora: describeTime(offer.start, offer.timeZone),
    profissional: offer.professionalName,
    desconto: offer.discountPercent > 0 ? ` (${offer.discountPercent}% de desconto)` : '',
    preco: formatPrice(offer.finalPriceCents),
    negocio: offer.businessName,
  };
}

/** Fills `{placeholder}`s; anything unknown is left as written (the registry refuses such templates). */
export function renderCampaignTemplate(template: string, values: Record<string, string>): string {
  return template.replace(/\{([^{}\s]*)\}/g, (whole, name: string) => values[name] ?? whole);
}

/** The offer's text, and the approved WhatsApp template gateways use outside the 24-hour window. */
export function composeOfferMessage(
  config: Pick<CampaignConfig, 'whatsappTemplate'> & { template: string },
  offer: OfferDetails,
): { text: string; template: OutboundTemplate | null } {
  const values = offerPlaceholderValues(offer);
  const whatsapp = config.whatsappTemplate;
  return {
    text: renderCampaignTemplate(config.template, values),
    template: whatsapp
      ? {
          name: whatsapp.name,
          language: whatsapp.language,
          params: [values.nome, values.servico, values.data, values.hora, values.preco].map((v) => v ?? ''),
        }
      : null,
  };
}

/** The idempotency key of an offer's message: a resumed run finds it stored and never sends it twice. */
export function offerMessageKey(authRequestId: string): string {
  return `offer:${authRequestId}`;
}
