/** What a durable campaign-run job carries: enough to find the run and resume it. */
export interface CampaignRunJob {
  tenantId: string;
  runId: string;
  /** Encher Agenda run by hand for one professional. */
  professionalId?: string | undefined;
}

/**
 * Durable execution of campaign runs (pg-boss in the API). A run's job id is the run id, so handing the
 * same run over twice makes one job. A failed attempt is retried, and the retry resumes the same run.
 */
export interface CampaignRunQueue {
  enqueue(job: CampaignRunJob, options?: { delaySeconds?: number }): Promise<void>;
}
