import { describe, expect, it } from 'vitest';
import { describeDecision, describeDecisionFailure } from './decisionOutcome';

const who = 'Maria Silva, ter., 24/11 às 10:15';

/** An error as the tRPC client hands it over when the API answered. */
function apiError(appCode: string, message: string) {
  return { message, data: { appCode, code: 'CONFLICT', httpStatus: 409 } };
}

describe('what the owner reads after deciding', () => {
  it('confirms a booking and says whether the client was told', () => {
    expect(
      describeDecision(who, 'approve', {
        status: 'booked',
        appointmentId: 'x',
        clientNotificationSent: true,
      }),
    ).toEqual({ tone: 'success', text: `Agendado: ${who}. O cliente recebeu a confirmação.` });
    expect(
      describeDecision(who, 'approve', {
        status: 'booked',
        appointmentId: 'x',
        clientNotificationSent: false,
      }).text,
    ).toContain('O cliente não foi avisado');
  });

  it('tells that the slot was taken and the client got alternatives', () => {
    const notice = describeDecision(who, 'approve', { status: 'slot_taken', clientNotificationSent: true });
    expect(notice.tone).toBe('warning');
    expect(notice.text).toMatch(/^Horário ocupado — cliente recebeu alternativas/);
  });

  it('explains an approval given before the client answered the offer', () => {
    expect(describeDecision(who, 'approve', { status: 'open', clientNotificationSent: false }).text).toBe(
      `Aprovado: ${who}. Vira agendamento assim que o cliente aceitar.`,
    );
  });

  it('confirms a rejection', () => {
    expect(describeDecision(who, 'reject', { status: 'rejected', clientNotificationSent: true }).text).toBe(
      `Recusado: ${who}. O cliente foi avisado.`,
    );
  });

  it('says someone else decided first, and that the request is gone', () => {
    expect(describeDecisionFailure(apiError('ALREADY_DECIDED', 'Este pedido já foi decidido.'))).toEqual({
      tone: 'warning',
      text: 'Já decidido por outra pessoa.',
      gone: true,
    });
  });

  it("shows the server's reason when the request is no longer open", () => {
    const expired = describeDecisionFailure(
      apiError('INVALID_STATE', 'Este pedido expirou e o horário foi liberado.'),
    );
    expect(expired).toEqual({
      tone: 'warning',
      text: 'Este pedido expirou e o horário foi liberado.',
      gone: true,
    });
  });

  it('keeps the request when the server could not be reached', () => {
    const offline = describeDecisionFailure(new TypeError('Failed to fetch'));
    expect(offline.gone).toBe(false);
    expect(offline.text).toMatch(/Não foi possível falar com o servidor/);
  });
});
