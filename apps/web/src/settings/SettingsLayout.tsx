import { NavLink, Outlet } from 'react-router';
import { useSignedIn } from '../session/useSignedIn';

const tabs = [
  { to: '/configuracoes', label: 'Negócio', end: true },
  { to: '/configuracoes/servicos', label: 'Serviços', end: false },
  { to: '/configuracoes/profissionais', label: 'Profissionais', end: false },
];

/** Configurações: one tab per part of the business, each its own address so it can be linked. */
export function SettingsLayout() {
  const signedIn = useSignedIn();
  return (
    <section className="page page-wide">
      <title>Configurações · Agenda Cheia</title>
      <h1>Configurações</h1>
      <nav className="tabs" aria-label="Partes das configurações">
        {tabs.map((tab) => (
          <NavLink key={tab.to} to={tab.to} end={tab.end} className="tab">
            {tab.label}
          </NavLink>
        ))}
      </nav>
      {signedIn !== null && !signedIn.canManage ? (
        <p className="notice">Somente proprietários e administradores podem alterar as configurações.</p>
      ) : null}
      <Outlet />
    </section>
  );
}
