import { useEffect, useRef } from 'react';
import { NavLink, Outlet, useLocation } from 'react-router';
import { useSignedIn } from '../session/useSignedIn';

const tabs = [
  { to: '/configuracoes', label: 'Negócio', end: true, managersOnly: false },
  { to: '/configuracoes/servicos', label: 'Serviços', end: false, managersOnly: false },
  { to: '/configuracoes/profissionais', label: 'Profissionais', end: false, managersOnly: false },
  { to: '/configuracoes/agentes', label: 'Agentes', end: false, managersOnly: false },
  // Integrations hold the WhatsApp gateway's secrets: staff do not even list them.
  { to: '/configuracoes/integracoes', label: 'Integrações', end: false, managersOnly: true },
];

/** Configurações: one tab per part of the business, each its own address so it can be linked. */
export function SettingsLayout() {
  const signedIn = useSignedIn();
  const { pathname } = useLocation();
  const tabList = useRef<HTMLElement>(null);
  useEffect(() => {
    // On a phone the tabs scroll sideways: keep the current one in sight.
    tabList.current
      ?.querySelector('[aria-current="page"]')
      ?.scrollIntoView({ block: 'nearest', inline: 'nearest' });
  }, [pathname]);
  return (
    <section className="page page-wide">
      <title>Configurações · Agenda Cheia</title>
      <h1>Configurações</h1>
      <nav className="tabs" aria-label="Partes das configurações" ref={tabList}>
        {tabs
          .filter((tab) => !tab.managersOnly || signedIn?.canManage === true)
          .map((tab) => (
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
