// The dependency direction of DESIGN.md, enforced by `npm test`.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'domain-is-pure',
      comment: 'domain/ imports nothing of ours outside domain/ (and no I/O modules)',
      severity: 'error',
      from: { path: '^src/domain/' },
      to: { path: '^src/', pathNot: '^src/domain/' },
    },
    {
      name: 'domain-no-io',
      severity: 'error',
      from: { path: '^src/domain/' },
      to: { path: '^(node:)?(fs|net|http|https|child_process|worker_threads|dgram|tls)$|better-sqlite3|^pg$|kysely|fastify' },
    },
    {
      name: 'smpp-knows-no-database',
      severity: 'error',
      from: { path: '^src/smpp/' },
      to: { path: '^src/(storage|gateway|engine|campaigns|people|api)/|better-sqlite3|^pg$|kysely' },
    },
    {
      name: 'core-does-not-know-storage-or-http',
      comment: 'gateway/, engine/, campaigns/, people/, jobs/ declare ports; storage/ implements them; only main.ts wires',
      severity: 'error',
      from: { path: '^src/(gateway|engine|campaigns|people|jobs)/' },
      to: { path: '^src/(storage|api)/|better-sqlite3|^pg$|fastify' },
    },
    {
      name: 'engine-sends-through-links',
      comment: 'the engine knows connectors/link.ts, not SMPP, its connector or the simulator',
      severity: 'error',
      from: { path: '^src/engine/' },
      to: { path: '^src/(smpp|simulator|connectors/smpp)/' },
    },
    {
      name: 'storage-does-not-know-http',
      severity: 'error',
      from: { path: '^src/storage/' },
      to: { path: '^src/api/|fastify' },
    },
    {
      name: 'storage-implements-ports-only',
      comment: 'storage/ sees of gateway/, engine/, campaigns/ and people/ only the ports it implements',
      severity: 'error',
      from: { path: '^src/storage/' },
      to: { path: '^src/(gateway|engine|campaigns|people)/', pathNot: '/ports\\.ts$' },
    },
    {
      name: 'api-uses-ports-not-storage',
      severity: 'error',
      from: { path: '^src/api/' },
      to: { path: '^src/storage/' },
    },
    {
      name: 'contracts-stay-portable',
      comment: 'contracts/ is imported by web/: schemas and domain constants only',
      severity: 'error',
      from: { path: '^src/contracts/' },
      to: { path: '^src/', pathNot: '^src/(contracts|domain)/' },
    },
    {
      name: 'only-main-and-cli-wire-storage',
      comment: 'composition roots: main.ts, cli.ts, and roles/ (each thread builds its own objects)',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/(main|cli)\\.ts$|^src/roles/|^src/storage/|\\.test\\.ts$' },
      to: { path: '^src/storage/' },
    },
    {
      name: 'web-talks-http-and-shares-only-contracts-and-domain',
      comment: 'the browser app imports of the server only contracts/ (types) and pure domain/ rules',
      severity: 'error',
      from: { path: '^web/' },
      to: { path: '^src/', pathNot: '^src/(contracts|domain)/' },
    },
    {
      name: 'server-does-not-import-web',
      severity: 'error',
      from: { path: '^src/' },
      to: { path: '^web/' },
    },
    { name: 'no-circular', severity: 'error', from: {}, to: { circular: true } },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '\\.test\\.ts$' },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: { extensions: ['.ts', '.tsx', '.js', '.mjs'] },
  },
};
