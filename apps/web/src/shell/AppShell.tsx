import { useState } from 'react';
import { NavLink, Outlet, useLocation } from 'react-router';
import { trpc } from '../api/trpc';
import { ApprovalToasts } from '../approvals/ApprovalToasts';
import { CampaignToasts } from '../campaigns/CampaignToasts';
import { StoredImage } from '../files/FileView';
import { describeFailure } from '../forms/errors';
import { InboundToasts } from '../inbox/InboundToasts';
import { useSignOut } from '../session/useSessionActions';
import { ToastProvider } from '../ui/Toasts';
import { accountNavigation, isVisibleTo, mainNavigation, type NavItem } from './navigation';

function NavList({ items, label }: { items: readonly NavItem[]; label: string }) {
  return (
    <ul className="nav-list" aria-label={label}>
      {items.map((item) => (
        <li key={item.to}>
          <NavLink to={item.to} end={item.to === '/'} className="nav-link">
            {item.label}
          </NavLink>
        </li>
      ))}
    </ul>
  );
}

/** The signed-in frame: header with the business and the person, navigation, and the page. */
export function AppShell() {
  const me = trpc.auth.me.useQuery();
  const { signOut, isSigningOut } = useSignOut();
  const location = useLocation();
  const [menuOpenAt, setMenuOpenAt] = useState<string | null>(null);
  // The phone menu closes by itself after navigating: it is open only for the page it was opened on.
  const menuOpen = menuOpenAt === location.pathname;

  if (me.data === undefined) {
    return (
      <div className="shell-status">
        {me.isError ? (
          <>
            <p role="alert">{describeFailure(me.error).message}</p>
            <button type="button" className="button" onClick={() => void me.refetch()}>
              Tentar novamente
            </button>
          </>
        ) : (
          <p role="status">Carregando…</p>
        )}
      </div>
    );
  }

  const { user, tenant } = me.data;
  const accountItems = accountNavigation.filter((item) => isVisibleTo(item, user.role));

  return (
    <ToastProvider>
      <InboundToasts />
      <ApprovalToasts />
      <CampaignToasts />
      <div className="shell">
        <header className="shell-header">
          <div className="shell-brand">
            {tenant.logoFileId === null ? null : (
              // Beside the business name, which says it already.
              <StoredImage fileId={tenant.logoFileId} alt="" className="shell-logo" />
            )}
            <div className="shell-identity">
              <span className="shell-business">{tenant.name}</span>
              <NavLink to="/perfil" className="shell-user" title="Meu perfil">
                {user.name}
              </NavLink>
            </div>
          </div>
          <div className="shell-actions">
            <button
              type="button"
              className="button button-quiet"
              onClick={() => void signOut()}
              disabled={isSigningOut}
            >
              Sair
            </button>
            <button
              type="button"
              className="button button-quiet shell-menu-button"
              aria-expanded={menuOpen}
              aria-controls="shell-nav"
              onClick={() => setMenuOpenAt(menuOpen ? null : location.pathname)}
            >
              Menu
            </button>
          </div>
        </header>
        <nav id="shell-nav" className="shell-nav" data-open={menuOpen} aria-label="Navegação principal">
          <NavList items={mainNavigation} label="Seções" />
          <NavList items={accountItems} label="Conta" />
          <p className="shell-product">Agenda Cheia</p>
        </nav>
        <main className="shell-main">
          <Outlet />
        </main>
      </div>
    </ToastProvider>
  );
}
