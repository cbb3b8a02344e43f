import type { PlaygroundChunk, PlaygroundInput } from '@agenda-cheia/contracts';
import { AppError } from '@agenda-cheia/contracts';
import { findServingAgentConfig, loadPlaygroundContext } from '@agenda-cheia/core';
import { type ChatAgentDeps, pendingClientText, runAgentTurn } from './chat-agent';
import { createChatTools } from './chat-tools';

/**
 * The owner chats with an agent as a client would: the same understanding, tools and real data, but
 * every write is a dry run and nothing is sent to anyone. Yields the reply as it is generated.
 */
export async function* runPlayground(
  deps: Omit<ChatAgentDeps, 'messenger' | 'bus'>,
  tenantId: string,
  input: PlaygroundInput,
  signal?: AbortSignal,
): AsyncGenerator<PlaygroundChunk> {
  const now = deps.clock.now();
  const last = input.messages.at(-1);
  if (last?.role !== 'client')
    throw new AppError('VALIDATION_FAILED', 'A última mensagem deve ser do cliente.');
  const agent = await findServingAgentConfig(deps.db, tenantId, now, input.agentId);
  const context = await loadPlaygroundContext(
    deps.db,
    tenantId,
    {
      clientId: input.clientId,
      history: input.messages.map((m) => ({
        author: m.role === 'client' ? 'client' : 'ai',
        text: m.text,
        at: now,
      })),
      agentState: input.agentState ?? null,
    },
    now,
  );
  const tools = createChatTools(
    { db: deps.db, authRequests: deps.authRequests, clientActions: deps.clientActions, clock: deps.clock },
    context,
    { dryRun: true },
  );

  // The turn pushes deltas through this small channel while the generator yields them.
  const pending: PlaygroundChunk[] = [];
  let wake: (() => void) | undefined;
  const push = (chunk: PlaygroundChunk) => {
    pending.push(chunk);
    wake?.();
  };
  let finished = false;
  let failure: Error | undefined;
  const turn = runAgentTurn(deps, {
    context,
    agent,
    tools,
    message: pendingClientText(context),
    now,
    onDelta: (text) => push({ type: 'delta', text }),
  }).then(
    (result) => {
      push({
        type: 'done',
        text: result.text,
        intent: result.intent,
        authRequestId: result.authRequestId,
        engine: result.engine,
        agentState: result.state,
      });
    },
    (error: unknown) => {
      failure = error instanceof Error ? error : new Error(String(error));
    },
  );
  void turn.finally(() => {
    finished = true;
    wake?.();
  });

  while (!signal?.aborted) {
    const chunk = pending.shift();
    if (chunk) {
      yield chunk;
      continue;
    }
    if (finished) break;
    await new Promise<void>((resolve) => {
      wake = resolve;
    });
    wake = undefined;
  }
  if (failure) throw failure;
}
