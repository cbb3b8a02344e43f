import type { DecideAuthRequestOutput } from '@agenda-cheia/contracts';
import { appCodeOf, describeFailure } from '../forms/errors';

/** What the owner reads after deciding: the server's answer, in words. */
export interface DecisionNotice {
  tone: 'success' | 'warning' | 'error';
  text: string;
}

const NOT_TOLD = 'O cliente não foi avisado: nenhuma integração de WhatsApp ativa.';

/**
 * The server's answer to a decision. `who` names the client and the slot ("Maria Silva, ter., 24/11 às
 * 10:15"). Approving ahead of the client's answer leaves the request open: it books when they say yes.
 */
export function describeDecision(
  who: string,
  decision: 'approve' | 'reject',
  result: DecideAuthRequestOutput,
): DecisionNotice {
  const told = (text: string) => (result.clientNotificationSent ? text : NOT_TOLD);
  switch (result.status) {
    case 'booked':
      return {
        tone: 'success',
        text: `Agendado: ${who}. ${told('O cliente recebeu a confirmação.')}`,
      };
    case 'rejected':
      return { tone: 'success', text: `Recusado: ${who}. ${told('O cliente foi avisado.')}` };
    case 'slot_taken':
      return {
        tone: 'warning',
        text: result.clientNotificationSent
          ? `Horário ocupado — cliente recebeu alternativas (${who}).`
          : `Horário ocupado (${who}). ${NOT_TOLD}`,
      };
    case 'open':
      return {
        tone: 'success',
        text:
          decision === 'approve'
            ? `Aprovado: ${who}. Vira agendamento assim que o cliente aceitar.`
            : `Recusado: ${who}.`,
      };
    default:
      return { tone: 'warning', text: `O pedido de ${who} não está mais aberto.` };
  }
}

/**
 * A decision the server refused. `gone`: the request is no longer the owner's to decide (someone else
 * decided it, it expired, the client declined), so it leaves the list.
 */
export function describeDecisionFailure(error: unknown): DecisionNotice & { gone: boolean } {
  const code = appCodeOf(error);
  if (code === 'ALREADY_DECIDED') {
    return { tone: 'warning', text: 'Já decidido por outra pessoa.', gone: true };
  }
  if (code === 'INVALID_STATE' || code === 'NOT_FOUND') {
    return { tone: 'warning', text: describeFailure(error).message, gone: true };
  }
  return { tone: 'error', text: describeFailure(error).message, gone: false };
}
