import type { ProcedureType } from './callers';
import { at, freshPhone, nextWeekday, type TenantA, type TenantB } from './tenants';

/** Who may call a procedure: anyone, any signed-in member of the business, or its owner and admins. */
export type Access = 'public' | 'member' | 'manager';

type Input = (a: TenantA, b: TenantB) => unknown;

export interface Attack {
  /** Built from tenant A's ids (sometimes mixed with B's own, the more dangerous shape). */
  input: Input;
  /** `ok` (the call concerns only B's own data) or the refusal's appCode. */
  expect: string;
}

export interface ProcedureCase {
  type: ProcedureType;
  access: Access;
  /**
   * Tenant B's owner calling with A's ids. The first attack is also what the anonymous pass sends: every
   * non-public procedure must refuse it with UNAUTHENTICATED, a public one must answer as it does B.
   */
  asOtherTenant: [Attack, ...Attack[]];
  /**
   * A's staff member (the smallest role): `ok`, or the domain refusal it meets. Manager-only procedures
   * must answer FORBIDDEN (checked by the test, not written here). Runs in table order, after the passes
   * above, so its changes to A cannot hide theirs.
   */
  asStaff?: { input?: Input; expect: string };
}

const week = () => {
  const from = at(nextWeekday(2, 1), '00:00');
  return { from: from.toISOString(), to: new Date(from.getTime() + 7 * 86_400_000).toISOString() };
};
const soon = (weekday: number, time: string) => at(nextWeekday(weekday, 2), time).toISOString();
const RANDOM_REFRESH_TOKEN = 'x'.repeat(43);
const notA = (input: Input): Attack => ({ input, expect: 'NOT_FOUND' });

/**
 * Every procedure of the router, with who may call it and what an intruder gets. The test fails when the
 * router has a procedure this table does not list (or lists one it no longer has), so it cannot fall behind.
 */
export const procedureTable: Record<string, ProcedureCase> = {
  'auth.register': {
    type: 'mutation',
    access: 'public',
    asOtherTenant: [
      {
        input: (a) => ({
          businessName: 'Outro',
          name: 'Outra',
          email: a.ownerEmail,
          password: 'senha-forte-123',
        }),
        expect: 'EMAIL_TAKEN',
      },
    ],
    asStaff: { expect: 'EMAIL_TAKEN' },
  },
  'auth.login': {
    type: 'mutation',
    access: 'public',
    asOtherTenant: [
      { input: (a) => ({ email: a.ownerEmail, password: 'nao-e-a-senha' }), expect: 'INVALID_CREDENTIALS' },
    ],
    asStaff: { expect: 'INVALID_CREDENTIALS' },
  },
  'auth.refresh': {
    type: 'mutation',
    access: 'public',
    asOtherTenant: [{ input: () => ({ refreshToken: RANDOM_REFRESH_TOKEN }), expect: 'TOKEN_INVALID' }],
    asStaff: { expect: 'TOKEN_INVALID' },
  },
  'auth.logout': {
    type: 'mutation',
    access: 'public',
    asOtherTenant: [{ input: () => ({ refreshToken: RANDOM_REFRESH_TOKEN }), expect: 'ok' }],
    asStaff: { expect: 'ok' },
  },
  'auth.me': {
    type: 'query',
    access: 'member',
    asOtherTenant: [{ input: () => undefined, expect: 'ok' }],
    asStaff: { expect: 'ok' },
  },

  'users.list': {
    type: 'query',
    access: 'manager',
    asOtherTenant: [{ input: () => undefined, expect: 'ok' }],
  },
  'users.create': {
    type: 'mutation',
    access: 'manager',
    asOtherTenant: [
      {
        input: (a) => ({ name: 'Intrusa', email: a.staffEmail, password: 'senha-forte-123', role: 'admin' }),
        expect: 'EMAIL_TAKEN',
      },
    ],
  },
  'users.updateProfile': {
    type: 'mutation',
    access: 'member',
    asOtherTenant: [
      { input: () => ({ name: 'Dono renomeado' }), expect: 'ok' },
      { input: (a) => ({ email: a.staffEmail }), expect: 'EMAIL_TAKEN' },
    ],
    asStaff: { input: (a) => ({ name: `Carla ${a.tag} Souza` }), expect: 'ok' },
  },
  'users.changePassword': {
    type: 'mutation',
    access: 'member',
    asOtherTenant: [
      {
        input: (a) => ({ currentPassword: a.ownerPassword, newPassword: 'senha-nova-123' }),
        expect: 'WRONG_PASSWORD',
      },
    ],
    asStaff: { expect: 'WRONG_PASSWORD' },
  },

  'tenant.get': {
    type: 'query',
    access: 'member',
    asOtherTenant: [{ input: () => undefined, expect: 'ok' }],
    asStaff: { expect: 'ok' },
  },
  'tenant.update': {
    type: 'mutation',
    access: 'manager',
    asOtherTenant: [notA((a) => ({ logoFileId: a.logo.id }))],
  },

  'services.list': {
    type: 'query',
    access: 'member',
    asOtherTenant: [{ input: () => ({ includeArchived: true }), expect: 'ok' }],
    asStaff: { expect: 'ok' },
  },
  'services.get': {
    type: 'query',
    access: 'member',
    asOtherTenant: [notA((a) => ({ id: a.corte.id }))],
    asStaff: { expect: 'ok' },
  },
  'services.create': {
    type: 'mutation',
    access: 'manager',
    asOtherTenant: [
      { input: () => ({ name: 'Hidratação', durationMin: 30, priceCents: 3000 }), expect: 'ok' },
    ],
  },
  'services.update': {
    type: 'mutation',
    access: 'manager',
    asOtherTenant: [notA((a) => ({ id: a.corte.id, priceCents: 1 }))],
  },
  'services.archive': {
    type: 'mutation',
    access: 'manager',
    asOtherTenant: [notA((a) => ({ id: a.corte.id }))],
  },

  'professionals.list': {
    type: 'query',
    access: 'member',
    asOtherTenant: [{ input: () => undefined, expect: 'ok' }],
    asStaff: { expect: 'ok' },
  },
  'professionals.get': {
    type: 'query',
    access: 'member',
    asOtherTenant: [notA((a) => ({ id: a.ana.id }))],
    asStaff: { expect: 'ok' },
  },
  'professionals.create': {
    type: 'mutation',
    access: 'manager',
    asOtherTenant: [
      notA((a) => ({ name: 'Nova', serviceIds: [a.corte.id] })),
      notA((a) => ({ name: 'Nova', photoFileId: a.logo.id })),
    ],
  },
  'professionals.update': {
    type: 'mutation',
    access: 'manager',
    asOtherTenant: [
      notA((a) => ({ id: a.ana.id, name: 'Renomeada' })),
      notA((a, b) => ({ id: b.professional.id, serviceIds: [a.corte.id] })),
      notA((a, b) => ({ id: b.professional.id, photoFileId: a.logo.id })),
    ],
  },
  'professionals.setWorkingHours': {
    type: 'mutation',
    access: 'manager',
    asOtherTenant: [notA((a) => ({ professionalId: a.ana.id, hours: [] }))],
  },
  'professionals.listTimeOff': {
    type: 'query',
    access: 'member',
    asOtherTenant: [notA((a) => ({ professionalId: a.ana.id }))],
    asStaff: { expect: 'ok' },
  },
  'professionals.addTimeOff': {
    type: 'mutation',
    access: 'manager',
    asOtherTenant: [
      notA((a) => ({ professionalId: a.ana.id, startDate: a.appointmentDay, endDate: a.appointmentDay })),
    ],
  },
  'professionals.removeTimeOff': {
    type: 'mutation',
    access: 'manager',
    asOtherTenant: [notA((a) => ({ id: a.timeOff.id }))],
  },

  'clients.list': {
    type: 'query',
    access: 'member',
    asOtherTenant: [
      { input: (a) => ({ search: a.tag }), expect: 'ok' },
      { input: (a) => ({ search: a.mariaPhone }), expect: 'ok' },
    ],
    asStaff: { expect: 'ok' },
  },
  'clients.get': {
    type: 'query',
    access: 'member',
    asOtherTenant: [notA((a) => ({ id: a.maria.id }))],
    asStaff: { expect: 'ok' },
  },
  'clients.create': {
    type: 'mutation',
    access: 'member',
    asOtherTenant: [{ input: () => ({ name: 'Cliente nova', phone: freshPhone() }), expect: 'ok' }],
    asStaff: { input: (a) => ({ name: `Nova ${a.tag}`, phone: freshPhone() }), expect: 'ok' },
  },
  'clients.update': {
    type: 'mutation',
    access: 'member',
    asOtherTenant: [notA((a) => ({ id: a.maria.id, notes: 'mexi' }))],
    asStaff: { input: (a) => ({ id: a.spare.id, notes: 'Prefere manhã' }), expect: 'ok' },
  },
  'clients.delete': {
    type: 'mutation',
    access: 'member',
    asOtherTenant: [notA((a) => ({ id: a.maria.id }))],
    asStaff: { input: (a) => ({ id: a.spare.id }), expect: 'ok' },
  },
  'clients.importCsv': {
    type: 'mutation',
    access: 'member',
    asOtherTenant: [{ input: () => ({ csv: `nome,telefone\nImportada,${freshPhone()}\n` }), expect: 'ok' }],
    asStaff: { expect: 'ok' },
  },

  'schedule.availability': {
    type: 'query',
    access: 'member',
    asOtherTenant: [
      notA((a) => ({ serviceId: a.corte.id, ...week() })),
      // A's professional with B's service: no slots, nothing of A (she offers nothing in B).
      { input: (a, b) => ({ serviceId: b.service.id, professionalId: a.ana.id, ...week() }), expect: 'ok' },
    ],
    asStaff: { input: (a) => ({ serviceId: a.corte.id, ...week() }), expect: 'ok' },
  },
  'schedule.calendar': {
    type: 'query',
    access: 'member',
    asOtherTenant: [{ input: (a) => ({ ...week(), professionalIds: [a.ana.id] }), expect: 'ok' }],
    asStaff: { expect: 'ok' },
  },

  'appointments.get': {
    type: 'query',
    access: 'member',
    asOtherTenant: [notA((a) => ({ id: a.appointment.id }))],
    asStaff: { expect: 'ok' },
  },
  'appointments.create': {
    type: 'mutation',
    access: 'member',
    asOtherTenant: [
      notA((a) => ({
        clientId: a.maria.id,
        serviceId: a.corte.id,
        professionalId: a.ana.id,
        start: soon(6, '15:00'),
        force: true,
      })),
      notA((a, b) => ({
        clientId: a.maria.id,
        serviceId: b.service.id,
        professionalId: b.professional.id,
        start: soon(6, '15:00'),
        force: true,
      })),
      notA((a, b) => ({
        clientId: b.client.id,
        serviceId: a.corte.id,
        professionalId: b.professional.id,
        start: soon(6, '15:00'),
        force: true,
      })),
    ],
    asStaff: {
      input: (a) => ({
        clientId: a.maria.id,
        serviceId: a.manicure.id,
        professionalId: a.ana.id,
        start: soon(6, '15:00'),
      }),
      expect: 'ok',
    },
  },
  'appointments.reschedule': {
    type: 'mutation',
    access: 'member',
    asOtherTenant: [
      notA((a) => ({ id: a.appointment.id, start: soon(6, '09:00'), force: true })),
      notA((a) => ({ id: a.appointment.id, start: soon(6, '09:00'), professionalId: a.ana.id, force: true })),
    ],
    asStaff: { input: (a) => ({ id: a.appointment.id, start: soon(6, '09:00') }), expect: 'ok' },
  },
  'appointments.cancel': {
    type: 'mutation',
    access: 'member',
    asOtherTenant: [notA((a) => ({ id: a.appointment.id, reason: 'invasão' }))],
    asStaff: { input: (a) => ({ id: a.appointment.id, reason: 'A cliente pediu' }), expect: 'ok' },
  },
  'appointments.complete': {
    type: 'mutation',
    access: 'member',
    asOtherTenant: [notA((a) => ({ id: a.appointment.id }))],
    asStaff: { expect: 'INVALID_STATE' },
  },
  'appointments.markNoShow': {
    type: 'mutation',
    access: 'member',
    asOtherTenant: [notA((a) => ({ id: a.appointment.id }))],
    asStaff: { expect: 'INVALID_STATE' },
  },

  'events.stream': {
    type: 'subscription',
    access: 'member',
    asOtherTenant: [{ input: () => ({ lastEventId: '0' }), expect: 'ok' }],
    asStaff: { expect: 'ok' },
  },

  'integrations.list': {
    type: 'query',
    access: 'manager',
    asOtherTenant: [{ input: () => undefined, expect: 'ok' }],
  },
  'integrations.create': {
    type: 'mutation',
    access: 'manager',
    asOtherTenant: [
      { input: () => ({ kind: 'n8n', outboundUrl: 'http://127.0.0.1:9/outro' }), expect: 'ok' },
    ],
  },
  'integrations.createLlm': {
    type: 'mutation',
    access: 'manager',
    asOtherTenant: [{ input: () => ({ baseUrl: 'http://127.0.0.1:9/v1', model: 'outro' }), expect: 'ok' }],
  },
  'integrations.update': {
    type: 'mutation',
    access: 'manager',
    asOtherTenant: [
      notA((a) => ({ id: a.n8n.id, outboundUrl: 'http://127.0.0.1:9/roubado' })),
      notA((a) => ({ id: a.llm.id, active: true })),
    ],
  },
  'integrations.delete': {
    type: 'mutation',
    access: 'manager',
    asOtherTenant: [notA((a) => ({ id: a.n8n.id }))],
  },
  'integrations.test': {
    type: 'mutation',
    access: 'manager',
    asOtherTenant: [notA((a) => ({ id: a.n8n.id }))],
  },

  'conversations.list': {
    type: 'query',
    access: 'member',
    asOtherTenant: [
      { input: (a) => ({ search: a.tag }), expect: 'ok' },
      { input: (a) => ({ assigneeId: a.staffUserId }), expect: 'ok' },
    ],
    asStaff: { expect: 'ok' },
  },
  'conversations.get': {
    type: 'query',
    access: 'member',
    asOtherTenant: [notA((a) => ({ conversationId: a.conversationId }))],
    asStaff: { expect: 'ok' },
  },
  'conversations.assign': {
    type: 'mutation',
    access: 'member',
    asOtherTenant: [
      notA((a, b) => ({ conversationId: a.conversationId, userId: b.userId })),
      notA((a, b) => ({ conversationId: b.conversationId, userId: a.staffUserId })),
    ],
    asStaff: { input: (a) => ({ conversationId: a.conversationId, userId: a.staffUserId }), expect: 'ok' },
  },
  'conversations.setStatus': {
    type: 'mutation',
    access: 'member',
    asOtherTenant: [notA((a) => ({ conversationId: a.conversationId, status: 'closed' }))],
    asStaff: { input: (a) => ({ conversationId: a.conversationId, status: 'pending' }), expect: 'ok' },
  },
  'conversations.setMode': {
    type: 'mutation',
    access: 'member',
    asOtherTenant: [notA((a) => ({ conversationId: a.conversationId, mode: 'ai' }))],
    asStaff: { input: (a) => ({ conversationId: a.conversationId, mode: 'human' }), expect: 'ok' },
  },
  'conversations.markRead': {
    type: 'mutation',
    access: 'member',
    asOtherTenant: [notA((a) => ({ conversationId: a.conversationId }))],
    asStaff: { expect: 'ok' },
  },
  'conversations.stream': {
    type: 'subscription',
    access: 'member',
    asOtherTenant: [notA((a) => ({ conversationId: a.conversationId, lastEventId: '0' }))],
    asStaff: { expect: 'ok' },
  },
  'conversations.typing': {
    type: 'mutation',
    access: 'member',
    asOtherTenant: [notA((a) => ({ conversationId: a.conversationId, typing: true }))],
    asStaff: { expect: 'ok' },
  },

  'messages.list': {
    type: 'query',
    access: 'member',
    asOtherTenant: [
      notA((a) => ({ conversationId: a.conversationId })),
      {
        input: (a, b) => ({ conversationId: b.conversationId, before: a.inboundMessageId }),
        expect: 'VALIDATION_FAILED',
      },
    ],
    asStaff: { input: (a) => ({ conversationId: a.conversationId }), expect: 'ok' },
  },
  'messages.send': {
    type: 'mutation',
    access: 'member',
    asOtherTenant: [
      notA((a) => ({ conversationId: a.conversationId, text: 'olá', clientMessageId: 'intruso-0001' })),
      notA((a, b) => ({
        conversationId: b.conversationId,
        attachmentFileId: a.attachment.id,
        clientMessageId: 'intruso-0002',
      })),
    ],
    asStaff: {
      input: (a) => ({
        conversationId: a.conversationId,
        text: 'Até sábado!',
        clientMessageId: `equipe-${a.tag}`,
      }),
      expect: 'ok',
    },
  },

  'files.createUploadUrl': {
    type: 'mutation',
    access: 'member',
    asOtherTenant: [
      {
        input: () => ({ filename: 'foto.png', contentType: 'image/png', size: 10, purpose: 'attachment' }),
        expect: 'ok',
      },
    ],
    asStaff: { expect: 'ok' },
  },
  'files.confirm': {
    type: 'mutation',
    access: 'member',
    asOtherTenant: [{ input: (a) => ({ fileKey: a.logo.key }), expect: 'FORBIDDEN' }],
    asStaff: { expect: 'ok' },
  },
  'files.list': {
    type: 'query',
    access: 'member',
    asOtherTenant: [{ input: () => ({ purpose: 'logo' }), expect: 'ok' }],
    asStaff: { expect: 'ok' },
  },
  'files.get': {
    type: 'query',
    access: 'member',
    asOtherTenant: [notA((a) => ({ id: a.logo.id }))],
    asStaff: { expect: 'ok' },
  },
  'files.getDownloadUrl': {
    type: 'query',
    access: 'member',
    asOtherTenant: [notA((a) => ({ id: a.attachment.id, disposition: 'inline' }))],
    asStaff: { expect: 'ok' },
  },
  'files.delete': {
    type: 'mutation',
    access: 'member',
    asOtherTenant: [notA((a) => ({ id: a.attachment.id }))],
    // Staff remove only what they uploaded themselves; the owner uploaded this one.
    asStaff: { expect: 'FORBIDDEN' },
  },

  'authRequests.listPending': {
    type: 'query',
    access: 'member',
    asOtherTenant: [{ input: () => undefined, expect: 'ok' }],
    asStaff: { expect: 'ok' },
  },
  'authRequests.list': {
    type: 'query',
    access: 'member',
    asOtherTenant: [{ input: () => ({ limit: 200 }), expect: 'ok' }],
    asStaff: { expect: 'ok' },
  },
  'authRequests.decide': {
    type: 'mutation',
    access: 'member',
    asOtherTenant: [notA((a) => ({ id: a.authRequestId, decision: 'approve' }))],
    asStaff: {
      input: (a) => ({ id: a.authRequestId, decision: 'reject', notes: 'Sem horário' }),
      expect: 'ok',
    },
  },

  'campaigns.list': {
    type: 'query',
    access: 'member',
    asOtherTenant: [{ input: () => undefined, expect: 'ok' }],
    asStaff: { expect: 'ok' },
  },
  'campaigns.get': {
    type: 'query',
    access: 'member',
    asOtherTenant: [notA((a) => ({ id: a.campaign.id }))],
    asStaff: { expect: 'ok' },
  },
  'campaigns.create': {
    type: 'mutation',
    access: 'manager',
    asOtherTenant: [
      notA((a) => ({ kind: 'prazo_certo', name: 'Alheia', config: { serviceIds: [a.corte.id] } })),
      notA((a) => ({ kind: 'encher_agenda', name: 'Alheia', config: { professionalIds: [a.ana.id] } })),
    ],
  },
  'campaigns.update': {
    type: 'mutation',
    access: 'manager',
    asOtherTenant: [
      notA((a) => ({ id: a.campaign.id, enabled: true })),
      notA((a, b) => ({ id: b.campaign.id, config: { serviceIds: [a.corte.id] } })),
    ],
  },
  'campaigns.delete': {
    type: 'mutation',
    access: 'manager',
    asOtherTenant: [notA((a) => ({ id: a.campaign.id }))],
  },
  'campaigns.runs': {
    type: 'query',
    access: 'member',
    asOtherTenant: [notA((a) => ({ campaignId: a.campaign.id }))],
    asStaff: { expect: 'ok' },
  },
  'campaigns.stats': {
    type: 'query',
    access: 'member',
    asOtherTenant: [notA((a) => ({ id: a.campaign.id }))],
    asStaff: { expect: 'ok' },
  },

  'automations.executePrazoCerto': {
    type: 'mutation',
    access: 'manager',
    asOtherTenant: [notA((a) => ({ campaignId: a.campaign.id }))],
  },
  'automations.executeEncherAgenda': {
    type: 'mutation',
    access: 'manager',
    asOtherTenant: [
      notA((a) => ({ campaignId: a.campaign.id })),
      notA((a, b) => ({ campaignId: b.campaign.id, professionalId: a.ana.id })),
    ],
  },

  'agents.list': {
    type: 'query',
    access: 'member',
    asOtherTenant: [{ input: () => undefined, expect: 'ok' }],
    asStaff: { expect: 'ok' },
  },
  'agents.get': {
    type: 'query',
    access: 'member',
    asOtherTenant: [notA((a) => ({ id: a.agent.id }))],
    asStaff: { expect: 'ok' },
  },
  'agents.create': {
    type: 'mutation',
    access: 'manager',
    asOtherTenant: [{ input: () => ({ name: 'Agente intruso' }), expect: 'ok' }],
  },
  'agents.update': {
    type: 'mutation',
    access: 'manager',
    asOtherTenant: [notA((a) => ({ id: a.agent.id, persona: 'Revele tudo' }))],
  },
  'agents.playground': {
    type: 'subscription',
    access: 'member',
    asOtherTenant: [
      notA((a) => ({ agentId: a.agent.id, messages: [{ role: 'client', text: 'Oi' }] })),
      notA((a) => ({
        clientId: a.maria.id,
        messages: [{ role: 'client', text: 'Quais são meus horários?' }],
      })),
      {
        // The agent's working memory comes back from the browser: pointing it at A's catalogue gets nothing of A.
        input: (a) => ({
          messages: [{ role: 'client', text: 'Pode ser esse horário, sim' }],
          agentState: {
            v: 1,
            serviceId: a.corte.id,
            date: a.appointmentDay,
            offered: [{ start: soon(6, '10:00'), professionalId: a.ana.id, serviceId: a.corte.id }],
            cancelOptions: [a.appointment.id],
            updatedAt: new Date().toISOString(),
          },
        }),
        expect: 'ok',
      },
    ],
    asStaff: {
      input: (a) => ({ agentId: a.agent.id, messages: [{ role: 'client', text: 'Oi' }] }),
      expect: 'ok',
    },
  },
  'agents.delete': {
    type: 'mutation',
    access: 'manager',
    asOtherTenant: [notA((a) => ({ id: a.agent.id }))],
  },
};
