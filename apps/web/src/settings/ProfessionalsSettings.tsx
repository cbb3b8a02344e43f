import { weekdayNamesPtBr, type Professional } from '@agenda-cheia/contracts';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { trpc } from '../api/trpc';
import { describeFailure } from '../forms/errors';
import { FormMessage } from '../forms/Field';
import { formatPhone } from '../forms/phone';
import { useSignedIn } from '../session/useSignedIn';
import { ProfessionalAvatar } from './ProfessionalAvatar';
import { ProfessionalForm } from './ProfessionalForm';

function workingDaysSummary(professional: Professional): string {
  const days = [...new Set(professional.workingHours.map((h) => h.weekday))].sort(
    (a, b) => ((a + 6) % 7) - ((b + 6) % 7),
  );
  if (days.length === 0) return 'Sem horário de trabalho';
  if (days.length === 7) return 'Trabalha todos os dias';
  return `Trabalha ${days.map((day) => weekdayNamesPtBr[day]).join(', ')}`;
}

export function ProfessionalsSettings() {
  const signedIn = useSignedIn();
  const navigate = useNavigate();
  const professionals = trpc.professionals.list.useQuery();
  const services = trpc.services.list.useQuery({ includeArchived: false });
  const [creating, setCreating] = useState(false);
  const canManage = signedIn?.canManage ?? false;
  const items = professionals.data?.items ?? [];

  return (
    <div className="settings-section">
      <div className="section-header">
        <h2>Profissionais</h2>
        {canManage && !creating ? (
          <button type="button" className="button button-primary" onClick={() => setCreating(true)}>
            Novo profissional
          </button>
        ) : null}
      </div>
      {creating ? (
        <ProfessionalForm
          professional={null}
          usedColors={items.map((p) => p.color)}
          onCancel={() => setCreating(false)}
          // The hours come next, on the professional's own page.
          onSaved={(created) => void navigate(`/configuracoes/profissionais/${created.id}`)}
        />
      ) : null}
      {professionals.isError ? (
        <FormMessage tone="error">{describeFailure(professionals.error).message}</FormMessage>
      ) : professionals.data === undefined ? (
        <p role="status">Carregando profissionais…</p>
      ) : items.length === 0 ? (
        <div className="empty-state">
          <p>Nenhum profissional cadastrado ainda.</p>
          {canManage ? <p>Cadastre quem atende para montar a agenda.</p> : null}
        </div>
      ) : (
        <ul className="item-list" aria-label="Profissionais">
          {items.map((professional) => {
            const serviceNames = (services.data?.items ?? [])
              .filter((service) => professional.serviceIds.includes(service.id))
              .map((service) => service.name);
            return (
              <li key={professional.id} className="list-item">
                <ProfessionalAvatar professional={professional} />
                <div className="list-item-main">
                  <Link className="list-item-title" to={`/configuracoes/profissionais/${professional.id}`}>
                    {professional.name}
                    {professional.active ? null : <span className="tag">Inativo</span>}
                  </Link>
                  <span className="list-item-detail">
                    {[
                      professional.phone === null ? null : formatPhone(professional.phone),
                      workingDaysSummary(professional),
                      serviceNames.length === 0 ? 'Nenhum serviço' : serviceNames.join(', '),
                    ]
                      .filter(Boolean)
                      .join(' · ')}
                  </span>
                </div>
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
