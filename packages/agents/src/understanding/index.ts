/**
 * The offline pt-BR understanding layer: what a salon client's WhatsApp message asks, without a model.
 * Pure: no database, no network, no clock but the `now` it is given.
 */
export { understand } from './understand';
export { normalizeMessage } from './normalize';
export { createServiceMatcher, type ServiceMatcher } from './service-matcher';
export { extractWhen } from './when';
export { detectConsent, detectOptOut } from './consent';
export { asksPrice } from './price';
export { classifyIntent, type IntentSignals } from './intent';
export type {
  CatalogueService,
  Intent,
  PartOfDay,
  RequestedTime,
  Understanding,
  UnderstandingContext,
} from './types';
