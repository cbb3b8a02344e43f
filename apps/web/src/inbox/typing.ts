import { useEffect, useRef, useState } from 'react';
import { trpc } from '../api/trpc';
import { useRealtimeEvent } from '../realtime/RealtimeProvider';

/** While typing, tell the others at most this often; they forget us after TYPING_SHOWN_MS without news. */
const ANNOUNCE_EVERY_MS = 3_000;
const IDLE_AFTER_MS = 5_000;
const TYPING_SHOWN_MS = 7_000;

interface Typist {
  userId: string;
  userName: string;
  until: number;
}

/** Who else on the team is typing in this conversation right now. */
export function useOthersTyping(conversationId: string, myUserId: string | undefined): string[] {
  // The chat is remounted per conversation, so this list always belongs to `conversationId`.
  const [typists, setTypists] = useState<readonly Typist[]>([]);

  useRealtimeEvent((event) => {
    if (event.event_type !== 'typing') return;
    const { data } = event;
    if (data.conversationId !== conversationId || data.userId === myUserId) return;
    setTypists((current) => {
      const others = current.filter((t) => t.userId !== data.userId);
      return data.typing
        ? [...others, { userId: data.userId, userName: data.userName, until: Date.now() + TYPING_SHOWN_MS }]
        : others;
    });
  });

  // A typist who went silent (closed the tab, lost the connection) fades away.
  useEffect(() => {
    if (typists.length === 0) return;
    const soonest = Math.min(...typists.map((t) => t.until));
    const timer = setTimeout(
      () => setTypists((current) => current.filter((t) => t.until > Date.now())),
      Math.max(0, soonest - Date.now()) + 50,
    );
    return () => clearTimeout(timer);
  }, [typists]);

  return typists.map((t) => t.userName || 'Alguém da equipe');
}

/** "Bia está digitando…", "Bia e Caio estão digitando…" */
export function describeTypists(names: readonly string[]): string | null {
  if (names.length === 0) return null;
  if (names.length === 1) return `${names[0]} está digitando…`;
  const last = names[names.length - 1];
  return `${names.slice(0, -1).join(', ')} e ${last} estão digitando…`;
}

/**
 * Tells the rest of the team when this person is typing a reply: throttled while typing, and
 * "stopped" on pause, on leaving the field, on sending and on leaving the conversation.
 */
export function useTypingAnnouncer(conversationId: string): {
  onTyping: (text: string) => void;
  onStop: () => void;
} {
  const { client } = trpc.useUtils();
  const [announce] = useState(
    () => (input: { conversationId: string; typing: boolean }) =>
      // Typing is a courtesy: a lost announcement is not worth telling anyone about.
      void client.conversations.typing.mutate(input).catch(() => undefined),
  );
  const state = useRef({ announcedAt: 0, active: false, idleTimer: undefined as number | undefined });

  const stop = (id: string) => {
    const current = state.current;
    window.clearTimeout(current.idleTimer);
    if (!current.active) return;
    current.active = false;
    current.announcedAt = 0;
    announce({ conversationId: id, typing: false });
  };

  useEffect(() => {
    const current = state.current;
    return () => {
      // Leaving this conversation (or the page) ends typing in it.
      window.clearTimeout(current.idleTimer);
      if (current.active) {
        current.active = false;
        current.announcedAt = 0;
        announce({ conversationId, typing: false });
      }
    };
  }, [conversationId, announce]);

  return {
    onTyping: (text) => {
      if (text.trim() === '') {
        stop(conversationId);
        return;
      }
      const current = state.current;
      const now = Date.now();
      if (!current.active || now - current.announcedAt >= ANNOUNCE_EVERY_MS) {
        current.active = true;
        current.announcedAt = now;
        announce({ conversationId, typing: true });
      }
      window.clearTimeout(current.idleTimer);
      current.idleTimer = window.setTimeout(() => stop(conversationId), IDLE_AFTER_MS);
    },
    onStop: () => stop(conversationId),
  };
}
