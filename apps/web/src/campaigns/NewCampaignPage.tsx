import { Link, useNavigate } from 'react-router';
import { useSignedIn } from '../session/useSignedIn';
import './campaigns.css';
import { CampaignForm } from './CampaignForm';

export function NewCampaignPage() {
  const signedIn = useSignedIn();
  const navigate = useNavigate();
  return (
    <section className="page">
      <title>Nova campanha · Agenda Cheia</title>
      <p className="breadcrumb">
        <Link to="/campanhas">Campanhas</Link>
      </p>
      <h1>Nova campanha</h1>
      {signedIn !== null && !signedIn.canManage ? (
        <p className="notice">Somente proprietários e administradores criam campanhas.</p>
      ) : (
        <CampaignForm
          campaign={null}
          onSaved={(created) => void navigate(`/campanhas/${created.id}`, { replace: true })}
          onCancel={() => void navigate('/campanhas')}
        />
      )}
    </section>
  );
}
