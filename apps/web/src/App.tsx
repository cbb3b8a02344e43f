import { BrowserRouter, Route, Routes } from 'react-router';
import { LoginPage } from './pages/LoginPage';
import { NotFoundPage } from './pages/NotFoundPage';
import { PasswordPage } from './pages/PasswordPage';
import { PlaceholderPage } from './pages/PlaceholderPage';
import { ProfilePage } from './pages/ProfilePage';
import { RegisterPage } from './pages/RegisterPage';
import { TeamPage } from './pages/TeamPage';
import { RedirectIfSignedIn, RequireSession } from './session/guards';
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
            <Route
              index
              element={
                <PlaceholderPage
                  title="Painel"
                  emptyText="O resumo do dia, com agendamentos, pedidos e conversas, aparecerá aqui."
                />
              }
            />
            <Route
              path="agenda"
              element={<PlaceholderPage title="Agenda" emptyText="Sua agenda aparecerá aqui." />}
            />
            <Route
              path="conversas"
              element={
                <PlaceholderPage
                  title="Conversas"
                  emptyText="As conversas com seus clientes pelo WhatsApp aparecerão aqui."
                />
              }
            />
            <Route
              path="clientes"
              element={<PlaceholderPage title="Clientes" emptyText="Seus clientes aparecerão aqui." />}
            />
            <Route
              path="campanhas"
              element={
                <PlaceholderPage
                  title="Campanhas"
                  emptyText="As campanhas Prazo Certo e Encher Agenda aparecerão aqui."
                />
              }
            />
            <Route
              path="configuracoes"
              element={
                <PlaceholderPage
                  title="Configurações"
                  emptyText="Serviços, profissionais e horários de atendimento poderão ser configurados aqui."
                />
              }
            />
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
