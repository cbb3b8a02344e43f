/** A section that other work will fill; until then it says plainly what will be here. */
export function PlaceholderPage({ title, emptyText }: { title: string; emptyText: string }) {
  return (
    <section className="page">
      <title>{`${title} · Agenda Cheia`}</title>
      <h1>{title}</h1>
      <div className="empty-state">
        <p>{emptyText}</p>
      </div>
    </section>
  );
}
