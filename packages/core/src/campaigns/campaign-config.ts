import {
  AppError,
  type Campaign,
  type CampaignKind,
  campaignConfigSchema,
  campaignPlaceholders,
  defaultCampaignSchedules,
  defaultCampaignTemplates,
} from '@agenda-cheia/contracts';

/** A campaign's settings as a run uses them: stored values over the defaults, template and schedule included. */
export type ResolvedCampaignConfig = Campaign['config'];

/**
 * Fills what a stored config leaves out: the schema's defaults (settings added after the campaign was
 * saved), the kind's default message and schedule.
 */
export function resolveCampaignConfig(kind: CampaignKind, stored: unknown): ResolvedCampaignConfig {
  const config = campaignConfigSchema.parse(stored ?? {});
  return {
    ...config,
    template: config.template ?? defaultCampaignTemplates[kind],
    schedule: config.schedule ?? defaultCampaignSchedules[kind],
  };
}

const PLACEHOLDER = /\{([^{}\s]*)\}/g;
const known: readonly string[] = campaignPlaceholders;

/** Refuses a message template naming a placeholder nobody fills (a typo would reach the clients as is). */
export function assertKnownPlaceholders(template: string): void {
  const unknown = [...template.matchAll(PLACEHOLDER)]
    .map((match) => match[1] ?? '')
    .filter((name) => !known.includes(name));
  if (unknown.length > 0) {
    const list = [...new Set(unknown)].map((name) => `{${name}}`).join(', ');
    throw new AppError(
      'VALIDATION_FAILED',
      `Marcador desconhecido na mensagem: ${list}. Use ${campaignPlaceholders.map((p) => `{${p}}`).join(', ')}.`,
      { field: 'config.template' },
    );
  }
}

/** The message of a cron expression the scheduler cannot read (the same words as the contract's check). */
export const INVALID_SCHEDULE_MESSAGE =
  'Agendamento inválido: use o formato cron de 5 campos (ex.: 0 9 * * *).';
