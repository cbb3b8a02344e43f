import type { Role } from '@agenda-cheia/contracts';

export interface NavItem {
  to: string;
  label: string;
  /** Roles that see the item; every role when absent. */
  roles?: readonly Role[];
}

export const mainNavigation: readonly NavItem[] = [
  { to: '/', label: 'Painel' },
  { to: '/agenda', label: 'Agenda' },
  { to: '/conversas', label: 'Conversas' },
  { to: '/clientes', label: 'Clientes' },
  { to: '/campanhas', label: 'Campanhas' },
  { to: '/configuracoes', label: 'Configurações' },
];

export const accountNavigation: readonly NavItem[] = [
  { to: '/equipe', label: 'Equipe', roles: ['owner', 'admin'] },
  { to: '/perfil', label: 'Meu perfil' },
];

export function isVisibleTo(item: NavItem, role: Role): boolean {
  return item.roles === undefined || item.roles.includes(role);
}

export const roleLabels: Record<Role, string> = {
  owner: 'Proprietário(a)',
  admin: 'Administrador(a)',
  staff: 'Colaborador(a)',
};
