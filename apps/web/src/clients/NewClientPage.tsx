import { Link, useNavigate } from 'react-router';
import { ClientForm } from './ClientForm';

export function NewClientPage() {
  const navigate = useNavigate();
  return (
    <section className="page">
      <title>Novo cliente · Agenda Cheia</title>
      <p className="breadcrumb">
        <Link to="/clientes">Clientes</Link>
      </p>
      <h1>Novo cliente</h1>
      <ClientForm
        client={null}
        onSaved={(client) => void navigate(`/clientes/${client.id}`, { replace: true })}
        onCancel={() => void navigate('/clientes')}
      />
    </section>
  );
}
