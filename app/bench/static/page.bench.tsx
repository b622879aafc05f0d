/** The benchmark's ceiling: a prerendered page under the bare root layout. Only a BENCH=1 build has it (see next.config.ts). */
export default function StaticReferencePage() {
  return (
    <main className="page">
      <section className="card">
        <h1>Static reference</h1>
        <p>Rendered once, at build time.</p>
      </section>
    </main>
  );
}
