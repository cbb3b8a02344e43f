import { skipToken } from '@tanstack/react-query';
import { useState, type MouseEvent, type ReactNode } from 'react';
import { trpc } from '../api/trpc';
import { describeFile, displayName, fileKindOf, FRESH_URL_MS, refreshAfterMs } from './fileKinds';
import { FileKindIcon } from './icons';
import './files.css';

type Disposition = 'inline' | 'attachment';

/** Presigned URLs die within minutes: the cache may not keep them much longer than that. */
const URL_CACHE_MS = 60_000;

/**
 * A short-lived URL for a stored file: `inline` to show it in the page, `attachment` to download it
 * under its name. Considered stale before it expires, so a remount or a refocus asks for a new one.
 */
export function useFileUrl(fileId: string | null, disposition: Disposition) {
  const query = trpc.files.getDownloadUrl.useQuery(
    fileId === null ? skipToken : { id: fileId, disposition },
    {
      staleTime: (current) => {
        const data = current.state.data;
        return data === undefined ? 0 : refreshAfterMs(data.expiresIn);
      },
      gcTime: URL_CACHE_MS,
    },
  );
  const { data, dataUpdatedAt, refetch } = query;
  return {
    url: data?.url ?? null,
    isError: query.isError,
    /** After the URL failed to load: a new one, unless it was just issued (then the file is the problem). */
    refreshIfOld: () => {
      if (Date.now() - dataUpdatedAt > FRESH_URL_MS) void refetch();
    },
    /** Whether the URL has time left to be used now (read in event handlers: it depends on the clock). */
    isFresh: () => data !== undefined && Date.now() - dataUpdatedAt < refreshAfterMs(data.expiresIn),
    renew: async (): Promise<string | null> => (await refetch()).data?.url ?? null,
  };
}

/** A stored image; `fallback` while its URL is on the way, or when it cannot be shown. */
export function StoredImage(props: {
  fileId: string;
  alt: string;
  className?: string;
  fallback?: ReactNode;
}) {
  const { url, isError, refreshIfOld } = useFileUrl(props.fileId, 'inline');
  const [broken, setBroken] = useState<string | null>(null);
  if (url === null || isError || url === broken) return props.fallback ?? null;
  return (
    <img
      src={url}
      alt={props.alt}
      className={props.className}
      decoding="async"
      onError={() => {
        setBroken(url);
        refreshIfOld();
      }}
    />
  );
}

/** "Baixar": a plain link (long-press and middle-click work), renewed on click when about to expire. */
export function DownloadLink({ fileId, name }: { fileId: string; name: string }) {
  const { url, isFresh, renew } = useFileUrl(fileId, 'attachment');
  const [failed, setFailed] = useState(false);
  const onClick = (event: MouseEvent<HTMLAnchorElement>) => {
    setFailed(false);
    if (isFresh()) return;
    event.preventDefault();
    renew().then(
      (next) => {
        if (next === null) setFailed(true);
        // The storage answers with Content-Disposition: attachment, so the page stays where it is.
        else window.location.assign(next);
      },
      () => setFailed(true),
    );
  };
  return (
    <>
      <a
        className="file-download"
        href={url ?? undefined}
        aria-disabled={url === null || undefined}
        aria-label={`Baixar ${name}`}
        onClick={onClick}
      >
        Baixar
      </a>
      {failed ? (
        <span className="file-problem" role="alert">
          Não foi possível baixar agora. Tente novamente.
        </span>
      ) : null}
    </>
  );
}

export interface ShownFile {
  fileId: string;
  mimeType: string;
  filename: string | null;
  size: number | null;
}

function StoredAudio({ file, name }: { file: ShownFile; name: string }) {
  const { url, refreshIfOld } = useFileUrl(file.fileId, 'inline');
  return (
    <div className="file-view file-audio">
      {url === null ? null : (
        <audio controls preload="metadata" src={url} aria-label={name} onError={refreshIfOld} />
      )}
      <div className="file-meta">
        <span className="file-name">{name}</span>
        <span className="file-size">{describeFile(file)}</span>
        <DownloadLink fileId={file.fileId} name={name} />
      </div>
    </div>
  );
}

function StoredDocument({ file, name }: { file: ShownFile; name: string }) {
  const { url } = useFileUrl(file.fileId, 'inline');
  return (
    <div className="file-view file-chip">
      <span className="file-icon">
        <FileKindIcon kind="document" />
      </span>
      <span className="file-chip-main">
        {url === null ? (
          <span className="file-name">{name}</span>
        ) : (
          <a className="file-name" href={url} target="_blank" rel="noreferrer">
            {name}
          </a>
        )}
        <span className="file-size">{describeFile(file)}</span>
      </span>
      <DownloadLink fileId={file.fileId} name={name} />
    </div>
  );
}

function StoredPicture({ file, name }: { file: ShownFile; name: string }) {
  const { url } = useFileUrl(file.fileId, 'inline');
  const placeholder = <span className="file-image-placeholder" role="img" aria-label={name} />;
  const image = <StoredImage fileId={file.fileId} alt={name} className="file-image" fallback={placeholder} />;
  return (
    <figure className="file-view file-picture">
      {url === null ? (
        image
      ) : (
        <a href={url} target="_blank" rel="noreferrer" title={`Abrir ${name}`}>
          {image}
        </a>
      )}
      <figcaption className="file-meta">
        <DownloadLink fileId={file.fileId} name={name} />
      </figcaption>
    </figure>
  );
}

/** A stored file: images and audio in the page, anything else (PDF) as a chip; each with "Baixar". */
export function StoredFileView({ file }: { file: ShownFile }) {
  const name = displayName(file);
  switch (fileKindOf(file.mimeType)) {
    case 'image':
      return <StoredPicture file={file} name={name} />;
    case 'audio':
      return <StoredAudio file={file} name={name} />;
    case 'document':
      return <StoredDocument file={file} name={name} />;
  }
}

/** A file still on this device (being sent): the local preview of an image, or its name and size. */
export function LocalFileView(props: {
  previewUrl: string | null;
  mimeType: string;
  filename: string;
  size: number;
}) {
  const { previewUrl, filename } = props;
  if (previewUrl !== null && fileKindOf(props.mimeType) === 'image') {
    return (
      <figure className="file-view file-picture">
        <img src={previewUrl} alt={filename} className="file-image" />
      </figure>
    );
  }
  return (
    <div className="file-view file-chip">
      <span className="file-icon">
        <FileKindIcon kind={fileKindOf(props.mimeType)} />
      </span>
      <span className="file-chip-main">
        <span className="file-name">{filename}</span>
        <span className="file-size">{describeFile(props)}</span>
      </span>
    </div>
  );
}
