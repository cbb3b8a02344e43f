import { AppError, defaultCampaignTemplates } from '@agenda-cheia/contracts';
import { describe, expect, it } from 'vitest';
import { assertKnownPlaceholders, resolveCampaignConfig } from './campaign-config';
import { composeOfferMessage, offerPrice, renderCampaignTemplate } from './offer-message';

const offer = {
  clientName: 'Maria  da Silva',
  serviceName: 'Corte feminino',
  professionalName: 'Ana',
  businessName: 'Salão da Ana',
  // Tuesday 24/11 10:15 in São Paulo.
  start: new Date('2026-11-24T13:15:00Z'),
  timeZone: 'America/Sao_Paulo',
  discountPercent: 10,
  finalPriceCents: 7200,
};

describe('offer messages', () => {
  it('prices an offer with the discount, rounded to the centavo', () => {
    expect(offerPrice(8000, 10)).toEqual({ discountPercent: 10, priceCents: 8000, finalPriceCents: 7200 });
    expect(offerPrice(4990, 15)).toEqual({ discountPercent: 15, priceCents: 4990, finalPriceCents: 4242 });
    expect(offerPrice(4000, 0).finalPriceCents).toBe(4000);
  });

  it('fills every placeholder in pt-BR on the tenant’s wall clock', () => {
    // Unknown placeholders are left as written.
    expect(renderCampaignTemplate('{nome} {outro}', { nome: 'Maria' })).toBe('Maria {outro}');
    const { text: filled } = composeOfferMessage(
      { template: '{nome}|{servico}|{data}|{hora}|{profissional}|{desconto}|{preco}|{negocio}' },
      offer,
    );
    expect(filled).toBe(
      'Maria|Corte feminino|terça-feira, 24/11|10:15|Ana| (10% de desconto)|R$ 72,00|Salão da Ana',
    );
    // In Manaus the same instant is 09:15.
    expect(composeOfferMessage({ template: '{hora}' }, { ...offer, timeZone: 'America/Manaus' }).text).toBe(
      '09:15',
    );
  });

  it('says nothing about a discount when there is none', () => {
    const { text } = composeOfferMessage(
      { template: defaultCampaignTemplates.encher_agenda },
      { ...offer, discountPercent: 0, finalPriceCents: 8000 },
    );
    expect(text).toBe(
      'Oi, Maria! Abriu um horário terça-feira, 24/11 às 10:15 com Ana para Corte feminino, por R$ 80,00.' +
        ' Quer? Responda SIM ou NÃO.',
    );
  });

  it('carries the approved WhatsApp template with [nome, servico, data, hora, preco]', () => {
    expect(
      composeOfferMessage({ template: 'x', whatsappTemplate: { name: 'oferta', language: 'pt_BR' } }, offer)
        .template,
    ).toEqual({
      name: 'oferta',
      language: 'pt_BR',
      params: ['Maria', 'Corte feminino', 'terça-feira, 24/11', '10:15', 'R$ 72,00'],
    });
    expect(composeOfferMessage({ template: 'x' }, offer).template).toBeNull();
  });

  it('refuses templates with placeholders nobody fills', () => {
    expect(() => assertKnownPlaceholders(defaultCampaignTemplates.prazo_certo)).not.toThrow();
    expect(() => assertKnownPlaceholders('Oi {nome}, {Nome} e {valor}')).toThrow(AppError);
    expect(() => assertKnownPlaceholders('Oi {nome}, {Nome} e {valor}')).toThrow(
      /Marcador desconhecido na mensagem: \{Nome\}, \{valor\}\./,
    );
  });

  it('resolves a stored config over the defaults of its kind', () => {
    expect(resolveCampaignConfig('encher_agenda', { discountPercent: 5 })).toMatchObject({
      discountPercent: 5,
      daysAhead: 7,
      template: defaultCampaignTemplates.encher_agenda,
      schedule: '0 14 * * 1,3,5',
    });
  });
});
