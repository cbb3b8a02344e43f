import { fileContentTypes, type Media } from '@agenda-cheia/contracts';
import type { Database, Kysely } from '@agenda-cheia/db';
import type { EventBus } from '../events/event-bus';
import { toMessage } from '../inbox/mappers';
import type { FileRegistry } from './file-registry';
import {
  describeRemoteMediaRefusal,
  fetchRemoteMedia,
  RemoteMediaError,
  type RemoteMediaLimits,
} from './remote-media';

export interface InboundMediaDeps {
  db: Kysely<Database>;
  bus: EventBus;
  files: Pick<FileRegistry, 'storeBytes'>;
  limits: Omit<RemoteMediaLimits, 'allowedContentTypes'>;
}

const DEFAULT_FILENAMES: Record<string, string> = {
  'image/jpeg': 'imagem.jpg',
  'image/png': 'imagem.png',
  'image/webp': 'imagem.webp',
  'image/gif': 'imagem.gif',
  'application/pdf': 'documento.pdf',
  'audio/ogg': 'audio.ogg',
  'audio/opus': 'audio.opus',
  'audio/mpeg': 'audio.mp3',
  'audio/mp4': 'audio.m4a',
  'audio/aac': 'audio.aac',
  'audio/amr': 'audio.amr',
  'audio/wav': 'audio.wav',
  'audio/webm': 'audio.webm',
};

/**
 * Stores the file of an inbound message on S3: the provider's link is fetched server-side under limits
 * (size, type, time, public addresses only), then the message points at the stored file. A refused link
 * leaves the message with the reason, for the team to read; a storage outage is thrown, to be retried.
 */
export async function importInboundMedia(
  deps: InboundMediaDeps,
  job: { tenantId: string; messageId: string },
): Promise<'stored' | 'failed' | 'nothing_to_do'> {
  const row = await deps.db
    .selectFrom('messages')
    .select(['id', 'media'])
    .where('tenant_id', '=', job.tenantId)
    .where('id', '=', job.messageId)
    .where('direction', '=', 'inbound')
    .executeTakeFirst();
  const pending = row?.media;
  if (!pending || pending.state !== 'pending' || !pending.url) return 'nothing_to_do';

  let media: Media;
  try {
    const fetched = await fetchRemoteMedia(pending.url, {
      ...deps.limits,
      allowedContentTypes: fileContentTypes.attachment,
    });
    const filename =
      pending.filename ?? fetched.filename ?? DEFAULT_FILENAMES[fetched.contentType] ?? 'arquivo';
    const file = await deps.files.storeBytes({
      tenantId: job.tenantId,
      purpose: 'attachment',
      filename,
      contentType: fetched.contentType,
      bytes: fetched.bytes,
    });
    media = {
      fileId: file.id,
      url: null,
      mimeType: file.contentType,
      filename: file.filename,
      size: file.size,
      state: 'stored',
      error: null,
    };
  } catch (error) {
    if (!(error instanceof RemoteMediaError)) throw error;
    media = {
      fileId: null,
      url: null,
      mimeType: pending.mimeType,
      filename: pending.filename ?? null,
      size: null,
      state: 'failed',
      error: describeRemoteMediaRefusal(error.reason),
    };
  }

  // Only a still-pending message changes: a retried job after success leaves it alone.
  const updated = await deps.db
    .updateTable('messages')
    .set({ media: JSON.stringify(media), updated_at: new Date() })
    .where('tenant_id', '=', job.tenantId)
    .where('id', '=', job.messageId)
    .where((eb) => eb.ref('media', '->>').key('state'), '=', 'pending')
    .returningAll()
    .executeTakeFirst();
  if (!updated) return 'nothing_to_do';
  await deps.bus.publish(job.tenantId, {
    event_type: 'message_updated',
    data: { message: toMessage(updated) },
  });
  return media.state === 'stored' ? 'stored' : 'failed';
}
