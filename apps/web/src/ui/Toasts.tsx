import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';

export interface ToastInput {
  /** Toasts with the same key replace each other (e.g. several messages from one conversation). */
  key: string;
  title: string;
  text: string;
  /** What clicking the toast does (it also closes). */
  onOpen?: () => void;
  /** `alert` for what needs the owner's attention soon (a complaint, a cancellation). */
  tone?: 'info' | 'alert';
}

interface Toast extends ToastInput {
  serial: number;
}

const SHOWN_FOR_MS = 8_000;
const MAX_SHOWN = 3;

type ShowToast = (toast: ToastInput) => void;

const ToastContext = createContext<ShowToast | null>(null);

export function useShowToast(): ShowToast {
  const show = useContext(ToastContext);
  if (show === null) throw new Error('useShowToast needs a <ToastProvider> above it');
  return show;
}

function ToastCard({ toast, close }: { toast: Toast; close: (key: string) => void }) {
  const { key, serial } = toast;
  useEffect(() => {
    // A replaced toast (new serial) gets its full time again.
    const timer = setTimeout(() => close(key), SHOWN_FOR_MS);
    return () => clearTimeout(timer);
  }, [key, serial, close]);
  const onClose = () => close(key);

  const content = (
    <>
      <span className="toast-title">{toast.title}</span>
      <span className="toast-text">{toast.text}</span>
    </>
  );
  return (
    <li className={toast.tone === 'alert' ? 'toast toast-alert' : 'toast'}>
      {toast.onOpen === undefined ? (
        <div className="toast-body">{content}</div>
      ) : (
        <button
          type="button"
          className="toast-body"
          onClick={() => {
            toast.onOpen?.();
            onClose();
          }}
        >
          {content}
        </button>
      )}
      <button type="button" className="toast-close" aria-label="Fechar aviso" onClick={onClose}>
        ✕
      </button>
    </li>
  );
}

/** Short notices in a corner, announced to screen readers, gone by themselves after a few seconds. */
export function ToastProvider({ children }: { children: ReactNode }) {
  const [toasts, setToasts] = useState<readonly Toast[]>([]);
  const [{ show, close }] = useState(() => {
    let serial = 0;
    return {
      show: (input: ToastInput) => {
        serial += 1;
        const toast = { ...input, serial };
        setToasts((current) => [...current.filter((t) => t.key !== input.key), toast].slice(-MAX_SHOWN));
      },
      close: (key: string) => setToasts((current) => current.filter((t) => t.key !== key)),
    };
  });

  return (
    <ToastContext value={show}>
      {children}
      <ol className="toasts" role="status" aria-live="polite" aria-label="Avisos">
        {toasts.map((toast) => (
          <ToastCard key={toast.key} toast={toast} close={close} />
        ))}
      </ol>
    </ToastContext>
  );
}
