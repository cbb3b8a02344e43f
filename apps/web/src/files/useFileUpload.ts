import type { FilePurpose, StoredFile } from '@agenda-cheia/contracts';
import { useEffect, useRef, useState } from 'react';
import { trpc } from '../api/trpc';
import { describeUploadFailure, uploadFile, type UploadApi } from './upload';

export type UploadState =
  | { phase: 'idle' }
  | { phase: 'uploading'; file: File; progress: number }
  | { phase: 'done'; file: File; stored: StoredFile }
  | { phase: 'failed'; file: File; error: string };

export interface FileUpload {
  state: UploadState;
  /** Uploads `file`, replacing any upload in flight; null when it failed or was cancelled (see `state`). */
  start: (file: File) => Promise<StoredFile | null>;
  /** Stops the upload in flight, if any, and forgets the file. */
  reset: () => void;
}

/** Percent steps: progress events come many times a second, a re-render per percent is plenty. */
function percentOf(fraction: number): number {
  return Math.floor(fraction * 100);
}

/** One file at a time for `purpose`: upload with progress, cancellable, stopped when the component goes. */
export function useFileUpload(purpose: FilePurpose): FileUpload {
  const { client } = trpc.useUtils();
  const [state, setState] = useState<UploadState>({ phase: 'idle' });
  const inFlight = useRef<AbortController | null>(null);

  useEffect(() => () => inFlight.current?.abort(), []);

  const api: UploadApi = {
    createUploadUrl: (input, signal) => client.files.createUploadUrl.mutate(input, { signal }),
    confirm: (input, signal) => client.files.confirm.mutate(input, { signal }),
  };

  const start = async (file: File): Promise<StoredFile | null> => {
    inFlight.current?.abort();
    const controller = new AbortController();
    inFlight.current = controller;
    let shown = 0;
    setState({ phase: 'uploading', file, progress: 0 });
    try {
      const stored = await uploadFile({
        file,
        purpose,
        api,
        signal: controller.signal,
        onProgress: (fraction) => {
          const percent = percentOf(fraction);
          if (percent === shown || controller.signal.aborted) return;
          shown = percent;
          setState({ phase: 'uploading', file, progress: percent / 100 });
        },
      });
      if (controller.signal.aborted) return null;
      setState({ phase: 'done', file, stored });
      return stored;
    } catch (error) {
      const message = describeUploadFailure(error);
      // A cancelled upload was replaced or reset: the state already says what came next.
      if (message !== null && !controller.signal.aborted) setState({ phase: 'failed', file, error: message });
      return null;
    } finally {
      if (inFlight.current === controller) inFlight.current = null;
    }
  };

  const reset = () => {
    inFlight.current?.abort();
    inFlight.current = null;
    setState({ phase: 'idle' });
  };

  return { state, start, reset };
}
