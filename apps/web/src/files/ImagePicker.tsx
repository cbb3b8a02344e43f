import { useEffect, useId, useRef, useState, type ChangeEvent, type ReactNode } from 'react';
import { StoredImage } from './FileView';
import { acceptFor, checkFile, contentTypeOf } from './upload';
import type { FileUpload } from './useFileUpload';
import './files.css';

interface ImagePickerProps {
  /** What the picture is ("Logo", "Foto"): the group's name. */
  label: string;
  /** The buttons, e.g. { add: 'Enviar logo', change: 'Trocar logo', remove: 'Remover logo' }. */
  actions: { add: string; change: string; remove: string };
  purpose: 'logo' | 'avatar';
  /** The file shown now (saved, or chosen and not saved yet). */
  fileId: string | null;
  /** The parent's upload, so it can tell whether one is still going (e.g. before saving a form). */
  upload: FileUpload;
  onChange: (fileId: string | null) => void;
  /** Read-only: the picture without the buttons. */
  readOnly?: boolean;
  shape: 'round' | 'square';
  /** Shown when there is no picture (initials, an icon). */
  placeholder: ReactNode;
  hint?: string;
}

/**
 * One picture (business logo, professional photo): preview, choose another, remove. The chosen image
 * shows from this device while it uploads; `onChange` gets its id once the storage has it.
 */
export function ImagePicker(props: ImagePickerProps) {
  const { upload, fileId, onChange } = props;
  const id = useId();
  const [local, setLocal] = useState<{ url: string; file: File } | null>(null);
  const ownedUrl = useRef<string | null>(null);
  useEffect(
    () => () => {
      if (ownedUrl.current !== null) URL.revokeObjectURL(ownedUrl.current);
    },
    [],
  );

  const replaceLocal = (next: { url: string; file: File } | null) => {
    if (ownedUrl.current !== null) URL.revokeObjectURL(ownedUrl.current);
    ownedUrl.current = next?.url ?? null;
    setLocal(next);
  };

  const onFile = (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    // Choosing the same file again must fire another change.
    event.target.value = '';
    if (file === undefined) return;
    const fits = checkFile({ name: file.name, type: contentTypeOf(file), size: file.size }, props.purpose);
    replaceLocal(fits === null ? { url: URL.createObjectURL(file), file } : null);
    void upload.start(file).then((stored) => {
      if (stored !== null) onChange(stored.id);
    });
  };

  // Cancelling an upload keeps the picture there was; removing clears it.
  const cancel = () => {
    upload.reset();
    replaceLocal(null);
  };
  const remove = () => {
    cancel();
    onChange(null);
  };

  const { state } = upload;
  // This device's copy while it uploads and once it is the one chosen; the stored one otherwise.
  const showLocal =
    local !== null &&
    state.phase !== 'idle' &&
    state.file === local.file &&
    (state.phase === 'uploading' || (state.phase === 'done' && state.stored.id === fileId));
  const busy = state.phase === 'uploading';

  return (
    <div className="image-picker" role="group" aria-labelledby={`${id}-label`}>
      <span className="image-picker-label" id={`${id}-label`}>
        {props.label}
      </span>
      <div className="image-picker-row">
        <div className={`image-picker-preview image-picker-${props.shape}`} aria-busy={busy || undefined}>
          {showLocal ? (
            <img src={local.url} alt={props.label} />
          ) : fileId === null ? (
            props.placeholder
          ) : (
            <StoredImage fileId={fileId} alt={props.label} fallback={props.placeholder} />
          )}
        </div>
        {props.readOnly === true ? null : (
          <div className="image-picker-actions">
            <label className="button button-small file-button">
              {fileId === null && !busy ? props.actions.add : props.actions.change}
              <input
                type="file"
                className="visually-hidden"
                accept={acceptFor(props.purpose)}
                onChange={onFile}
                aria-describedby={props.hint === undefined ? undefined : `${id}-hint`}
              />
            </label>
            {fileId === null && !busy ? null : (
              <button
                type="button"
                className="button button-small button-danger-quiet"
                onClick={busy ? cancel : remove}
              >
                {busy ? 'Cancelar' : props.actions.remove}
              </button>
            )}
            {busy ? (
              <progress
                max={100}
                value={Math.round(state.progress * 100)}
                aria-label={`Enviando ${props.label.toLowerCase()}`}
              />
            ) : null}
          </div>
        )}
      </div>
      {state.phase === 'failed' ? (
        <p className="field-error" role="alert">
          {state.error}
        </p>
      ) : null}
      {props.hint === undefined || props.readOnly === true ? null : (
        <p className="field-hint" id={`${id}-hint`}>
          {props.hint}
        </p>
      )}
    </div>
  );
}
