import type { PlaygroundChunk, PlaygroundInput } from '@agenda-cheia/contracts';
import { AppError } from '@agenda-cheia/contracts';
import { findServingAgentConfig, loadPlaygroundContext } from '@agenda-cheia/core';
import { type ChatAgentDeps, pendingClientText, runAgentTurn } from './chat-agent';
import { type ChatTools, createChatTools } from './chat-tools';

/** Tells the owner which of the agent's hands moved, as they move (both engines use the same tools). */
function reportingToolCalls(tools: ChatTools, report: (name: string, summary: string) => void): ChatTools {
  const said = <T>(name: string, summary: string, run: () => Promise<T>): Promise<T> => {
    report(name, summary);
    return run();
  };
  return {
    findSlots: (query) => said('find_free_slots', 'Consultou horários livres', () => tools.findSlots(query)),
    requestBooking: (slot) =>
      said('create_auth_request', 'Criaria o pedido de agendamento', () => tools.requestBooking(slot)),
    answerOffer: (id, answer) =>
      said('answer_offer', 'Registraria a resposta à oferta', () => tools.answerOffer(id, answer)),
    cancelAppointment: (id) =>
      said('cancel_appointment', 'Cancelaria o horário', () => tools.cancelAppointment(id)),
    confirmAppointment: (id) =>
      said('confirm_appointment', 'Confirmaria o horário', () => tools.confirmAppointment(id)),
    handOver: (kind, body) =>
      said('handover_to_human', 'Passaria a conversa para a equipe', () => tools.handOver(kind, body)),
    optOut: () => said('opt_out', 'Descadastraria o cliente das campanhas', () => tools.optOut()),
    withdrawOpenChatRequests: (except) =>
      said('withdraw_requests', 'Retiraria pedidos anteriores do cliente', () =>
        tools.withdrawOpenChatRequests(except),
      ),
  };
}

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
      history: input.messages.map((m, i) => ({
        id: `playground-${i}`,
        author: m.role === 'client' ? 'client' : 'ai',
        text: m.text,
        at: now,
      })),
      agentState: input.agentState ?? null,
    },
    now,
  );
  const dryTools = createChatTools(
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
  const tools = reportingToolCalls(dryTools, (name, summary) => push({ type: 'tool', name, summary }));
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
