import { useCallback, useEffect, useRef, useState } from 'react';
import { trpc } from '../api/trpc';
import { fileKindOf } from '../files/fileKinds';
import { checkFile, contentTypeOf } from '../files/upload';
import { useFileUpload, type UploadState } from '../files/useFileUpload';
import type { PendingAttachment } from './outbox';

export interface ComposerAttachment {
  state: UploadState;
  /** An object URL of the chosen image, shown while it uploads (no round trip to the storage). */
  preview: string | null;
  choose: (file: File) => void;
  remove: () => void;
  /** The uploaded file, handed to the reply being sent (with its preview); the composer is empty after. */
  take: () => PendingAttachment | null;
}

/** The one file a reply may carry: uploaded as soon as it is chosen, so sending is instant. */
export function useComposerAttachment(): ComposerAttachment {
  const upload = useFileUpload('attachment');
  const utils = trpc.useUtils();
  const { client } = utils;
  const [preview, setPreview] = useState<string | null>(null);
  // For the unmount cleanup: what was not handed to a reply goes with the composer.
  const ownedPreview = useRef<string | null>(null);
  const unsentFile = useRef<string | null>(null);

  /**
   * A file uploaded for a reply that was not sent is referenced by nothing, and the server only sweeps
   * uploads never confirmed: it is deleted here (best effort: a failure only leaves it stored).
   */
  const discardUnsent = useCallback(() => {
    const id = unsentFile.current;
    unsentFile.current = null;
    if (id !== null) client.files.delete.mutate({ id }).catch(() => undefined);
  }, [client]);

  useEffect(
    () => () => {
      if (ownedPreview.current !== null) URL.revokeObjectURL(ownedPreview.current);
      discardUnsent();
    },
    [discardUnsent],
  );

  const replacePreview = (next: string | null, release: boolean) => {
    if (release && ownedPreview.current !== null) URL.revokeObjectURL(ownedPreview.current);
    ownedPreview.current = next;
    setPreview(next);
  };

  return {
    state: upload.state,
    preview,
    choose: (file) => {
      const type = contentTypeOf(file);
      const showable =
        fileKindOf(type) === 'image' &&
        checkFile({ name: file.name, type, size: file.size }, 'attachment') === null;
      replacePreview(showable ? URL.createObjectURL(file) : null, true);
      discardUnsent();
      void upload.start(file).then((stored) => {
        if (stored === null) return;
        unsentFile.current = stored.id;
        // The sent message shows the stored copy: its URL is ready by the time the message is.
        void utils.files.getDownloadUrl.prefetch({ id: stored.id, disposition: 'inline' });
      });
    },
    remove: () => {
      upload.reset();
      replacePreview(null, true);
      discardUnsent();
    },
    take: () => {
      if (upload.state.phase !== 'done') return null;
      const { stored } = upload.state;
      unsentFile.current = null;
      replacePreview(null, false);
      upload.reset();
      return {
        fileId: stored.id,
        filename: stored.filename,
        mimeType: stored.contentType,
        size: stored.size,
        previewUrl: preview,
      };
    },
  };
}
