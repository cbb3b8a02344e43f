import {
  confirmFileInput,
  createUploadUrlInput,
  downloadUrlSchema,
  fileIdInput,
  filePageSchema,
  fileSchema,
  listFilesInput,
  uploadUrlSchema,
} from '@agenda-cheia/contracts';
import { z } from 'zod';
import { protectedProcedure, router } from '../init';

/**
 * Files on S3: the browser uploads straight to the storage with a URL signed here for one key, type
 * and length, then confirms; downloads are short-lived presigned URLs.
 */
export const filesRouter = router({
  createUploadUrl: protectedProcedure
    .input(createUploadUrlInput)
    .output(uploadUrlSchema)
    .mutation(({ ctx, input }) => ctx.services.files.createUploadUrl(ctx.actor, input)),

  confirm: protectedProcedure
    .input(confirmFileInput)
    .output(fileSchema)
    .mutation(({ ctx, input }) => ctx.services.files.confirm(ctx.actor, input.fileKey)),

  list: protectedProcedure
    .input(listFilesInput)
    .output(filePageSchema)
    .query(({ ctx, input }) => ctx.services.files.list(ctx.actor, input)),

  get: protectedProcedure
    .input(fileIdInput)
    .output(fileSchema)
    .query(({ ctx, input }) => ctx.services.files.get(ctx.actor, input.id)),

  getDownloadUrl: protectedProcedure
    .input(fileIdInput.extend({ disposition: z.enum(['attachment', 'inline']).default('attachment') }))
    .output(downloadUrlSchema)
    .query(({ ctx, input }) =>
      ctx.services.files.downloadUrl(ctx.actor.tenantId, input.id, { disposition: input.disposition }),
    ),

  delete: protectedProcedure
    .input(fileIdInput)
    .output(z.object({ ok: z.literal(true) }))
    .mutation(async ({ ctx, input }) => {
      await ctx.services.files.remove(ctx.actor, input.id);
      return { ok: true as const };
    }),
});
