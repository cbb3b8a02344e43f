import { useEffect, useId, useRef, useState } from 'react';

type CopyState = 'idle' | 'copied' | 'manual';

/** A read-only value with a button that puts it on the clipboard (or selects it, where that is refused). */
export function CopyField({ label, value, hint }: { label: string; value: string; hint?: string }) {
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [state, setState] = useState<CopyState>('idle');

  useEffect(() => {
    if (state === 'idle') return;
    const timer = setTimeout(() => setState('idle'), 3_000);
    return () => clearTimeout(timer);
  }, [state]);

  const copy = () => {
    // The clipboard needs a secure context and permission; selecting the text always works.
    // (Outside a secure context navigator.clipboard is missing: the chained call then rejects.)
    Promise.resolve()
      .then(() => navigator.clipboard.writeText(value))
      .then(
        () => setState('copied'),
        () => {
          input.current?.select();
          setState('manual');
        },
      );
  };

  return (
    <div className="field copy-field">
      <label htmlFor={id}>{label}</label>
      <div className="copy-field-row">
        <input
          id={id}
          ref={input}
          readOnly
          value={value}
          spellCheck={false}
          onFocus={(event) => event.currentTarget.select()}
          aria-describedby={hint === undefined ? undefined : `${id}-hint`}
        />
        <button type="button" className="button button-small" onClick={copy} aria-label={`Copiar ${label}`}>
          {state === 'copied' ? 'Copiado!' : 'Copiar'}
        </button>
      </div>
      {hint === undefined ? null : (
        <p className="field-hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      <span className="visually-hidden" role="status">
        {state === 'copied'
          ? `${label} copiado.`
          : state === 'manual'
            ? 'Texto selecionado: use Ctrl+C.'
            : ''}
      </span>
    </div>
  );
}
