import type { ReactNode } from 'react';

/** The calm single-card frame of the sign-in and sign-up pages. */
export function AuthLayout({ title, children }: { title: string; children: ReactNode }) {
  return (
    <main className="auth">
      <title>{`${title} · Agenda Cheia`}</title>
      <div className="auth-card">
        <p className="auth-product">Agenda Cheia</p>
        <h1>{title}</h1>
        {children}
      </div>
    </main>
  );
}
