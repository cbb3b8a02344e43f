import { detectConsent, detectOptOut } from './consent';
import { classifyIntent } from './intent';
import { normalizeMessage } from './normalize';
import { asksPrice } from './price';
import { createServiceMatcher, type ServiceMatcher } from './service-matcher';
import { type CatalogueService, type Understanding, type UnderstandingContext } from './types';
import { extractWhen } from './when';

/**
 * Reads a client's WhatsApp message offline: intent, the catalogue services named, the day and time asked
 * for (on the tenant's wall clock, relative to `context.now`), the answer to an offer, opt-out and price
 * questions. Pure and deterministic: no I/O, no clock other than `context.now`.
 */
export function understand(text: string, context: UnderstandingContext): Understanding {
  const normalized = normalizeMessage(text);
  const serviceIds = matcherFor(context.services)(normalized);
  const when = extractWhen(normalized, context.now, context.timeZone);
  const consent = detectConsent(normalized);
  const optOut = detectOptOut(normalized);
  const price = asksPrice(normalized);
  const intent = classifyIntent(normalized, {
    mentionsService: serviceIds.length > 0,
    mentionsTime: when !== null,
    consent,
    optOut,
    asksPrice: price,
  });
  return { intent, serviceIds, when, consent, optOut, asksPrice: price };
}

// A tenant's catalogue is usually the same array message after message: build its matcher once.
const matchers = new WeakMap<readonly CatalogueService[], ServiceMatcher>();

function matcherFor(services: readonly CatalogueService[]): ServiceMatcher {
  let matcher = matchers.get(services);
  if (matcher === undefined) {
    matcher = createServiceMatcher(services);
    matchers.set(services, matcher);
  }
  return matcher;
}
