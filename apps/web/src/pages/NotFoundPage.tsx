import { Link } from 'react-router';

export function NotFoundPage() {
  return (
    <section className="page">
      <title>Página não encontrada · Agenda Cheia</title>
      <h1>Página não encontrada</h1>
      <div className="empty-state">
        <p>O endereço aberto não existe.</p>
        <p>
          <Link to="/">Voltar ao painel</Link>
        </p>
      </div>
    </section>
  );
}
