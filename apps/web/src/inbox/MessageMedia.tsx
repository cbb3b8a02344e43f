import type { Media } from '@agenda-cheia/contracts';
import { displayName } from '../files/fileKinds';
import { StoredFileView } from '../files/FileView';
import { PaperclipIcon } from '../files/icons';

/**
 * A message's file. A file the client sent on WhatsApp is fetched by the server after the message
 * arrives: until then it is `pending`, and `message_updated` brings the stored version into the bubble.
 */
export function MessageMedia({ media }: { media: Media }) {
  const name = displayName(media);
  if (media.state === 'pending') {
    return (
      <p className="message-media message-media-pending" aria-busy="true">
        <PaperclipIcon /> Recebendo {name}…
      </p>
    );
  }
  if (media.state === 'failed') {
    return (
      <p className="message-media message-media-failed">
        <PaperclipIcon /> Não foi possível receber {name}
        {media.error === null ? '.' : `: ${media.error}`}
      </p>
    );
  }
  if (media.fileId !== null) {
    return (
      <StoredFileView
        file={{ fileId: media.fileId, mimeType: media.mimeType, filename: media.filename, size: media.size }}
      />
    );
  }
  // Older messages point straight at the provider's copy.
  if (media.url !== null) {
    return (
      <a className="message-media" href={media.url} target="_blank" rel="noreferrer">
        <PaperclipIcon /> {name}
      </a>
    );
  }
  return null;
}
