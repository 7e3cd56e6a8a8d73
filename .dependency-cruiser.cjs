// The walls of the house (ARCHITECTURE.md, README's architecture section), checked in CI by
// `npm run check:deps`: no import cycles; the domain imports only itself and its libraries; botbuilder
// only in bot/teams; Microsoft Graph only through bot/teams/graph; cards/ and documents/ are presentation and never
// import the store or the use cases.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-cycles',
      comment:
        'A cycle of imports that stay at run time makes load order matter. Checked on the compiled JavaScript ' +
        "(dist/), where type-only imports are gone: the parser dependency-cruiser uses for TypeScript 7 does not tell them apart.",
      severity: 'error',
      from: { path: '^dist/' },
      to: { circular: true },
    },
    {
      name: 'domain-is-pure',
      comment: 'bot/domain holds the model\'s rules without I/O: it imports only itself and its libraries.',
      severity: 'error',
      from: { path: '^(dist/)?bot/domain/' },
      to: { pathNot: ['^(dist/)?bot/domain/', '(^|/)node_modules/(luxon|date-holidays)/'] },
    },
    {
      name: 'botbuilder-only-in-teams',
      comment: 'The Bot Framework stays behind the Teams layer.',
      severity: 'error',
      from: { path: '^(dist/)?(bot|cards|documents)/', pathNot: '^(dist/)?bot/teams/' },
      to: { path: '(^|/)node_modules/(botbuilder|botframework-)' },
    },
    {
      name: 'graph-behind-teams',
      comment:
        'Microsoft Graph is reached only through its one client in bot/teams/graph, used by the Teams layer and the wiring (bot/index.ts); ' +
        'the domain, the use cases, the store and the outbox never import it (the app layer queues outbox messages, which the Teams layer sends).',
      severity: 'error',
      from: { path: '^(dist/)?(bot|cards|documents)/', pathNot: ['^(dist/)?bot/teams/', '^(dist/)?bot/index\\.(ts|js)$'] },
      to: { path: '^(dist/)?bot/teams/graph/' },
    },
    {
      name: 'cards-are-presentation',
      comment: 'cards/ and documents/ take view types; they never reach into the store or the use cases.',
      severity: 'error',
      from: { path: '^(dist/)?(cards|documents)/' },
      to: { path: '^(dist/)?bot/(store|app)/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    parser: 'swc',
    exclude: { path: '^node_modules/' },
  },
};
