import { demoCatalogue } from '@agenda-cheia/core';
import { type CatalogueService } from '../src/understanding';

/**
 * The demo salon the labels speak about: its catalogue as the understanding layer sees it (the key is the
 * service id, so a predicted id is directly a key) and its time zone.
 */
export const DEMO_TIME_ZONE = 'America/Sao_Paulo';

export const demoServices: readonly CatalogueService[] = demoCatalogue.map((service) => ({
  id: service.key,
  name: service.name,
}));

export const demoServiceKeys: readonly string[] = demoCatalogue.map((service) => service.key);
