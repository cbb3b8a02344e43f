import { Link, useParams } from 'react-router';
import { trpc } from '../api/trpc';
import { describeFailure } from '../forms/errors';
import { FormMessage } from '../forms/Field';
import { useSignedIn } from '../session/useSignedIn';
import { ColorDot } from './colors';
import { ProfessionalForm } from './ProfessionalForm';
import { TimeOffSection } from './TimeOffSection';
import { WorkingHoursEditor } from './WorkingHoursEditor';

/** One professional: details and services, weekly hours, time off. */
export function ProfessionalPage() {
  const { professionalId = '' } = useParams();
  const signedIn = useSignedIn();
  const professionals = trpc.professionals.list.useQuery();

  if (professionals.isError) {
    return <FormMessage tone="error">{describeFailure(professionals.error).message}</FormMessage>;
  }
  if (professionals.data === undefined || signedIn === null) return <p role="status">Carregando…</p>;
  const professional = professionals.data.items.find((p) => p.id === professionalId);
  if (professional === undefined) {
    return (
      <div className="empty-state">
        <p>Profissional não encontrado.</p>
        <p>
          <Link to="/configuracoes/profissionais">Voltar aos profissionais</Link>
        </p>
      </div>
    );
  }

  return (
    <div className="settings-section">
      <p className="breadcrumb">
        <Link to="/configuracoes/profissionais">Profissionais</Link>
      </p>
      <h2 className="section-title">
        <ColorDot color={professional.color} /> {professional.name}
      </h2>
      <ProfessionalForm
        key={professional.id}
        professional={professional}
        usedColors={[]}
        onSaved={() => undefined}
        disabled={!signedIn.canManage}
      />
      <WorkingHoursEditor
        key={`hours-${professional.id}`}
        professional={professional}
        canManage={signedIn.canManage}
      />
      <TimeOffSection
        professionalId={professional.id}
        timeZone={signedIn.tenant.timezone}
        canManage={signedIn.canManage}
      />
    </div>
  );
}
