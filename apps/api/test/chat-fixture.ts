import { demoCatalogue } from '@agenda-cheia/core';
import { localDateTimeToInstant } from '@agenda-cheia/scheduling';
import { registration, type TestApi } from './harness';
import type { startReceiver } from './n8n-receiver';

type Receiver = Awaited<ReturnType<typeof startReceiver>>;

const TZ = 'America/Sao_Paulo';

const week = (days: number[], intervals: [string, string][]) =>
  days.flatMap((weekday) =>
    intervals.map(([start, end]) => ({ weekday: weekday as 0 | 1 | 2 | 3 | 4 | 5 | 6, start, end })),
  );

/** Tenant-local wall clock → ISO instant, for readable expectations. */
export const at = (date: string, time: string) => localDateTimeToInstant(date, time, TZ).toISOString();

let phoneSeq = 0;

/**
 * The demo salon's catalogue (keys as in the evaluation set), Ana for hair Tue–Sat and Bia for nails
 * Mon–Sat, an n8n integration posting to a local receiver, and one client who writes on WhatsApp.
 */
export async function createChatSalon(
  api: TestApi,
  receiver: Receiver,
  options: { autoApprove?: boolean } = {},
) {
  const owner = await api.client().auth.register.mutate(registration({ timezone: TZ }));
  const client = api.client(owner.accessToken);
  await client.tenant.update.mutate({
    settings: { minNoticeMin: 60, slotStepMin: 15, autoApprove: options.autoApprove ?? false },
  });
  const services: Record<string, { id: string; name: string; priceCents: number }> = {};
  for (const entry of demoCatalogue) {
    const created = await client.services.create.mutate({
      name: entry.name,
      durationMin: entry.durationMin,
      priceCents: entry.priceCents,
      returnCycleDays: entry.returnCycleDays,
      bufferAfterMin: entry.bufferAfterMin,
    });
    services[entry.key] = created;
  }
  const idsOf = (who: 'ana' | 'bia') =>
    demoCatalogue.filter((e) => e.professional === who).map((e) => services[e.key]?.id ?? '');
  const ana = await client.professionals.create.mutate({ name: 'Ana Paula', serviceIds: idsOf('ana') });
  const bia = await client.professionals.create.mutate({ name: 'Bia', serviceIds: idsOf('bia') });
  await client.professionals.setWorkingHours.mutate({
    professionalId: ana.id,
    hours: week(
      [2, 3, 4, 5, 6],
      [
        ['09:00', '12:00'],
        ['13:00', '19:00'],
      ],
    ),
  });
  await client.professionals.setWorkingHours.mutate({
    professionalId: bia.id,
    hours: [
      ...week(
        [1, 2, 3, 4, 5],
        [
          ['09:00', '12:00'],
          ['13:00', '18:00'],
        ],
      ),
      ...week([6], [['09:00', '14:00']]),
    ],
  });
  const integration = await client.integrations.create.mutate({ kind: 'n8n', outboundUrl: receiver.url });
  phoneSeq += 1;
  const phone = `55119${String(70000000 + phoneSeq).padStart(8, '0')}`;
  const maria = await client.clients.create.mutate({ name: 'Maria Souza', phone });

  let messageSeq = 0;
  const conversationId = async () => {
    const list = await client.conversations.list.query({});
    return list.items.find((c) => c.clientId === maria.id)?.id;
  };
  const aiMessages = async () => {
    const id = await conversationId();
    if (!id) return [];
    const page = await client.messages.list.query({ conversationId: id, limit: 100 });
    // The page is newest first; a conversation reads oldest first.
    return page.items
      .filter((m) => m.author === 'ai')
      .map((m) => m.text)
      .reverse();
  };

  return {
    owner,
    client,
    services,
    ana,
    bia,
    maria,
    tenantId: owner.user.tenantId,
    conversationId,
    aiMessages,
    /** The client writes on WhatsApp (through the n8n webhook); resolves with the agent's answer. */
    async say(text: string, options: { expectReply?: boolean } = {}): Promise<string | undefined> {
      const before = (await aiMessages()).length;
      messageSeq += 1;
      const response = await fetch(`${api.url}/api/v1/webhooks/n8n/message-received`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${integration.inboundToken}` },
        body: JSON.stringify({
          client_name: maria.name,
          phone,
          message: text,
          channel: 'whatsapp',
          timestamp: new Date().toISOString(),
          message_id: `wamid.chat.${phoneSeq}.${messageSeq}`,
        }),
      });
      if (response.status !== 202) throw new Error(`webhook answered ${response.status}`);
      if (options.expectReply === false) return undefined;
      const deadline = Date.now() + 15_000;
      for (;;) {
        const replies = await aiMessages();
        if (replies.length > before) return replies.at(-1);
        if (Date.now() > deadline) throw new Error(`timed out waiting for the agent's reply to "${text}"`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
    /** Every auth request of the tenant, as the tests compare them. */
    async requests() {
      const list = await client.authRequests.list.query({ limit: 200 });
      return list.items.map((r) => ({
        service: Object.entries(services).find(([, s]) => s.id === r.serviceId)?.[0],
        professional: r.professionalId === ana.id ? 'ana' : 'bia',
        start: r.start,
        status: r.status,
        clientConsent: r.clientConsent,
        source: r.source,
      }));
    },
  };
}
