import { BrowserRouter, Route, Routes } from 'react-router';
import { AgendaPage } from './agenda/AgendaPage';
import { CampaignPage } from './campaigns/CampaignPage';
import { CampaignsPage } from './campaigns/CampaignsPage';
import { NewCampaignPage } from './campaigns/NewCampaignPage';
import { ClientDetailPage } from './clients/ClientDetailPage';
import { ClientsPage } from './clients/ClientsPage';
import { ImportClientsPage } from './clients/ImportClientsPage';
import { NewClientPage } from './clients/NewClientPage';
import { DashboardPage } from './dashboard/DashboardPage';
import { ConversationsPage, NoConversationChosen } from './inbox/ConversationsPage';
import { ConversationView } from './inbox/ConversationView';
import { LoginPage } from './pages/LoginPage';
import { NotFoundPage } from './pages/NotFoundPage';
import { PasswordPage } from './pages/PasswordPage';
import { ProfilePage } from './pages/ProfilePage';
import { RegisterPage } from './pages/RegisterPage';
import { TeamPage } from './pages/TeamPage';
import { RedirectIfSignedIn, RequireSession } from './session/guards';
import { AgentsSettings } from './settings/AgentsSettings';
import { BusinessSettings } from './settings/BusinessSettings';
import { IntegrationsSettings } from './settings/IntegrationsSettings';
import { ProfessionalPage } from './settings/ProfessionalPage';
import { ProfessionalsSettings } from './settings/ProfessionalsSettings';
import { ServicesSettings } from './settings/ServicesSettings';
import { SettingsLayout } from './settings/SettingsLayout';
import { AppShell } from './shell/AppShell';

export function App() {
  return (
    <BrowserRouter>
      <Routes>
        <Route element={<RedirectIfSignedIn />}>
          <Route path="/entrar" element={<LoginPage />} />
          <Route path="/criar-conta" element={<RegisterPage />} />
        </Route>
        <Route element={<RequireSession />}>
          <Route element={<AppShell />}>
            <Route index element={<DashboardPage />} />
            <Route path="agenda" element={<AgendaPage />} />
            <Route path="conversas" element={<ConversationsPage />}>
              <Route index element={<NoConversationChosen />} />
              <Route path=":conversationId" element={<ConversationView />} />
            </Route>
            <Route path="clientes" element={<ClientsPage />} />
            <Route path="clientes/novo" element={<NewClientPage />} />
            <Route path="clientes/importar" element={<ImportClientsPage />} />
            <Route path="clientes/:clientId" element={<ClientDetailPage />} />
            <Route path="campanhas" element={<CampaignsPage />} />
            <Route path="campanhas/nova" element={<NewCampaignPage />} />
            <Route path="campanhas/:campaignId" element={<CampaignPage />} />
            <Route path="configuracoes" element={<SettingsLayout />}>
              <Route index element={<BusinessSettings />} />
              <Route path="servicos" element={<ServicesSettings />} />
              <Route path="profissionais" element={<ProfessionalsSettings />} />
              <Route path="profissionais/:professionalId" element={<ProfessionalPage />} />
              <Route path="agentes" element={<AgentsSettings />} />
              <Route path="integracoes" element={<IntegrationsSettings />} />
            </Route>
            <Route path="perfil" element={<ProfilePage />} />
            <Route path="perfil/senha" element={<PasswordPage />} />
            <Route path="equipe" element={<TeamPage />} />
            <Route path="*" element={<NotFoundPage />} />
          </Route>
        </Route>
      </Routes>
    </BrowserRouter>
  );
}
