import { z } from 'zod';
import { idSchema } from './common';

/** What a file is for: decides which types it may have, how large it may be, and where its key lives. */
export const filePurposes = ['attachment', 'avatar', 'logo'] as const;
export const filePurposeSchema = z.enum(filePurposes);
export type FilePurpose = z.infer<typeof filePurposeSchema>;

const imageTypes = ['image/jpeg', 'image/png', 'image/webp', 'image/gif'] as const;
const attachmentTypes = [
  ...imageTypes,
  'application/pdf',
  'audio/mpeg',
  'audio/mp4',
  'audio/aac',
  'audio/ogg',
  'audio/opus',
  'audio/amr',
  'audio/wav',
  'audio/webm',
] as const;

export const DEFAULT_MAX_UPLOAD_BYTES = 10 * 1024 * 1024;

/**
 * Allowed content types per purpose. The size limit is the deployment's (`FILES_MAX_BYTES`, 10 MiB by
 * default); both are written into the presigned URL, so the storage itself refuses anything else.
 */
export const fileContentTypes: Record<FilePurpose, readonly string[]> = {
  attachment: attachmentTypes,
  avatar: imageTypes,
  logo: imageTypes,
};

export function isAllowedContentType(purpose: FilePurpose, contentType: string): boolean {
  return fileContentTypes[purpose].includes(contentType.toLowerCase());
}

export const fileSchema = z.object({
  id: idSchema,
  key: z.string(),
  purpose: filePurposeSchema,
  filename: z.string(),
  contentType: z.string(),
  size: z.number().int().nonnegative(),
  /** The storage's checksum of the object (an ETag, MD5 for single-part uploads), when it gives one. */
  checksum: z.string().nullable(),
  uploadedBy: idSchema.nullable(),
  createdAt: z.string(),
});
export type StoredFile = z.infer<typeof fileSchema>;

export const createUploadUrlInput = z.object({
  filename: z
    .string()
    .trim()
    .min(1, { error: 'Informe o nome do arquivo.' })
    .max(255, { error: 'Nome de arquivo longo demais.' }),
  contentType: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[a-z0-9.+-]+\/[a-z0-9.+-]+$/, { error: 'Tipo de arquivo inválido.' }),
  size: z.number().int().positive({ error: 'O arquivo está vazio.' }).max(Number.MAX_SAFE_INTEGER),
  purpose: filePurposeSchema,
});
export type CreateUploadUrlInput = z.infer<typeof createUploadUrlInput>;

export const uploadUrlSchema = z.object({
  uploadUrl: z.string(),
  fileKey: z.string(),
  /** Seconds the URL stays valid. */
  expiresIn: z.number().int(),
  /** Exactly the headers the PUT must carry: they are part of the signature. */
  headers: z.record(z.string(), z.string()),
  method: z.literal('PUT'),
});
export type UploadUrl = z.infer<typeof uploadUrlSchema>;

export const fileKeySchema = z.string().trim().min(1).max(1024);
export const confirmFileInput = z.object({ fileKey: fileKeySchema });
export const fileIdInput = z.object({ id: idSchema });
export const listFilesInput = z
  .object({
    purpose: filePurposeSchema.optional(),
    cursor: z.string().max(300).nullish(),
    limit: z.number().int().min(1).max(100).default(50),
  })
  .default({ limit: 50 });
export const filePageSchema = z.object({ items: z.array(fileSchema), nextCursor: z.string().nullable() });
export const downloadUrlSchema = z.object({ url: z.string(), expiresIn: z.number().int() });

/**
 * A bucket event notification as S3 and MinIO send it (`Records[]`, keys URL-encoded as in S3's own
 * notifications). Only what we read is required; everything else passes.
 */
export const bucketEventPayload = z.object({
  EventName: z.string().optional(),
  Records: z
    .array(
      z.object({
        eventName: z.string().max(200),
        s3: z.object({
          bucket: z.object({ name: z.string().max(255) }),
          object: z.object({
            key: z.string().min(1).max(2048),
            size: z.number().int().nonnegative().optional(),
            eTag: z.string().max(200).optional(),
          }),
        }),
      }),
    )
    .max(1000),
});
export type BucketEventPayload = z.infer<typeof bucketEventPayload>;
