import { randomUUID } from 'node:crypto';
import type { AgentConfig, ChatIntent } from '@agenda-cheia/contracts';
import {
  type AuthRequestDesk,
  type ChatContext,
  type ClientActions,
  type ClientMessenger,
  type Clock,
  type EventBus,
  findServingAgentConfig,
  loadChatContext,
  saveAgentState,
} from '@agenda-cheia/core';
import type { Database, Kysely } from '@agenda-cheia/db';
import { type Understanding, understand } from '../understanding';
import { readAgentState, type AgentState } from './agent-state';
import { createChatTools, type ChatTools } from './chat-tools';
import { type AgentTurn, runOfflineTurn } from './offline-agent';

/** One turn by the LLM: the same tools, streamed deltas; throws when the LLM cannot answer. */
export type LlmTurnRunner = (input: {
  context: ChatContext;
  agent: AgentConfig;
  tools: ChatTools;
  message: string;
  /** The rule-based reading of `message`, made once per turn: the intent when the model's tools say none. */
  understood: Understanding;
  state: AgentState;
  now: Date;
  onDelta: (text: string) => void;
  signal?: AbortSignal;
}) => Promise<AgentTurn>;

export interface ChatAgentDeps {
  db: Kysely<Database>;
  bus: EventBus;
  clock: Clock;
  authRequests: AuthRequestDesk;
  clientActions: ClientActions;
  messenger: ClientMessenger;
  /** The LLM for a tenant (its own integration, else the deployment's), or null: the offline agent serves. */
  llmFor?(tenantId: string, agent: AgentConfig): Promise<LlmTurnRunner | null>;
  onLlmFailure?(error: unknown, tenantId: string): void;
}

export interface ChatReply {
  text: string;
  intent: ChatIntent;
  engine: 'llm' | 'offline';
  authRequestId: string | null;
  bookingCreated: boolean;
  messageId: string | null;
}

/** What the client wrote since the agent (or the team) last spoke: quick messages read as one. */
export function pendingClientText(context: ChatContext): string {
  const pending: string[] = [];
  for (let i = context.history.length - 1; i >= 0; i--) {
    const entry = context.history[i];
    if (!entry || entry.author !== 'client') break;
    pending.unshift(entry.text);
  }
  return pending.join('\n').trim();
}

/**
 * Runs the agent for one conversation turn and decides the engine: the LLM when one is configured,
 * the offline agent otherwise and whenever the LLM fails, so a client always gets an answer.
 */
export async function runAgentTurn(
  deps: Pick<ChatAgentDeps, 'llmFor' | 'onLlmFailure'>,
  input: {
    context: ChatContext;
    agent: AgentConfig;
    tools: ChatTools;
    message: string;
    now: Date;
    onDelta: (text: string) => void;
  },
): Promise<AgentTurn & { engine: 'llm' | 'offline' }> {
  const state = readAgentState(input.context.conversation.agentState, input.now);
  // Opting out is a rule, not a conversation: it never depends on a model.
  const understood = understand(input.message, {
    now: input.now,
    timeZone: input.context.tenant.timezone,
    services: input.context.services,
  });
  const llm =
    deps.llmFor && !understood.optOut ? await deps.llmFor(input.context.tenant.id, input.agent) : null;
  if (llm) {
    try {
      return { ...(await llm({ ...input, understood, state })), engine: 'llm' };
    } catch (error) {
      deps.onLlmFailure?.(error, input.context.tenant.id);
    }
  }
  const turn = await runOfflineTurn({ ...input, understood, state, greeting: input.agent.greeting });
  input.onDelta(turn.text);
  return { ...turn, engine: 'offline' };
}

/**
 * The ChatAgent: answers a client's message in a conversation in `ai` mode. Called by a durable job,
 * never inside the webhook request. The reply streams to dashboards (`ai_response_delta`), is stored as a
 * message and goes out through the outbound queue, then `ai_response` says what happened.
 */
export function createChatAgent(deps: ChatAgentDeps) {
  const { db, bus, clock } = deps;

  return {
    async replyTo(job: {
      tenantId: string;
      conversationId: string;
      messageId: string;
    }): Promise<ChatReply | null> {
      const now = clock.now();
      const context = await loadChatContext(db, job.tenantId, job.conversationId, now);
      if (context.conversation.mode !== 'ai') return null;
      // Only the newest client message is answered; earlier ones are read together with it.
      const last = context.history.at(-1);
      if (last?.id !== job.messageId || last.author !== 'client') return null;

      const message = pendingClientText(context);
      if (!message) return null;
      const agent = await findServingAgentConfig(db, job.tenantId, now);
      const tools = createChatTools(
        { db, authRequests: deps.authRequests, clientActions: deps.clientActions, clock },
        context,
        { dryRun: false },
      );
      const replyId = randomUUID();
      const turn = await runAgentTurn(deps, {
        context,
        agent,
        tools,
        message,
        now,
        onDelta: (delta) => {
          void bus.publish(job.tenantId, {
            event_type: 'ai_response_delta',
            data: { conversationId: job.conversationId, replyId, delta },
          });
        },
      });
      await saveAgentState(db, job.tenantId, job.conversationId, turn.state);

      // A handover (complaint) still answers the client, then the team takes over.
      const sent = await deps.messenger.send({
        tenantId: job.tenantId,
        clientId: context.client.id,
        text: turn.text,
        author: 'ai',
        intent: turn.intent,
        idempotencyKey: `ai-reply:${job.messageId}`,
        conversationId: job.conversationId,
      });
      await bus.publish(job.tenantId, {
        event_type: 'ai_response',
        data: {
          conversationId: job.conversationId,
          replyId,
          messageId: sent.messageId,
          text: turn.text,
          intent: turn.intent,
          booking_created: turn.bookingCreated,
          authRequestId: turn.authRequestId,
          engine: turn.engine,
        },
      });
      return {
        text: turn.text,
        intent: turn.intent,
        engine: turn.engine,
        authRequestId: turn.authRequestId,
        bookingCreated: turn.bookingCreated,
        messageId: sent.messageId,
      };
    },
  };
}

export type ChatAgent = ReturnType<typeof createChatAgent>;
