/** Import rules: no cycles, and dependencies point one way (web → domain, server → domain). */
module.exports = {
  forbidden: [
    { name: 'no-circular', severity: 'error', from: {}, to: { circular: true } },
    {
      name: 'domain-is-pure',
      severity: 'error',
      comment: 'packages/domain holds the rules; it imports nothing from the apps and does no I/O.',
      from: { path: '^packages/domain' },
      to: { path: '^apps/' },
    },
    {
      name: 'domain-has-no-io',
      severity: 'error',
      comment: 'No Node built-in (fs, net, crypto, …) in packages/domain: the rules must run anywhere, the browser included.',
      from: { path: '^packages/domain' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'web-not-server',
      severity: 'error',
      from: { path: '^apps/web' },
      to: { path: '^apps/server' },
    },
    {
      name: 'server-not-web',
      severity: 'error',
      from: { path: '^apps/server' },
      to: { path: '^apps/web' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(node_modules|dist)' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.base.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.tsx', '.js'] },
  },
};
