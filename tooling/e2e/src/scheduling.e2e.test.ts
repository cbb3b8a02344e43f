import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CHROMIUM_PATH,
  hasChromium,
  registerBusiness,
  signIn,
  SKIPPED_NOTICE,
  startBrowserHarness,
  uniqueEmail,
  type BrowserHarness,
} from './harness';

const SALON_ZONE = 'America/Sao_Paulo';
// Half a world away from the salon: a time shown in the browser's zone would be off by 12 hours.
const BROWSER_ZONE = 'Asia/Tokyo';
const PASSWORD = 'senha-forte-123';

/** The salon's next full hour on its own clock, as the wall-clock date and hour the UI shows. */
function nextFullHourInSalon(): { date: string; hour: number; today: string } {
  const parts = (instant: Date) => {
    const values = Object.fromEntries(
      new Intl.DateTimeFormat('en-CA', {
        timeZone: SALON_ZONE,
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        hourCycle: 'h23',
      })
        .formatToParts(instant)
        .map((part) => [part.type, part.value]),
    );
    return { date: `${values.year}-${values.month}-${values.day}`, hour: Number(values.hour) };
  };
  const now = new Date();
  // São Paulo is a whole number of hours from UTC: the next UTC hour is the next local hour.
  const next = new Date(Math.ceil(now.getTime() / 3_600_000) * 3_600_000);
  return { ...parts(next), today: parts(now).date };
}

const pad = (n: number) => String(n).padStart(2, '0');

async function chooseAllDayHours(page: Page, day: string): Promise<void> {
  await page.getByRole('button', { name: `${day}: adicionar horário` }).click();
  await page.getByLabel(`${day}: início do horário 1`).selectOption('00:00');
  await page.getByLabel(`${day}: fim do horário 1`).selectOption('24:00');
}

/** The calendar slot of `hour`:00 in the first professional's column (the grid starts at 00:00). */
function slotAt(page: Page, hour: number): Locator {
  return page
    .locator('.rbc-time-content .rbc-day-slot')
    .first()
    .locator('.rbc-time-slot')
    .nth(hour * 4);
}

if (!hasChromium) {
  if (process.env.CI) throw new Error(`Chromium not found at ${CHROMIUM_PATH}.`);
  it(SKIPPED_NOTICE, () => {
    expect(hasChromium).toBe(false);
  });
} else {
  describe('scheduling in a browser', () => {
    let harness: BrowserHarness;

    beforeAll(async () => {
      harness = await startBrowserHarness();
    });

    afterAll(async () => {
      await harness?.close();
    });

    it('sets up a salon, books a client by clicking the calendar, sees the day and cancels', async () => {
      const owner = { businessName: 'Salão Bela Vista', name: 'Renata Alves', email: uniqueEmail('renata') };
      const { context, page } = await harness.openPage({
        viewport: { width: 1280, height: 900 },
        timezoneId: BROWSER_ZONE,
      });
      try {
        await page.goto('/criar-conta');
        await page.getByLabel('Nome do negócio').fill(owner.businessName);
        await page.getByLabel('Seu nome').fill(owner.name);
        await page.getByLabel('E-mail').fill(owner.email);
        await page.getByLabel('Senha').fill(PASSWORD);
        await page.getByRole('button', { name: 'Criar conta' }).click();
        await page.getByRole('heading', { level: 1, name: 'Painel' }).waitFor();
        await page.getByText('Nenhum agendamento para hoje.').waitFor();

        // Configurações › Serviços: a service priced in reais.
        const nav = page.getByRole('navigation', { name: 'Navegação principal' });
        await nav.getByRole('link', { name: 'Configurações', exact: true }).click();
        expect(await page.getByLabel('Fuso horário').inputValue()).toBe(SALON_ZONE);
        await page.getByRole('link', { name: 'Serviços', exact: true }).click();
        await page.getByRole('button', { name: 'Novo serviço' }).click();
        const serviceForm = page.getByRole('form', { name: 'Novo serviço' });
        await serviceForm.getByLabel('Nome').fill('Corte feminino');
        await serviceForm.getByLabel('Duração (minutos)').fill('45');
        await serviceForm.getByLabel('Preço (R$)').fill('80,00');
        await serviceForm.getByLabel('Retorno a cada N dias').fill('30');
        await serviceForm.getByRole('button', { name: 'Salvar serviço' }).click();
        const services = page.getByRole('list', { name: 'Serviços' });
        await services.getByText('Corte feminino').waitFor();
        expect(await services.textContent()).toMatch(/45 min · R\$\s80,00 · retorno a cada 30 dias/);

        // Configurações › Profissionais: who performs it, and when.
        await page.getByRole('link', { name: 'Profissionais', exact: true }).click();
        await page.getByRole('button', { name: 'Novo profissional' }).click();
        const professionalForm = page.getByRole('form', { name: 'Novo profissional' });
        await professionalForm.getByLabel('Nome').fill('Ana Paula');
        await professionalForm.getByLabel('Telefone').fill('(11) 98765-4321');
        await professionalForm.getByLabel('Corte feminino').check();
        await professionalForm.getByRole('button', { name: 'Cadastrar profissional' }).click();
        await page.getByRole('heading', { level: 2, name: 'Ana Paula' }).waitFor();

        // Overlapping intervals are refused by the server, with its explanation.
        await page.getByRole('button', { name: 'Segunda: adicionar horário' }).click();
        await page.getByRole('button', { name: 'Segunda: adicionar horário' }).click();
        await page.getByLabel('Segunda: início do horário 2').selectOption('12:00');
        await page.getByRole('button', { name: 'Salvar horário' }).click();
        const overlap = page.getByRole('alert').filter({ hasText: 'sobrepostos' });
        await overlap.waitFor();
        expect(await overlap.textContent()).toContain('Horários sobrepostos em segunda');
        await page.getByRole('button', { name: 'Segunda: remover horário 2' }).click();
        await page.getByRole('button', { name: 'Segunda: remover horário 1' }).click();

        // Open all day, every day: whatever the hour of this run, the next one is bookable.
        await chooseAllDayHours(page, 'Segunda');
        await page.getByRole('button', { name: 'Copiar segunda para todos os dias úteis' }).click();
        expect(await page.getByLabel('Sexta: fim do horário 1').inputValue()).toBe('24:00');
        await chooseAllDayHours(page, 'Sábado');
        await chooseAllDayHours(page, 'Domingo');
        await page.getByRole('button', { name: 'Salvar horário' }).click();
        await page.getByText('Horário de trabalho salvo.').waitFor();

        // A time off far away shows in the list and can be removed.
        await page.getByLabel('Início da folga').fill('2031-12-24');
        await page.getByLabel('Fim da folga').fill('2031-12-26');
        await page.getByLabel('Motivo').fill('Natal');
        await page.getByRole('button', { name: 'Adicionar folga' }).click();
        const timeOff = page.getByRole('list', { name: 'Folgas' });
        await timeOff.getByText('24/12/2031 a 26/12/2031').waitFor();
        await timeOff.getByRole('button', { name: /Remover folga/ }).click();
        await page.getByText('Nenhuma folga marcada.').waitFor();

        // Clientes: a new client.
        await nav.getByRole('link', { name: 'Clientes', exact: true }).click();
        await page.getByRole('link', { name: 'Novo cliente' }).click();
        await page.getByLabel('Nome').fill('Beatriz Lima');
        await page.getByLabel('Telefone (WhatsApp)').fill('(11) 91234-5678');
        await page.getByRole('button', { name: 'Cadastrar cliente' }).click();
        await page.getByRole('heading', { level: 1, name: 'Beatriz Lima' }).waitFor();
        await page.getByText('(11) 91234-5678').waitFor();

        // Agenda: the day of the salon's next full hour, one column per professional.
        const target = nextFullHourInSalon();
        const hh = pad(target.hour);
        await page.goto(`/agenda?data=${target.date}&visao=dia`);
        await page.getByRole('heading', { level: 1, name: 'Agenda' }).waitFor();
        await page.locator('.rbc-time-view-resources').getByText('Ana Paula').waitFor();
        // The events layer lies over the slots, as for a person: the calendar reads where the click lands.
        await slotAt(page, target.hour).click({ force: true });

        const booking = page.getByRole('dialog', { name: 'Novo agendamento' });
        await booking.waitFor();
        expect(await booking.getByLabel('Data', { exact: true }).inputValue()).toBe(target.date);
        expect(await booking.getByLabel('Horário', { exact: true }).inputValue()).toBe(`${hh}:00`);
        expect(await booking.getByLabel('Profissional').inputValue()).not.toBe('');
        await booking.getByLabel('Cliente', { exact: true }).fill('Beat');
        await booking.getByRole('button', { name: /Beatriz Lima/ }).click();
        await booking.getByText('Trocar cliente').waitFor();
        expect(await booking.locator('.booking-summary').textContent()).toMatch(
          new RegExp(`R\\$\\s80,00 · 45 min · termina às ${hh}:45`),
        );
        await booking.getByRole('button', { name: 'Agendar', exact: true }).click();
        await booking.waitFor({ state: 'detached' });

        const event = page.locator('.rbc-event', { hasText: 'Beatriz Lima · Corte feminino' });
        await event.waitFor();
        // 45 minutes: it ends within the same hour.
        expect(await event.textContent()).toContain(`${hh}:00–${hh}:45`);

        // Painel: today's list, on the salon's clock.
        if (target.date === target.today) {
          await nav.getByRole('link', { name: 'Painel', exact: true }).click();
          const today = page.getByRole('list', { name: 'Agendamentos de hoje' });
          await today.getByText('Beatriz Lima').waitFor();
          expect(await today.textContent()).toContain(`${hh}:00`);
          expect(await today.textContent()).toContain('Corte feminino · Ana Paula');
          await page.goto(`/agenda?data=${target.date}&visao=dia`);
        }

        // Drag it one hour (back, at the day's last hour): the calendar asks the server to reschedule.
        const movedHour = target.hour === 23 ? 22 : target.hour + 1;
        const movedHh = pad(movedHour);
        await event.scrollIntoViewIfNeeded();
        const from = await event.boundingBox();
        const to = await slotAt(page, movedHour).boundingBox();
        if (from === null || to === null) throw new Error('event or slot not on screen');
        await page.mouse.move(from.x + from.width / 2, from.y + 5);
        await page.mouse.down();
        await page.mouse.move(from.x + from.width / 2, from.y + 15, { steps: 4 });
        await page.mouse.move(to.x + to.width / 2, to.y + 5, { steps: 10 });
        await page.mouse.up();
        await expect.poll(() => event.textContent()).toContain(`${movedHh}:00–${movedHh}:45`);

        // Someone new takes the freed hour, registered from inside the booking.
        await slotAt(page, target.hour).click({ force: true });
        const second = page.getByRole('dialog', { name: 'Novo agendamento' });
        await second.getByRole('button', { name: 'Cadastrar novo cliente' }).click();
        await second.getByLabel('Nome do cliente').fill('Carlos Mendes');
        await second.getByLabel('Telefone (WhatsApp)').fill('(11) 93333-4444');
        await second.getByRole('button', { name: 'Cadastrar e escolher' }).click();
        await second.getByText('Trocar cliente').waitFor();
        await second.getByRole('button', { name: 'Agendar', exact: true }).click();
        await second.waitFor({ state: 'detached' });
        const carlos = page.locator('.rbc-event', { hasText: 'Carlos Mendes · Corte feminino' });
        await carlos.waitFor();

        // Dropping onto a taken time fails: the server's reason shows and the event goes back.
        const movedBox = await event.boundingBox();
        const takenBox = await carlos.boundingBox();
        if (movedBox === null || takenBox === null) throw new Error('events not on screen');
        await page.mouse.move(movedBox.x + movedBox.width / 2, movedBox.y + 5);
        await page.mouse.down();
        await page.mouse.move(movedBox.x + movedBox.width / 2, movedBox.y + 15, { steps: 4 });
        await page.mouse.move(takenBox.x + takenBox.width / 2, takenBox.y + 5, { steps: 10 });
        await page.mouse.up();
        const refused = page.getByRole('alert').filter({ hasText: 'Este horário acabou de ser ocupado' });
        await refused.waitFor();
        await expect.poll(() => event.textContent()).toContain(`${movedHh}:00–${movedHh}:45`);

        // Cancel with a reason: it leaves the calendar and stays in the client's history.
        await event.click();
        const details = page.getByRole('dialog', { name: 'Agendamento' });
        await details.waitFor();
        expect(await details.textContent()).toContain(`${movedHh}:00–${movedHh}:45`);
        await details.getByRole('button', { name: 'Cancelar agendamento' }).click();
        const cancelDialog = page.getByRole('dialog', { name: 'Cancelar agendamento' });
        await cancelDialog.getByRole('button', { name: 'Confirmar cancelamento' }).click();
        await cancelDialog.getByText('Informe o motivo do cancelamento.').waitFor();
        await cancelDialog.getByLabel('Motivo do cancelamento').fill('Cliente pediu para remarcar');
        await cancelDialog.getByRole('button', { name: 'Confirmar cancelamento' }).click();
        await cancelDialog.waitFor({ state: 'detached' });
        await event.waitFor({ state: 'detached' });

        await nav.getByRole('link', { name: 'Clientes', exact: true }).click();
        await page.getByRole('link', { name: 'Beatriz Lima' }).click();
        const history = page.getByRole('list', { name: 'Histórico de atendimentos' });
        await history.getByText('Cancelado').waitFor();
        expect(await history.textContent()).toContain('Motivo: Cliente pediu para remarcar');

        // Painel's quick action closes today's other appointment.
        if (target.date === target.today) {
          await nav.getByRole('link', { name: 'Painel', exact: true }).click();
          const today = page.getByRole('list', { name: 'Agendamentos de hoje' });
          await today.getByRole('button', { name: 'Concluir o atendimento de Carlos Mendes' }).click();
          await today.getByText('Concluído').waitFor();
          expect(await today.getByRole('button', { name: /Concluir/ }).count()).toBe(0);
        }
      } finally {
        await context.close();
      }
      expect(harness.pageErrors).toEqual([]);
    });

    it('shows the settings to staff without letting them change anything', async () => {
      const ownerEmail = uniqueEmail('dona');
      const staffEmail = uniqueEmail('colaboradora');
      await registerBusiness(harness.server.url, {
        businessName: 'Espaço Lótus',
        name: 'Helena Prado',
        email: ownerEmail,
        password: PASSWORD,
      });
      const { context, page } = await harness.openPage({ viewport: { width: 390, height: 844 } });
      try {
        await page.goto('/entrar');
        await signIn(page, ownerEmail, PASSWORD);
        await page.getByRole('heading', { level: 1, name: 'Painel' }).waitFor();
        await page.goto('/equipe');
        await page.getByLabel('Nome').fill('Iara Campos');
        await page.getByLabel('E-mail').fill(staffEmail);
        await page.getByLabel('Senha inicial').fill(PASSWORD);
        await page.getByRole('button', { name: 'Adicionar' }).click();
        await page.getByText('Iara Campos agora faz parte da equipe.').waitFor();
        await page.getByRole('button', { name: 'Sair' }).click();

        await page.waitForURL((url) => url.pathname === '/entrar');
        await signIn(page, staffEmail, PASSWORD);
        await page.getByRole('heading', { level: 1, name: 'Painel' }).waitFor();
        await page.goto('/configuracoes');
        await page
          .getByText('Somente proprietários e administradores podem alterar as configurações.')
          .waitFor();
        expect(await page.getByLabel('Nome do negócio').isDisabled()).toBe(true);
        expect(await page.getByRole('button', { name: 'Salvar' }).count()).toBe(0);
        await page.getByRole('link', { name: 'Serviços', exact: true }).click();
        await page.getByText('Nenhum serviço cadastrado ainda.').waitFor();
        expect(await page.getByRole('button', { name: 'Novo serviço' }).count()).toBe(0);
        await page.getByRole('link', { name: 'Profissionais', exact: true }).click();
        await page.getByText('Nenhum profissional cadastrado ainda.').waitFor();
        expect(await page.getByRole('button', { name: 'Novo profissional' }).count()).toBe(0);
      } finally {
        await context.close();
      }
      expect(harness.pageErrors).toEqual([]);
    });

    it('imports clients from a spreadsheet, reporting the bad row, and asks which columns to use', async () => {
      const email = uniqueEmail('import');
      await registerBusiness(harness.server.url, {
        businessName: 'Studio Cachos',
        name: 'Paula Nunes',
        email,
        password: PASSWORD,
      });
      const { context, page } = await harness.openPage({ viewport: { width: 1280, height: 900 } });
      try {
        await page.goto('/entrar');
        await signIn(page, email, PASSWORD);
        await page.getByRole('heading', { level: 1, name: 'Painel' }).waitFor();
        await page.goto('/clientes/importar');

        const csv = [
          'Nome;Celular;Aniversário',
          'Carla Souza;(11) 97777-1111;05/03/1990',
          'Daniel Rocha;11 96666-2222;',
          'Sem Telefone;abc;',
        ].join('\n');
        await page.getByLabel('Arquivo CSV').setInputFiles({
          name: 'clientes.csv',
          mimeType: 'text/csv',
          buffer: Buffer.from(csv, 'utf8'),
        });
        await page.getByRole('button', { name: 'Importar', exact: true }).click();
        const counts = page.locator('.import-counts');
        await counts.waitFor();
        expect(await counts.textContent()).toMatch(/2 clientes novos · 0 atualizados.*1 linha com erro/);
        const errors = page.getByRole('table', { name: 'Linhas não importadas' });
        const rows = errors.locator('tbody tr');
        expect(await rows.count()).toBe(1);
        expect(await rows.first().locator('td').first().textContent()).toBe('4');
        expect(await rows.first().textContent()).toContain('Telefone inválido');

        // Headers nobody could guess: the owner says which column is which.
        const unusual = ['Quem;Zap', 'Elaine Dias;(21) 95555-3333', 'Carla S.;(11) 97777-1111'].join('\n');
        await page.getByLabel('Arquivo CSV').setInputFiles({
          name: 'contatos.csv',
          mimeType: 'text/csv',
          buffer: Buffer.from(unusual, 'utf8'),
        });
        await page.getByRole('button', { name: 'Importar', exact: true }).click();
        await page.getByRole('heading', { name: 'Quais colunas usar?' }).waitFor();
        await page.getByLabel('Coluna “Quem”').selectOption('name');
        await page.getByLabel('Coluna “Zap”').selectOption('phone');
        await page.getByRole('button', { name: 'Importar com estas colunas' }).click();
        await expect.poll(() => counts.textContent()).toMatch(/1 cliente novo · 1 atualizado/);

        await page.getByRole('link', { name: 'Ver clientes' }).click();
        const list = page.getByRole('list', { name: 'Lista de clientes' });
        await list.getByText('Elaine Dias').waitFor();
        expect(await list.getByRole('listitem').count()).toBe(3);
        await page.getByLabel('Buscar cliente').fill('Dan');
        await expect.poll(() => list.getByRole('listitem').count()).toBe(1);
        expect(await list.textContent()).toContain('Daniel Rocha');
      } finally {
        await context.close();
      }
      expect(harness.pageErrors).toEqual([]);
    });
  });
}
