/**
 * Hands a stored outbound message to durable delivery. The message is already in the database with
 * status `queued`; the queue only carries its id, so a restart loses nothing and the job can re-read
 * the current state (and skip what was delivered meanwhile).
 */
export interface OutboundQueue {
  /** `notBefore`: a paced message (campaign send) is not delivered before its turn. */
  enqueue(job: { tenantId: string; messageId: string; notBefore?: Date }): Promise<void>;
}
